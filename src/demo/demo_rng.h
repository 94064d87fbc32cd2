// DemoRng: the demo generator's pseudo-random numbers. xoshiro256** seeded by splitmix64, and
// only integer arithmetic on top, so a seed gives the same data on every compiler and standard
// library (std::*_distribution differ between them). One instance per thread.
#pragma once

#include <cstdint>

namespace baophu::demo {

inline uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// A stable 64-bit mix of a seed and a stream id, to derive independent generators (one per
// commune, say) whose output does not depend on the order they are used in.
inline uint64_t MixSeed(uint64_t seed, uint64_t stream) {
  uint64_t s = seed ^ (stream * 0xD1B54A32D192ED03ull);
  return SplitMix64(&s);
}

class DemoRng {
 public:
  explicit DemoRng(uint64_t seed) {
    uint64_t sm = seed;
    for (auto& w : s_) w = SplitMix64(&sm);
  }
  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }
  // Uniform in [0, n) (Lemire's multiply-shift; the tiny bias is irrelevant for demo data).
  uint32_t Below(uint32_t n) {
    return static_cast<uint32_t>(((Next() >> 32) * static_cast<uint64_t>(n)) >> 32);
  }
  // Uniform in [lo, hi] (inclusive).
  int32_t Range(int32_t lo, int32_t hi) { return lo + static_cast<int32_t>(Below(static_cast<uint32_t>(hi - lo + 1))); }
  // True with probability per_mille / 1000.
  bool PerMille(uint32_t per_mille) { return Below(1000) < per_mille; }
  // True with probability num / den.
  bool Chance(uint32_t num, uint32_t den) { return Below(den) < num; }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

// Fisher-Yates shuffle with DemoRng.
template <typename T>
void Shuffle(T* first, size_t n, DemoRng* rng) {
  for (size_t i = n; i > 1; --i) {
    size_t j = rng->Below(static_cast<uint32_t>(i));
    T tmp = first[i - 1];
    first[i - 1] = first[j];
    first[j] = tmp;
  }
}

}  // namespace baophu::demo
