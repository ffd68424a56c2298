// Empty: the TRAME_SANITIZE and TRAME_FUZZ builds use the plain allocator (generator/common/CMakeLists.txt).
