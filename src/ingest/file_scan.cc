#include "ingest/file_scan.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include "ingest/sha256.h"

namespace baophu {

bool Utf8Validator::Feed(uint8_t b) {
  if (need_ > 0) {
    if (b < lo_ || b > hi_) return false;
    --need_;
    lo_ = 0x80;
    hi_ = 0xBF;
    return true;
  }
  lead_ = b;
  if (b < 0x80) return true;
  if (b >= 0xC2 && b <= 0xDF) {
    need_ = 1;
  } else if (b == 0xE0) {
    need_ = 2;
    lo_ = 0xA0;
  } else if (b == 0xED) {
    need_ = 2;
    hi_ = 0x9F;  // no surrogates
  } else if (b >= 0xE1 && b <= 0xEF) {
    need_ = 2;
  } else if (b == 0xF0) {
    need_ = 3;
    lo_ = 0x90;
  } else if (b >= 0xF1 && b <= 0xF3) {
    need_ = 3;
  } else if (b == 0xF4) {
    need_ = 3;
    hi_ = 0x8F;
  } else {
    return false;
  }
  return true;
}

Result<FileScan> ScanFile(const std::string& path, bool check_utf8) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) return Status::IOError("không mở được tệp '" + path + "': " + std::strerror(errno));
  FileScan out;
  Sha256 sha;
  Utf8Validator v;
  int64_t line = 1;
  std::vector<uint8_t> buf(1 << 20);
  for (;;) {
    size_t n = std::fread(buf.data(), 1, buf.size(), f.get());
    if (n == 0) break;
    sha.Update(buf.data(), n);
    out.size += static_cast<int64_t>(n);
    if (check_utf8 && out.utf8) {
      for (size_t i = 0; i < n; ++i) {
        uint8_t b = buf[i];
        if (b == '\n') ++line;
        if (b < 0x80 && v.AtBoundary()) continue;
        bool mid_sequence = !v.AtBoundary();
        if (!v.Feed(b)) {
          out.utf8 = false;
          out.bad_line = line;
          out.bad_byte = mid_sequence ? v.lead() : b;
          break;
        }
      }
    }
  }
  if (std::ferror(f.get())) return Status::IOError("lỗi khi đọc tệp '" + path + "'");
  if (check_utf8 && out.utf8 && !v.AtBoundary()) {
    out.utf8 = false;
    out.bad_line = line;
    out.bad_byte = v.lead();
  }
  out.sha256 = sha.HexDigest();
  return out;
}

}  // namespace baophu
