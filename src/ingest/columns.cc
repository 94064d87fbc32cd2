#include "ingest/columns.h"

#include "core/text.h"

namespace baophu {

std::string HeaderKey(std::string_view header) {
  std::string s(header);
  for (char& c : s)
    if (c == '_' || c == '-' || c == '.' || c == '\t' || c == '\r' || c == '\n') c = ' ';
  return FoldForSearch(CleanCell(s));
}

std::string CleanCell(std::string_view raw) {
  auto is_space_at = [&](std::string_view s, size_t i, bool front) -> size_t {
    // ASCII white space, or U+00A0 (C2 A0) which Excel users paste from the web.
    if (front) {
      if (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) return 1;
      if (i + 1 < s.size() && static_cast<unsigned char>(s[i]) == 0xC2 && static_cast<unsigned char>(s[i + 1]) == 0xA0)
        return 2;
      return 0;
    }
    if (s.empty()) return 0;
    char c = s.back();
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
    if (s.size() >= 2 && static_cast<unsigned char>(s[s.size() - 2]) == 0xC2 &&
        static_cast<unsigned char>(s.back()) == 0xA0)
      return 2;
    return 0;
  };
  std::string_view s = raw;
  while (size_t n = is_space_at(s, 0, true)) s.remove_prefix(n);
  while (size_t n = is_space_at(s, 0, false)) s.remove_suffix(n);
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return ToNfc(s);
  return std::string(s);
}

Result<ColumnMap> MapColumns(const std::vector<ColumnSpec>& specs, const TableRow& header, bool letters,
                             const std::string& file) {
  ColumnMap m;
  m.index.assign(specs.size(), -1);
  m.label.assign(specs.size(), "");
  for (size_t col = 0; col < header.cells.size(); ++col) {
    std::string key = HeaderKey(header.cells[col]);
    if (key.empty()) continue;
    for (size_t i = 0; i < specs.size(); ++i) {
      bool match = key == HeaderKey(specs[i].vi) || key == HeaderKey(specs[i].en);
      for (const char* e : specs[i].extra) match = match || key == HeaderKey(e);
      if (!match) continue;
      std::string label = CleanCell(header.cells[col]);
      if (letters) label += " (" + ColumnLetters(static_cast<int>(col)) + ")";
      if (m.index[i] >= 0) {
        return Status::InvalidArgument("Tệp '" + file + "': hai cột cùng là '" + specs[i].vi + "': '" + m.label[i] +
                                       "' và '" + label + "'; hãy xóa hoặc đổi tên một cột");
      }
      m.index[i] = static_cast<int>(col);
      m.label[i] = label;
    }
  }
  std::string missing;
  for (size_t i = 0; i < specs.size(); ++i) {
    if (m.index[i] >= 0 || !specs[i].required) continue;
    if (!missing.empty()) missing += "; ";
    missing += "'" + std::string(specs[i].vi) + "' (hoặc '" + specs[i].en + "'";
    for (const char* e : specs[i].extra) missing += ", '" + std::string(e) + "'";
    missing += ")";
  }
  if (!missing.empty()) {
    return Status::InvalidArgument("Tệp '" + file + "' thiếu cột bắt buộc: " + missing +
                                   ". Dòng tiêu đề phải là dòng đầu tiên; tên cột không phân biệt hoa thường, "
                                   "có dấu hay không dấu.");
  }
  for (size_t i = 0; i < specs.size(); ++i)
    if (m.index[i] < 0) m.label[i] = specs[i].vi;
  return m;
}

std::string RowCtx::Get(int i) const {
  int col = cols_.index[static_cast<size_t>(i)];
  if (col < 0 || static_cast<size_t>(col) >= row_.cells.size()) return "";
  return CleanCell(row_.cells[static_cast<size_t>(col)]);
}

bool RowCtx::Numeric(int i) const {
  int col = cols_.index[static_cast<size_t>(i)];
  return col >= 0 && static_cast<size_t>(col) < row_.numeric.size() && row_.numeric[static_cast<size_t>(col)];
}

namespace {

int64_t CodePoints(std::string_view s) {
  int64_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::string ErrorValuePrefix(std::string_view value) {
  if (value.size() <= kErrorValuePrefixBytes) return std::string(value);
  size_t cut = kErrorValuePrefixBytes;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  return std::string(value.substr(0, cut)) + "…";
}

void RowCtx::Error(int i, std::string value, std::string reason) {
  failed_ = true;
  errors_->push_back({file_, row_.line, Label(i), ErrorValuePrefix(value), std::move(reason)});
}

void RowCtx::Warn(int i, std::string value, std::string reason) {
  warnings_->push_back({file_, row_.line, Label(i), ErrorValuePrefix(value), std::move(reason)});
}

bool RowCtx::CheckShape(const std::vector<ColumnSpec>& specs) {
  bool ok = true;
  if (row_.defect.cell >= 0) {
    // The column by its header when it is one of ours, else by its position.
    std::string column = "cột thứ " + std::to_string(row_.defect.cell + 1);
    for (size_t i = 0; i < specs.size(); ++i)
      if (cols_.index[i] == row_.defect.cell) column = cols_.label[i];
    failed_ = true;
    errors_->push_back({file_, row_.line, column, ErrorValuePrefix(row_.defect.prefix), row_.defect.reason});
    ok = false;
  }
  for (size_t i = 0; i < specs.size(); ++i) {
    int col = cols_.index[i];
    if (col < 0 || static_cast<size_t>(col) >= row_.cells.size() || col == row_.defect.cell) continue;
    const std::string& raw = row_.cells[static_cast<size_t>(col)];
    if (raw.size() <= static_cast<size_t>(specs[i].max_chars)) continue;  // bytes ≥ characters
    int64_t n = CodePoints(raw);
    if (n <= specs[i].max_chars) continue;
    Error(static_cast<int>(i), raw,
          "dài " + std::to_string(n) + " ký tự, quá mức tối đa " + std::to_string(specs[i].max_chars) +
              " ký tự của cột này");
    ok = false;
  }
  return ok;
}

}  // namespace baophu
