// The new-rural commune criterion for health insurance: a commune aiming at a status (standard,
// advanced, model) on a date must have at least the threshold of the table
// data/rules/new_rural_coverage.csv for that status and date; per commune: met or not, and by how
// many people (ceil(threshold × population) − insured). Counts from BuildCoverageReport.
// Pure functions of a const LoadedRegistry: safe to run concurrently.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "report/registry_loader.h"

namespace baophu {

struct NewRuralThreshold {
  std::string status;  // "standard", "advanced", "model"
  Date from, to;
  int32_t threshold_hundredths = 0;
  std::string confidence, source;
};

class NewRuralTable {
 public:
  static Result<NewRuralTable> Load(const std::string& dir);  // <dir>/new_rural_coverage.csv
  static Result<NewRuralTable> LoadDefault();                 // $BAOPHU_RULES_DIR, else data/rules
  // The row for `status` in force on d, or null.
  const NewRuralThreshold* Find(const std::string& status, Date d) const;

 private:
  std::vector<NewRuralThreshold> rows_;
};

struct NewRuralRow {
  std::string unit_code, unit_name, status;
  int64_t insured = 0, denominator = -1, rate_hundredths = -1;
  int32_t threshold_hundredths = -1;  // -1: no threshold for the status on the date
  bool met = false;
  int64_t people_short = -1;  // 0 when met; -1 unknown (no denominator or threshold)
  const NewRuralThreshold* rule = nullptr;
};

// Every commune under `unit` on `as_of`; `status_of` gives a commune's status by code (communes
// not in it take `default_status`; "" = left out). NotFound for an unknown unit.
Result<std::vector<NewRuralRow>> CheckNewRural(const LoadedRegistry& reg, const NewRuralTable& table,
                                               const std::string& unit, Date as_of,
                                               const std::map<std::string, std::string>& status_of,
                                               const std::string& default_status);

}  // namespace baophu
