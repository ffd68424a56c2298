// Signing a field of a PDF Trame wrote: see signer.hpp. The layout of an update:
//
//   N 0 obj <</Type/Sig … /ByteRange[0 a b c] /Contents<hex zeros> /M(D:…)>> endobj
//   F 0 obj <the field as written, with /V N 0 R> endobj
//   A 0 obj <the AcroForm with /SigFlags 3> endobj      (first signature only)
//   xref … trailer <</Size … /Root … /Info … /ID … /Prev x>> startxref … %%EOF
//
// The byte ranges cover the whole file but the hex string of /Contents, into which the
// CMS signature is written last (its placeholder keeps every offset in place).
#include "sign/signer.hpp"

#include <cctype>
#include <cstdio>
#include <map>

#include "common/diagnostic.hpp"
#include "common/files.hpp"
#include "sign/pdf_reader.hpp"

namespace trame::sign {

namespace {

constexpr size_t kSignatureBytes = 32768;  // room for the CMS: certificates, chain and timestamp token
constexpr int kByteRangeWidth = 10;        // digits a ByteRange number may take

Error document_error(const std::string& id, const std::string& file, const std::string& message) {
  return Error(ErrorKind::Document, Diagnostic{Severity::Error, id, file, 0, 0, "", message});
}
Error field_error(const std::string& id, const std::string& file, const std::string& message) {
  return Error(ErrorKind::Field, Diagnostic{Severity::Error, id, file, 0, 0, "", message});
}

std::string hex(std::string_view bytes) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) out += digits[c >> 4], out += digits[c & 0xF];
  return out;
}

struct Field {
  int object = 0;
  std::string name;
  bool signed_ = false;
};

struct Document {
  PdfReader reader;
  int acroform = 0;
  std::vector<Field> fields;
};

const char* kChanged = "le fichier a été modifié depuis que Trame l’a écrit : ";

