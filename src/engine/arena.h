// Arena: bump allocation from large mmap'd slabs (huge pages requested) that are freed only
// with the arena. For the millions of small arrays a build or a snapshot load creates at once
// (the series' change arrays): on this kind of VM a 4 KB page fault costs ~18 µs, so 270 MB of
// malloc'd arrays cost seconds in faults alone, against a tenth of that in 2 MB pages.
// Not thread-safe: one arena per thread.
#pragma once

#include <sys/mman.h>

#include <algorithm>
#include <cstddef>
#include <new>
#include <vector>

namespace baophu::engine {

class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena() {
    for (const Slab& s : slabs_) munmap(s.p, s.bytes);
  }
  // Uninitialised room for n values of T (8-byte aligned).
  template <typename T>
  T* Allocate(size_t n) {
    static_assert(alignof(T) <= 8);
    size_t bytes = (n * sizeof(T) + 7) & ~size_t{7};
    if (bytes > left_) NewSlab(bytes);
    T* p = reinterpret_cast<T*>(next_);
    next_ += bytes;
    left_ -= bytes;
    used_ += bytes;
    return p;
  }
  size_t bytes() const { return used_; }

 private:
  struct Slab {
    void* p;
    size_t bytes;
  };
  void NewSlab(size_t at_least) {
    size_t bytes = std::max(at_least, kSlab);
    bytes = (bytes + (size_t{2} << 20) - 1) & ~((size_t{2} << 20) - 1);
    void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    madvise(p, bytes, MADV_HUGEPAGE);
    slabs_.push_back({p, bytes});
    next_ = static_cast<char*>(p);
    left_ = bytes;
  }
  static constexpr size_t kSlab = size_t{32} << 20;
  std::vector<Slab> slabs_;
  char* next_ = nullptr;
  size_t left_ = 0;
  size_t used_ = 0;
};

}  // namespace baophu::engine
