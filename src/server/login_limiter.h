// Login rate limiting: after `max_failures` failed attempts within `window` for one key (a
// client address, a username), further attempts for that key are refused until the window has
// passed since the first of them. A successful login clears the key.
// Thread-safety: every method is safe to call concurrently (one internal mutex).
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace baophu {

class LoginLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  LoginLimiter(int max_failures = 5, std::chrono::seconds window = std::chrono::seconds(300))
      : max_failures_(max_failures), window_(window) {}
  // False when `key` is locked out at `now`; *retry_after_s then says for how long.
  bool Allowed(const std::string& key, Clock::time_point now, int* retry_after_s = nullptr);
  void RecordFailure(const std::string& key, Clock::time_point now);
  void Clear(const std::string& key);

 private:
  struct Entry {
    int failures = 0;
    Clock::time_point first;
  };
  int max_failures_;
  std::chrono::seconds window_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;  // GUARDED_BY(mu_)
};

}  // namespace baophu
