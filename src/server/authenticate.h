// Logging in and keeping a session honest: the password check (every attempt costs one Argon2id
// verification, so that the time of an answer does not tell a known username from an unknown
// one) and the test that a session's account still stands as it was at login (same password
// hash, still active). Free functions; thread-safe once InitCrypto() returned.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "store/account_store.h"

namespace baophu {

// The user when `username` exists, is active and `password` is theirs; nothing otherwise. An
// unknown or inactive username is verified against a dummy hash made with the same Argon2id
// parameters, so both paths cost the same. Store errors are returned.
Result<std::optional<User>> Authenticate(AccountStore* accounts, const std::string& username,
                                         std::string_view password);
// The number of Argon2id verifications Authenticate has run in this process (tests).
uint64_t PasswordVerifications();

// True when `current` (the account as read now) still matches the session's: it exists, is
// active and its password hash is the one the session logged in with (a password change makes
// a fresh hash, a fresh salt included).
bool SessionAccountStands(const std::string& credential_at_login, const std::optional<User>& current);

}  // namespace baophu
