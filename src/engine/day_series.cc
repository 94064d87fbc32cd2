#include "engine/day_series.h"

#include <algorithm>
#include <cstring>

namespace baophu::engine {

DaySeries& DaySeries::operator=(const DaySeries& o) {
  if (this == &o) return *this;
  ev_heap_.assign(o.ev_, o.ev_ + o.n_ev_);
  bucket_heap_.assign(o.bucket_, o.bucket_ + o.n_bucket_);
  ev_ = ev_heap_.data();
  bucket_ = bucket_heap_.data();
  n_ev_ = o.n_ev_;
  n_bucket_ = o.n_bucket_;
  pending_ = o.pending_;
  base_ = o.base_;
  shift_ = o.shift_;
  return *this;
}

void DaySeries::Assign(DayDelta* begin, DayDelta* end) {
  std::sort(begin, end, [](const DayDelta& a, const DayDelta& b) { return a.day < b.day; });
  std::vector<Event> ev;
  int64_t total = 0;
  for (DayDelta* p = begin; p != end;) {
    int32_t day = p->day;
    int64_t sum = 0;
    for (; p != end && p->day == day; ++p) sum += p->delta;
    if (sum == 0) continue;
    total += sum;
    ev.push_back({day, static_cast<int32_t>(total)});
  }
  pending_.clear();
  SetEvents(ev.data(), ev.size(), nullptr);
}

void DaySeries::AssignSorted(const DayDelta* begin, const DayDelta* end, Arena* arena) {
  const size_t n = static_cast<size_t>(end - begin);
  if (n == 0) arena = nullptr;
  Event* ev = arena ? arena->Allocate<Event>(n) : nullptr;
  if (!arena) {
    ev_heap_.resize(n);
    ev = ev_heap_.data();
  }
  int64_t total = 0;
  for (size_t i = 0; i < n; ++i) {
    total += begin[i].delta;
    ev[i] = {begin[i].day, static_cast<int32_t>(total)};
  }
  pending_.clear();
  ev_ = ev;
  n_ev_ = static_cast<uint32_t>(n);
  if (arena) std::vector<Event>().swap(ev_heap_);
  BuildBuckets(arena);
}

void DaySeries::Import(const Event* begin, const Event* end, Arena* arena) {
  pending_.clear();
  SetEvents(begin, static_cast<size_t>(end - begin), arena);
}

void DaySeries::SetEvents(const Event* begin, size_t n, Arena* arena) {
  if (arena && n > 0) {
    Event* ev = arena->Allocate<Event>(n);
    std::memcpy(ev, begin, n * sizeof(Event));
    std::vector<Event>().swap(ev_heap_);
    ev_ = ev;
  } else {
    ev_heap_.assign(begin, begin + n);
    ev_heap_.shrink_to_fit();
    ev_ = ev_heap_.data();
  }
  n_ev_ = static_cast<uint32_t>(n);
  BuildBuckets(arena);
}

void DaySeries::BuildBuckets(Arena* arena) {
  std::vector<uint32_t>().swap(bucket_heap_);
  bucket_ = nullptr;
  n_bucket_ = 0;
  if (n_ev_ == 0) return;
  // Widest power-of-two bucket such that there are about half as many buckets as events.
  int64_t span = int64_t{ev_[n_ev_ - 1].day} - ev_[0].day + 1;
  int64_t want = std::max<int64_t>(1, static_cast<int64_t>(n_ev_) / 2);
  shift_ = 0;
  while (shift_ < 24 && (span >> shift_) + 1 > want) ++shift_;
  base_ = ev_[0].day >> shift_;
  int32_t nb = (ev_[n_ev_ - 1].day >> shift_) - base_ + 1;
  uint32_t* bucket;
  if (arena) {
    bucket = arena->Allocate<uint32_t>(static_cast<size_t>(nb) + 1);
  } else {
    bucket_heap_.resize(static_cast<size_t>(nb) + 1);
    bucket = bucket_heap_.data();
  }
  uint32_t i = 0;
  for (int32_t b = 0; b <= nb; ++b) {
    while (i < n_ev_ && (ev_[i].day >> shift_) - base_ < b) ++i;
    bucket[b] = i;
  }
  bucket_ = bucket;
  n_bucket_ = static_cast<uint32_t>(nb) + 1;
}

void DaySeries::Add(int32_t day, int32_t delta) {
  if (delta == 0) return;
  pending_.push_back({day, delta});
  // Merge when the buffer reaches 1/16 of the arrays, but at most 512 entries: readers scan the
  // buffer on every At, and a merge is linear (a series has at most one change per day, ~30,000
  // over 80 years, so a merge costs tens of microseconds).
  if (pending_.size() > 8 + std::min<size_t>(n_ev_ / 16, 512)) Compact();
}

void DaySeries::Compact() {
  if (pending_.empty()) return;
  // The arrays are sorted already: sort only the side buffer and merge, O(n + p log p), so a
  // large series (the slot of people without a commune holds millions of changes) stalls the
  // writer for a linear copy, not a sort.
  std::sort(pending_.begin(), pending_.end(), [](const DayDelta& a, const DayDelta& b) { return a.day < b.day; });
  std::vector<Event> merged;
  merged.reserve(n_ev_ + pending_.size());
  int64_t added = 0;  // sum of the side buffer's deltas up to the current day
  int32_t prev_total = 0;
  size_t i = 0, j = 0;
  const size_t np = pending_.size();
  while (i < n_ev_ || j < np) {
    int32_t day = i < n_ev_ && (j == np || ev_[i].day <= pending_[j].day) ? ev_[i].day : pending_[j].day;
    int64_t base = i < n_ev_ && ev_[i].day == day ? ev_[i++].total : (i > 0 ? ev_[i - 1].total : 0);
    while (j < np && pending_[j].day == day) added += pending_[j++].delta;
    int32_t total = static_cast<int32_t>(base + added);
    if (total != prev_total) merged.push_back({day, total});
    prev_total = total;
  }
  pending_.clear();
  ev_heap_.swap(merged);
  ev_ = ev_heap_.data();
  n_ev_ = static_cast<uint32_t>(ev_heap_.size());
  BuildBuckets(nullptr);
}

void DaySeries::Export(std::vector<Event>* out) const {
  out->clear();
  if (pending_.empty()) {
    out->assign(ev_, ev_ + n_ev_);
    return;
  }
  DaySeries copy = *this;
  copy.Compact();
  out->assign(copy.ev_, copy.ev_ + copy.n_ev_);
}

size_t DaySeries::bytes() const {
  return (n_ev_ * sizeof(Event) + n_bucket_ * sizeof(uint32_t)) + pending_.capacity() * sizeof(DayDelta);
}

}  // namespace baophu::engine
