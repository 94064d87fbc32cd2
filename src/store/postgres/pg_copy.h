// COPY ... TO STDOUT in text format, row by row: how the PostgreSQL store streams the lean index
// rows (millions of them) without holding a result in memory.
// Thread-safety: as Conn — one thread per connection.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "store/postgres/pg_conn.h"

namespace baophu::pg {

// One row of COPY text output, split into fields and unescaped. NULL (\N) reads as empty text;
// integer columns read NULL as 0 and dates as Date().
class CopyRow {
 public:
  // Splits `line` (without its newline); views point into `line` unless a field had escapes.
  void Parse(std::string_view line);
  size_t size() const { return fields_.size(); }
  std::string_view Text(size_t i) const { return fields_[i]; }
  bool IsNull(size_t i) const { return null_[i]; }
  int64_t Int(size_t i) const;
  Date DateAt(size_t i) const { return null_[i] ? Date() : Date::FromDays(static_cast<int32_t>(Int(i))); }

 private:
  std::vector<std::string_view> fields_;
  std::vector<bool> null_;
  std::vector<std::string> unescaped_;  // storage for fields with backslash escapes
};

// Runs `copy_sql` (a COPY ... TO STDOUT) on `conn` and calls `fn` for every row, stopping at the
// first non-OK status it returns (which is returned) or when `stop` is set (OK). An abandoned
// COPY is cancelled; the caller ends the transaction it ran in.
Status CopyOut(Conn* conn, const std::string& copy_sql, std::string_view doing, const std::atomic<bool>& stop,
               const std::function<Status(const CopyRow&)>& fn);

}  // namespace baophu::pg
