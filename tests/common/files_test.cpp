#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "common/diagnostic.hpp"
#include "common/files.hpp"
#include "support/support.hpp"

namespace fs = std::filesystem;

TEST_CASE("sha256 matches the FIPS 180-4 test vectors") {
  CHECK(trame::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(trame::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(trame::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("sha256 of a million 'a', and of every length around the block boundaries as sha256sum reads it") {
  const std::string million(1000000, 'a');
  CHECK(trame::sha256_hex(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  // Lengths where the padding needs a second block (56..63 bytes in the last block).
  CHECK(trame::sha256_hex(std::string(56, 'x')) == "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e");
  // Pseudo-random bytes of 0..130 bytes (one, two and three blocks), each checked
  // against coreutils' sha256sum over a file holding them.
  const fs::path file = fs::temp_directory_path() / "trame_sha256_test.bin";
  std::string bytes;
  uint32_t x = 12345;
  for (size_t n = 0; n <= 130; ++n) {
    INFO("length " << n);
    trame::write_file_atomic(file, bytes);
    auto r = trame::test::run("sha256sum " + trame::test::quote(file.string()));
    REQUIRE(r.exit_code == 0);
    REQUIRE(r.out.substr(0, 64) == trame::sha256_hex(bytes));
    x = x * 1103515245u + 12345u;
    bytes.push_back(static_cast<char>(x >> 16));
  }
  fs::remove(file);
}

TEST_CASE("write_file_atomic writes the whole content and leaves no temporary file") {
  fs::path dir = fs::temp_directory_path() / "trame_files_test";
  fs::remove_all(dir);
  trame::write_file_atomic(dir / "sub" / "a.txt", "bonjour é");
  CHECK(trame::read_file(dir / "sub" / "a.txt") == "bonjour é");
  trame::write_file_atomic(dir / "sub" / "a.txt", "remplacé");
  CHECK(trame::read_file(dir / "sub" / "a.txt") == "remplacé");
  int count = 0;
  for (auto& e : fs::directory_iterator(dir / "sub")) { (void)e; ++count; }
  CHECK(count == 1);
  fs::remove_all(dir);
}

TEST_CASE("reading a missing file is an Io error in French") {
  try {
    trame::read_file("/nonexistent/dossier.json");
    FAIL("expected an error");
  } catch (const trame::Error& e) {
    CHECK(e.kind() == trame::ErrorKind::Io);
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].message == "fichier introuvable");
  }
}

// Issue 15: a template, theme or table path that is a FIFO or a device is refused at
// once (a FIFO used to block forever, /dev/zero to be read until memory ran out).
TEST_CASE("reading a FIFO, a device or a folder is an Io error at once, never a hang") {
  fs::path dir = fs::temp_directory_path() / ("trame-files-fifo-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  REQUIRE(::mkfifo((dir / "theme.json").c_str(), 0600) == 0);
  for (const fs::path& p : {dir / "theme.json", fs::path("/dev/zero"), fs::path("/dev/urandom"), dir}) {
    INFO(p);
    try {
      trame::read_file(p);
      FAIL("expected an error");
    } catch (const trame::Error& e) {
      CHECK(e.kind() == trame::ErrorKind::Io);
      REQUIRE(e.diagnostics().size() == 1);
      CHECK(e.diagnostics()[0].file == p.string());
      CHECK((e.diagnostics()[0].message.find("n’est pas un fichier ordinaire") != std::string::npos ||
             e.diagnostics()[0].message == "c’est un dossier, pas un fichier"));
    }
  }
  fs::remove_all(dir);
}

TEST_CASE("diagnostic format puts id, place, JSON path and message in order") {
  trame::Diagnostic d{trame::Severity::Error, "trame.template.E103", "lettre.xml", 12, 7, "/territoire/population",
                      "nombre attendu"};
  CHECK(d.format() == "[trame.template.E103] lettre.xml:12:7: (/territoire/population) nombre attendu");
}
