// ChunkedColumn<T>: a fixed-width column stored in blocks of 4096 values, so appending never
// moves what is already there (no reallocation spike of a 100-million-row vector in the
// middle of an update). Indexing costs one extra load from a small, cache-resident block table.
// Not thread-safe: the owner synchronises.
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
#include <vector>

namespace baophu::engine {

template <typename T>
class ChunkedColumn {
 public:
  static constexpr int kBlockBits = 12;
  static constexpr size_t kBlock = size_t{1} << kBlockBits;

  T& operator[](size_t i) { return blocks_[i >> kBlockBits][i & (kBlock - 1)]; }
  const T& operator[](size_t i) const { return blocks_[i >> kBlockBits][i & (kBlock - 1)]; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  void push_back(const T& v) {
    if ((size_ >> kBlockBits) == blocks_.size()) blocks_.push_back(std::make_unique_for_overwrite<T[]>(kBlock));
    (*this)[size_++] = v;
  }
  // Appends n values (block by block, no per-value bookkeeping).
  void append(const T* v, size_t n) {
    while (n > 0) {
      size_t off = size_ & (kBlock - 1);
      if (off == 0 && (size_ >> kBlockBits) == blocks_.size()) blocks_.push_back(std::make_unique_for_overwrite<T[]>(kBlock));
      size_t k = std::min(n, kBlock - off);
      std::copy(v, v + k, &blocks_[size_ >> kBlockBits][off]);
      size_ += k;
      v += k;
      n -= k;
    }
  }
  void assign(size_t n, const T& v) {
    clear();
    for (size_t i = 0; i < n; ++i) push_back(v);
  }
  void clear() {
    blocks_.clear();
    size_ = 0;
  }
  void swap(ChunkedColumn& o) noexcept {
    blocks_.swap(o.blocks_);
    std::swap(size_, o.size_);
  }
  // Bytes held, the unused tail of the last block included.
  size_t bytes() const { return blocks_.size() * kBlock * sizeof(T) + blocks_.capacity() * sizeof(void*); }

 private:
  std::vector<std::unique_ptr<T[]>> blocks_;
  size_t size_ = 0;
};

}  // namespace baophu::engine
