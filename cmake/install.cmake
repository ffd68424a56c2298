# `cmake --install` and `cpack -G DEB`: the program in bin/, its data under
# share/trame/ (found there by trame::data_dir(): ../share/trame next to the
# executable), a French man page generated from --help, bash completion.
include(GNUInstallDirs)

install(TARGETS trame RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/templates/ DESTINATION ${CMAKE_INSTALL_DATADIR}/trame/templates)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/models/ DESTINATION ${CMAKE_INSTALL_DATADIR}/trame/models)
# The subset fonts the PDF embeds (generator/document/CMakeLists.txt)
# (absent without python3-fonttools: then the full system fonts are embedded).
# Fonts come from Debian font packages (the theme names them); PDFs embed subsets made per document.
install(DIRECTORY ${CMAKE_SOURCE_DIR}/samples/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/exemples
        PATTERN invalides EXCLUDE)
install(FILES ${CMAKE_SOURCE_DIR}/generator/cli/completion.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME trame)

# The man page, from `trame --help` by help2man (section titles put in French).
find_program(HELP2MAN help2man)
if(HELP2MAN)
  set(_man ${CMAKE_BINARY_DIR}/trame.1)
  add_custom_command(
    OUTPUT ${_man}.gz
    COMMAND ${CMAKE_COMMAND} -DHELP2MAN=${HELP2MAN} -DTRAME=$<TARGET_FILE:trame>
            -DINCLUDE=${CMAKE_SOURCE_DIR}/generator/cli/trame.h2m -DOUT=${_man}
            -P ${CMAKE_SOURCE_DIR}/cmake/man_page.cmake
    DEPENDS trame ${CMAKE_SOURCE_DIR}/generator/cli/trame.h2m ${CMAKE_SOURCE_DIR}/cmake/man_page.cmake
    COMMENT "Man page from trame --help (help2man)"
    VERBATIM)
  add_custom_target(trame_man ALL DEPENDS ${_man}.gz)
  install(FILES ${_man}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(WARNING "help2man is missing (scripts/setup.sh installs it): no man page")
endif()

# Debian package: shared-library dependencies by dpkg-shlibdeps, plus the data
# trame reads at run time from other packages.
set(CPACK_PACKAGE_NAME trame)
set(CPACK_PACKAGE_VENDOR "Trame")
set(CPACK_PACKAGE_CONTACT "Trame <trame@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "hyphen-fr, fonts-liberation2, fonts-dejavu-core, icc-profiles-free")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "fonts-noto-cjk")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "documents d’une CPTS en PDF et ODT à partir d’un dossier JSON")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "documents d’une CPTS en PDF et ODT à partir d’un dossier JSON\n"
    "Trame produit la lettre d’intention, le projet de santé, le budget prévisionnel,\n"
    "les statuts, le contrat ACI, les comptes rendus de COPIL et les avenants d’une\n"
    "Communauté Professionnelle Territoriale de Santé.")
include(CPack)
