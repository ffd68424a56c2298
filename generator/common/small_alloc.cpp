// Global operator new/delete with a cache of freed small blocks per thread.
//
// A document's life is a burst of small allocations (the dossier's JSON nodes and
// strings, template values, laid-out words and lines) freed all together when it is
// done. glibc keeps only 7 freed blocks of a size per thread (its tcache); the rest go
// to bins that are consolidated and searched, which cost about a tenth of the time of a
// document. Here freed blocks of up to 512 bytes are kept on a list per 16-byte size
// class and thread, up to a bound, and given back first.
//
// Linked into the executables only (trame, trame_bench, the tests), never into the
// libraries; left out of sanitizer builds, whose own allocator checks every block.
#include "common/small_alloc.hpp"

#include <malloc.h>
#include <pthread.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define TRAME_SMALL_ALLOC 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define TRAME_SMALL_ALLOC 0
#endif
#endif
#ifndef TRAME_SMALL_ALLOC
#define TRAME_SMALL_ALLOC 1
#endif

namespace {

constexpr std::size_t kGranule = 16;
constexpr std::size_t kClasses = 32;       // 16, 32, ... 512 bytes
constexpr std::uint32_t kMaxKept = 2048;   // blocks kept per class and thread (≤ 17 MB a thread)

struct FreeBlock {
  FreeBlock* next;
};

// Zero-initialised and trivially destructible: usable at any time in the thread's life,
// including while other thread_local and static objects are destroyed.
struct Cache {
  FreeBlock* head[kClasses + 1];
  std::uint32_t kept[kClasses + 1];
  bool registered;  // its blocks are given back to malloc when the thread exits
  bool closed;      // the thread is exiting: blocks go straight back to malloc
};
thread_local Cache cache;

// Size class of a request of n bytes: 1 for 1..16 bytes, ..., kClasses for 497..512.
inline std::size_t class_of(std::size_t n) { return n == 0 ? 1 : (n + kGranule - 1) / kGranule; }

pthread_key_t exit_key;
void release_thread_cache(void* p) {
  auto* c = static_cast<Cache*>(p);
  c->closed = true;
  for (std::size_t k = 1; k <= kClasses; ++k) {
    while (FreeBlock* b = c->head[k]) {
      c->head[k] = b->next;
      std::free(b);
    }
    c->kept[k] = 0;
  }
}
const bool key_created = pthread_key_create(&exit_key, release_thread_cache) == 0;

void* allocate_slow(std::size_t n) {
  for (;;) {
    if (void* p = std::malloc(n)) return p;
    std::new_handler handler = std::get_new_handler();
    if (!handler) throw std::bad_alloc();
    handler();
  }
}

inline void* allocate(std::size_t n) {
  const std::size_t k = class_of(n);
  if (k <= kClasses) {
    Cache& c = cache;
    if (FreeBlock* b = c.head[k]) {
      c.head[k] = b->next;
      --c.kept[k];
      return b;
    }
    return allocate_slow(k * kGranule);  // the whole class, so any block of it serves any request of it
  }
  return allocate_slow(n);
}

inline void release(void* p, std::size_t k) {
  Cache& c = cache;
  if (k <= kClasses && c.kept[k] < kMaxKept && !c.closed) {
    if (!c.registered) {
      c.registered = true;
      if (key_created) pthread_setspecific(exit_key, &c);
    }
    auto* b = static_cast<FreeBlock*>(p);
    b->next = c.head[k];
    c.head[k] = b;
    ++c.kept[k];
    return;
  }
  std::free(p);
}

// Without the size (unsized delete): malloc knows at least how much the block holds,
// and a block of class k always holds k * 16 bytes or more, so it may serve class
// usable / 16. Blocks of over 512 bytes come straight from malloc and go back to it.
inline void release_unsized(void* p) {
  if (!p) return;
  release(p, malloc_usable_size(p) / kGranule);
}

inline void release_sized(void* p, std::size_t n) {
  if (!p) return;
  release(p, class_of(n));
}

}  // namespace

namespace trame {

bool small_alloc_enabled() { return TRAME_SMALL_ALLOC != 0; }

std::size_t small_alloc_kept(std::size_t n) {
  const std::size_t k = class_of(n);
  return k <= kClasses ? cache.kept[k] : 0;
}

}  // namespace trame

#if TRAME_SMALL_ALLOC
void* operator new(std::size_t n) { return allocate(n); }
void* operator new[](std::size_t n) { return allocate(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  try {
    return allocate(n);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  try {
    return allocate(n);
  } catch (...) {
    return nullptr;
  }
}
void operator delete(void* p) noexcept { release_unsized(p); }
void operator delete[](void* p) noexcept { release_unsized(p); }
void operator delete(void* p, std::size_t n) noexcept { release_sized(p, n); }
void operator delete[](void* p, std::size_t n) noexcept { release_sized(p, n); }
void operator delete(void* p, const std::nothrow_t&) noexcept { release_unsized(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { release_unsized(p); }
#endif
