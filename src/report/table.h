// Table: the one shape the money commands, the series and flows exports and the lists print — a
// title, column headers and typed cells — rendered as an aligned text table (Vietnamese numbers 1.234.567, dates dd/mm/yyyy),
// CSV (plain integers, ISO dates, UTF-8) or an XLSX sheet with real numbers and dates
// (libxlsxwriter). Not thread-safe; build one per command.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/status.h"

namespace baophu {

struct Cell {
  enum class Kind { kText, kInt, kMoney, kDate, kBp, kRate, kEmpty };
  Kind kind = Kind::kEmpty;
  std::string text;
  int64_t num = 0;  // int, đồng, day number, basis points
  static Cell Text(std::string s) { return {Kind::kText, std::move(s), 0}; }
  static Cell Int(int64_t v) { return {Kind::kInt, {}, v}; }
  static Cell Dong(Money m) { return {Kind::kMoney, {}, m.dong}; }
  static Cell Day(Date d) { return d.valid() ? Cell{Kind::kDate, {}, d.days()} : Cell{}; }
  static Cell Bp(int64_t bp) { return {Kind::kBp, {}, bp}; }  // 450 → "4,5 %"
  // A rate in hundredths of a percent, always two decimals: 9720 → "97,20 %" (as coverage reports).
  static Cell Rate(int64_t hundredths) { return {Kind::kRate, {}, hundredths}; }
  static Cell Empty() { return {}; }
};

class Table {
 public:
  Table(std::string title, std::vector<std::string> headers)
      : title_(std::move(title)), headers_(std::move(headers)) {}
  void AddRow(std::vector<Cell> row) { rows_.push_back(std::move(row)); }
  // A line printed under the table (totals, notes).
  void AddNote(std::string note) { notes_.push_back(std::move(note)); }
  bool empty() const { return rows_.empty(); }

  // `en` switches number formats to 1,234,567 and percents to 4.5 %.
  std::string ToText(bool en) const;
  std::string ToCsv() const;
  // One sheet named `sheet` (Excel truncates at 31 characters) in a new workbook at `path`.
  Status WriteXlsx(const std::string& path, const std::string& sheet) const;

  // "4,5 %" / "4.5 %" from basis points (trailing zeros dropped).
  static std::string FormatBp(int64_t bp, bool en);
  static std::string FormatMoney(Money m, bool en);

 private:
  std::string title_;
  std::vector<std::string> headers_;
  std::vector<std::vector<Cell>> rows_;
  std::vector<std::string> notes_;
};

}  // namespace baophu
