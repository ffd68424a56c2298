// Trame's HPDF_MemCpy / HPDF_MemSet (generator/pdf/hpdf_fast.cpp) replace libharu's
// byte loops for speed: they must be the ones libharu calls, and behave exactly as
// libharu's own definitions, which are looked up inside the library itself.
#include <catch2/catch.hpp>

#include <dlfcn.h>

#include <array>
#include <cerrno>
#include <filesystem>
#include <utility>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>

#include "document/theme.hpp"
#include "pdf/hpdf_fast.hpp"

extern "C" {
HPDF_BYTE* HPDF_MemCpy(HPDF_BYTE* out, const HPDF_BYTE* in, HPDF_UINT n);
HPDF_BYTE* HPDF_MemSet(void* s, HPDF_BYTE c, HPDF_UINT n);
}

namespace {

using MemCpy = HPDF_BYTE* (*)(HPDF_BYTE*, const HPDF_BYTE*, HPDF_UINT);
using MemSet = HPDF_BYTE* (*)(void*, HPDF_BYTE, HPDF_UINT);

void* libharu() {
  // The library this program is linked with, found through one of its own functions.
  Dl_info info{};
  REQUIRE(dladdr(reinterpret_cast<void*>(&HPDF_New), &info) != 0);
  void* handle = dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD);
  REQUIRE(handle != nullptr);
  return handle;
}

}  // namespace

TEST_CASE("libharu's memory helpers resolve to Trame's definitions in the executable") {
  REQUIRE(trame::pdf::fast_hpdf_memory_functions());
  // What libharu's PLT binds to is the global lookup's answer.
  CHECK(dlsym(RTLD_DEFAULT, "HPDF_MemCpy") == reinterpret_cast<void*>(&HPDF_MemCpy));
  CHECK(dlsym(RTLD_DEFAULT, "HPDF_MemSet") == reinterpret_cast<void*>(&HPDF_MemSet));
  // And they are not libharu's own.
  void* lib = libharu();
  CHECK(dlsym(lib, "HPDF_MemCpy") != reinterpret_cast<void*>(&HPDF_MemCpy));
}

TEST_CASE("Trame's HPDF_MemCpy and HPDF_MemSet write and return what libharu's own do") {
  void* lib = libharu();
  auto own_cpy = reinterpret_cast<MemCpy>(dlsym(lib, "HPDF_MemCpy"));
  auto own_set = reinterpret_cast<MemSet>(dlsym(lib, "HPDF_MemSet"));
  REQUIRE(own_cpy != nullptr);
  REQUIRE(own_set != nullptr);
  std::mt19937 rng(42);
  for (HPDF_UINT n : {0u, 1u, 7u, 64u, 511u, 512u, 4096u}) {
    INFO("n = " << n);
    std::array<HPDF_BYTE, 5000> src{}, a{}, b{};
    for (auto& c : src) c = static_cast<HPDF_BYTE>(rng());
    a.fill(0xAB);
    b.fill(0xAB);
    CHECK(HPDF_MemCpy(a.data() + 3, src.data(), n) - a.data() == own_cpy(b.data() + 3, src.data(), n) - b.data());
    CHECK(a == b);
    CHECK(HPDF_MemSet(a.data() + 5, 0x5C, n) - a.data() == own_set(b.data() + 5, 0x5C, n) - b.data());
    CHECK(a == b);
  }
}

extern "C" HPDF_Stream HPDF_FileReader_New(HPDF_MMgr mmgr, const char* fname);

namespace {

using FileReaderNew = HPDF_Stream (*)(HPDF_MMgr, const char*);

// Any file will do: this test's own source.
std::string some_file() { return std::string(TRAME_SOURCE_DIR) + "/tests/pdf/hpdf_fast_test.cpp"; }

}  // namespace

TEST_CASE("libharu's file reader resolves to Trame's in-memory one") {
  CHECK(dlsym(RTLD_DEFAULT, "HPDF_FileReader_New") == reinterpret_cast<void*>(&HPDF_FileReader_New));
  CHECK(dlsym(libharu(), "HPDF_FileReader_New") != reinterpret_cast<void*>(&HPDF_FileReader_New));
}

TEST_CASE("Trame's file reader reads, seeks and tells as libharu's own, past the end too") {
  auto own_new = reinterpret_cast<FileReaderNew>(dlsym(libharu(), "HPDF_FileReader_New"));
  REQUIRE(own_new != nullptr);
  HPDF_Doc doc = HPDF_New(nullptr, nullptr);
  REQUIRE(doc != nullptr);
  HPDF_MMgr mmgr = doc->mmgr;
  const std::string file = some_file();
  HPDF_Stream ours = HPDF_FileReader_New(mmgr, file.c_str());
  HPDF_Stream theirs = own_new(mmgr, file.c_str());
  REQUIRE(ours != nullptr);
  REQUIRE(theirs != nullptr);
  CHECK(HPDF_Stream_Size(ours) == HPDF_Stream_Size(theirs));
  const HPDF_INT size = static_cast<HPDF_INT>(HPDF_Stream_Size(theirs));
  std::mt19937 rng(7);
  for (int step = 0; step < 2000; ++step) {
    INFO("step " << step);
    switch (rng() % 5) {
      case 0: {  // seek anywhere from the start, up to a little past the end
        HPDF_INT pos = static_cast<HPDF_INT>(rng() % (size + 64));
        CHECK(HPDF_Stream_Seek(ours, pos, HPDF_SEEK_SET) == HPDF_Stream_Seek(theirs, pos, HPDF_SEEK_SET));
        break;
      }
      case 1: {
        HPDF_INT delta = static_cast<HPDF_INT>(rng() % 200) - 100;
        if (HPDF_Stream_Tell(theirs) + delta < 0) delta = 0;
        CHECK(HPDF_Stream_Seek(ours, delta, HPDF_SEEK_CUR) == HPDF_Stream_Seek(theirs, delta, HPDF_SEEK_CUR));
        break;
      }
      case 2: {  // from the end, back into the file
        HPDF_INT back = -static_cast<HPDF_INT>(rng() % (size + 1));
        CHECK(HPDF_Stream_Seek(ours, back, HPDF_SEEK_END) == HPDF_Stream_Seek(theirs, back, HPDF_SEEK_END));
        break;
      }
      default: {
        HPDF_UINT n = rng() % 3 == 0 ? rng() % 5000 : rng() % 16;
        std::vector<HPDF_BYTE> a(n + 1, 0xEE), b(n + 1, 0xEE);
        HPDF_UINT na = n, nb = n;
        CHECK(HPDF_Stream_Read(ours, a.data(), &na) == HPDF_Stream_Read(theirs, b.data(), &nb));
        CHECK(na == nb);
        CHECK(a == b);
      }
    }
    CHECK(HPDF_Stream_Tell(ours) == HPDF_Stream_Tell(theirs));
  }
  CHECK(HPDF_GetError(doc) == HPDF_OK);
  HPDF_Stream_Free(ours);
  HPDF_Stream_Free(theirs);
  HPDF_Free(doc);
}

