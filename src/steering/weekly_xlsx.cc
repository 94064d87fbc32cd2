// The XLSX rendering (libxlsxwriter): the document on one sheet, top to bottom — the heading,
// the paragraphs in merged wrapped cells, the tables with real numbers (counts with a thousands
// format, rates as fractions with a percent format) and the chart as a picture.
#include <xlsxwriter.h>

#include <algorithm>

#include "steering/weekly_chart.h"
#include "steering/weekly_document.h"

namespace baophu {

Status WriteWeeklyXlsx(const WeeklyDocument& d, Lang lang, const std::string& path) {
  const bool vi = lang == Lang::kVi;
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return Status::IOError("không tạo được tệp Excel " + path);
  lxw_worksheet* ws = workbook_add_worksheet(wb, vi ? "Báo cáo tuần" : "Weekly report");
  constexpr lxw_col_t kLastCol = 9;  // the text spans columns A..J
  auto fmt = [&](bool bold, bool italic, int align, double size) {
    lxw_format* f = workbook_add_format(wb);
    format_set_font_name(f, "Times New Roman");
    format_set_font_size(f, size);
    if (bold) format_set_bold(f);
    if (italic) format_set_italic(f);
    format_set_text_wrap(f);
    format_set_align(f, static_cast<uint8_t>(align));
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
  };
  lxw_format* centre_bold = fmt(true, false, LXW_ALIGN_CENTER, 11);
  lxw_format* centre_italic = fmt(false, true, LXW_ALIGN_CENTER, 11);
  lxw_format* title = fmt(true, false, LXW_ALIGN_CENTER, 14);
  lxw_format* subtitle = fmt(true, false, LXW_ALIGN_CENTER, 12);
  lxw_format* heading = fmt(true, false, LXW_ALIGN_LEFT, 12);
  lxw_format* para = fmt(false, false, LXW_ALIGN_JUSTIFY, 12);
  lxw_format* note = fmt(false, true, LXW_ALIGN_LEFT, 10);
  lxw_format* th = fmt(true, false, LXW_ALIGN_CENTER, 10);
  format_set_bg_color(th, 0xDDE8F5);
  format_set_border(th, LXW_BORDER_THIN);
  lxw_format* td = fmt(false, false, LXW_ALIGN_LEFT, 10);
  format_set_border(td, LXW_BORDER_THIN);
  lxw_format* td_right = fmt(false, false, LXW_ALIGN_RIGHT, 10);
  format_set_border(td_right, LXW_BORDER_THIN);
  lxw_format* count = fmt(false, false, LXW_ALIGN_RIGHT, 10);
  format_set_border(count, LXW_BORDER_THIN);
  format_set_num_format(count, "#,##0");
  lxw_format* percent = fmt(false, false, LXW_ALIGN_RIGHT, 10);
  format_set_border(percent, LXW_BORDER_THIN);
  format_set_num_format(percent, "0.00%");
  worksheet_set_column(ws, 0, 0, 26, nullptr);
  worksheet_set_column(ws, 1, kLastCol, 12, nullptr);

  lxw_row_t row = 0;
  // A paragraph in a merged row; the height guessed from its length (Excel does not grow merged rows).
  auto text_row = [&](const std::string& s, lxw_format* f, double chars_per_line) {
    worksheet_merge_range(ws, row, 0, row, kLastCol, s.c_str(), f);
    const double lines = std::max(1.0, static_cast<double>(s.size()) / 1.15 / chars_per_line + 0.5);
    worksheet_set_row(ws, row, 16.5 * static_cast<int>(lines + 0.5), nullptr);
    ++row;
  };
  std::string png;
  for (const DocBlock& b : d.blocks) {
    switch (b.kind) {
      case DocBlock::kHeader: {
        const size_t n = std::max(b.left.size(), b.right.size());
        for (size_t i = 0; i < n; ++i, ++row) {
          if (i < b.left.size()) worksheet_merge_range(ws, row, 0, row, 2, b.left[i].c_str(), centre_bold);
          if (i < b.right.size())
            worksheet_merge_range(ws, row, 4, row, kLastCol, b.right[i].c_str(), i >= 2 ? centre_italic : centre_bold);
        }
        ++row;
        break;
      }
      case DocBlock::kTitle:
        text_row(b.text, title, 120);
        break;
      case DocBlock::kSubtitle:
        text_row(b.text, subtitle, 110);
        ++row;
        break;
      case DocBlock::kHeading:
        text_row(b.text, heading, 120);
        break;
      case DocBlock::kParagraph:
        text_row(b.text, para, 115);
        break;
      case DocBlock::kBullet:
        text_row("- " + b.text, para, 115);
        break;
      case DocBlock::kNote:
        text_row(b.text, note, 135);
        break;
      case DocBlock::kTable: {
        for (size_t r = 0; r < b.rows.size(); ++r, ++row) {
          for (size_t c = 0; c < b.rows[r].size(); ++c) {
            const DocCell& cell = b.rows[r][c];
            const auto col = static_cast<lxw_col_t>(c);
            if (r == 0)
              worksheet_write_string(ws, row, col, cell.text.c_str(), th);
            else if (cell.kind == DocCell::kCount)
              worksheet_write_number(ws, row, col, static_cast<double>(cell.value), count);
            else if (cell.kind == DocCell::kPercent)
              worksheet_write_number(ws, row, col, static_cast<double>(cell.value) / 10000.0, percent);
            else
              worksheet_write_string(ws, row, col, cell.text.c_str(), c == 0 ? td : td_right);
          }
          if (r == 0) worksheet_set_row(ws, row, 42, nullptr);
        }
        ++row;
        break;
      }
      case DocBlock::kChart: {
        png = WeeklyChartPng(b.chart, 900, 380);
        if (!png.empty()) {
          lxw_image_options o{};
          o.x_scale = 0.85;
          o.y_scale = 0.85;
          worksheet_insert_image_buffer_opt(ws, row, 0, reinterpret_cast<const unsigned char*>(png.data()), png.size(),
                                            &o);
          row += 18;  // 380 px × 0,85 ≈ 323 px ≈ 17 rows of 20 px
        }
        break;
      }
    }
  }
  worksheet_set_paper(ws, 9);  // A4
  worksheet_fit_to_pages(ws, 1, 0);
  const lxw_error e = workbook_close(wb);
  if (e != LXW_NO_ERROR) return Status::IOError("không ghi được tệp Excel " + path + ": " + lxw_strerror(e));
  return Status::Ok();
}

}  // namespace baophu
