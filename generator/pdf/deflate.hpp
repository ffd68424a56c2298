// Flate compression of PDF streams with libdeflate (Debian's libdeflate-dev):
// faster than zlib at a given ratio. One compressor a thread and level, kept.
#pragma once
#include <string>
#include <string_view>

namespace trame::pdf {

// The zlib stream (RFC 1950) of `in`, as /FlateDecode expects. Deterministic.
std::string deflate_zlib(std::string_view in, int level);

}  // namespace trame::pdf
