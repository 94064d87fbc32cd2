#include "server/login_limiter.h"

namespace baophu {

bool LoginLimiter::Allowed(const std::string& key, Clock::time_point now, int* retry_after_s) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return true;
  if (now - it->second.first >= window_) {
    entries_.erase(it);
    return true;
  }
  if (it->second.failures < max_failures_) return true;
  if (retry_after_s)
    *retry_after_s = static_cast<int>(
        std::chrono::duration_cast<std::chrono::seconds>(window_ - (now - it->second.first)).count() + 1);
  return false;
}

void LoginLimiter::RecordFailure(const std::string& key, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  Entry& e = entries_[key];
  if (e.failures == 0 || now - e.first >= window_) {
    e.failures = 0;
    e.first = now;
  }
  ++e.failures;
}

void LoginLimiter::Clear(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.erase(key);
}

}  // namespace baophu
