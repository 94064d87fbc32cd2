#include "demo/vn_admin_source.h"

#include <cstdlib>

#include "core/csv.h"

namespace baophu::demo {

Result<CsvTable> CsvTable::Read(const std::string& path) {
  auto r = CsvReader::Open(path);
  if (!r.ok()) return r.status();
  CsvTable t;
  std::vector<std::string> f;
  if (!r->Next(&f)) return Status::Corruption("tệp '" + path + "' trống");
  for (size_t i = 0; i < f.size(); ++i) t.cols_[f[i]] = i;
  while (r->Next(&f)) {
    if (f.size() == 1 && f[0].empty()) continue;
    t.rows_.push_back(f);
  }
  if (!r->status().ok()) return r->status();
  return t;
}

const std::string& CsvTable::Get(size_t r, std::string_view name) const {
  auto it = cols_.find(std::string(name));
  if (it == cols_.end() || it->second >= rows_[r].size()) return empty_;
  return rows_[r][it->second];
}

Result<std::unordered_map<std::string, int64_t>> ReadCensusByCode(const std::string& dir) {
  auto t = CsvTable::Read(dir + "/census2019_population_by_unit.csv");
  if (!t.ok()) return t.status();
  std::unordered_map<std::string, int64_t> m;
  for (size_t i = 0; i < t->size(); ++i) {
    const std::string& code = t->Get(i, "pre2025_code");
    if (code.empty()) continue;
    m[code] = std::strtoll(t->Get(i, "population_total").c_str(), nullptr, 10);
  }
  return m;
}

}  // namespace baophu::demo
