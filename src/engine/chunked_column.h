// ChunkedColumn<T>: a fixed-width column stored in blocks of 4096 values, so appending never
// moves what is already there (no reallocation spike of a 100-million-row vector in the
// middle of an update). Indexing costs one extra load from a small, cache-resident block table.
// Blocks are carved from mmap'd slabs that grow geometrically (huge pages requested for the
// large ones): at 10 million rows, 4 KB page faults cost more than writing the rows.
// Not thread-safe: the owner synchronises.
#pragma once

#include <sys/mman.h>

#include <algorithm>
#include <cstddef>
#include <new>
#include <type_traits>
#include <vector>

namespace baophu::engine {

template <typename T>
class ChunkedColumn {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  static constexpr int kBlockBits = 12;
  static constexpr size_t kBlock = size_t{1} << kBlockBits;

  ChunkedColumn() = default;
  ChunkedColumn(const ChunkedColumn&) = delete;
  ChunkedColumn& operator=(const ChunkedColumn&) = delete;
  ChunkedColumn(ChunkedColumn&& o) noexcept { swap(o); }
  ChunkedColumn& operator=(ChunkedColumn&& o) noexcept {
    ChunkedColumn(std::move(o)).swap(*this);
    return *this;
  }
  ~ChunkedColumn() { clear(); }

  T& operator[](size_t i) { return blocks_[i >> kBlockBits][i & (kBlock - 1)]; }
  const T& operator[](size_t i) const { return blocks_[i >> kBlockBits][i & (kBlock - 1)]; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  void push_back(const T& v) {
    if ((size_ >> kBlockBits) == blocks_.size()) AddBlocks(1);
    (*this)[size_++] = v;
  }
  // Appends n values (block by block, no per-value bookkeeping).
  void append(const T* v, size_t n) {
    size_t need = (size_ + n + kBlock - 1) >> kBlockBits;
    if (need > blocks_.size()) AddBlocks(need - blocks_.size());
    while (n > 0) {
      size_t off = size_ & (kBlock - 1);
      size_t k = std::min(n, kBlock - off);
      std::copy(v, v + k, &blocks_[size_ >> kBlockBits][off]);
      size_ += k;
      v += k;
      n -= k;
    }
  }
  // Makes an empty column use n values at p in place for its whole blocks (p must outlive the
  // column and stay writable; the caller owns it); the partial last block is copied. For the
  // snapshot load, which reads the file into one buffer and keeps it.
  void Adopt(T* p, size_t n) {
    clear();
    const size_t whole = n >> kBlockBits;
    for (size_t b = 0; b < whole; ++b) blocks_.push_back(p + b * kBlock);
    size_ = whole * kBlock;
    append(p + size_, n - size_);
  }
  void assign(size_t n, const T& v) {
    clear();
    AddBlocks((n + kBlock - 1) >> kBlockBits);
    for (size_t b = 0; b < blocks_.size(); ++b) std::fill(blocks_[b], blocks_[b] + kBlock, v);
    size_ = n;
  }
  void clear() {
    for (const Slab& s : slabs_) munmap(s.p, s.bytes);
    slabs_.clear();
    blocks_.clear();
    size_ = 0;
    spare_ = 0;
  }
  void swap(ChunkedColumn& o) noexcept {
    blocks_.swap(o.blocks_);
    slabs_.swap(o.slabs_);
    std::swap(size_, o.size_);
    std::swap(spare_, o.spare_);
  }
  // Bytes held by the blocks in use (the unused tail of the last one included) and the block
  // table. Slab space not yet handed out as blocks is never touched, so never resident.
  size_t bytes() const { return blocks_.size() * kBlock * sizeof(T) + blocks_.capacity() * sizeof(void*); }

 private:
  struct Slab {
    void* p;
    size_t bytes;
  };
  static constexpr size_t kBlockBytes = kBlock * sizeof(T);
  static constexpr size_t kMaxSlabBlocks = 512;

  void AddBlocks(size_t n) {
    while (n > 0) {
      if (spare_ == 0) NewSlab(std::max(n, std::min(kMaxSlabBlocks, std::max<size_t>(1, blocks_.size()))));
      const Slab& s = slabs_.back();
      size_t in_slab = s.bytes / kBlockBytes;
      blocks_.push_back(reinterpret_cast<T*>(static_cast<char*>(s.p) + (in_slab - spare_) * kBlockBytes));
      --spare_;
      --n;
    }
  }
  void NewSlab(size_t blocks) {
    size_t bytes = blocks * kBlockBytes;
    void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    if (bytes >= (size_t{2} << 20)) madvise(p, bytes, MADV_HUGEPAGE);
    slabs_.push_back({p, bytes});
    spare_ = blocks;
  }

  std::vector<T*> blocks_;
  std::vector<Slab> slabs_;
  size_t size_ = 0;
  size_t spare_ = 0;  // blocks of the last slab not yet in blocks_
};

}  // namespace baophu::engine
