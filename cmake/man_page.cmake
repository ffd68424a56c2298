# Runs help2man on trame (cmake -P): HELP2MAN, TRAME, INCLUDE, OUT.
# help2man writes its own section titles and date in the user's locale; a build
# machine rarely has fr_FR generated, so they are put in French here. The date is the
# build's (SOURCE_DATE_EPOCH when set, as help2man reads it).
execute_process(
  COMMAND ${HELP2MAN} --locale=C.UTF-8 --no-info --no-discard-stderr --section=1 --include=${INCLUDE}
          --manual=Commandes --source=Trame ${TRAME}
  OUTPUT_VARIABLE page RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "help2man failed: ${err}")
endif()
string(REPLACE ".SH NAME\n" ".SH NOM\n" page "${page}")
string(REPLACE ".SS \"Subcommands:\"" ".SS \"Commandes :\"" page "${page}")
# The date of the title line, in French ("December 2026" -> "décembre 2026").
set(_months January janvier February février March mars April avril May mai June juin July juillet
    August août September septembre October octobre November novembre December décembre)
while(_months)
  list(POP_FRONT _months _en _fr)
  string(REGEX REPLACE "(\n\\.TH [^\n]*)\"${_en} " "\\1\"${_fr} " page "${page}")
endwhile()
string(REPLACE ".SH \"SEE ALSO\"\n" ".SH \"VOIR AUSSI\"\n" page "${page}")
file(WRITE ${OUT} "${page}")
file(REMOVE ${OUT}.gz)
execute_process(COMMAND gzip -9n ${OUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gzip failed")
endif()
