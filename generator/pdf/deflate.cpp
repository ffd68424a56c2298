#include "pdf/deflate.hpp"

#include <array>
#include <memory>
#include <new>

#include <libdeflate.h>

namespace trame::pdf {

std::string deflate_zlib(std::string_view in, int level) {
  struct Free {
    void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
  };
  thread_local std::array<std::unique_ptr<libdeflate_compressor, Free>, 13> compressors;
  auto& c = compressors.at(static_cast<size_t>(level));
  if (!c) c.reset(libdeflate_alloc_compressor(level));
  if (!c) throw std::bad_alloc();
  std::string out(libdeflate_zlib_compress_bound(c.get(), in.size()), '\0');
  const size_t n = libdeflate_zlib_compress(c.get(), in.data(), in.size(), out.data(), out.size());
  out.resize(n);  // never 0: the bound always fits
  return out;
}

}  // namespace trame::pdf
