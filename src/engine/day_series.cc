#include "engine/day_series.h"

#include <algorithm>

namespace baophu::engine {

void DaySeries::Assign(DayDelta* begin, DayDelta* end) {
  std::sort(begin, end, [](const DayDelta& a, const DayDelta& b) { return a.day < b.day; });
  ev_.clear();
  pending_.clear();
  int64_t total = 0;
  for (DayDelta* p = begin; p != end;) {
    int32_t day = p->day;
    int64_t sum = 0;
    for (; p != end && p->day == day; ++p) sum += p->delta;
    if (sum == 0) continue;
    total += sum;
    ev_.push_back({day, static_cast<int32_t>(total)});
  }
  ev_.shrink_to_fit();
  BuildBuckets();
}

void DaySeries::AssignSorted(const DayDelta* begin, const DayDelta* end) {
  ev_.clear();
  pending_.clear();
  ev_.reserve(static_cast<size_t>(end - begin));
  int64_t total = 0;
  for (const DayDelta* p = begin; p != end; ++p) {
    total += p->delta;
    ev_.push_back({p->day, static_cast<int32_t>(total)});
  }
  BuildBuckets();
}

void DaySeries::BuildBuckets() {
  bucket_.clear();
  if (ev_.empty()) {
    bucket_.shrink_to_fit();
    return;
  }
  // Widest power-of-two bucket such that there are about half as many buckets as events.
  int64_t span = int64_t{ev_.back().day} - ev_.front().day + 1;
  int64_t want = std::max<int64_t>(1, static_cast<int64_t>(ev_.size()) / 2);
  shift_ = 0;
  while (shift_ < 24 && (span >> shift_) + 1 > want) ++shift_;
  base_ = ev_.front().day >> shift_;
  int32_t nb = (ev_.back().day >> shift_) - base_ + 1;
  bucket_.assign(nb + 1, 0);
  uint32_t i = 0;
  for (int32_t b = 0; b <= nb; ++b) {
    while (i < ev_.size() && (ev_[i].day >> shift_) - base_ < b) ++i;
    bucket_[b] = i;
  }
  bucket_.shrink_to_fit();
}

void DaySeries::Add(int32_t day, int32_t delta) {
  if (delta == 0) return;
  pending_.push_back({day, delta});
  if (pending_.size() > 8 + ev_.size() / 16) Compact();
}

void DaySeries::Compact() {
  if (pending_.empty()) return;
  std::vector<DayDelta> all;
  all.reserve(ev_.size() + pending_.size());
  int32_t prev = 0;
  for (const Event& e : ev_) {
    all.push_back({e.day, e.total - prev});
    prev = e.total;
  }
  all.insert(all.end(), pending_.begin(), pending_.end());
  Assign(all.data(), all.data() + all.size());
}

void DaySeries::Export(std::vector<Event>* out) const {
  out->clear();
  if (pending_.empty()) {
    out->assign(ev_.begin(), ev_.end());
    return;
  }
  DaySeries copy = *this;
  copy.Compact();
  out->assign(copy.ev_.begin(), copy.ev_.end());
}

void DaySeries::Import(const Event* begin, const Event* end) {
  pending_.clear();
  ev_.assign(begin, end);
  BuildBuckets();
}

size_t DaySeries::bytes() const {
  return ev_.capacity() * sizeof(Event) + bucket_.capacity() * sizeof(uint32_t) +
         pending_.capacity() * sizeof(DayDelta);
}

}  // namespace baophu::engine
