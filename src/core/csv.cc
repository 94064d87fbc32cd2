#include "core/csv.h"

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
      consumed_(o.consumed_), size_(o.size_), status_(std::move(o.status_)) {}

Result<CsvReader> CsvReader::Open(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Status::IOError("không mở được tệp '" + path + "': " + std::strerror(errno));
  CsvReader r;
  r.f_ = f;
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

bool CsvReader::Next(std::vector<std::string>* fields) {
  fields->clear();
  if (!status_.ok()) return false;
  // Skip nothing: an empty line is a record with one empty field, which callers treat as blank.
  if (Peek() < 0) return false;
  record_line_ = next_line_;
  std::string field;
  bool quoted = false;
  bool after_quote = false;
  for (;;) {
    int c = Get();
    if (c < 0) {
      if (quoted) {
        status_ = Status::InvalidArgument("dấu ngoặc kép mở ở dòng " + std::to_string(record_line_) +
                                          " không được đóng đến hết tệp");
        return false;
      }
      fields->push_back(std::move(field));
      return true;
    }
    if (quoted) {
      if (c == '"') {
        if (Peek() == '"') {
          Get();
          field.push_back('"');
        } else {
          quoted = false;
          after_quote = true;
        }
      } else {
        if (c == '\n') ++next_line_;
        field.push_back(static_cast<char>(c));
      }
      continue;
    }
    if (c == '"' && field.empty() && !after_quote) {
      quoted = true;
      continue;
    }
    if (c == delim_) {
      fields->push_back(std::move(field));
      field.clear();
      after_quote = false;
      continue;
    }
    if (c == '\r' && Peek() == '\n') continue;
    if (c == '\n') {
      ++next_line_;
      fields->push_back(std::move(field));
      return true;
    }
    field.push_back(static_cast<char>(c));
  }
}

void AppendCsvRecord(const std::vector<std::string>& fields, std::string* out) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out->push_back(',');
    const std::string& f = fields[i];
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
