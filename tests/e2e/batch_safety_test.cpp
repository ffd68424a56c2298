// Batch and pack never lose or mix the user's files (issue 15): output paths
// from file names, inputs with one stem, a lock on the output folder, stale
// temporaries, disk errors part-way, symbolic links, edited files.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sys/file.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include "common/files.hpp"
#include "e2e/e2e.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace trame::test;

static std::vector<std::string> listing(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) out.push_back(fs::relative(e.path(), dir).string());
  std::sort(out.begin(), out.end());
  return out;
}

static bool has_line_starting(const std::string& text, const std::string& prefix) {
  size_t at = 0;
  while (at <= text.size()) {
    if (text.compare(at, prefix.size(), prefix) == 0) return true;
    at = text.find('\n', at);
    if (at == std::string::npos) return false;
    ++at;
  }
  return false;
}

TEST_CASE("batch: a dossier named ...json or ..json is refused, nothing is written outside its own folder") {
  TempDir t("trame_names");
  fs::create_directories(t.path / "in");
  fs::copy_file(sample("sud-manche.json"), t.path / "in" / "...json");
  fs::copy_file(sample("sud-manche.json"), t.path / "in" / "..json");
  fs::copy_file(sample("vallee-du-loir.json"), t.path / "in" / "vallee-du-loir.json");
  fs::path out = t.path / "out" / "sub";
  auto r = run(cmd("batch " + quote((t.path / "in").string()) + " --out " + quote(out.string())));
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("nom de dossier inutilisable") != std::string::npos);
  // out/ holds only sub/; sub/ holds the good dossier's folder, the batch manifest and the lock.
  CHECK(listing(t.path / "out").front() == "sub");
  for (const auto& e : fs::directory_iterator(t.path / "out")) CHECK(e.path().filename() == "sub");
  std::vector<std::string> top;
  for (const auto& e : fs::directory_iterator(out)) top.push_back(e.path().filename().string());
  std::sort(top.begin(), top.end());
  CHECK(top == std::vector<std::string>{".trame.lock", "batch-manifest.json", "vallee-du-loir"});
}

TEST_CASE("batch: two inputs with one stem get two folders, each complete, a file named twice is done once") {
  TempDir t("trame_stems");
  fs::create_directories(t.path / "a");
  fs::create_directories(t.path / "b");
  fs::copy_file(sample("sud-manche.json"), t.path / "a" / "x.json");
  fs::copy_file(sample("vallee-du-loir.json"), t.path / "b" / "x.json");
  fs::path out = t.path / "out";
  auto r = run(cmd("batch " + quote((t.path / "a" / "x.json").string()) + " " + quote((t.path / "b" / "x.json").string()) +
                   " " + quote((t.path / "a" / "x.json").string()) + " --jobs 2 --out " + quote(out.string())));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  json m = json::parse(trame::read_file(out / "batch-manifest.json"));
  REQUIRE(m["dossiers"].size() == 2);
  CHECK(m["dossiers"][0]["sortie"] == "x-a");
  CHECK(m["dossiers"][1]["sortie"] == "x-b");
  // Each folder holds its own dossier's documents (the names of the CPTS differ).
  json ma = json::parse(trame::read_file(out / "x-a" / "manifest.json"));
  json mb = json::parse(trame::read_file(out / "x-b" / "manifest.json"));
  CHECK(ma["dossier_sha256"] == trame::sha256_hex(trame::read_file(sample("sud-manche.json"))));
  CHECK(mb["dossier_sha256"] == trame::sha256_hex(trame::read_file(sample("vallee-du-loir.json"))));
  for (const auto& f : ma["files"]) CHECK(fs::exists(out / "x-a" / f["file"].get<std::string>()));
  for (const auto& f : mb["files"]) CHECK(fs::exists(out / "x-b" / f["file"].get<std::string>()));
}

TEST_CASE("batch: a second trame on the same output folder is refused while the first holds it") {
  TempDir t("trame_lock");
  fs::path out = t.path / "out";
  fs::create_directories(out);
  int fd = ::open((out / ".trame.lock").c_str(), O_RDWR | O_CREAT, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);  // as a running batch holds it
  auto r = run(cmd("batch " + quote(sample("sud-manche.json").string()) + " --out " + quote(out.string())));
  ::close(fd);
  CHECK(r.exit_code == 4);
  CHECK(r.err.find("un autre trame écrit déjà dans ce dossier de sortie") != std::string::npos);
  CHECK(!fs::exists(out / "sud-manche"));
  auto again = run(cmd("batch " + quote(sample("sud-manche.json").string()) + " --out " + quote(out.string())));
  CHECK(again.exit_code == 0);
}

TEST_CASE("batch: temporary files left by a run killed at rename are removed by the next run") {
  TempDir t("trame_tmp");
  fs::path out = t.path / "out";
  fs::create_directories(out / "sud-manche");
  std::ofstream(out / "sud-manche" / ".projet-sante.pdf.Ab12Cd") << "partial";
  std::ofstream(out / ".batch-manifest.json.x9Y8z7") << "partial";
  std::ofstream(out / "sud-manche" / ".notes-personnelles.txt") << "mine";  // not trame's: kept
  auto r = run(cmd("batch " + quote(sample("sud-manche.json").string()) + " --out " + quote(out.string())));
  REQUIRE(r.exit_code == 0);
  CHECK(!fs::exists(out / "sud-manche" / ".projet-sante.pdf.Ab12Cd"));
  CHECK(!fs::exists(out / ".batch-manifest.json.x9Y8z7"));
  CHECK(fs::exists(out / "sud-manche" / ".notes-personnelles.txt"));
}

