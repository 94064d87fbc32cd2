#include "store/postgres/pg_copy.h"

#include <cctype>
#include <charconv>

namespace baophu::pg {

namespace {

// COPY text format escapes (PostgreSQL docs, "COPY: Text Format").
std::string Unescape(std::string_view f) {
  std::string out;
  out.reserve(f.size());
  for (size_t i = 0; i < f.size(); ++i) {
    char ch = f[i];
    if (ch != '\\' || i + 1 == f.size()) {
      out += ch;
      continue;
    }
    char e = f[++i];
    switch (e) {
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'v':
        out += '\v';
        break;
      case 'x': {  // \xH or \xHH
        int v = 0, n = 0;
        while (n < 2 && i + 1 < f.size() && std::isxdigit(static_cast<unsigned char>(f[i + 1]))) {
          char h = f[++i];
          v = v * 16 + (h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
          ++n;
        }
        out += static_cast<char>(v);
        break;
      }
      default:
        if (e >= '0' && e <= '7') {  // \O, \OO or \OOO
          int v = e - '0', n = 1;
          while (n < 3 && i + 1 < f.size() && f[i + 1] >= '0' && f[i + 1] <= '7') {
            v = v * 8 + (f[++i] - '0');
            ++n;
          }
          out += static_cast<char>(v);
        } else {
          out += e;  // \\ and any other character stand for themselves
        }
    }
  }
  return out;
}

}  // namespace

void CopyRow::Parse(std::string_view line) {
  fields_.clear();
  null_.clear();
  size_t escaped = 0;
  size_t start = 0;
  for (;;) {
    size_t tab = line.find('\t', start);
    std::string_view f = line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
    if (f == "\\N") {
      fields_.emplace_back();
      null_.push_back(true);
    } else if (f.find('\\') != std::string_view::npos) {
      if (unescaped_.size() <= escaped) unescaped_.resize(escaped + 1);
      unescaped_[escaped] = Unescape(f);
      fields_.emplace_back(unescaped_[escaped]);
      ++escaped;
      null_.push_back(false);
    } else {
      fields_.push_back(f);
      null_.push_back(false);
    }
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
}

int64_t CopyRow::Int(size_t i) const {
  int64_t v = 0;
  std::string_view f = fields_[i];
  std::from_chars(f.data(), f.data() + f.size(), v);
  return v;
}

Status CopyOut(Conn* conn, const std::string& copy_sql, std::string_view doing, const std::atomic<bool>& stop,
               const std::function<Status(const CopyRow&)>& fn) {
  PGconn* c = conn->raw();
  {
    PgResult start(PQexec(c, copy_sql.c_str()));
    if (PQresultStatus(start.raw()) != PGRES_COPY_OUT) return conn->Error(start.raw(), doing);
  }
  CopyRow row;
  Status st;
  bool abandoned = false;
  for (;;) {
    char* buf = nullptr;
    int n = PQgetCopyData(c, &buf, 0);
    if (n == -1) break;  // done
    if (n == -2) {
      st = Status::IOError(std::string(doing) + ": " + PQerrorMessage(c));
      break;
    }
    if (!abandoned) {
      std::string_view line(buf, static_cast<size_t>(n));
      if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
      row.Parse(line);
      st = fn(row);
      if (!st.ok() || stop.load(std::memory_order_relaxed)) {
        // Ask the server to stop sending, then drain what is already on the way.
        abandoned = true;
        if (PGcancel* cancel = PQgetCancel(c)) {
          char err[256];
          PQcancel(cancel, err, sizeof err);
          PQfreeCancel(cancel);
        }
      }
    }
    PQfreemem(buf);
  }
  // The COPY's own result (an error after a cancel is expected and not reported).
  while (PGresult* r = PQgetResult(c)) {
    PgResult res(r);
    if (!abandoned && st.ok() && PQresultStatus(r) != PGRES_COMMAND_OK) st = conn->Error(r, doing);
  }
  return st;
}

}  // namespace baophu::pg
