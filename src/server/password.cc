#include "server/password.h"

#include <sodium.h>

#include <vector>

namespace baophu {

Status InitCrypto() {
  if (sodium_init() < 0) return Status::Internal("không khởi tạo được libsodium");
  return Status::Ok();
}

Status CheckPasswordStrength(std::string_view password) {
  if (password.size() < 8) return Status::InvalidArgument("mật khẩu phải có ít nhất 8 ký tự");
  if (password.size() > 1024) return Status::InvalidArgument("mật khẩu quá dài (tối đa 1024 ký tự)");
  return Status::Ok();
}

Result<std::string> HashPassword(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return Status::Internal("không đủ bộ nhớ để băm mật khẩu");
  return std::string(out);
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string RandomToken(size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), buf.data(), buf.size());
  hex.pop_back();
  return hex;
}

}  // namespace baophu
