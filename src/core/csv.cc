#include "core/csv.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

namespace baophu {

CsvReader::~CsvReader() {
  if (f_) std::fclose(f_);
}

CsvReader::CsvReader(CsvReader&& o) noexcept
    : f_(std::exchange(o.f_, nullptr)), buf_(std::move(o.buf_)), pos_(o.pos_), eof_(o.eof_),
      delim_(o.delim_), next_line_(o.next_line_), record_line_(o.record_line_),
      consumed_(o.consumed_), size_(o.size_), status_(std::move(o.status_)), limits_(o.limits_),
      defect_(std::move(o.defect_)) {}

Result<CsvReader> CsvReader::Open(const std::string& path, CsvLimits limits) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Status::IOError("không mở được tệp '" + path + "': " + std::strerror(errno));
  CsvReader r;
  r.f_ = f;
  r.limits_ = limits;
  if (std::fseek(f, 0, SEEK_END) == 0) {
    r.size_ = std::ftell(f);
    std::fseek(f, 0, SEEK_SET);
  }
  r.Fill();
  if (r.buf_.size() >= 3 && r.buf_.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    r.pos_ = 3;
    r.consumed_ = 3;
  }
  // Sniff the delimiter from the first line: ';' is common in Excel exports of locales that
  // use the decimal comma (vi-VN included).
  size_t commas = 0, semis = 0;
  bool in_quotes = false;
  for (size_t i = r.pos_; i < r.buf_.size(); ++i) {
    char c = r.buf_[i];
    if (c == '"') in_quotes = !in_quotes;
    if (in_quotes) continue;
    if (c == '\n') break;
    if (c == ',') ++commas;
    if (c == ';') ++semis;
  }
  r.delim_ = semis > commas ? ';' : ',';
  return r;
}

bool CsvReader::Fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  size_t old = buf_.size();
  buf_.resize(old + (1 << 20));
  size_t n = std::fread(buf_.data() + old, 1, 1 << 20, f_);
  buf_.resize(old + n);
  if (n == 0) eof_ = true;
  return n > 0;
}

int CsvReader::Peek() {
  if (pos_ >= buf_.size() && !Fill()) return -1;
  return static_cast<unsigned char>(buf_[pos_]);
}

int CsvReader::Get() {
  int c = Peek();
  if (c >= 0) {
    ++pos_;
    ++consumed_;
  }
  return c;
}

void CsvReader::SetDefect(int field, int64_t line, const std::string& value, std::string reason) {
  if (defect_.field >= 0) return;  // the first defect of a record is the one reported
  defect_.field = field;
  defect_.line = line;
  defect_.prefix = value.substr(0, std::min<size_t>(value.size(), 200));
  defect_.reason = std::move(reason);
}

bool CsvReader::Next(std::vector<std::string>* fields) {
  fields->clear();
  defect_ = Defect{};
  if (!status_.ok()) return false;
  // Skip nothing: an empty line is a record with one empty field, which callers treat as blank.
  if (Peek() < 0) return false;
  record_line_ = next_line_;
  std::string field;
  int64_t field_line = next_line_;
  size_t field_count = 0;  // fields seen, kept or not
  bool quoted = false;
  bool after_quote = false;
  auto put = [&](char c) {
    if (field.size() < limits_.max_field_bytes) {
      field.push_back(c);
    } else if (defect_.field < 0) {  // the rest of the field is skipped, byte by byte
      SetDefect(static_cast<int>(field_count), field_line, field,
                "ô dài quá " + std::to_string(limits_.max_field_bytes) + " byte (giới hạn của một ô)");
    }
  };
  auto end_field = [&] {
    if (fields->size() < limits_.max_fields) {
      fields->push_back(std::move(field));
    } else if (field_count == limits_.max_fields) {
      SetDefect(static_cast<int>(field_count), field_line, field,
                "dòng có quá " + std::to_string(limits_.max_fields) + " cột");
    }
    ++field_count;
    field.clear();
    field_line = next_line_;
  };
  // A defect stops the reader unless the caller takes it as a row error.
  auto finish = [&]() -> bool {
    if (defect_.field < 0 || limits_.row_defects) return true;
    status_ = Status::InvalidArgument("dòng " + std::to_string(defect_.line) + ", cột thứ " +
                                      std::to_string(defect_.field + 1) + ": " + defect_.reason);
    return false;
  };
  for (;;) {
    int c = Get();
    if (c < 0) {
      if (quoted) {
        SetDefect(static_cast<int>(field_count), field_line, field,
                  "dấu ngoặc kép mở ở dòng " + std::to_string(field_line) + " không được đóng đến hết tệp");
      }
      end_field();
      return finish();
    }
    if (quoted) {
      if (c == '"') {
        if (Peek() == '"') {
          Get();
          put('"');
        } else {
          quoted = false;
          after_quote = true;
        }
      } else {
        if (c == '\n') ++next_line_;
        put(static_cast<char>(c));
      }
      continue;
    }
    if (c == '"' && field.empty() && !after_quote) {
      quoted = true;
      continue;
    }
    if (c == delim_) {
      end_field();
      after_quote = false;
      continue;
    }
    if (c == '\r' && Peek() == '\n') continue;
    if (c == '\n') {
      ++next_line_;
      end_field();
      return finish();
    }
    put(static_cast<char>(c));
  }
}

namespace {

// A plain decimal number ("-12", "+3.5", "-0,25"): a spreadsheet reads it as a number, never
// as a formula, so a negative figure in a numeric column stays a number.
bool IsPlainNumber(std::string_view s) {
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  bool digit = false, sep = false;
  for (; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') {
      digit = true;
    } else if ((s[i] == '.' || s[i] == ',') && !sep) {
      sep = true;
    } else {
      return false;
    }
  }
  return digit;
}

}  // namespace

std::string NeutraliseCsvFormula(std::string_view cell) {
  if (cell.empty()) return std::string(cell);
  char c = cell[0];
  bool risky = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  if (!risky || IsPlainNumber(cell)) return std::string(cell);
  return "'" + std::string(cell);
}

void AppendCsvRecord(const std::vector<std::string>& fields, std::string* out) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out->push_back(',');
    const std::string f = NeutraliseCsvFormula(fields[i]);
    bool quote = f.find_first_of(",\"\n\r;") != std::string::npos;
    if (!quote) {
      out->append(f);
      continue;
    }
    out->push_back('"');
    for (char c : f) {
      if (c == '"') out->push_back('"');
      out->push_back(c);
    }
    out->push_back('"');
  }
  out->push_back('\n');
}

}  // namespace baophu
