#include "support/support.hpp"

#include <array>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <zip.h>

namespace trame::test {
namespace fs = std::filesystem;

static std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

RunResult run(const std::string& command) {
  TempDir tmp("trame_run");
  fs::path out = tmp.path / "out", err = tmp.path / "err";
  std::string full = "(" + command + ") >" + quote(out.string()) + " 2>" + quote(err.string()) + " </dev/null";
  int status = std::system(full.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

std::string quote(const std::string& arg) {
  std::string q = "'";
  for (char c : arg) {
    if (c == '\'') q += "'\\''";
    else q += c;
  }
  return q + "'";
}

TempDir::TempDir(const std::string& prefix) {
  static std::mutex m;
  static std::mt19937_64 rng{std::random_device{}()};
  std::lock_guard<std::mutex> lock(m);
  path = fs::temp_directory_path() / (prefix + "_" + std::to_string(rng()));
  fs::create_directories(path);
}
TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path, ec);
}

namespace {
struct Schema {
  xmlRelaxNGPtr schema = nullptr;
  explicit Schema(const fs::path& file) {
    xmlRelaxNGParserCtxtPtr ctxt = xmlRelaxNGNewParserCtxt(file.c_str());
    schema = xmlRelaxNGParse(ctxt);
    xmlRelaxNGFreeParserCtxt(ctxt);
    if (!schema) throw std::runtime_error("cannot compile RELAX NG schema " + file.string());
  }
};
void collect_error(void* ctx, const char* fmt, ...) {
  auto* errors = static_cast<std::vector<std::string>*>(ctx);
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  errors->push_back(buf);
}
}  // namespace

std::vector<std::string> validate_odf_part(const std::string& xml, bool manifest) {
  static std::mutex m;
  std::lock_guard<std::mutex> lock(m);
  fs::path dir = TRAME_ODF_SCHEMA_DIR;
  static Schema main_schema(dir / "OpenDocument-v1.3-schema.rng");
  static Schema manifest_schema(dir / "OpenDocument-v1.3-manifest-schema.rng");
  std::vector<std::string> errors;
  xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "part.xml", nullptr, XML_PARSE_NONET);
  if (!doc) return {"not well-formed XML"};
  xmlRelaxNGValidCtxtPtr v = xmlRelaxNGNewValidCtxt(manifest ? manifest_schema.schema : main_schema.schema);
  xmlRelaxNGSetValidErrors(v, (xmlRelaxNGValidityErrorFunc)collect_error, (xmlRelaxNGValidityWarningFunc)collect_error,
                           &errors);
  int rc = xmlRelaxNGValidateDoc(v, doc);
  xmlRelaxNGFreeValidCtxt(v);
  xmlFreeDoc(doc);
  if (rc != 0 && errors.empty()) errors.push_back("invalid (rc=" + std::to_string(rc) + ")");
  return errors;
}

static zip_t* open_zip(const fs::path& zip) {
  int err = 0;
  zip_t* z = zip_open(zip.c_str(), ZIP_RDONLY, &err);
  if (!z) throw std::runtime_error("cannot open zip " + zip.string());
  return z;
}

std::string zip_entry(const fs::path& zip, const std::string& name) {
  zip_t* z = open_zip(zip);
  zip_stat_t st;
  if (zip_stat(z, name.c_str(), 0, &st) != 0) {
    zip_close(z);
    throw std::runtime_error("no entry " + name);
  }
  std::string data(st.size, '\0');
  zip_file_t* f = zip_fopen(z, name.c_str(), 0);
  zip_fread(f, data.data(), st.size);
  zip_fclose(f);
  zip_close(z);
  return data;
}

std::vector<std::string> zip_names(const fs::path& zip) {
  zip_t* z = open_zip(zip);
  std::vector<std::string> names;
  for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) names.push_back(zip_get_name(z, i, 0));
  zip_close(z);
  return names;
}

int zip_method(const fs::path& zip, const std::string& name) {
  zip_t* z = open_zip(zip);
  zip_stat_t st;
  int method = -1;
  if (zip_stat(z, name.c_str(), 0, &st) == 0) method = st.comp_method;
  zip_close(z);
  return method;
}

std::string normalize_spaces(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    if (c == 0xC2 && i + 1 < s.size() && (unsigned char)s[i + 1] == 0xA0) { out += ' '; ++i; continue; }
    if (c == 0xE2 && i + 2 < s.size() && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0xAF) {
      out += ' '; i += 2; continue;
    }
    out += static_cast<char>(c);
  }
  std::string collapsed;
  for (char c : out) {
    if (c == ' ' && !collapsed.empty() && collapsed.back() == ' ') continue;
    collapsed += c;
  }
  return collapsed;
}

std::string pdf_line(const std::filesystem::path& pdf) {
  std::string t = run("pdftotext -enc UTF-8 " + quote(pdf.string()) + " -").out;
  for (char& c : t)
    if (c == '\n') c = ' ';
  return normalize_spaces(t);
}

}  // namespace trame::test
