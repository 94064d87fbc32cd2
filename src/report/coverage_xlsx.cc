// The XLSX rendering of a coverage report (libxlsxwriter): a report sheet with a title, a
// header, frozen panes and real numbers (counts with a thousands format, rates as fractions with
// a percent format), and a notes sheet.
#include <xlsxwriter.h>

#include <string>
#include <vector>

#include "report/coverage_report.h"
#include "report/report_text.h"

namespace baophu {
namespace {

constexpr int kMaxIndent = 8;

Status XlsxError(lxw_error e, const std::string& path) {
  return Status::IOError("không ghi được tệp Excel " + path + ": " + lxw_strerror(e));
}

}  // namespace

Status WriteCoverageXlsx(const CoverageReport& r, const RuleSet& rules, Lang lang, const std::string& path) {
  const bool vi = lang == Lang::kVi;
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return Status::IOError("không tạo được tệp Excel " + path);
  lxw_worksheet* ws = workbook_add_worksheet(wb, vi ? "Báo cáo" : "Report");
  lxw_worksheet* ns = workbook_add_worksheet(wb, vi ? "Ghi chú" : "Notes");

  lxw_format* title = workbook_add_format(wb);
  format_set_bold(title);
  format_set_font_size(title, 13);
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_text_wrap(header);
  format_set_align(header, LXW_ALIGN_CENTER);
  format_set_align(header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_bg_color(header, 0xDDEBF7);
  format_set_border(header, LXW_BORDER_THIN);
  lxw_format* count = workbook_add_format(wb);
  format_set_num_format(count, "#,##0");
  lxw_format* percent = workbook_add_format(wb);
  format_set_num_format(percent, "0.00%");
  lxw_format* unknown = workbook_add_format(wb);
  format_set_align(unknown, LXW_ALIGN_RIGHT);
  lxw_format* code = workbook_add_format(wb);
  format_set_num_format(code, "@");
  std::vector<lxw_format*> indent;
  for (int i = 0; i <= kMaxIndent; ++i) {
    lxw_format* f = workbook_add_format(wb);
    format_set_indent(f, static_cast<uint8_t>(i));
    if (i == 0) format_set_bold(f);
    indent.push_back(f);
  }

  worksheet_write_string(ws, 0, 0, ReportTitle(r, lang).c_str(), title);
  const std::vector<std::string> heads =
      vi ? std::vector<std::string>{"Mã đơn vị", "Đơn vị",          "Cấp",
                                    "Nhóm",      "Số người có thẻ", "Dân số/đối tượng",
                                    "Tỷ lệ",     "Chỉ tiêu",        "Còn thiếu (người)"}
         : std::vector<std::string>{"Unit code",  "Unit", "Level",  "Group",       "Insured",
                                    "Population", "Rate", "Target", "Gap (people)"};
  const lxw_row_t kHeaderRow = 2;
  for (size_t c = 0; c < heads.size(); ++c)
    worksheet_write_string(ws, kHeaderRow, static_cast<lxw_col_t>(c), heads[c].c_str(), header);
  worksheet_set_row(ws, kHeaderRow, 32, nullptr);
  worksheet_freeze_panes(ws, kHeaderRow + 1, 2);
  worksheet_set_column(ws, 0, 0, 11, code);
  worksheet_set_column(ws, 1, 1, 42, nullptr);
  worksheet_set_column(ws, 2, 2, 10, nullptr);
  worksheet_set_column(ws, 3, 3, 30, nullptr);
  worksheet_set_column(ws, 4, 5, 16, nullptr);
  worksheet_set_column(ws, 6, 7, 10, nullptr);
  worksheet_set_column(ws, 8, 8, 14, nullptr);

  auto number = [&](lxw_row_t row, lxw_col_t col, int64_t v) {
    if (v < 0)
      worksheet_write_string(ws, row, col, "—", unknown);
    else
      worksheet_write_number(ws, row, col, static_cast<double>(v), count);
  };
  auto rate = [&](lxw_row_t row, lxw_col_t col, int64_t h) {
    if (h < 0)
      worksheet_write_string(ws, row, col, "—", unknown);
    else
      worksheet_write_number(ws, row, col, static_cast<double>(h) / 10000.0, percent);
  };

  lxw_row_t row = kHeaderRow + 1;
  for (const CoverageRow& cr : r.rows) {
    if (cr.group != kAllGroups && !r.query.by_group) continue;
    int depth = cr.depth < kMaxIndent ? cr.depth : kMaxIndent;
    worksheet_write_string(ws, row, 0, cr.unit_code.c_str(), code);
    worksheet_write_string(ws, row, 1, UnitDisplayName(cr, lang).c_str(), indent[static_cast<size_t>(depth)]);
    worksheet_write_string(ws, row, 2, vi ? UnitLevelNameVi(cr.level) : UnitLevelKey(cr.level), nullptr);
    worksheet_write_string(ws, row, 3, GroupName(rules, cr.group, lang).c_str(), nullptr);
    number(row, 4, cr.insured);
    number(row, 5, cr.denominator);
    rate(row, 6, cr.rate_hundredths);
    rate(row, 7, cr.target_hundredths);
    number(row, 8, cr.gap_people);
    ++row;
  }
  if (row > kHeaderRow + 1) worksheet_autofilter(ws, kHeaderRow, 0, row - 1, 8);

  lxw_row_t nrow = 0;
  worksheet_set_column(ns, 0, 0, 34, nullptr);
  worksheet_set_column(ns, 1, 1, 100, nullptr);
  auto pair = [&](const std::string& k, const std::string& v) {
    worksheet_write_string(ns, nrow, 0, k.c_str(), header);
    worksheet_write_string(ns, nrow, 1, v.c_str(), nullptr);
    ++nrow;
  };
  pair(vi ? "Số liệu tính đến ngày" : "Counted on", r.query.as_of.ToVn());
  if (r.query.units_of) pair(vi ? "Theo đơn vị hành chính ngày" : "In the units of", r.query.units_of->ToVn());
  pair(vi ? "Đơn vị" : "Unit", r.rows.empty() ? r.query.unit_code : r.rows.front().unit_name);
  ++nrow;
  if (!r.notes.empty()) {
    worksheet_write_string(ns, nrow++, 0, vi ? "Ghi chú" : "Notes", header);
    for (const std::string& n : r.notes) worksheet_write_string(ns, nrow++, 1, n.c_str(), nullptr);
  }

  lxw_error e = workbook_close(wb);
  if (e != LXW_NO_ERROR) return XlsxError(e, path);
  return Status::Ok();
}

}  // namespace baophu
