#include "pdf/fast_deflate.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <vector>

#include <zlib.h>

namespace trame::pdf {
namespace {

constexpr int kHashBits = 14;
constexpr size_t kWindow = 32768;  // the largest distance deflate can express
constexpr size_t kMinMatch = 4, kMaxMatch = 258;

uint32_t reverse_bits(uint32_t code, int length) {
  uint32_t r = 0;
  for (int i = 0; i < length; ++i) r |= ((code >> i) & 1u) << (length - 1 - i);
  return r;
}

struct Code {
  uint32_t bits;  // already bit-reversed: written least significant bit first
  uint8_t length;
};

// The fixed literal/length and distance codes, and the length and distance tables.
struct Tables {
  std::array<Code, 288> lit{};
  std::array<Code, 30> dist{};
  // Per match length 3..258: symbol (257..285) and its extra bits.
  std::array<uint16_t, kMaxMatch + 1> len_symbol{};
  std::array<uint8_t, kMaxMatch + 1> len_extra_bits{};
  std::array<uint16_t, kMaxMatch + 1> len_extra{};
  Tables() {
    for (uint32_t s = 0; s < 288; ++s) {
      uint32_t code;
      int length;
      if (s < 144) code = 0x30 + s, length = 8;
      else if (s < 256) code = 0x190 + (s - 144), length = 9;
      else if (s < 280) code = s - 256, length = 7;
      else code = 0xC0 + (s - 280), length = 8;
      lit[s] = {reverse_bits(code, length), static_cast<uint8_t>(length)};
    }
    for (uint32_t d = 0; d < 30; ++d) dist[d] = {reverse_bits(d, 5), 5};
    static const uint16_t base[29] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                      31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
    static const uint8_t extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
    for (int k = 0; k < 29; ++k) {
      const int last = k + 1 < 29 ? base[k + 1] - 1 : 258;
      for (int len = base[k]; len <= last && len <= 258; ++len) {
        len_symbol[len] = static_cast<uint16_t>(257 + k);
        len_extra_bits[len] = extra[k];
        len_extra[len] = static_cast<uint16_t>(len - base[k]);
      }
    }
  }
};

const Tables& tables() {
  static const Tables t;
  return t;
}

// Distance code (0..29) of a distance 1..32768, with its extra bits.
inline void distance_code(uint32_t d, uint32_t& symbol, uint32_t& extra_bits, uint32_t& extra) {
  static const uint32_t base[30] = {1,   2,   3,   4,   5,   7,    9,    13,   17,   25,   33,   49,   65,    97,    129,
                                    193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
  // The code is 2 * (floor(log2(d - 1))) + (second highest bit), for d > 4.
  if (d <= 4) {
    symbol = d - 1;
  } else {
    const uint32_t v = d - 1;
    const int msb = 31 - __builtin_clz(v);
    symbol = static_cast<uint32_t>(2 * msb) + ((v >> (msb - 1)) & 1u);
  }
  extra_bits = symbol < 4 ? 0 : (symbol / 2 - 1);
  extra = d - base[symbol];
}

// Least-significant-bit-first writer into a buffer sized for the worst case.
struct BitWriter {
  uint8_t* out;
  uint64_t acc = 0;
  int count = 0;
  void put(uint32_t bits, int length) {
    acc |= static_cast<uint64_t>(bits) << count;
    count += length;
    if (count >= 32) {
      std::memcpy(out, &acc, 4);  // little-endian: the low bytes first
      out += 4;
      acc >>= 32;
      count -= 32;
    }
  }
  void finish() {
    while (count > 0) {
      *out++ = static_cast<uint8_t>(acc);
      acc >>= 8;
      count -= 8;
    }
    count = 0;
  }
};

inline uint32_t load32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

}  // namespace

std::string fast_zlib(std::string_view input) {
  static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the bit writer stores little-endian words");
  const Tables& t = tables();
  const auto* in = reinterpret_cast<const uint8_t*>(input.data());
  const size_t n = input.size();
  // Worst case: every byte a 9-bit literal, plus header, block end, padding, Adler-32.
  std::string out(2 + (n * 9 + 7) / 8 + 16 + 4, '\0');
  auto* o = reinterpret_cast<uint8_t*>(out.data());
  o[0] = 0x78;  // deflate, 32 KB window
  o[1] = 0x01;  // fastest compression; (0x78 * 256 + 0x01) % 31 == 0
  BitWriter w{o + 2};
  w.put(1u | (1u << 1), 3);  // BFINAL = 1, BTYPE = 01 (fixed Huffman codes)

  static thread_local std::vector<uint32_t> head;  // position + 1 of the last 4 bytes with that hash
  head.assign(size_t{1} << kHashBits, 0);
  size_t i = 0;
  while (i + kMinMatch <= n) {
    const uint32_t v = load32(in + i);
    const uint32_t h = (v * 2654435761u) >> (32 - kHashBits);
    const uint32_t candidate = head[h];
    head[h] = static_cast<uint32_t>(i + 1);
    if (candidate != 0) {
      const size_t m = candidate - 1;
      if (i - m <= kWindow && load32(in + m) == v) {
        size_t length = kMinMatch;
        const size_t max = std::min(kMaxMatch, n - i);
        while (length < max && in[m + length] == in[i + length]) ++length;
        const Code& lc = t.lit[t.len_symbol[length]];
        w.put(lc.bits, lc.length);
        if (t.len_extra_bits[length]) w.put(t.len_extra[length], t.len_extra_bits[length]);
        uint32_t symbol, extra_bits, extra;
        distance_code(static_cast<uint32_t>(i - m), symbol, extra_bits, extra);
        w.put(t.dist[symbol].bits, t.dist[symbol].length);
        if (extra_bits) w.put(extra, static_cast<int>(extra_bits));
        i += length;
        continue;
      }
    }
    const Code& c = t.lit[in[i]];
    w.put(c.bits, c.length);
    ++i;
  }
  for (; i < n; ++i) w.put(t.lit[in[i]].bits, t.lit[in[i]].length);
  w.put(t.lit[256].bits, t.lit[256].length);  // end of block
  w.finish();
  const uLong adler = adler32(adler32(0L, Z_NULL, 0), in, static_cast<uInt>(n));
  uint8_t* a = w.out;
  a[0] = static_cast<uint8_t>(adler >> 24);
  a[1] = static_cast<uint8_t>(adler >> 16);
  a[2] = static_cast<uint8_t>(adler >> 8);
  a[3] = static_cast<uint8_t>(adler);
  out.resize(static_cast<size_t>(a + 4 - reinterpret_cast<uint8_t*>(out.data())));
  return out;
}

}  // namespace trame::pdf
