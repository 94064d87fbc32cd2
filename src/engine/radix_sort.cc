#include "engine/radix_sort.h"

#include <algorithm>
#include <bit>

namespace baophu::engine {

void RadixSortHighBits(std::vector<uint64_t>* keys, int lo_bit, std::vector<uint64_t>* tmp) {
  constexpr int kDigitBits = 11;
  constexpr size_t kBuckets = size_t{1} << kDigitBits;
  std::vector<uint64_t>& a = *keys;
  if (a.size() < 2) return;
  uint64_t all = 0;
  for (uint64_t k : a) all |= k;
  int hi_bit = 64 - std::countl_zero(all);
  tmp->resize(a.size());
  std::vector<uint64_t>* src = keys;
  std::vector<uint64_t>* dst = tmp;
  std::vector<size_t> count(kBuckets);
  for (int shift = lo_bit; shift < hi_bit; shift += kDigitBits) {
    std::fill(count.begin(), count.end(), 0);
    for (uint64_t k : *src) ++count[(k >> shift) & (kBuckets - 1)];
    if (*std::max_element(count.begin(), count.end()) == src->size()) continue;  // one digit: nothing to do
    size_t sum = 0;
    for (size_t& c : count) {
      size_t n = c;
      c = sum;
      sum += n;
    }
    uint64_t* out = dst->data();
    for (uint64_t k : *src) out[count[(k >> shift) & (kBuckets - 1)]++] = k;
    std::swap(src, dst);
  }
  if (src != keys) keys->swap(*tmp);
}

}  // namespace baophu::engine
