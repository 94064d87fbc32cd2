// Column headers of import files: each field has Vietnamese and English names, matched in any
// order, ignoring case, diacritics, spaces and '_' ("Mã số BHXH" = "ma_so_bhxh" =
// "BHXH number"); extra columns are ignored. RowCtx hands a row's cells to the validators and
// collects their errors with file, line, column and value. Not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "ingest/importer.h"
#include "ingest/table_reader.h"

namespace baophu {

// The longest value a column takes, in characters (code points), unless its spec says otherwise.
// 200 covers every name (a person's, a unit's, a school's, an employer's: the longest Vietnamese
// names in the national registers are under 120) and, a fortiori, every code, number and date,
// whose own parsers check their exact formats (BHXH 10 digits, CCCD 12, card code 15, dates).
// A longer value is a row error naming the column, so a 1 MB "name" never reaches the store.
inline constexpr int kDefaultMaxChars = 200;
// Free-text notes ("ghi_chu"): a paragraph.
inline constexpr int kNoteMaxChars = 1000;

struct ColumnSpec {
  const char* vi;                  // the documented Vietnamese name, e.g. "ma_so_bhxh"
  const char* en;                  // the documented English name, e.g. "bhxh_number"
  bool required = true;            // the column must be present (a value may still be optional)
  std::vector<const char*> extra;  // other accepted spellings ("ho va ten")
  int max_chars = kDefaultMaxChars;  // longest accepted value, in characters (see above)
};

// The longest part of an offending value kept in a RowError (and so in errors.csv): enough to
// find it in the file, without copying a hostile 100 MB cell into the report.
inline constexpr size_t kErrorValuePrefixBytes = 200;
// `value` cut to kErrorValuePrefixBytes on a UTF-8 boundary, with "…" when cut.
std::string ErrorValuePrefix(std::string_view value);

// The comparison key of a header: folded, '_' '-' '.' as spaces, spaces collapsed.
std::string HeaderKey(std::string_view header);

// Where each spec's column is in a file.
struct ColumnMap {
  std::vector<int> index;           // per spec, -1 when absent
  std::vector<std::string> label;   // per spec, for RowError::column: the header as written
};

// Matches the header row; a missing required column is a file-level error that names the
// column and the accepted names.
Result<ColumnMap> MapColumns(const std::vector<ColumnSpec>& specs, const TableRow& header, bool letters,
                             const std::string& file);

// Text as the importers want it: NFC, trimmed (spaces, tabs, NBSP, line breaks).
std::string CleanCell(std::string_view raw);

// One data row being validated: its cells by spec, and the error/warning sinks.
class RowCtx {
 public:
  RowCtx(const TableRow& row, const ColumnMap& cols, const std::string& file, std::vector<RowError>* errors,
         std::vector<RowError>* warnings)
      : row_(row), cols_(cols), file_(file), errors_(errors), warnings_(warnings) {}

  // The cleaned value of spec `i` ("" when the column is absent or the row is short).
  std::string Get(int i) const;
  // True when spec `i`'s cell in an .xlsx was a number (Excel drops leading zeros of codes).
  bool Numeric(int i) const;
  bool Has(int i) const { return cols_.index[static_cast<size_t>(i)] >= 0; }
  int64_t line() const { return row_.line; }
  const std::string& file() const { return file_; }
  const std::string& Label(int i) const { return cols_.label[static_cast<size_t>(i)]; }

  void Error(int i, std::string value, std::string reason);
  // Checks every mapped cell against its spec's max_chars and a reader defect of the row
  // (TableRow::defect: a quote never closed, a cell past the reader's limit); each becomes a
  // row error naming the column. False when the row has any of them: its cells are then not
  // to be validated further.
  bool CheckShape(const std::vector<ColumnSpec>& specs);
  void Warn(int i, std::string value, std::string reason);
  bool ok() const { return !failed_; }

 private:
  const TableRow& row_;
  const ColumnMap& cols_;
  const std::string& file_;
  std::vector<RowError>* errors_;
  std::vector<RowError>* warnings_;
  bool failed_ = false;
};

}  // namespace baophu
