#include "engine/async_interner.h"

#include <utility>

namespace baophu::engine {

AsyncInterner::~AsyncInterner() {
  if (worker_.joinable()) Finish();
}

void AsyncInterner::Hand() {
  if (!worker_.joinable()) worker_ = std::thread([this] { Run(); });
  {
    std::lock_guard lock(mu_);
    queue_.push_back(std::move(cur_));
  }
  cv_.notify_one();
  cur_ = Batch();
  cur_.bytes.reserve(kBatch * 16);
  cur_.ends.reserve(kBatch);
}

void AsyncInterner::Run() {
  for (;;) {
    Batch b;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return done_ || !queue_.empty(); });
      if (queue_.empty()) return;  // done_ and drained
      b = std::move(queue_.front());
      queue_.pop_front();
    }
    Intern(b);
  }
}

void AsyncInterner::Intern(const Batch& b) {
  uint32_t begin = 0;
  for (uint32_t end : b.ends) {
    std::string_view s(b.bytes.data() + begin, end - begin);
    begin = end;
    if (!has_last_ || s != last_) {
      last_id_ = target_->Intern(s);
      last_.assign(s);
      has_last_ = true;
    }
    ids_.push_back(last_id_);
  }
}

std::vector<uint32_t> AsyncInterner::Finish() {
  if (worker_.joinable()) {
    {
      std::lock_guard lock(mu_);
      done_ = true;
    }
    cv_.notify_one();
    worker_.join();
  }
  Intern(cur_);  // the last, partial batch (the only one for small inputs)
  cur_ = Batch();
  done_ = false;
  has_last_ = false;
  std::vector<uint32_t> out;
  out.swap(ids_);
  return out;
}

}  // namespace baophu::engine
