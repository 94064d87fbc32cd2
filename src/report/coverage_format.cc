// Text renderings of a coverage report: the terminal table, CSV and JSON.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/csv.h"
#include "core/text.h"
#include "report/coverage_report.h"
#include "report/report_text.h"

namespace baophu {
namespace {

std::string Fmt(int64_t v, Lang lang) { return v < 0 ? "—" : FormatCount(v, lang); }
std::string FmtPct(int64_t h, Lang lang) { return h < 0 ? "—" : FormatPercent(h, lang); }

std::string CsvNum(int64_t v) { return v < 0 ? "" : std::to_string(v); }
std::string CsvPct(int64_t h) { return h < 0 ? "" : FormatHundredthsPlain(h); }

}  // namespace

std::string FormatCoverageTable(const CoverageReport& r, const RuleSet& rules, Lang lang) {
  const bool vi = lang == Lang::kVi;
  std::vector<std::vector<std::string>> cells;
  cells.push_back(
      vi ? std::vector<std::string>{"Đơn vị", "Nhóm", "Số người có thẻ", "Dân số/đối tượng", "Tỷ lệ", "Chỉ tiêu",
                                    "Còn thiếu (người)"}
         : std::vector<std::string>{"Unit", "Group", "Insured", "Population", "Rate", "Target", "Gap (people)"});
  for (const CoverageRow& row : r.rows) {
    bool group_row = row.group != kAllGroups;
    if (group_row && !r.query.by_group) continue;
    std::string indent(static_cast<size_t>(row.depth) * 2, ' ');
    std::string unit = group_row ? "" : indent + UnitDisplayName(row, lang);
    std::string group = group_row ? GroupName(rules, row.group, lang) : (vi ? "Tất cả" : "All");
    cells.push_back({unit, group, Fmt(row.insured, lang), Fmt(row.denominator, lang), FmtPct(row.rate_hundredths, lang),
                     FmtPct(row.target_hundredths, lang), Fmt(row.gap_people, lang)});
  }
  std::string out = ReportTitle(r, lang) + "\n\n" + RenderTextTable(cells, /*left_columns=*/2);
  if (!r.notes.empty()) {
    out += vi ? "\nGhi chú:\n" : "\nNotes:\n";
    for (const std::string& n : r.notes) out += "- " + n + "\n";
  }
  return out;
}

std::string FormatCoverageCsv(const CoverageReport& r, const RuleSet& rules) {
  std::string out;
  AppendCsvRecord({"unit_code", "unit_name", "level", "group", "insured", "denominator", "rate_percent",
                   "target_percent", "gap_people"},
                  &out);
  for (const CoverageRow& row : r.rows) {
    AppendCsvRecord({row.unit_code, row.unit_name, UnitLevelKey(row.level), GroupCode(rules, row.group),
                     std::to_string(row.insured), CsvNum(row.denominator), CsvPct(row.rate_hundredths),
                     CsvPct(row.target_hundredths), CsvNum(row.gap_people)},
                    &out);
  }
  return out;
}

std::string FormatCoverageJson(const CoverageReport& r, const RuleSet& rules) {
  using nlohmann::ordered_json;
  auto num = [](int64_t v) { return v < 0 ? ordered_json(nullptr) : ordered_json(v); };
  auto pct = [](int64_t h) { return h < 0 ? ordered_json(nullptr) : ordered_json(static_cast<double>(h) / 100.0); };
  ordered_json j;
  j["as_of"] = r.query.as_of.ToIso();
  j["unit"] = r.query.unit_code;
  j["units_of"] = r.query.units_of ? ordered_json(r.query.units_of->ToIso()) : ordered_json(nullptr);
  ordered_json rows = ordered_json::array();
  for (const CoverageRow& row : r.rows) {
    ordered_json o;
    o["unit_code"] = row.unit_code;
    o["unit_name"] = row.unit_name;
    o["level"] = UnitLevelKey(row.level);
    o["group"] = GroupCode(rules, row.group);
    o["insured"] = row.insured;
    o["denominator"] = num(row.denominator);
    o["rate_percent"] = pct(row.rate_hundredths);
    o["target_percent"] = pct(row.target_hundredths);
    o["gap_people"] = num(row.gap_people);
    rows.push_back(std::move(o));
  }
  j["rows"] = std::move(rows);
  j["notes"] = r.notes;
  return j.dump(2) + "\n";
}

}  // namespace baophu
