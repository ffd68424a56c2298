// Trame's operator new/delete (generator/common/small_alloc.cpp).
#include <catch2/catch.hpp>

#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "common/small_alloc.hpp"

using trame::small_alloc_enabled;
using trame::small_alloc_kept;

TEST_CASE("a freed small block is kept by its thread and given back to the next request of its size class") {
  if (!small_alloc_enabled()) {
    WARN("sanitizer build: the standard operators are in place");
    return;
  }
  void* a = ::operator new(100);
  const std::size_t before = small_alloc_kept(100);
  ::operator delete(a, 100);
  CHECK(small_alloc_kept(100) == before + 1);
  void* b = ::operator new(97);  // same 16-byte class (97..112)
  CHECK(b == a);
  CHECK(small_alloc_kept(100) == before);
  ::operator delete(b, 97);
}

TEST_CASE("an unsized delete files the block in a class it is large enough for") {
  if (!small_alloc_enabled()) {
    WARN("sanitizer build: the standard operators are in place");
    return;
  }
  char* p = new char[40];
  std::memset(p, 'x', 40);
  const std::size_t before = small_alloc_kept(48);
  delete[] p;  // unsized: the class comes from malloc_usable_size
  CHECK(small_alloc_kept(48) == before + 1);
  char* q = new char[33];  // class 48 (33..48 bytes): the same block
  CHECK(q == p);
  std::memset(q, 'y', 33);
  delete[] q;
}

TEST_CASE("blocks over 512 bytes go back to malloc, never to the per-thread lists") {
  void* big = ::operator new(4096);
  ::operator delete(big, 4096);
  CHECK(small_alloc_kept(4096) == 0);
}

TEST_CASE("blocks allocated in one thread and freed in another stay usable, and a thread's blocks survive its exit") {
  std::vector<std::unique_ptr<std::string>> made;
  std::thread maker([&] {
    for (int i = 0; i < 1000; ++i) made.push_back(std::make_unique<std::string>(40 + i % 200, static_cast<char>('a' + i % 26)));
    // Freed here: kept by this thread, given back to malloc when it exits.
    for (int i = 0; i < 500; ++i) std::string(64, 'z').swap(*made[i]);
  });
  maker.join();
  for (int i = 500; i < 1000; ++i) {
    REQUIRE(made[i]->size() == static_cast<std::size_t>(40 + i % 200));
    CHECK((*made[i])[0] == static_cast<char>('a' + i % 26));
  }
  made.clear();  // freed by the main thread
  std::string s(300, 'q');
  CHECK(s.back() == 'q');
}
