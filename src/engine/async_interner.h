// AsyncInterner: interns a stream of strings (the builder's household codes) on a background
// thread, in batches, so the caller's thread (the store scan) never waits on the interner's
// cache misses. The i-th Add gets the i-th id of Finish(). Strings equal to the previous one
// (members of a household often arrive together) skip the hash table.
// One producer thread calls Add and Finish; the target Interner belongs to the worker until
// Finish returns.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

#include "engine/interner.h"

namespace baophu::engine {

class AsyncInterner {
 public:
  explicit AsyncInterner(Interner* target) : target_(target) {}
  ~AsyncInterner();
  AsyncInterner(const AsyncInterner&) = delete;
  AsyncInterner& operator=(const AsyncInterner&) = delete;

  void Add(std::string_view s) {
    cur_.bytes.insert(cur_.bytes.end(), s.begin(), s.end());
    cur_.ends.push_back(static_cast<uint32_t>(cur_.bytes.size()));
    if (cur_.ends.size() == kBatch) Hand();
  }
  // Waits for the worker and returns the ids in the order of Add; starts over empty.
  std::vector<uint32_t> Finish();

 private:
  static constexpr size_t kBatch = 1 << 14;
  struct Batch {
    std::vector<char> bytes;
    std::vector<uint32_t> ends;
  };
  void Hand();
  void Run();
  void Intern(const Batch& b);

  Interner* target_;
  Batch cur_;
  std::thread worker_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Batch> queue_;  // GUARDED_BY(mu_)
  bool done_ = false;        // GUARDED_BY(mu_)
  // Worker state.
  std::vector<uint32_t> ids_;
  std::string last_;
  uint32_t last_id_ = 0;
  bool has_last_ = false;
};

}  // namespace baophu::engine