TEST_CASE("Trame's file reader reports a missing file as libharu's does") {
  HPDF_Doc doc = HPDF_New(nullptr, nullptr);
  REQUIRE(doc != nullptr);
  CHECK(HPDF_FileReader_New(doc->mmgr, "/nonexistent/police.ttf") == nullptr);
  CHECK(HPDF_GetError(doc) == HPDF_FILE_OPEN_ERROR);
  CHECK(HPDF_GetErrorDetail(doc) == ENOENT);
  HPDF_Free(doc);
}

extern "C" HPDF_STATUS HPDF_TTFontDef_SaveFontData(HPDF_FontDef fontdef, HPDF_Stream stream);

namespace {

using SaveFontData = HPDF_STATUS (*)(HPDF_FontDef, HPDF_Stream);

std::string bytes_of(HPDF_Stream s) {
  std::string out(s->size, '\0');
  HPDF_UINT n = s->size;
  REQUIRE(HPDF_Stream_Seek(s, 0, HPDF_SEEK_SET) == HPDF_OK);
  if (n) REQUIRE(HPDF_Stream_Read(s, reinterpret_cast<HPDF_BYTE*>(out.data()), &n) == HPDF_OK);
  return out;
}

// A font program as written by `save`, with the /Length1 it set.
std::pair<std::string, HPDF_UINT> program(SaveFontData save, HPDF_Doc doc, HPDF_FontDef def) {
  HPDF_Stream s = HPDF_MemStream_New(doc->mmgr, 0);
  REQUIRE(s != nullptr);
  static_cast<HPDF_TTFontDefAttr>(def->attr)->length1 = 0;
  REQUIRE(save(def, s) == HPDF_OK);
  auto out = std::make_pair(bytes_of(s), static_cast<HPDF_TTFontDefAttr>(def->attr)->length1);
  HPDF_Stream_Free(s);
  return out;
}

}  // namespace

TEST_CASE("libharu's font program writer resolves to Trame's memoising one") {
  CHECK(dlsym(RTLD_DEFAULT, "HPDF_TTFontDef_SaveFontData") == reinterpret_cast<void*>(&HPDF_TTFontDef_SaveFontData));
  CHECK(dlsym(libharu(), "HPDF_TTFontDef_SaveFontData") != reinterpret_cast<void*>(&HPDF_TTFontDef_SaveFontData));
}

TEST_CASE("a memoised font program has libharu's bytes and /Length1, and follows the glyphs used") {
  auto own_save = reinterpret_cast<SaveFontData>(dlsym(libharu(), "HPDF_TTFontDef_SaveFontData"));
  REQUIRE(own_save != nullptr);
  const auto theme = trame::doc::Theme::load(std::filesystem::path(TRAME_SOURCE_DIR) / "templates/theme.json");
  HPDF_Doc doc = HPDF_New(nullptr, nullptr);
  REQUIRE(doc != nullptr);
  const char* name = HPDF_LoadTTFontFromFile(doc, theme.font.regular.c_str(), HPDF_TRUE);
  REQUIRE(name != nullptr);
  HPDF_Font font = HPDF_GetFont(doc, name, "CP1252");
  REQUIRE(font != nullptr);
  HPDF_FontDef def = static_cast<HPDF_FontAttr>(font->attr)->fontdef;
  auto mark = [&](const std::string& cp1252) {  // libharu marks the glyphs it measures as used
    HPDF_Font_TextWidth(font, reinterpret_cast<const HPDF_BYTE*>(cp1252.data()), static_cast<HPDF_UINT>(cp1252.size()));
  };
  mark("Contrat \xC9l\xE9ments");
  auto first = program(&HPDF_TTFontDef_SaveFontData, doc, def);   // written by libharu, then kept
  auto again = program(&HPDF_TTFontDef_SaveFontData, doc, def);   // from memory
  auto theirs = program(own_save, doc, def);
  CHECK(first.first.size() > 1000);
  CHECK(first == theirs);
  CHECK(again == theirs);
  mark("xyz 0123");  // more glyphs: another program
  auto more = program(&HPDF_TTFontDef_SaveFontData, doc, def);
  auto more_theirs = program(own_save, doc, def);
  CHECK(more == more_theirs);
  CHECK(more.first != first.first);
  CHECK(HPDF_GetError(doc) == HPDF_OK);
  HPDF_Free(doc);
}
