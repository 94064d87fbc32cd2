// Password hashing (Argon2id through libsodium's crypto_pwhash_str, interactive limits) and
// random tokens for sessions and CSRF. Free functions; thread-safe once InitCrypto() returned.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"

namespace baophu {

// Initialises libsodium; call once before anything below (idempotent, thread-safe).
Status InitCrypto();
// Rejects passwords shorter than 8 characters (Vietnamese message).
Status CheckPasswordStrength(std::string_view password);
// "$argon2id$v=19$m=65536,t=2,p=1$..." (a fresh salt each call).
Result<std::string> HashPassword(std::string_view password);
// Constant-time check of `password` against a stored hash.
bool VerifyPassword(const std::string& hash, std::string_view password);
// `bytes` random bytes as lower-case hex (2 × bytes characters).
std::string RandomToken(size_t bytes = 32);

}  // namespace baophu
