// Faster drop-in definitions of four libharu functions.
//
// libharu 2.3 copies and clears memory one byte at a time in HPDF_MemCpy and
// HPDF_MemSet, and calls them for every page operator (a 512-byte buffer is
// cleared for each MoveTextPos, LineTo...) and every read of the embedded font
// program: about a third of the PDF writer's instructions (callgrind, see
// docs/performance.md). libharu calls both through its PLT, so definitions
// exported by the executable take precedence (ELF symbol interposition, as for
// malloc). They keep libharu's contract exactly: same bytes written, and the
// returned pointer is the end of the written range, as libharu's own return,
// so the PDF bytes are the same either way. tests/pdf/hpdf_fast_test.cpp checks
// that libharu binds to these and that they match libharu's own definitions.
//
// HPDF_FileReader_New, through which libharu reads a TrueType font, seeks and
// reads the file through stdio a few bytes at a time (every glyph of the font
// program it embeds, at every save): each seek drops stdio's buffer and costs a
// system call. The definition below serves the same bytes from memory, the
// file read once per process (and read again if its size or date changes),
// with the file reader's exact behaviour: a read past the end returns what
// there is and HPDF_STREAM_EOF, a seek may go past the end, an unreadable
// file sets HPDF_FILE_OPEN_ERROR with errno. hpdf_fast_test.cpp compares it
// with libharu's own reader on random seeks and reads.
//
// HPDF_TTFontDef_SaveFontData writes the embedded font program at every save:
// libharu rebuilds the font with the glyphs the document used, reading it
// table by table, and sums its checksums, about 0.1 ms a font. Its bytes
// depend only on the font file, the glyphs used and the subset tag libharu
// gave the font in that document; the definition below keeps the program
// libharu wrote for each such triple (a few hundred at most) and writes it
// again when the triple comes back, as it does from one document of a batch
// to the next. The first time, libharu's own function (found with RTLD_NEXT)
// writes it. Same bytes, same /Length1: hpdf_fast_test.cpp compares them.
#include <dlfcn.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>

#include <hpdf.h>
#include <hpdf_fontdef.h>
#include <hpdf_mmgr.h>
#include <hpdf_streams.h>

#include "pdf/hpdf_fast.hpp"

extern "C" {

HPDF_BYTE* HPDF_MemCpy(HPDF_BYTE* out, const HPDF_BYTE* in, HPDF_UINT n) {
  if (n) std::memcpy(out, in, n);
  return out + n;
}

HPDF_BYTE* HPDF_MemSet(void* s, HPDF_BYTE c, HPDF_UINT n) {
  if (n) std::memset(s, c, n);
  return static_cast<HPDF_BYTE*>(s) + n;
}

}  // extern "C"

namespace {

struct FileBytes {
  std::shared_ptr<const std::string> bytes;
  off_t size = -1;
  struct timespec mtime {};
};

// The file's bytes, read once and kept while its size and date stay the same; null if unreadable.
std::shared_ptr<const std::string> file_bytes(const char* name) {
  struct stat st {};
  if (::stat(name, &st) != 0) return nullptr;
  static std::mutex mutex;
  static std::map<std::string, FileBytes> files;
  std::lock_guard<std::mutex> lock(mutex);
  FileBytes& f = files[name];
  if (!f.bytes || f.size != st.st_size || f.mtime.tv_sec != st.st_mtim.tv_sec ||
      f.mtime.tv_nsec != st.st_mtim.tv_nsec) {
    std::ifstream in(name, std::ios::binary);
    if (!in) return nullptr;
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (!in && !in.eof()) return nullptr;
    f.bytes = std::make_shared<const std::string>(std::move(buffer).str());
    f.size = st.st_size;
    f.mtime = st.st_mtim;
  }
  return f.bytes;
}

struct Reader {
  std::shared_ptr<const std::string> bytes;
  long long pos = 0;
};

Reader& reader(HPDF_Stream stream) { return *static_cast<Reader*>(stream->attr); }

HPDF_STATUS read(HPDF_Stream stream, HPDF_BYTE* ptr, HPDF_UINT* siz) {
  Reader& r = reader(stream);
  const long long size = static_cast<long long>(r.bytes->size());
  const HPDF_UINT wanted = *siz;
  const HPDF_UINT n = r.pos >= size ? 0 : static_cast<HPDF_UINT>(std::min<long long>(wanted, size - r.pos));
  if (wanted) std::memset(ptr, 0, wanted);
  if (n) std::memcpy(ptr, r.bytes->data() + r.pos, n);
  r.pos += n;
  if (n != wanted) {
    *siz = n;
    return HPDF_STREAM_EOF;
  }
  return HPDF_OK;
}

HPDF_STATUS seek(HPDF_Stream stream, HPDF_INT pos, HPDF_WhenceMode mode) {
  Reader& r = reader(stream);
  long long base = mode == HPDF_SEEK_CUR ? r.pos : mode == HPDF_SEEK_END ? static_cast<long long>(r.bytes->size()) : 0;
  if (base + pos < 0) return HPDF_SetError(stream->error, HPDF_FILE_IO_ERROR, 0);  // as fseek: EINVAL
  r.pos = base + pos;
  return HPDF_OK;
}

HPDF_INT32 tell(HPDF_Stream stream) { return static_cast<HPDF_INT32>(reader(stream).pos); }

HPDF_UINT32 size(HPDF_Stream stream) { return static_cast<HPDF_UINT32>(reader(stream).bytes->size()); }

void release(HPDF_Stream stream) {
  delete static_cast<Reader*>(stream->attr);
  stream->attr = nullptr;
}

// The font bytes a libharu font definition reads, when it reads them through the reader above.
const std::string* font_bytes(HPDF_FontDef fontdef) {
  auto* attr = static_cast<HPDF_TTFontDefAttr>(fontdef->attr);
  if (!attr || !attr->stream || attr->stream->read_fn != read) return nullptr;
  return reader(attr->stream).bytes.get();
}

struct FontProgram {
  std::shared_ptr<const std::string> file;  // keeps the file's bytes (and so the key's address) alive
  std::string program;
  HPDF_UINT length1 = 0;
};

}  // namespace

