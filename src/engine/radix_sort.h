// Stable LSD radix sort of 64-bit keys on their high bits, for the builder's "sort people and
// cards by BHXH number" steps: no comparison, no per-element allocation. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

namespace baophu::engine {

// Sorts `keys` by bits [lo_bit, 64), stably: keys equal in those bits keep their order, so a
// caller may keep an arrival index in the low bits. `tmp` is scratch (resized as needed).
void RadixSortHighBits(std::vector<uint64_t>* keys, int lo_bit, std::vector<uint64_t>* tmp);

}  // namespace baophu::engine
