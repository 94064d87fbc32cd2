#include "demo/demo_writer.h"

#include <cerrno>
#include <cstdlib>

namespace baophu::demo {

CsvOut::~CsvOut() {
  if (f_) std::fclose(f_);
  std::free(buf_);
}

Status CsvOut::Open(const std::string& path, std::string_view header) {
  path_ = path;
  f_ = std::fopen(path.c_str(), "wb");
  if (!f_) return Status::IOError("không tạo được tệp '" + path + "': " + std::strerror(errno));
  std::setvbuf(f_, nullptr, _IONBF, 0);  // our buffer is the only one
  if (!buf_) buf_ = static_cast<char*>(std::malloc(kBufSize));
  len_ = 0;
  rows_ = 0;
  failed_ = false;
  Str(header).Ch('\n');
  return Status::Ok();
}

void CsvOut::Flush() {
  if (len_ == 0 || !f_) return;
  if (std::fwrite(buf_, 1, len_, f_) != len_) failed_ = true;
  len_ = 0;
}

Status CsvOut::Close() {
  if (!f_) return Status::Ok();
  Flush();
  if (std::fclose(f_) != 0) failed_ = true;
  f_ = nullptr;
  if (failed_) return Status::IOError("lỗi ghi tệp '" + path_ + "'");
  return Status::Ok();
}

CsvOut& CsvOut::Int(int64_t v) {
  char tmp[24];
  int n = 0;
  bool neg = v < 0;
  uint64_t u = neg ? static_cast<uint64_t>(-(v + 1)) + 1 : static_cast<uint64_t>(v);
  do {
    tmp[n++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u);
  if (neg) tmp[n++] = '-';
  Reserve(static_cast<size_t>(n));
  while (n) buf_[len_++] = tmp[--n];
  return *this;
}

}  // namespace baophu::demo
