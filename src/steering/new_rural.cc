#include "steering/new_rural.h"

#include <map>

#include "core/csv.h"
#include "report/coverage_report.h"
#include "report/report_parts.h"
#include "rules/rule_set.h"

namespace baophu {

Result<NewRuralTable> NewRuralTable::Load(const std::string& dir) {
  const std::string path = dir + "/new_rural_coverage.csv";
  auto r = CsvReader::Open(path);
  if (!r.ok()) return r.status();
  std::vector<std::string> f, header;
  if (!r->Next(&header)) return Status::InvalidArgument(path + ": tệp rỗng");
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < header.size(); ++i) col[header[i]] = i;
  for (const char* need : {"status", "valid_from", "valid_to", "threshold_percent"})
    if (!col.count(need)) return Status::InvalidArgument(path + ": thiếu cột " + need);
  NewRuralTable t;
  while (r->Next(&f)) {
    auto at = [&](const char* c) { return col.count(c) && col[c] < f.size() ? f[col[c]] : std::string(); };
    const std::string where = path + ":" + std::to_string(r->line()) + ": ";
    NewRuralThreshold x;
    x.status = at("status");
    auto from = at("valid_from").empty() ? Result<Date>(Date::Min()) : Date::Parse(at("valid_from"));
    auto to = at("valid_to").empty() ? Result<Date>(Date::Max()) : Date::Parse(at("valid_to"));
    if (!from.ok() || !to.ok()) return Status::InvalidArgument(where + "ngày không hợp lệ");
    x.from = *from;
    x.to = *to;
    const std::string pct = at("threshold_percent");
    int whole = 0, frac = 0;
    const size_t comma = pct.find_first_of(",.");
    try {
      whole = std::stoi(pct.substr(0, comma));
      if (comma != std::string::npos) {
        std::string d = pct.substr(comma + 1) + "00";
        frac = std::stoi(d.substr(0, 2));
      }
    } catch (...) {
      return Status::InvalidArgument(where + "ngưỡng không hợp lệ: '" + pct + "'");
    }
    if (whole < 0 || whole > 100) return Status::InvalidArgument(where + "ngưỡng phải từ 0 đến 100: '" + pct + "'");
    x.threshold_hundredths = whole * 100 + frac;
    x.confidence = at("confidence");
    x.source = at("source");
    t.rows_.push_back(std::move(x));
  }
  if (!r->status().ok()) return r->status();
  return t;
}

Result<NewRuralTable> NewRuralTable::LoadDefault() {
  if (const char* d = std::getenv("BAOPHU_RULES_DIR"); d && *d) return Load(d);
  return Load(RuleSet::DataDir() + "/rules");
}

const NewRuralThreshold* NewRuralTable::Find(const std::string& status, Date d) const {
  for (const NewRuralThreshold& x : rows_)
    if (x.status == status && x.from <= d && d <= x.to) return &x;
  return nullptr;
}

Result<std::vector<NewRuralRow>> CheckNewRural(const LoadedRegistry& reg, const NewRuralTable& table,
                                               const std::string& unit, Date as_of,
                                               const std::map<std::string, std::string>& status_of,
                                               const std::string& default_status) {
  CoverageQuery q;
  q.unit_code = unit;
  q.as_of = as_of;
  q.depth = -1;  // down to communes
  auto rep = BuildCoverageReport(reg, q);
  if (!rep.ok()) return rep.status();
  std::vector<NewRuralRow> out;
  for (const CoverageRow& r : rep->rows) {
    if (r.level != UnitLevel::kCommune || r.group != kAllGroups || r.unplaced) continue;
    auto it = status_of.find(r.unit_code);
    const std::string status = it != status_of.end() ? it->second : default_status;
    if (status.empty()) continue;
    NewRuralRow n;
    n.unit_code = r.unit_code;
    n.unit_name = r.unit_name;
    n.status = status;
    n.insured = r.insured;
    n.denominator = r.denominator;
    n.rate_hundredths = r.rate_hundredths;
    n.rule = table.Find(status, as_of);
    if (n.rule) {
      n.threshold_hundredths = n.rule->threshold_hundredths;
      n.people_short = report_parts::GapPeople(n.threshold_hundredths, n.denominator, n.insured);
      n.met = n.people_short == 0;
    }
    out.push_back(std::move(n));
  }
  return out;
}

}  // namespace baophu
