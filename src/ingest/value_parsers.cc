// The shared value parsers of row_handler.h.
#include <charconv>

#include "core/text.h"
#include "ingest/row_handler.h"

namespace baophu {

std::string PadDigits(const std::string& v, bool numeric_cell, size_t width) {
  if (!numeric_cell || v.empty() || v.size() >= width) return v;
  for (char c : v)
    if (c < '0' || c > '9') return v;
  return std::string(width - v.size(), '0') + v;
}

Result<int64_t> ParseCount(std::string_view text) {
  auto bad = [&] {
    return Status::InvalidArgument("cần một số nguyên không âm: '" + std::string(text) + "'");
  };
  if (text.empty()) return Status::InvalidArgument("thiếu số");
  std::string digits;
  // Separators must group by three: "1.234.567", "1,234,567", "1 234 567".
  char sep = 0;
  size_t group = 0;
  bool grouped = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
      ++group;
      continue;
    }
    if (c != '.' && c != ',' && c != ' ') return bad();
    if ((sep && c != sep) || digits.empty() || (grouped && group != 3) || group > 3) return bad();
    sep = c;
    grouped = true;
    group = 0;
  }
  if (grouped && group != 3) return bad();
  if (digits.empty() || digits.size() > 15) return bad();
  int64_t v = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), v);
  return v;
}

Result<int32_t> ParsePercentHundredths(std::string_view text) {
  std::string_view t = text;
  while (!t.empty() && (t.back() == '%' || t.back() == ' ')) t.remove_suffix(1);
  auto bad = [&] {
    return Status::InvalidArgument("chỉ tiêu phải là phần trăm từ 0 đến 100, tối đa 2 chữ số thập phân "
                                   "(ví dụ 91 hoặc 85,45): '" + std::string(text) + "'");
  };
  size_t sep = t.find_first_of(".,");
  std::string_view whole = t.substr(0, sep);
  std::string_view frac = sep == std::string_view::npos ? std::string_view() : t.substr(sep + 1);
  if (whole.empty() || whole.size() > 3 || frac.size() > 2 || (sep != std::string_view::npos && frac.empty()))
    return bad();
  int32_t w = 0, f = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return bad();
    w = w * 10 + (c - '0');
  }
  for (char c : frac) {
    if (c < '0' || c > '9') return bad();
    f = f * 10 + (c - '0');
  }
  if (frac.size() == 1) f *= 10;
  int32_t v = w * 100 + f;
  if (v > 10000) return bad();
  return v;
}

Result<ReportingGroupId> ParseGroup(const RuleSet& rules, std::string_view text) {
  if (text.empty()) return kAllGroups;
  bool digits = true;
  for (char c : text) digits = digits && c >= '0' && c <= '9';
  const ReportingGroup* g = nullptr;
  if (digits && text.size() <= 3) {
    int id = 0;
    for (char c : text) id = id * 10 + (c - '0');
    if (id == 0) return kAllGroups;
    if (id < 256) g = rules.FindGroup(static_cast<ReportingGroupId>(id));
  } else {
    std::string up(text);
    for (char& c : up)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    g = rules.FindGroupByCode(up);
  }
  if (!g) {
    std::string known;
    for (const ReportingGroup& r : rules.groups()) known += (known.empty() ? "" : ", ") + r.code;
    return Status::InvalidArgument("nhóm báo cáo không có trong bảng quy định: '" + std::string(text) +
                                   "' (các nhóm: " + known + "; để trống = tất cả)");
  }
  return g->id;
}

void AddRowError(ImportResult* r, const std::string& file, int64_t line, const std::string& column,
                 std::string value, std::string reason) {
  r->errors.push_back({file, line, column, std::move(value), std::move(reason)});
}

std::string JoinLines(const std::vector<int64_t>& lines) {
  std::string s;
  const size_t shown = std::min<size_t>(lines.size(), 5);
  for (size_t i = 0; i < shown; ++i) {
    if (i > 0) s += (i + 1 == lines.size()) ? " và " : ", ";
    s += std::to_string(lines[i]);
  }
  if (lines.size() > shown) s += ", …";
  return s;
}

}  // namespace baophu