TEST_CASE("batch: a write failing part-way says which files were replaced, an unwritable batch manifest keeps the report") {
  TempDir t("trame_diskfull");
  fs::path out = t.path / "out";
  // statuts.pdf is a non-empty folder: renaming over it fails, after the documents written before it.
  fs::create_directories(out / "sud-manche" / "statuts.pdf" / "occupe");
  fs::create_directories(out / "batch-manifest.json" / "occupe");
  auto r = run(cmd("batch " + quote(sample("sud-manche.json").string()) + " " + quote(sample("vallee-du-loir.json").string()) +
                   " --jobs 1 --out " + quote(out.string())));
  INFO(r.err);
  CHECK(r.exit_code == 4);
  CHECK(r.err.find("aucun fichier de ce dossier n’a été modifié") == std::string::npos);
  CHECK(r.err.find("sud-manche.json : échec après l’écriture de") != std::string::npos);
  CHECK(r.err.find("lettre-intention.pdf") != std::string::npos);  // written before statuts.pdf
  CHECK(r.err.find("statuts.pdf") != std::string::npos);
  CHECK(r.err.find("batch-manifest.json") != std::string::npos);
  CHECK(r.out.find("Régénération terminée : 2 dossier(s)") != std::string::npos);
  CHECK(r.out.find("1 dossier(s) en échec") != std::string::npos);
  CHECK(fs::exists(out / "vallee-du-loir" / "manifest.json"));
}

TEST_CASE("batch: a per-dossier output folder that is a symbolic link is not written through") {
  TempDir t("trame_symlink");
  fs::path out = t.path / "out", elsewhere = t.path / "ailleurs";
  fs::create_directories(out);
  fs::create_directories(elsewhere);
  fs::create_directory_symlink(elsewhere, out / "sud-manche");
  auto r = run(cmd("batch " + quote(sample("sud-manche.json").string()) + " --out " + quote(out.string())));
  CHECK(r.exit_code == 4);
  CHECK(r.err.find("lien symbolique") != std::string::npos);
  CHECK(fs::is_empty(elsewhere));
}

TEST_CASE("batch: a file name with a line break cannot forge a line of the report") {
  TempDir t("trame_newline");
  fs::create_directories(t.path / "in");
  std::ofstream(t.path / "in" / "x\nerreur : tout est faux.json") << "{";
  auto r = run(cmd("batch " + quote((t.path / "in").string()) + " --out " + quote((t.path / "out").string())));
  CHECK(r.exit_code == 1);
  CHECK(!has_line_starting(r.err, "erreur : tout est faux"));
  CHECK(r.err.find("x\\nerreur : tout est faux.json") != std::string::npos);
}

TEST_CASE("batch and pack: a document the user edited is kept (named in the report) and replaced only with --force") {
  TempDir t("trame_edited");
  fs::path out = t.path / "out", dossier = t.path / "sud-manche.json";
  fs::copy_file(sample("sud-manche.json"), dossier);
  auto batch = [&](const std::string& extra) {
    return run(cmd("batch " + quote(dossier.string()) + " --out " + quote(out.string()) + " " + extra));
  };
  REQUIRE(batch("").exit_code == 0);
  const fs::path odt = out / "sud-manche" / "statuts.odt";
  const std::string original = trame::read_file(odt);
  std::string edited = original;
  edited[edited.size() / 2] ^= 0x5A;  // same size: the cheap size check cannot see it
  { std::ofstream(odt, std::ios::binary) << edited; }
  // An input the statutes read changes: they are rendered again.
  std::string text = trame::read_file(dossier);
  size_t at = text.find("\"fait_a\"");
  REQUIRE(at != std::string::npos);
  size_t q = text.find('"', text.find(':', at) + 1);
  text.insert(q + 1, "Commune de ");
  { std::ofstream(dossier, std::ios::binary) << text; }
  auto r = batch("");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(trame::read_file(odt) == edited);
  CHECK(r.err.find("sud-manche/statuts.odt") != std::string::npos);
  CHECK(r.out.find("1 fichier(s) modifié(s) à la main conservé(s)") != std::string::npos);
  CHECK(trame::read_file(out / "sud-manche" / "statuts.pdf") != "");
  // Still kept on the next run (the manifest records what trame last wrote).
  auto r2 = batch("");
  CHECK(trame::read_file(odt) == edited);
  CHECK(r2.err.find("sud-manche/statuts.odt") != std::string::npos);
  // pack into the same folder keeps it too.
  auto p = run(cmd("pack " + quote(dossier.string()) + " --out " + quote((out / "sud-manche").string())));
  CHECK(p.exit_code == 0);
  CHECK(trame::read_file(odt) == edited);
  CHECK(p.err.find("statuts.odt") != std::string::npos);
  auto forced = batch("--force");
  REQUIRE(forced.exit_code == 0);
  CHECK(trame::read_file(odt) != edited);
  CHECK(trame::read_file(odt).size() > 1000);
}

TEST_CASE("batch: a dossier whose file name is not safe cannot reach another avenants folder") {
  TempDir t("trame_avenant_path");
  fs::create_directories(t.path / "in");
  fs::copy_file(sample("sud-manche.json"), t.path / "in" / "..json");
  auto r = run(cmd("effective " + quote((t.path / "in" / "..json").string()) + " --avenants " +
                   quote((fs::path(TRAME_SOURCE_DIR) / "samples" / "avenants" / "sud-manche").string())));
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("nom de dossier inutilisable") != std::string::npos);
}
