// TableReader: the rows of a .csv file or of one sheet of an .xlsx file, the same way for both,
// so the importers do not care where a row came from. Streams (memory does not grow with the
// number of rows). Not thread-safe; one reader per file.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"

namespace baophu {

// A row the reader could not read whole: it is a row error (file, line, column, value, reason)
// like any other, so it goes to the --errors report and the rest of the file is still checked.
struct RowDefect {
  int cell = -1;       // 0-based index of the offending cell; -1 = the row is whole
  std::string prefix;  // the start of its value (at most kMaxCellBytes are ever kept)
  std::string reason;  // Vietnamese
};

// Bounds of one row that hold for every reader, whatever the file claims. Past them a CSV row
// gets a RowDefect (the reader stops keeping bytes, so memory stays bounded); an xlsx is refused.
// 32.767 characters is Excel's own limit on a cell; at most 4 bytes each in UTF-8.
inline constexpr size_t kMaxCellChars = 32767;
inline constexpr size_t kMaxCellBytes = kMaxCellChars * 4;
// Columns of a row: Excel's own limit (XFD = 16.384).
inline constexpr size_t kMaxColumns = 16384;

struct TableRow {
  int64_t line = 0;                // CSV: line where the record starts; xlsx: the row number
  std::vector<std::string> cells;  // raw text (an xlsx number as its shortest decimal text)
  std::vector<bool> numeric;       // xlsx: the cell was a number (Excel drops leading zeros)
  RowDefect defect;                // set when the row could not be read whole
  bool Blank() const;              // every cell empty or spaces (never for a defective row)
};

class TableReader {
 public:
  virtual ~TableReader() = default;
  // The next row (blank rows included); false at the end or on error (then see status()).
  virtual bool Next(TableRow* row) = 0;
  virtual const Status& status() const = 0;
  // Fraction of the input consumed, 0..1, for progress bars.
  virtual double Progress() const = 0;
  // True for sheets: column names are shown with their letter ("C (ngay_sinh)").
  virtual bool HasColumnLetters() const = 0;
};

// Opens `path` by its extension: .csv (or .txt) or .xlsx. `sheet` selects an xlsx sheet by
// name (empty = the first); it is an error for a CSV only when not empty.
Result<std::unique_ptr<TableReader>> OpenTable(const std::string& path, const std::string& sheet);

// "A", "B", ... "Z", "AA" for a 0-based column index.
std::string ColumnLetters(int index);

}  // namespace baophu