// The checks of check_document(); the reader is kept for signing.
Document read_document(const std::string& file, const std::string& pdf) {
  const char* kForeign = "ce PDF n’a pas été écrit par Trame : ";
  std::unique_ptr<PdfReader> reader;
  try {
    reader = std::make_unique<PdfReader>(pdf);
  } catch (const ParseError& e) {
    throw document_error("trame.sign.E301", file, std::string(kForeign) + e.what());
  }
  const PdfReader& r = *reader;
  try {
    const Value info = r.resolve(r.trailer().get("Info") ? *r.trailer().get("Info") : Value{});
    const Value* producer = info.get("Producer");
    if (!producer || producer->kind != Value::String || text_to_utf8(producer->text).rfind("Trame", 0) != 0)
      throw document_error("trame.sign.E301", file, std::string(kForeign) + "son producteur (/Producer) n’est pas Trame");
    // The original: /ID is the hash of the objects (pdf/pdf_file.cpp), each where the table says.
    const Revision& first = r.revisions().front();
    const Value* id = first.trailer.get("ID");
    if (!id || id->kind != Value::Array || id->items.empty() || id->items[0].kind != Value::String)
      throw document_error("trame.sign.E303", file,
                           "ce PDF n’a pas de champ de signature (seuls le contrat et les avenants en ont)");
    if (hex(id->items[0].text) != [&] {
          std::string h = sha256_hex(std::string_view(pdf).substr(0, first.xref)).substr(0, 32);
          for (char& c : h) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
          return h;
        }())
      throw document_error("trame.sign.E302", file, std::string(kChanged) + "son contenu ne correspond plus à son empreinte");
    for (const auto& [n, off] : first.objects) {
      const std::string head = std::to_string(n) + " 0 obj";
      if (off >= first.xref || pdf.compare(off, head.size(), head) != 0)
        throw document_error("trame.sign.E302", file, std::string(kChanged) + "sa table des objets ne correspond plus");
    }
    // Each later revision: a signature over everything before its end, which still holds.
    for (size_t k = 1; k < r.revisions().size(); ++k) {
      const Revision& rev = r.revisions()[k];
      bool found = false;
      for (const auto& [n, off] : rev.objects) {
        if (off <= r.revisions()[k - 1].end || off >= rev.xref) continue;
        std::string_view text = std::string_view(pdf).substr(off);
        size_t p = text.find("obj");
        if (p == std::string_view::npos) continue;
        p += 3;
        Value v = parse_value(text, p);
        const Value* type = v.get("Type");
        const Value* range = v.get("ByteRange");
        const Value* contents = v.get("Contents");
        if (!type || type->text != "Sig" || !range || !contents || range->items.size() != 4) continue;
        size_t b[4];
        bool numbers = true;
        for (size_t i = 0; i < 4; ++i) {
          const Value& x = range->items[i];
          numbers = numbers && x.kind == Value::Number && x.number >= 0 && x.number <= static_cast<double>(pdf.size());
          b[i] = numbers ? static_cast<size_t>(x.number) : 0;
        }
        if (!numbers) continue;
        if (b[0] != 0 || b[1] >= b[2] || b[2] > rev.end || b[2] + b[3] != rev.end || pdf[b[1]] != '<' ||
            pdf[b[2] - 1] != '>')
          continue;
        std::string data = pdf.substr(0, b[1]) + pdf.substr(b[2], b[3]);
        if (!cms_verify(contents->text, data))
          throw document_error("trame.sign.E302", file, std::string(kChanged) + "une signature ne correspond plus au document");
        found = true;
      }
      if (!found)
        throw document_error("trame.sign.E302", file,
                             std::string(kChanged) + "une mise à jour ajoutée n’est pas une signature couvrant le fichier");
    }
    if (r.revisions().back().end != pdf.size())
      throw document_error("trame.sign.E302", file, std::string(kChanged) + "des octets ont été ajoutés à la fin");

    const Value* size = r.trailer().get("Size");
    const Value* root = r.trailer().get("Root");
    if (!size || size->kind != Value::Number || size->number < 1 || size->number > 8e6 || !root || root->kind != Value::Ref)
      throw document_error("trame.sign.E301", file, std::string(kForeign) + "son dictionnaire de fin (trailer) est incomplet");
    Document d{std::move(*reader), 0, {}};
    const Value catalog = d.reader.resolve(*d.reader.trailer().get("Root"));
    const Value* acro = catalog.get("AcroForm");
    if (!acro || acro->kind != Value::Ref)
      throw document_error("trame.sign.E303", file, "ce PDF n’a pas de champ de signature (seuls le contrat et les avenants en ont)");
    d.acroform = acro->ref();
    const Value form = d.reader.object(d.acroform);
    const Value* list = form.get("Fields");
    if (list)
      for (const Value& f : list->items) {
        const Value field = d.reader.resolve(f);
        const Value* ft = field.get("FT");
        const Value* t = field.get("T");
        if (f.kind != Value::Ref || !ft || ft->text != "Sig" || !t) continue;
        d.fields.push_back({f.ref(), text_to_utf8(t->text), field.get("V") != nullptr});
      }
    return d;
  } catch (const ParseError& e) {
    throw document_error("trame.sign.E301", file, std::string(kForeign) + e.what());
  }
}

// "…>>" with `entry` before its closing ">>".
std::string with_entry(std::string_view dict, const std::string& entry) {
  size_t close = dict.rfind(">>");
  return std::string(dict.substr(0, close)) + entry + std::string(dict.substr(close));
}

std::string pdf_date(std::time_t when) {
  std::tm tm{};
  gmtime_r(&when, &tm);
  char buf[80];
  std::snprintf(buf, sizeof buf, "(D:%04d%02d%02d%02d%02d%02d+00'00')", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string text_string(const std::string& utf8) {
  // UTF-8 to UTF-16BE hex with a byte order mark (as pdf/pdf_file.cpp writes names)
  std::string out = "<FEFF";
  char buf[8];
  for (size_t i = 0; i < utf8.size();) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    char32_t cp = c;
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (extra) cp = c & (0x3F >> extra);
    for (int k = 1; k <= extra && i + k < utf8.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    i += static_cast<size_t>(extra) + 1;
    if (cp >= 0x10000) {
      std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(0xD800 + ((cp - 0x10000) >> 10)));
      out += buf;
      cp = 0xDC00 + ((cp - 0x10000) & 0x3FF);
    }
    std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(cp));
    out += buf;
  }
  return out + ">";
}

}  // namespace

