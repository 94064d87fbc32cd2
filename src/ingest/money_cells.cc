#include "ingest/money_cells.h"

#include "core/text.h"

namespace baophu::money_cells {

// A tax code (mã số thuế): 10 digits, or 13 as 10 + "-" + 3 (branches); Excel may drop zeros.
bool ParseTaxCode(RowCtx& ctx, int col, std::string* out) {
  std::string v = PadDigits(ctx.Get(col), ctx.Numeric(col), 10);
  std::string digits;
  bool bad = false;
  for (char c : v) {
    if (c >= '0' && c <= '9')
      digits.push_back(c);
    else
      bad |= c != '-';
  }
  if (bad || (digits.size() != 10 && digits.size() != 13)) {
    ctx.Error(col, v, "mã số thuế phải gồm 10 hoặc 13 chữ số (ví dụ 0100109106 hoặc 0100109106-001)");
    return false;
  }
  *out = digits.size() == 10 ? digits : digits.substr(0, 10) + "-" + digits.substr(10);
  return true;
}

bool Required(RowCtx& ctx, int col, const char* what, std::string* out) {
  *out = ctx.Get(col);
  if (out->empty()) ctx.Error(col, "", std::string("thiếu ") + what);
  return !out->empty();
}

// A short code of letters, digits, '-', '_', '.' and '/' (school, sponsor, household).
bool ParseCode(RowCtx& ctx, int col, const char* what, std::string* out) {
  if (!Required(ctx, col, what, out)) return false;
  for (char c : *out) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '_' ||
              c == '.' || c == '/';
    if (!ok || out->size() > 40) {
      ctx.Error(col, *out, std::string(what) + " chỉ gồm chữ không dấu, chữ số và - _ . / (tối đa 40 ký tự)");
      return false;
    }
  }
  return true;
}

bool ParseDateCell(RowCtx& ctx, int col, Date* out) {
  std::string v = ctx.Get(col);
  auto d = Date::Parse(v);
  if (!d.ok()) {
    ctx.Error(col, v, d.status().message());
    return false;
  }
  if (d->year() < 1990 || d->year() > 2100) {
    ctx.Error(col, v, "năm " + std::to_string(d->year()) + " không hợp lý");
    return false;
  }
  *out = *d;
  return true;
}

// Đồng, whole (thousands separators accepted); `optional` allows an empty cell (= 0).
bool ParseMoney(RowCtx& ctx, int col, bool optional, Money* out) {
  std::string v = ctx.Get(col);
  if (v.empty() && optional) return true;
  // A trailing " đ" / "đồng" / "VND" is tolerated.
  for (const char* unit : {"đồng", "đ", "VND", "vnd"}) {
    std::string u = unit;
    if (v.size() > u.size() && v.compare(v.size() - u.size(), u.size(), u) == 0) {
      v.resize(v.size() - u.size());
      while (!v.empty() && v.back() == ' ') v.pop_back();
      break;
    }
  }
  auto n = ParseCount(v);
  if (!n.ok()) {
    ctx.Error(col, ctx.Get(col), "số tiền phải là số đồng nguyên không âm (ví dụ 4.500.000): " + n.status().message());
    return false;
  }
  out->dong = *n;
  return true;
}

bool ParseCountCell(RowCtx& ctx, int col, bool optional, int64_t* out) {
  std::string v = ctx.Get(col);
  if (v.empty() && optional) return true;
  auto n = ParseCount(v);
  if (!n.ok()) {
    ctx.Error(col, v, n.status().message());
    return false;
  }
  *out = *n;
  return true;
}

// có/không, x/'', 1/0, yes/no, true/false.
bool ParseYesNo(RowCtx& ctx, int col, bool* out) {
  std::string v = ctx.Get(col);
  std::string f = FoldForSearch(v);
  if (f == "co" || f == "x" || f == "1" || f == "yes" || f == "y" || f == "true")
    *out = true;
  else if (f.empty() || f == "khong" || f == "0" || f == "no" || f == "n" || f == "false")
    *out = false;
  else {
    ctx.Error(col, v, "cần 'có' hoặc 'không' (hoặc x / để trống, 1/0)");
    return false;
  }
  return true;
}

// A month: "01/2025", "1/2025", "2025-01", or a date in it.
bool ParseMonth(RowCtx& ctx, int col, int* year, int* month) {
  std::string v = ctx.Get(col);
  int y = 0, m = 0;
  size_t slash = v.find('/'), dash = v.find('-');
  auto num = [](const std::string& s, int* out) {
    if (s.empty() || s.size() > 4) return false;
    int x = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return false;
      x = x * 10 + (c - '0');
    }
    *out = x;
    return true;
  };
  bool ok = false;
  if (slash != std::string::npos && v.find('/', slash + 1) == std::string::npos)
    ok = num(v.substr(0, slash), &m) && num(v.substr(slash + 1), &y);
  else if (dash == 4 && v.size() <= 7)
    ok = num(v.substr(0, 4), &y) && num(v.substr(5), &m);
  else if (auto d = Date::Parse(v); d.ok()) {
    y = d->year();
    m = d->month();
    ok = true;
  }
  if (!ok || m < 1 || m > 12 || y < 1990 || y > 2100) {
    ctx.Error(col, v, "tháng phải có dạng mm/yyyy (ví dụ 01/2025)");
    return false;
  }
  *year = y;
  *month = m;
  return true;
}

// An optional administrative unit code that the store knows.
bool ParseUnit(RowCtx& ctx, int col, const UnitTree& units, UnitCode* out) {
  std::string v = ctx.Get(col);
  if (v.empty()) return true;
  if (auto u = UnitCode::Parse(v); !u.ok()) {
    ctx.Error(col, v, u.status().message());
    return false;
  } else if (!units.Knows(v)) {
    ctx.Error(col, v, "mã đơn vị '" + v + "' không có trong danh mục đơn vị hành chính");
    return false;
  } else {
    *out = *u;
  }
  return true;
}

}  // namespace baophu::money_cells
