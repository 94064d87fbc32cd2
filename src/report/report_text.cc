#include "report/report_text.h"

#include <algorithm>
#include <vector>

#include "core/text.h"

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

}  // namespace


std::string FormatCount(int64_t v, Lang lang) {
  std::string s = FormatIntVn(v);
  if (lang == Lang::kEn)
    for (char& c : s)
      if (c == '.') c = ',';
  return s;
}

std::string FormatPercent(int64_t hundredths, Lang lang) {
  if (lang == Lang::kVi) return FormatHundredthsVn(hundredths) + " %";
  // English: thousands with ',' and a '.' decimal point (rates above 1000 % do not occur, but
  // stay readable if they do).
  std::string whole = FormatCount(hundredths / 100, lang);
  std::string frac = FormatHundredthsPlain(hundredths < 0 ? -hundredths : hundredths);
  return whole + frac.substr(frac.size() - 3) + " %";
}

std::string GroupName(const RuleSet& rules, ReportingGroupId g, Lang lang) {
  if (g == kAllGroups) return lang == Lang::kVi ? "Tất cả" : "All";
  if (const ReportingGroup* rg = rules.FindGroup(g)) return lang == Lang::kVi ? rg->name_vi : rg->name_en;
  return (lang == Lang::kVi ? "Nhóm " : "Group ") + std::to_string(g);
}

std::string GroupCode(const RuleSet& rules, ReportingGroupId g) {
  if (g == kAllGroups) return "ALL";
  if (const ReportingGroup* rg = rules.FindGroup(g)) return rg->code;
  return std::to_string(g);
}

std::string UnitDisplayName(const CoverageRow& row, Lang lang) {
  if (row.unplaced) return lang == Lang::kVi ? kUnplacedNameVi : kUnplacedNameEn;
  return row.unit_name;
}

std::string ReportTitle(const CoverageReport& r, Lang lang) {
  const std::string root = r.rows.empty() ? r.query.unit_code : r.rows.front().unit_name;
  std::string t = lang == Lang::kVi ? "Báo cáo bao phủ BHYT tính đến ngày " + r.query.as_of.ToVn() + " — " + root
                                    : "Health insurance coverage as of " + r.query.as_of.ToVn() + " — " + root;
  if (r.query.units_of)
    t += lang == Lang::kVi ? " (theo đơn vị hành chính ngày " + r.query.units_of->ToVn() + ")"
                           : " (in the administrative units of " + r.query.units_of->ToVn() + ")";
  return t;
}

std::string RenderTextTable(const std::vector<std::vector<std::string>>& cells, size_t left_columns) {
  size_t ncol = 0;
  for (const auto& line : cells) ncol = std::max(ncol, line.size());
  std::vector<size_t> width(ncol, 0);
  for (const auto& line : cells)
    for (size_t c = 0; c < line.size(); ++c) width[c] = std::max(width[c], DisplayWidth(line[c]));
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) {
    std::string line;
    for (size_t c = 0; c < ncol; ++c) {
      if (c) line += " | ";
      Pad(&line, c < cells[i].size() ? cells[i][c] : std::string(), width[c], /*right=*/c >= left_columns && i > 0);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
    if (i == 0) {
      std::string rule;
      for (size_t c = 0; c < ncol; ++c) {
        if (c) rule += "-+-";
        rule += std::string(width[c], '-');
      }
      out += rule + "\n";
    }
  }
  return out;
}

}  // namespace baophu
