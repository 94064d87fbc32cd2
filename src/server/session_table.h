// Logged-in sessions, in memory: a random token (the HttpOnly cookie) → the user and the CSRF
// token that every changing request must echo in X-CSRF-Token. Sessions expire after an idle
// time; a restart logs everyone out. Thread-safety: every method is safe to call concurrently
// (one internal mutex).
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "store/account_store.h"

namespace baophu {

struct Session {
  std::string token;  // the cookie value
  std::string csrf;   // sent back by the client in X-CSRF-Token
  User user;          // as loaded at login, role and units refreshed (password hash cleared)
  std::string credential;  // the password hash at login: a change of it ends the session
  std::chrono::steady_clock::time_point last_seen;
  std::chrono::steady_clock::time_point checked;  // when the account was last read from the store
};

class SessionTable {
 public:
  explicit SessionTable(std::chrono::minutes idle = std::chrono::minutes(480)) : idle_(idle) {}
  // A new session for `user`.
  Session Create(User user);
  // The session of `token`, refreshed, or nothing when unknown or expired.
  std::optional<Session> Find(const std::string& token);
  void Remove(const std::string& token);
  // After the account was read again at `checked`: the session's user (role, units, name) as now.
  void Refresh(const std::string& token, User user, std::chrono::steady_clock::time_point checked);

 private:
  std::chrono::minutes idle_;
  std::mutex mu_;
  std::unordered_map<std::string, Session> sessions_;  // GUARDED_BY(mu_)
};

}  // namespace baophu
