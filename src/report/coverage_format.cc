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

// Terminal columns: code points, not bytes; combining marks take no column.
size_t DisplayWidth(const std::string& s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    uint32_t cp = c;
    int len = 1;
    if (c >= 0xF0) {
      cp = c & 0x07;
      len = 4;
    } else if (c >= 0xE0) {
      cp = c & 0x0F;
      len = 3;
    } else if (c >= 0xC0) {
      cp = c & 0x1F;
      len = 2;
    }
    for (int k = 1; k < len && i + static_cast<size_t>(k) < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3F);
    i += static_cast<size_t>(len);
    bool combining = (cp >= 0x300 && cp <= 0x36F) || cp == 0x200B || cp == 0xFE0F;
    if (!combining) ++w;
  }
  return w;
}

void Pad(std::string* out, const std::string& cell, size_t width, bool right) {
  size_t w = DisplayWidth(cell);
  std::string pad(width > w ? width - w : 0, ' ');
  if (right)
    *out += pad + cell;
  else
    *out += cell + pad;
}

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
  std::vector<size_t> width(7, 0);
  for (const auto& line : cells)
    for (size_t c = 0; c < line.size(); ++c) width[c] = std::max(width[c], DisplayWidth(line[c]));

  std::string out = ReportTitle(r, lang) + "\n\n";
  for (size_t i = 0; i < cells.size(); ++i) {
    std::string line;
    for (size_t c = 0; c < 7; ++c) {
      if (c) line += " | ";
      Pad(&line, cells[i][c], width[c], /*right=*/c >= 2 && i > 0);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
    if (i == 0) {
      std::string rule;
      for (size_t c = 0; c < 7; ++c) {
        if (c) rule += "-+-";
        rule += std::string(width[c], '-');
      }
      out += rule + "\n";
    }
  }
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
