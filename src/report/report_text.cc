#include "report/report_text.h"

#include "core/text.h"

namespace baophu {

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

}  // namespace baophu