std::vector<FieldState> check_document(const std::string& file, const std::string& pdf) {
  std::vector<FieldState> out;
  for (const auto& f : read_document(file, pdf).fields) out.push_back({f.name, f.signed_});
  return out;
}

std::string sign_pdf(const std::string& pdf, const SignRequest& rq, const Credentials& credentials) {
  const Document d = read_document(rq.file, pdf);
  const PdfReader& r = d.reader;
  const Field* field = nullptr;
  std::string names;
  for (const auto& f : d.fields) {
    if (f.name == rq.field) field = &f;
    names += (names.empty() ? "« " : ", « ") + f.name + " »" + (f.signed_ ? " (signé)" : "");
  }
  if (!field)
    throw field_error("trame.sign.E401", rq.file,
                      "pas de champ de signature « " + rq.field + " » dans ce PDF ; ses champs : " + names);
  if (field->signed_) throw field_error("trame.sign.E402", rq.file, "le champ « " + rq.field + " » est déjà signé");

  const Value& trailer = r.trailer();
  const int size = static_cast<int>(trailer.get("Size")->number);
  const int sig = size;
  std::map<int, std::string> objects;
  std::string sig_dict = "<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/ByteRange[0 ";
  const size_t range_at = sig_dict.size();
  sig_dict += std::string(3 * (kByteRangeWidth + 1), ' ') + "]/Contents<" + std::string(2 * kSignatureBytes, '0') +
              ">/M" + pdf_date(rq.when) + "/Name " + text_string(credentials.signer_name()) + ">>";
  objects[sig] = sig_dict;
  objects[field->object] = with_entry(r.object_text(field->object), "/V " + std::to_string(sig) + " 0 R");
  if (!r.object(d.acroform).get("SigFlags"))  // SignaturesExist | AppendOnly (§12.7.2)
    objects[d.acroform] = with_entry(r.object_text(d.acroform), "/SigFlags 3");

  std::string out = pdf;
  if (out.back() != '\n') out += '\n';
  std::map<int, size_t> offsets;
  size_t sig_at = 0;
  for (const auto& [n, body] : objects) {
    offsets[n] = out.size();
    out += std::to_string(n) + " 0 obj\n";
    if (n == sig) sig_at = out.size();
    out += body + "\nendobj\n";
  }
  const size_t xref = out.size();
  out += "xref\n";
  for (auto it = offsets.begin(); it != offsets.end();) {  // one subsection a run of numbers
    auto end = it;
    int count = 0;
    while (end != offsets.end() && end->first == it->first + count) ++end, ++count;
    out += std::to_string(it->first) + " " + std::to_string(count) + "\n";
    char entry[21];
    for (; it != end; ++it) {
      std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", it->second);
      out.append(entry, 20);
    }
  }
  out += "trailer\n<</Size " + std::to_string(size + 1) + "/Root " + std::to_string(trailer.get("Root")->ref()) + " 0 R";
  if (const Value* info = trailer.get("Info")) out += "/Info " + std::to_string(info->ref()) + " 0 R";
  const Value* id = trailer.get("ID");
  out += "/ID[<" + hex(id->items[0].text) + "><" + hex(id->items.size() > 1 ? id->items[1].text : id->items[0].text) + ">]";
  out += "/Prev " + std::to_string(r.revisions().back().xref) + ">>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";

  // The byte ranges around /Contents' hex string, then the signature into it.
  const size_t contents_start = out.find("/Contents<", sig_at) + 9;
  const size_t contents_end = contents_start + 2 * kSignatureBytes + 2;
  std::string numbers = std::to_string(contents_start) + " " + std::to_string(contents_end) + " " +
                        std::to_string(out.size() - contents_end);
  out.replace(sig_at + range_at, numbers.size(), numbers);
  const std::string data = out.substr(0, contents_start) + out.substr(contents_end);
  const std::string cms = cms_sign(credentials, data, rq.tsa_url);
  if (cms.size() > kSignatureBytes)
    throw Error(ErrorKind::Internal, Diagnostic{Severity::Error, "trame.sign.E502", rq.file, 0, 0, "",
                                                "signature trop grande (" + std::to_string(cms.size()) + " octets)"});
  const std::string h = hex(cms);
  out.replace(contents_start + 1, h.size(), h);
  return out;
}

}  // namespace trame::sign
