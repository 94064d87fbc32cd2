#include "server/session_table.h"

#include "server/password.h"

namespace baophu {

Session SessionTable::Create(User user) {
  Session s;
  s.token = RandomToken(32);
  s.csrf = RandomToken(24);
  s.credential = std::move(user.password_hash);
  user.password_hash.clear();
  s.user = std::move(user);
  s.last_seen = s.checked = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(mu_);
  // Drop expired sessions now and then so that the table does not grow without bound.
  if (sessions_.size() % 64 == 63) {
    for (auto it = sessions_.begin(); it != sessions_.end();) {
      if (s.last_seen - it->second.last_seen > idle_)
        it = sessions_.erase(it);
      else
        ++it;
    }
  }
  sessions_[s.token] = s;
  return s;
}

std::optional<Session> SessionTable::Find(const std::string& token) {
  if (token.empty()) return std::nullopt;
  auto now = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = sessions_.find(token);
  if (it == sessions_.end()) return std::nullopt;
  if (now - it->second.last_seen > idle_) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.last_seen = now;
  return it->second;
}

void SessionTable::Remove(const std::string& token) {
  std::lock_guard<std::mutex> lock(mu_);
  sessions_.erase(token);
}

void SessionTable::Refresh(const std::string& token, User user, std::chrono::steady_clock::time_point checked) {
  user.password_hash.clear();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = sessions_.find(token);
  if (it == sessions_.end()) return;
  it->second.user = std::move(user);
  it->second.checked = checked;
}

}  // namespace baophu
