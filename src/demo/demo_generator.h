// Demo data: realistic, deterministic CSV files in the import formats (units, persons, cards,
// population, targets) for three scenarios. The two calibrated ones reproduce exactly the
// coverage figures of the source documents (docs in ../shared/seeds): Bạc Liêu as of
// 10/11/2021 and Tuy Phong as of 30/09/2019; `national` is a scale test on the post-2025 units,
// generated streaming. GenerateDemo is reentrant (no shared state).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "rules/rule_set.h"

namespace baophu {

struct DemoOptions {
  // "bac-lieu-2021" | "tuy-phong-2019" | "national".
  std::string scenario;
  // People to generate; 0 = the scenario's default (the census population for the calibrated
  // scenarios, which accept no other value; 1,000,000 for national, which accepts up to 10^8).
  int64_t persons = 0;
  // Same seed, same options: byte-identical files.
  uint64_t seed = 1;
  // Where the CSV files go (must exist).
  std::string out_dir;
  // The shared vn-admin reference folder (../shared/data/vn-admin).
  std::string vn_admin_dir;
};

struct DemoSummary {
  std::vector<std::string> files;  // paths written, in import order
  std::vector<std::string> money_files;  // employers, schools, sponsors (bac-lieu-2021), in import order
  std::vector<std::string> outreach_files;  // rosters, social-protection and member lists (bac-lieu-2021)
  int64_t persons = 0, cards = 0;
  std::string expected;  // human-readable expected figures (Vietnamese)
};

Result<DemoSummary> GenerateDemo(const RuleSet& rules, const DemoOptions& opts);

}  // namespace baophu
