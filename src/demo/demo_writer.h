// CsvOut: a CSV file written through one large buffer with hand-written number and date
// formatting, so the generator writes millions of rows without a heap allocation per row.
// Fields are written raw: callers pass only text that needs no quoting (codes, names without
// commas), or use Quoted(). Not thread-safe; one writer per file.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "core/status.h"
#include "demo/demo_dates.h"

namespace baophu::demo {

class CsvOut {
 public:
  CsvOut() = default;
  ~CsvOut();
  CsvOut(const CsvOut&) = delete;
  CsvOut& operator=(const CsvOut&) = delete;

  // Creates (truncates) `path` and writes `header` and a newline.
  Status Open(const std::string& path, std::string_view header);
  // Flushes and closes; reports the first write error.
  Status Close();
  int64_t rows() const { return rows_; }

  CsvOut& Str(std::string_view s) {
    Reserve(s.size());
    std::memcpy(buf_ + len_, s.data(), s.size());
    len_ += s.size();
    return *this;
  }
  CsvOut& Ch(char c) {
    Reserve(1);
    buf_[len_++] = c;
    return *this;
  }
  CsvOut& Comma() { return Ch(','); }
  CsvOut& EndRow() {
    Ch('\n');
    ++rows_;
    return *this;
  }
  // A field in double quotes (for values with a comma, e.g. "85,45").
  CsvOut& Quoted(std::string_view s) { return Ch('"').Str(s).Ch('"'); }
  CsvOut& Int(int64_t v);
  // Exactly `width` digits with leading zeros (v must fit).
  CsvOut& Digits(uint64_t v, int width) {
    Reserve(static_cast<size_t>(width));
    char* p = buf_ + len_ + width;
    for (int i = 0; i < width; ++i) {
      *--p = static_cast<char>('0' + v % 10);
      v /= 10;
    }
    len_ += static_cast<size_t>(width);
    return *this;
  }
  // dd/mm/yyyy
  CsvOut& DateVn(int32_t days) {
    int y, m, d;
    Ymd(days, &y, &m, &d);
    Digits(static_cast<uint64_t>(d), 2).Ch('/').Digits(static_cast<uint64_t>(m), 2).Ch('/');
    return Digits(static_cast<uint64_t>(y), 4);
  }

 private:
  static constexpr size_t kBufSize = size_t{4} << 20;
  void Reserve(size_t n) {
    if (len_ + n > kBufSize) Flush();
  }
  void Flush();

  std::FILE* f_ = nullptr;
  char* buf_ = nullptr;
  size_t len_ = 0;
  int64_t rows_ = 0;
  bool failed_ = false;
  std::string path_;
};

}  // namespace baophu::demo
