// A small SHA-256 (FIPS 180-4) for the import log's content hash: the project cannot count on
// OpenSSL or libsodium being linked. Not thread-safe per object; separate objects are fine.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace baophu {

class Sha256 {
 public:
  Sha256();
  void Update(const void* data, size_t n);
  void Update(std::string_view s) { Update(s.data(), s.size()); }
  // Lower-case hex digest; the object must not be updated afterwards.
  std::string HexDigest();

 private:
  void Block(const uint8_t* p);
  uint32_t h_[8];
  uint8_t buf_[64];
  size_t buf_len_ = 0;
  uint64_t total_ = 0;
};

}  // namespace baophu