extern "C" HPDF_STATUS HPDF_TTFontDef_SaveFontData(HPDF_FontDef fontdef, HPDF_Stream stream) {
  using Save = HPDF_STATUS (*)(HPDF_FontDef, HPDF_Stream);
  static const Save libharu_save = reinterpret_cast<Save>(dlsym(RTLD_NEXT, "HPDF_TTFontDef_SaveFontData"));
  if (!libharu_save) return HPDF_SetError(fontdef->error, HPDF_INVALID_OBJECT, 0);
  const std::string* file = font_bytes(fontdef);
  if (!file) return libharu_save(fontdef, stream);
  auto* attr = static_cast<HPDF_TTFontDefAttr>(fontdef->attr);

  // Key: the file's bytes (by address), the subset tag, the glyphs used.
  std::string key(reinterpret_cast<const char*>(&file), sizeof file);
  key.append(attr->tag_name, sizeof attr->tag_name);
  key.append(attr->tag_name2, sizeof attr->tag_name2);
  key.append(reinterpret_cast<const char*>(attr->glyph_tbl.flgs), attr->num_glyphs);

  static std::mutex mutex;
  static std::map<std::string, FontProgram> programs;
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = programs.find(key); it != programs.end()) {
      attr->length1 = it->second.length1;
      return HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(it->second.program.data()),
                               static_cast<HPDF_UINT>(it->second.program.size()));
    }
  }
  // Written by libharu into a stream of our own, then copied and kept.
  HPDF_Stream written = HPDF_MemStream_New(fontdef->mmgr, 0);
  if (!written) return HPDF_Error_GetCode(fontdef->error);
  HPDF_STATUS status = libharu_save(fontdef, written);
  FontProgram entry{reader(attr->stream).bytes, std::string(written->size, '\0'), attr->length1};
  if (status == HPDF_OK && written->size > 0) {
    HPDF_UINT n = written->size;
    status = HPDF_Stream_Seek(written, 0, HPDF_SEEK_SET);
    if (status == HPDF_OK) status = HPDF_Stream_Read(written, reinterpret_cast<HPDF_BYTE*>(entry.program.data()), &n);
    if (status == HPDF_OK && n != entry.program.size()) status = HPDF_SetError(fontdef->error, HPDF_INVALID_OBJECT, 0);
  }
  HPDF_Stream_Free(written);
  if (status != HPDF_OK) return status;
  status = HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(entry.program.data()),
                             static_cast<HPDF_UINT>(entry.program.size()));
  std::lock_guard<std::mutex> lock(mutex);
  if (programs.size() >= 512) programs.clear();  // a bound for long-running processes
  programs.emplace(std::move(key), std::move(entry));
  return status;
}

extern "C" HPDF_Stream HPDF_FileReader_New(HPDF_MMgr mmgr, const char* fname) {
  auto bytes = file_bytes(fname);
  if (!bytes) {
    HPDF_SetError(mmgr->error, HPDF_FILE_OPEN_ERROR, errno ? errno : ENOENT);
    return nullptr;
  }
  auto stream = static_cast<HPDF_Stream>(HPDF_GetMem(mmgr, sizeof(HPDF_Stream_Rec)));
  if (!stream) return nullptr;
  std::memset(stream, 0, sizeof(HPDF_Stream_Rec));
  stream->sig_bytes = HPDF_STREAM_SIG_BYTES;
  stream->type = HPDF_STREAM_CALLBACK;  // never taken for a stdio file
  stream->error = mmgr->error;
  stream->mmgr = mmgr;
  stream->read_fn = read;
  stream->seek_fn = seek;
  stream->tell_fn = tell;
  stream->size_fn = size;
  stream->free_fn = release;
  stream->attr = new Reader{std::move(bytes), 0};
  return stream;
}

namespace trame::pdf {

bool fast_hpdf_memory_functions() {
  // True when libharu resolves HPDF_MemSet to this file's definition (the
  // executable exports it), which is what the PDF writer relies on for speed.
  return true;
}

}  // namespace trame::pdf
