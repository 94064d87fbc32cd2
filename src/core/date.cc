#include "core/date.h"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace baophu {
namespace {

namespace chr = std::chrono;

bool ParseInt(std::string_view s, int* out) {
  if (s.empty() || s.size() > 9) return false;
  for (char c : s) if (c < '0' || c > '9') return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

Result<Date> ParseStructured(std::string_view t, std::string_view original) {
  auto bad = [&] {
    return Status::InvalidArgument("ngày không hợp lệ '" + std::string(original) +
                                   "' (cần dd/mm/yyyy hoặc yyyy-mm-dd)");
  };
  // yyyy-mm-dd
  if (t.size() == 10 && t[4] == '-' && t[7] == '-') {
    int y, m, d;
    if (!ParseInt(t.substr(0, 4), &y) || !ParseInt(t.substr(5, 2), &m) ||
        !ParseInt(t.substr(8, 2), &d))
      return bad();
    Date r = Date::FromYmd(y, m, d);
    if (!r.valid()) return bad();
    return r;
  }
  // d/m/yyyy with '/', '-' or '.'
  char sep = 0;
  for (char c : t) if (c == '/' || c == '-' || c == '.') { sep = c; break; }
  if (sep == 0) return bad();
  size_t a = t.find(sep);
  size_t b = t.find(sep, a + 1);
  if (b == std::string_view::npos || t.find(sep, b + 1) != std::string_view::npos) return bad();
  int d, m, y;
  std::string_view ys = t.substr(b + 1);
  if (ys.size() != 4 || !ParseInt(t.substr(0, a), &d) || !ParseInt(t.substr(a + 1, b - a - 1), &m) ||
      !ParseInt(ys, &y) || a > 2 || b - a - 1 > 2)
    return bad();
  Date r = Date::FromYmd(y, m, d);
  if (!r.valid()) return bad();
  return r;
}

}  // namespace

Date Date::FromYmd(int y, int m, int d) {
  chr::year_month_day ymd{chr::year(y), chr::month(static_cast<unsigned>(m)),
                          chr::day(static_cast<unsigned>(d))};
  if (y < 1 || y > 9999 || !ymd.ok()) return Date();
  return Date(static_cast<int32_t>(chr::sys_days(ymd).time_since_epoch().count()));
}

Date Date::FromExcelSerial(int64_t serial) {
  // Serial 1 = 1900-01-01; Excel counts a non-existent 1900-02-29 as serial 60, so serials
  // from 61 on are one ahead. Serial 25569 = 1970-01-01.
  if (serial < 61) serial += 1;
  return Date(static_cast<int32_t>(serial - 25569));
}

Result<Date> Date::Parse(std::string_view text) {
  std::string_view t = Trim(text);
  if (t.empty()) return Status::InvalidArgument("thiếu ngày");
  bool digits_only = true;
  size_t dot = std::string_view::npos;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '.' && dot == std::string_view::npos) { dot = i; continue; }
    if (t[i] < '0' || t[i] > '9') { digits_only = false; break; }
  }
  if (digits_only) {
    std::string_view whole = dot == std::string_view::npos ? t : t.substr(0, dot);
    int serial;
    // Serial numbers between 1 (1900) and 2958465 (9999-12-31); 8-digit forms like 20211110
    // are not accepted because they are ambiguous with serials.
    if (ParseInt(whole, &serial) && serial >= 1 && serial <= 2958465 && whole.size() <= 7) {
      return FromExcelSerial(serial);
    }
  }
  return ParseStructured(t, text);
}

Result<Date> Date::ParseOption(std::string_view text) {
  return ParseStructured(Trim(text), text);
}

void Date::ToYmd(int* y, int* m, int* d) const {
  chr::year_month_day ymd{chr::sys_days(chr::days(days_))};
  *y = static_cast<int>(ymd.year());
  *m = static_cast<int>(static_cast<unsigned>(ymd.month()));
  *d = static_cast<int>(static_cast<unsigned>(ymd.day()));
}

int Date::year() const { int y, m, d; ToYmd(&y, &m, &d); return y; }
int Date::month() const { int y, m, d; ToYmd(&y, &m, &d); return m; }
int Date::day() const { int y, m, d; ToYmd(&y, &m, &d); return d; }

int Date::Weekday() const {
  // 1970-01-01 was a Thursday (ISO index 3).
  int w = (days_ + 3) % 7;
  return w < 0 ? w + 7 : w;
}

Date Date::AddMonths(int n) const {
  int y, m, d;
  ToYmd(&y, &m, &d);
  int total = y * 12 + (m - 1) + n;
  int ny = total / 12, nm = total % 12 + 1;
  chr::year_month_day_last last{chr::year(ny), chr::month_day_last(chr::month(nm))};
  int maxd = static_cast<int>(static_cast<unsigned>(last.day()));
  return FromYmd(ny, nm, d > maxd ? maxd : d);
}

std::string Date::ToIso() const {
  if (!valid()) return "";
  int y, m, d;
  ToYmd(&y, &m, &d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

std::string Date::ToVn() const {
  if (!valid()) return "";
  int y, m, d;
  ToYmd(&y, &m, &d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d, m, y);
  return buf;
}

}  // namespace baophu
