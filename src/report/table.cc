#include "report/table.h"

#include <xlsxwriter.h>

#include <algorithm>

#include "core/csv.h"
#include "core/text.h"

namespace baophu {
namespace {

// Terminal columns: code points, not bytes; combining marks take no column.
size_t DisplayWidth(const std::string& s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    uint32_t cp = c;
    int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (len > 1) cp = c & (0x7F >> len);
    for (int k = 1; k < len && i + static_cast<size_t>(k) < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3F);
    i += static_cast<size_t>(len);
    if (!((cp >= 0x300 && cp <= 0x36F) || cp == 0x200B || cp == 0xFE0F)) ++w;
  }
  return w;
}

std::string FormatIntEn(int64_t v) {
  std::string s = FormatIntVn(v);
  std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

bool RightAligned(Cell::Kind k) {
  return k == Cell::Kind::kInt || k == Cell::Kind::kMoney || k == Cell::Kind::kBp || k == Cell::Kind::kRate;
}

std::string Render(const Cell& c, bool en) {
  switch (c.kind) {
    case Cell::Kind::kText:
      return c.text;
    case Cell::Kind::kInt:
    case Cell::Kind::kMoney:
      return en ? FormatIntEn(c.num) : FormatIntVn(c.num);
    case Cell::Kind::kDate:
      return Date::FromDays(static_cast<int32_t>(c.num)).ToVn();
    case Cell::Kind::kBp:
      return Table::FormatBp(c.num, en);
    case Cell::Kind::kRate:
      return (en ? FormatHundredthsPlain(c.num) : FormatHundredthsVn(c.num)) + " %";
    case Cell::Kind::kEmpty:
      return "";
  }
  return "";
}

std::string Plain(const Cell& c) {
  switch (c.kind) {
    case Cell::Kind::kText:
      return c.text;
    case Cell::Kind::kInt:
    case Cell::Kind::kMoney:
      return std::to_string(c.num);
    case Cell::Kind::kDate:
      return Date::FromDays(static_cast<int32_t>(c.num)).ToIso();
    case Cell::Kind::kBp: {
      std::string s = Table::FormatBp(c.num, true);
      return s.substr(0, s.size() - 2);  // "4.5"
    }
    case Cell::Kind::kRate:
      return FormatHundredthsPlain(c.num);
    case Cell::Kind::kEmpty:
      return "";
  }
  return "";
}

}  // namespace

std::string Table::FormatBp(int64_t bp, bool en) {
  std::string s = std::to_string(bp / 100);
  int64_t frac = bp % 100;
  if (frac != 0) {
    std::string f = (frac < 10 ? "0" : "") + std::to_string(frac);
    while (!f.empty() && f.back() == '0') f.pop_back();
    s += (en ? "." : ",") + f;
  }
  return s + " %";
}

std::string Table::FormatMoney(Money m, bool en) { return en ? FormatIntEn(m.dong) : FormatIntVn(m.dong); }

std::string Table::ToText(bool en) const {
  std::vector<std::vector<std::string>> cells;
  cells.push_back(headers_);
  for (const auto& r : rows_) {
    std::vector<std::string> line;
    for (const Cell& c : r) line.push_back(Render(c, en));
    line.resize(headers_.size());
    cells.push_back(std::move(line));
  }
  std::vector<size_t> width(headers_.size(), 0);
  for (const auto& line : cells)
    for (size_t c = 0; c < line.size(); ++c) width[c] = std::max(width[c], DisplayWidth(line[c]));
  std::string out = title_ + "\n\n";
  for (size_t i = 0; i < cells.size(); ++i) {
    std::string line;
    for (size_t c = 0; c < headers_.size(); ++c) {
      if (c) line += " | ";
      const std::string& cell = cells[i][c];
      std::string pad(width[c] - DisplayWidth(cell), ' ');
      bool right = i > 0 && c < rows_[i - 1].size() && RightAligned(rows_[i - 1][c].kind);
      line += right ? pad + cell : cell + pad;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
    if (i == 0) {
      std::string rule;
      for (size_t c = 0; c < headers_.size(); ++c) rule += (c ? "-+-" : "") + std::string(width[c], '-');
      out += rule + "\n";
    }
  }
  if (rows_.empty()) out += en ? "(no rows)\n" : "(không có dòng nào)\n";
  for (const std::string& n : notes_) out += n + "\n";
  return out;
}

std::string Table::ToCsv() const {
  std::string out;
  AppendCsvRecord(headers_, &out);
  for (const auto& r : rows_) {
    std::vector<std::string> line;
    for (const Cell& c : r) line.push_back(Plain(c));
    line.resize(headers_.size());
    AppendCsvRecord(line, &out);
  }
  return out;
}

Status Table::WriteXlsx(const std::string& path, const std::string& sheet) const {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return Status::IOError("không tạo được tệp Excel " + path);
  std::string name = sheet.substr(0, 31);
  lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
  lxw_format* title = workbook_add_format(wb);
  format_set_bold(title);
  format_set_font_size(title, 13);
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_text_wrap(header);
  format_set_bg_color(header, 0xDDEBF7);
  format_set_border(header, LXW_BORDER_THIN);
  lxw_format* number = workbook_add_format(wb);
  format_set_num_format(number, "#,##0");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "dd/mm/yyyy");
  lxw_format* percent = workbook_add_format(wb);
  format_set_num_format(percent, "0.0#%");
  worksheet_write_string(ws, 0, 0, title_.c_str(), title);
  for (size_t c = 0; c < headers_.size(); ++c) {
    worksheet_write_string(ws, 2, static_cast<lxw_col_t>(c), headers_[c].c_str(), header);
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), c == 1 ? 32 : 16, nullptr);
  }
  worksheet_freeze_panes(ws, 3, 0);
  lxw_row_t row = 3;
  for (const auto& r : rows_) {
    for (size_t c = 0; c < r.size(); ++c) {
      const Cell& cell = r[c];
      lxw_col_t col = static_cast<lxw_col_t>(c);
      switch (cell.kind) {
        case Cell::Kind::kText:
          worksheet_write_string(ws, row, col, cell.text.c_str(), nullptr);
          break;
        case Cell::Kind::kInt:
        case Cell::Kind::kMoney:
          worksheet_write_number(ws, row, col, static_cast<double>(cell.num), number);
          break;
        case Cell::Kind::kBp:
        case Cell::Kind::kRate:
          worksheet_write_number(ws, row, col, static_cast<double>(cell.num) / 10000.0, percent);
          break;
        case Cell::Kind::kDate: {
          Date d = Date::FromDays(static_cast<int32_t>(cell.num));
          lxw_datetime dt = {d.year(), static_cast<uint8_t>(d.month()), static_cast<uint8_t>(d.day()), 0, 0, 0};
          worksheet_write_datetime(ws, row, col, &dt, date);
          break;
        }
        case Cell::Kind::kEmpty:
          break;
      }
    }
    ++row;
  }
  ++row;
  for (const std::string& n : notes_) worksheet_write_string(ws, row++, 0, n.c_str(), nullptr);
  lxw_error e = workbook_close(wb);
  if (e != LXW_NO_ERROR) return Status::IOError("không ghi được tệp Excel " + path + ": " + lxw_strerror(e));
  return Status::Ok();
}

}  // namespace baophu
