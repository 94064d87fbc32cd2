// Date: a civil day as days since 1970-01-01 (proleptic Gregorian), the unit of every
// validity window, as-of query and series. A 4-byte value type; safe to share between threads.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace baophu {

class Date {
 public:
  constexpr Date() = default;
  static constexpr Date FromDays(int32_t days) { return Date(days); }
  // Returns an invalid Date when y/m/d is not a real day.
  static Date FromYmd(int y, int m, int d);
  // Accepts dd/mm/yyyy (also d/m/yyyy and '-' or '.' separators), yyyy-mm-dd, and Excel
  // serial day numbers (1900 date system, e.g. "44510" = 10/11/2021; fractions ignored).
  static Result<Date> Parse(std::string_view text);
  // Only yyyy-mm-dd or dd/mm/yyyy, for command-line options (no serials).
  static Result<Date> ParseOption(std::string_view text);
  // Excel serial day (1900 system, with Excel's fictitious 29/02/1900 accounted for).
  static Date FromExcelSerial(int64_t serial);

  // Sentinels for open-ended validity windows.
  static constexpr Date Min() { return Date(-719162); }  // 0001-01-01
  static constexpr Date Max() { return Date(2932896); }  // 9999-12-31

  constexpr int32_t days() const { return days_; }
  bool valid() const { return days_ != kInvalid; }
  int year() const;
  int month() const;
  int day() const;
  void ToYmd(int* y, int* m, int* d) const;
  int Weekday() const;  // 0 = Monday ... 6 = Sunday (ISO order)

  constexpr Date AddDays(int32_t n) const { return Date(days_ + n); }
  // Adds calendar months; the day is clamped to the target month's length.
  Date AddMonths(int n) const;
  std::string ToIso() const;  // 2021-11-10
  std::string ToVn() const;   // 10/11/2021

  constexpr auto operator<=>(const Date&) const = default;

 private:
  static constexpr int32_t kInvalid = INT32_MIN;
  constexpr explicit Date(int32_t d) : days_(d) {}
  int32_t days_ = kInvalid;
};

inline constexpr int32_t operator-(Date a, Date b) { return a.days() - b.days(); }

}  // namespace baophu
