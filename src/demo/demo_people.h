// Synthetic people for the demo data: Vietnamese names (NFC), households of 1-8 members with
// ages drawn from Vietnam's 2019 age pyramid, and unique, deterministic identifiers (BHXH
// numbers, CCCD numbers). Tables are immutable; an IdIssuer is not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "demo/demo_rng.h"
#include "demo/demo_writer.h"

namespace baophu::demo {

inline constexpr int kMaxHousehold = 8;

// Persisted in persons.csv as Nam/Nữ.
enum : uint8_t { kMale = 1, kFemale = 2 };

struct DemoPerson {
  int64_t bhxh = 0;      // 10 digits, first two = old province code
  uint64_t cccd = 0;     // 12 digits; 0 = none
  int32_t birth = 0;     // days since 1970-01-01
  uint8_t sex = kMale;
  uint8_t relation = 0;  // 0 head, 1 spouse, 2 child, 3 grandchild, 4 parent of the head
  uint16_t surname = 0, middle = 0, given = 0;  // indexes into the name tables
  int32_t household = 0;  // index of the household within its commune
};

// Writes "Nguyễn Văn An" (NFC) to `out`.
void WriteName(const DemoPerson& p, CsvOut* out);
std::string FullName(const DemoPerson& p);

// Fills `members` with one household (returns its size, 1..8) of people alive on `ref`, with
// birth dates, sex and names; identifiers are left for an IdIssuer. `max_size` caps the size
// (to end a commune on its exact population).
int MakeHousehold(DemoRng* rng, int32_t ref, int max_size, DemoPerson* members);

// A random age in [lo, hi] drawn from the 2019 pyramid restricted to that range.
int PyramidAge(DemoRng* rng, int lo, int hi);

// Unique BHXH and CCCD numbers. BHXH: old province code (2 digits) then an 8-digit keyed
// permutation (a bijection, hence unique) of a per-province serial. CCCD: 0 + province code,
// century/sex digit, 2-digit birth year, 6 digits unique within that prefix the same way.
class IdIssuer {
 public:
  explicit IdIssuer(uint64_t seed);
  int64_t NextBhxh(int province);
  uint64_t NextCccd(int province, uint8_t sex, int birth_year);

 private:
  uint64_t bhxh_mul_, bhxh_add_, cccd_mul_, cccd_add_;  // permutation keys from the seed
  std::vector<uint32_t> bhxh_serial_;  // per province code 0..99
  std::vector<uint32_t> cccd_serial_;  // per province × century-sex × year
};

}  // namespace baophu::demo
