// Words and number formats shared by the renderings of a report (table, XLSX): Vietnamese
// (1.234.567, "65,19 %") or English (1,234,567, "65.19 %"). Free functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "report/coverage_report.h"
#include "rules/rule_set.h"

namespace baophu {

std::string FormatCount(int64_t v, Lang lang);
// Hundredths of a percent with the unit: 6519 → "65,19 %" (vi) / "65.19 %" (en).
std::string FormatPercent(int64_t hundredths, Lang lang);
// The group's name; "Tất cả" / "All" for kAllGroups.
std::string GroupName(const RuleSet& rules, ReportingGroupId g, Lang lang);
// The group's code in the rules ("HSSV"), "ALL" for kAllGroups, the number for unknown ids.
std::string GroupCode(const RuleSet& rules, ReportingGroupId g);
// The unit's name, or the unplaced row's name in the language.
std::string UnitDisplayName(const CoverageRow& row, Lang lang);
// "Báo cáo bao phủ BHYT tính đến ngày 10/11/2021 — Tỉnh Bạc Liêu" (and the units' date when
// re-aggregated).
std::string ReportTitle(const CoverageReport& r, Lang lang);

// A plain-text table for a terminal: cells[0] is the header, underlined; columns aligned by
// displayed characters (UTF-8 code points, combining marks take none); the first
// `left_columns` columns aligned left, the others right.
std::string RenderTextTable(const std::vector<std::vector<std::string>>& cells, size_t left_columns);

}  // namespace baophu
