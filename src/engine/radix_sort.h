// Stable LSD radix sorts for the builder's "sort people and cards by BHXH number" and "sort
// series changes" steps: no comparison, no per-element allocation. Pure; thread-safe.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace baophu::engine {

// Sorts `keys` by bits [lo_bit, 64), stably: keys equal in those bits keep their order, so a
// caller may keep an arrival index in the low bits. `tmp` is scratch (resized as needed).
void RadixSortHighBits(std::vector<uint64_t>* keys, int lo_bit, std::vector<uint64_t>* tmp);

// Sorts the n records at `a` by key(record) (a uint64_t), stably, using `tmp` (room for n
// records) as scratch. Returns the buffer that holds the sorted records: `a` or `tmp`. One pass
// computes every digit's histogram; digits on which all keys agree cost nothing, and input that
// is already in order (the store scans in key order) costs one read.
template <typename T, typename KeyFn>
T* RadixSortRecords(T* a, T* tmp, size_t n, KeyFn key) {
  constexpr int kDigitBits = 11;
  constexpr size_t kBuckets = size_t{1} << kDigitBits;
  constexpr int kDigits = (64 + kDigitBits - 1) / kDigitBits;
  if (n < 2) return a;
  std::vector<std::array<size_t, kBuckets>> count(kDigits);
  for (auto& c : count) c.fill(0);
  bool sorted = true;
  uint64_t prev = 0;
  for (size_t i = 0; i < n; ++i) {
    uint64_t k = key(a[i]);
    sorted &= k >= prev;
    prev = k;
    for (int d = 0; d < kDigits; ++d) ++count[d][(k >> (d * kDigitBits)) & (kBuckets - 1)];
  }
  if (sorted) return a;
  T* src = a;
  T* dst = tmp;
  for (int d = 0; d < kDigits; ++d) {
    auto& c = count[d];
    if (*std::max_element(c.begin(), c.end()) == n) continue;  // one value of this digit
    size_t sum = 0;
    for (size_t& x : c) {
      size_t m = x;
      x = sum;
      sum += m;
    }
    const int shift = d * kDigitBits;
    for (size_t i = 0; i < n; ++i) dst[c[(key(src[i]) >> shift) & (kBuckets - 1)]++] = src[i];
    std::swap(src, dst);
  }
  return src;
}

}  // namespace baophu::engine
