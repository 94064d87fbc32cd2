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

class CsvReader {
 public:
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;
  CsvReader(CsvReader&&) noexcept;

  static Result<CsvReader> Open(const std::string& path);
  // Reads one record into `fields`; returns false at end of file. `line()` is then the line
  // on which that record started. A malformed record (a quote left open at end of file) sets
  // `status()` and returns false.
  bool Next(std::vector<std::string>* fields);
  int64_t line() const { return record_line_; }
  const Status& status() const { return status_; }
  char delimiter() const { return delim_; }
  // Bytes consumed so far and the file's size, for progress bars.
  int64_t bytes_read() const { return consumed_; }
  int64_t file_size() const { return size_; }

 private:
  CsvReader() = default;
  bool Fill();
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
};

// Writes one CSV record (RFC 4180 quoting where needed) followed by '\n'.
void AppendCsvRecord(const std::vector<std::string>& fields, std::string* out);

}  // namespace baophu
