// BuildBuffer<T>: a growable array of trivially copyable values for the builder's large
// temporaries (tens of millions of rows). Memory comes from mmap with transparent huge pages
// requested, and grows with mremap, so growing neither copies the rows nor takes a 4 KB page
// fault every 4 KB. Not thread-safe: the owner synchronises.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

namespace baophu::engine {

template <typename T>
class BuildBuffer {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  BuildBuffer() = default;
  BuildBuffer(const BuildBuffer&) = delete;
  BuildBuffer& operator=(const BuildBuffer&) = delete;
  BuildBuffer(BuildBuffer&& o) noexcept { swap(o); }
  BuildBuffer& operator=(BuildBuffer&& o) noexcept {
    BuildBuffer(std::move(o)).swap(*this);
    return *this;
  }
  ~BuildBuffer() { Free(); }

  T* data() { return data_; }
  const T* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }
  T& back() { return data_[size_ - 1]; }

  void push_back(const T& v) {
    if (size_ == cap_) Reserve(cap_ ? cap_ * 2 : 4096);
    data_[size_++] = v;
  }
  // New elements are left uninitialised (zero when the memory is fresh from the kernel).
  void resize(size_t n) {
    if (n > cap_) Reserve(n);
    size_ = n;
  }
  void clear() {
    Free();
    data_ = nullptr;
    size_ = cap_ = 0;
  }
  void swap(BuildBuffer& o) noexcept {
    std::swap(data_, o.data_);
    std::swap(size_, o.size_);
    std::swap(cap_, o.cap_);
  }

 private:
  void Reserve(size_t n) {
    size_t bytes = (n * sizeof(T) + 4095) & ~size_t{4095};
    void* p;
    if (data_ == nullptr) {
      p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    } else {
      p = mremap(data_, Bytes(cap_), bytes, MREMAP_MAYMOVE);
    }
    if (p == MAP_FAILED) throw std::bad_alloc();
    if (bytes >= (size_t{2} << 20)) madvise(p, bytes, MADV_HUGEPAGE);
    data_ = static_cast<T*>(p);
    cap_ = bytes / sizeof(T);
  }
  static size_t Bytes(size_t cap) { return (cap * sizeof(T) + 4095) & ~size_t{4095}; }
  void Free() {
    if (data_ != nullptr) munmap(data_, Bytes(cap_));
  }

  T* data_ = nullptr;
  size_t size_ = 0;
  size_t cap_ = 0;
};

}  // namespace baophu::engine
