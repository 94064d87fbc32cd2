// Civil-date arithmetic on plain day numbers (days since 1970-01-01, as baophu::Date), inlined
// for the generator's hot loops. Pure functions; thread-safe.
#pragma once

#include <cstdint>

namespace baophu::demo {

// Howard Hinnant's days_from_civil / civil_from_days.
inline int32_t Days(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mm = static_cast<unsigned>(m);
  const unsigned doy = (153 * (mm > 2 ? mm - 3 : mm + 9) + 2) / 5 + static_cast<unsigned>(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int32_t>(doe) - 719468;
}

inline void Ymd(int32_t z, int* y, int* m, int* d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int yy = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = yy + (*m <= 2);
}

inline int YearOf(int32_t days) { int y, m, d; Ymd(days, &y, &m, &d); return y; }

inline bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
inline int MonthLength(int y, int m) {
  static constexpr int kLen[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kLen[m - 1];
}

// `days` plus n calendar months, the day clamped to the target month's length.
inline int32_t AddMonths(int32_t days, int n) {
  int y, m, d;
  Ymd(days, &y, &m, &d);
  int total = y * 12 + (m - 1) + n;
  y = total / 12;
  m = total % 12 + 1;
  if (d > MonthLength(y, m)) d = MonthLength(y, m);
  return Days(y, m, d);
}

// Last day of validity of a child's TE card (bhyt-rules.md §3): born on or before 30 Sep, to
// 30 Sep of the year the child turns 6; otherwise to the end of the month of the 72nd month.
inline int32_t TeCardEnd(int32_t birth) {
  int y, m, d;
  Ymd(birth, &y, &m, &d);
  if (m < 9 || (m == 9 && d <= 30)) return Days(y + 6, 9, 30);
  return Days(y + 6, m, MonthLength(y + 6, m));
}

// Whole years of age on `on`.
inline int AgeOn(int32_t birth, int32_t on) {
  int by, bm, bd, y, m, d;
  Ymd(birth, &by, &bm, &bd);
  Ymd(on, &y, &m, &d);
  int age = y - by;
  if (m < bm || (m == bm && d < bd)) --age;
  return age;
}

}  // namespace baophu::demo
