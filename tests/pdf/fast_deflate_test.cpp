// Trame's fast Flate encoder (generator/pdf/fast_deflate.cpp): whatever the input,
// zlib inflates its output back to the input exactly.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include <zlib.h>

#include "common/files.hpp"
#include "pdf/fast_deflate.hpp"

namespace {

// Inflates a zlib stream with zlib, checking its Adler-32; throws nothing, returns ok = false on error.
std::string inflate_all(const std::string& z, size_t expected, bool& ok) {
  std::string out(expected + 1, '\0');
  uLongf size = static_cast<uLongf>(out.size());
  ok = uncompress(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(z.data()),
                  static_cast<uLong>(z.size())) == Z_OK;
  out.resize(size);
  return out;
}

void round_trip(const std::string& in) {
  INFO("input of " << in.size() << " bytes");
  std::string z = trame::pdf::fast_zlib(in);
  REQUIRE(z.size() >= 6);
  CHECK(static_cast<unsigned char>(z[0]) == 0x78);
  bool ok = false;
  std::string back = inflate_all(z, in.size(), ok);
  CHECK(ok);
  CHECK(back == in);
}

}  // namespace

TEST_CASE("fast deflate: edge sizes and repetitions inflate back exactly") {
  round_trip("");
  round_trip("a");
  round_trip("abc");
  round_trip("abcd");
  round_trip(std::string(1, '\0'));
  round_trip(std::string(5, 'x'));
  round_trip(std::string(258, 'x'));
  round_trip(std::string(259, 'x'));
  round_trip(std::string(100000, 'x'));  // long runs: overlapping matches of the largest length
  std::string period;
  for (int i = 0; i < 5000; ++i) period += "0.10196 0.10196 0.10196 rg\n62.36221 " + std::to_string(i) + " m\n";
  round_trip(period);
  // Matches at every distance up to the 32 KB window and beyond it.
  std::mt19937 rng(3);
  std::string block(40000, '\0');
  for (auto& c : block) c = static_cast<char>(rng());
  round_trip(block + block.substr(0, 1000) + block.substr(7000, 3000));
  for (size_t d : {1u, 2u, 3u, 4u, 5u, 7u, 8u, 9u, 255u, 256u, 257u, 4096u, 24577u, 32767u, 32768u, 32769u}) {
    INFO("distance " << d);
    std::string s = block.substr(0, std::min<size_t>(d, block.size()));
    while (s.size() < d) s += 'z';
    round_trip(s + s.substr(0, std::min<size_t>(d, 300)));
  }
}

TEST_CASE("fast deflate: random inputs of every kind inflate back exactly") {
  std::mt19937 rng(11);
  for (int round = 0; round < 300; ++round) {
    size_t n = rng() % 70000;
    std::string s(n, '\0');
    const int alphabet = 1 + static_cast<int>(rng() % 256);
    for (size_t i = 0; i < n; ++i) {
      if (i > 8 && rng() % 4 == 0) {  // copy an earlier run: matches of many lengths and distances
        size_t from = rng() % i, len = 1 + rng() % 300;
        for (size_t k = 0; k < len && i < n; ++k, ++i) s[i] = s[from + k];
        --i;
      } else {
        s[i] = static_cast<char>(rng() % alphabet);
      }
    }
    round_trip(s);
  }
}

TEST_CASE("fast deflate: real page content inflates back and is smaller than the input") {
  // A sample's page content, as the PDF writer hands it to the encoder.
  std::string content;
  for (int i = 0; i < 400; ++i)
    content += "BT\n0.10196 0.10196 0.10196 rg\n/F2 10.5 Tf\n62.36221 " + std::to_string(700 - i) +
               ".65002 Td\n(La communaut\xE9 professionnelle territoriale de sant\xE9 n\xB0" + std::to_string(i) +
               ") Tj\nET\n";
  std::string z = trame::pdf::fast_zlib(content);
  CHECK(z.size() * 4 < content.size());
  round_trip(content);
}
