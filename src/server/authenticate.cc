#include "server/authenticate.h"

#include <atomic>

#include "server/password.h"

namespace baophu {
namespace {

std::atomic<uint64_t> verifications{0};

// A hash of a random password, made once with HashPassword's parameters.
const std::string& DummyHash() {
  static const std::string hash = [] {
    auto h = HashPassword(RandomToken(16));
    return h.ok() ? *h : std::string();
  }();
  return hash;
}

}  // namespace

Result<std::optional<User>> Authenticate(AccountStore* accounts, const std::string& username,
                                         std::string_view password) {
  auto user = accounts->FindUser(username);
  if (!user.ok()) return user.status();
  const bool known = user->has_value() && (*user)->active;
  verifications.fetch_add(1, std::memory_order_relaxed);
  const bool verified = VerifyPassword(known ? (*user)->password_hash : DummyHash(), password);
  if (!known || !verified) return std::optional<User>();
  return std::move(*user);
}

uint64_t PasswordVerifications() { return verifications.load(std::memory_order_relaxed); }

bool SessionAccountStands(const std::string& credential_at_login, const std::optional<User>& current) {
  return current.has_value() && current->active && !credential_at_login.empty() &&
         current->password_hash == credential_at_login;
}

}  // namespace baophu
