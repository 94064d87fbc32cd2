// CsvReader: RFC 4180 records from a file, streamed (memory does not grow with the file),
// with the 1-based line where each record starts. Accepts ',' or ';' (sniffed from the header
// line) and \n or \r\n line ends; strips a UTF-8 BOM. It does not check the encoding: callers
// do (see ingest/). Not thread-safe; one reader per file.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace baophu {

// Bounds of one record, whatever the file holds: past them the reader stops keeping bytes (so a
// 100 MB field or a line of a million fields costs no more than the bounds) and reports a defect.
struct CsvLimits {
  size_t max_field_bytes = 128 * 1024;  // longest field kept; the rest of it is skipped
  size_t max_fields = 16384;            // fields kept per record; the rest are skipped
  // true: a record past the bounds, or a quote left open at the end of the file, is returned
  // with defect() set (the caller reports it as a row error and goes on); false: it stops the
  // reader with status() set, naming the line and the field.
  bool row_defects = false;
};

class CsvReader {
 public:
  // What was wrong with the record last returned by Next() (field < 0: nothing).
  struct Defect {
    int field = -1;      // 0-based index of the offending field
    int64_t line = 0;    // line on which that field started
    std::string prefix;  // its first bytes (at most 200)
    std::string reason;  // Vietnamese
  };

  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;
  CsvReader(CsvReader&&) noexcept;

  static Result<CsvReader> Open(const std::string& path, CsvLimits limits = {});
  // Reads one record into `fields`; returns false at end of file. `line()` is then the line
  // on which that record started. A malformed record (a quote left open at end of file) sets
  // `status()` and returns false.
  bool Next(std::vector<std::string>* fields);
  int64_t line() const { return record_line_; }
  const Status& status() const { return status_; }
  const Defect& defect() const { return defect_; }
  char delimiter() const { return delim_; }
  // Bytes consumed so far and the file's size, for progress bars.
  int64_t bytes_read() const { return consumed_; }
  int64_t file_size() const { return size_; }

 private:
  CsvReader() = default;
  bool Fill();
  void SetDefect(int field, int64_t line, const std::string& value, std::string reason);
  int Peek();
  int Get();

  std::FILE* f_ = nullptr;
  std::string buf_;
  size_t pos_ = 0;
  bool eof_ = false;
  char delim_ = ',';
  int64_t next_line_ = 1;
  int64_t record_line_ = 0;
  int64_t consumed_ = 0;
  int64_t size_ = 0;
  Status status_;
  CsvLimits limits_;
  Defect defect_;
};

// A text cell made safe for spreadsheets (OWASP "CSV injection"): a cell that starts with
// = + - @ TAB or CR gets a leading single quote, so Excel or LibreOffice shows it as text instead
// of running it as a formula ("=HYPERLINK(...)" → "'=HYPERLINK(...)"). A plain number ("-12",
// "-3,5") is left alone: it cannot be a formula and a negative figure must stay a number.
std::string NeutraliseCsvFormula(std::string_view cell);

// Writes one CSV record (RFC 4180 quoting where needed, formulas neutralised by
// NeutraliseCsvFormula: every CSV the product writes goes through here) followed by '\n'.
void AppendCsvRecord(const std::vector<std::string>& fields, std::string* out);

}  // namespace baophu
