// Reading the shared vn-admin reference files (../shared/data/vn-admin) the demo scenarios are
// built on: a whole CSV file as a table of strings, looked up by column name. Fine for these
// files (about 10,000 rows each); not for bulk data.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace baophu::demo {

class CsvTable {
 public:
  static Result<CsvTable> Read(const std::string& path);
  size_t size() const { return rows_.size(); }
  // The value of column `name` in row `r` ("" when the column is missing).
  const std::string& Get(size_t r, std::string_view name) const;

 private:
  std::unordered_map<std::string, size_t> cols_;
  std::vector<std::vector<std::string>> rows_;
  std::string empty_;
};

// Census 2019 population by pre-2025 unit code (communes, districts, provinces), from
// census2019_population_by_unit.csv rows that have a pre2025_code.
Result<std::unordered_map<std::string, int64_t>> ReadCensusByCode(const std::string& vn_admin_dir);

}  // namespace baophu::demo
