// DaySeries: an integer function of the day (how many people of one slot and group are
// insured on d), kept as its change days. Answers At(d) in O(1): a bucket index (fixed-width
// day buckets, width chosen per series so a bucket holds ~2 changes) jumps into the sorted
// change array, which carries running totals. Updates go to a small unsorted side buffer that
// readers add in, merged into the arrays when it grows past ~1/16 of them (at most 512).
// The arrays live either in an Arena (a build or a snapshot load fills tens of thousands of
// series at once) or, once a merge has rebuilt them, on the heap; arena space left behind is
// freed with the arena (at most the size of the first fill).
// Not thread-safe: the owner (CoverageIndex) synchronises.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/arena.h"

namespace baophu::engine {

struct DayDelta {
  int32_t day;
  int32_t delta;
};

class DaySeries {
 public:
  struct Event {
    int32_t day;
    int32_t total;  // the value from `day` on (until the next event)
  };

  DaySeries() = default;
  DaySeries(const DaySeries& o) { *this = o; }
  DaySeries& operator=(const DaySeries& o);
  // Moving keeps the arrays where they are (a moved vector keeps its buffer).
  DaySeries(DaySeries&&) noexcept = default;
  DaySeries& operator=(DaySeries&&) noexcept = default;

  // Replaces the contents with the sum of the step functions delta·[day, ∞). `deltas` may be
  // in any order with repeated days; it is sorted in place.
  void Assign(DayDelta* begin, DayDelta* end);
  // The same for deltas already combined: days strictly ascending, no zero delta. With an
  // arena, the arrays are allocated there.
  void AssignSorted(const DayDelta* begin, const DayDelta* end, Arena* arena = nullptr);
  // The function as events (the side buffer merged in), for the snapshot.
  void Export(std::vector<Event>* out) const;
  // Replaces the contents with events as Export wrote them (days strictly ascending).
  void Import(const Event* begin, const Event* end, Arena* arena = nullptr);
  // Adds delta·[day, ∞).
  void Add(int32_t day, int32_t delta);
  // The value on `day`.
  int64_t At(int32_t day) const {
    int64_t v = ArrayAt(day);
    for (const DayDelta& p : pending_) v += p.day <= day ? p.delta : 0;
    return v;
  }
  // Merges the side buffer into the arrays.
  void Compact();
  bool empty() const { return n_ev_ == 0 && pending_.empty(); }
  size_t change_days() const { return n_ev_; }
  size_t pending() const { return pending_.size(); }
  size_t bytes() const;
  // The merged change events (side buffer excluded), ascending.
  const Event* events() const { return ev_; }
  const std::vector<DayDelta>& side_buffer() const { return pending_; }

 private:
  void BuildBuckets(Arena* arena);
  void SetEvents(const Event* begin, size_t n, Arena* arena);
  int64_t ArrayAt(int32_t day) const {
    if (n_ev_ == 0) return 0;
    int64_t b = (day >> shift_) - base_;
    if (b < 0) return 0;
    if (b >= static_cast<int64_t>(n_bucket_) - 1) return ev_[n_ev_ - 1].total;
    uint32_t i = bucket_[b];
    uint32_t e = bucket_[b + 1];
    while (i < e && ev_[i].day <= day) ++i;
    return i ? ev_[i - 1].total : 0;
  }

  // ev_/bucket_ point into the arena or into ev_heap_/bucket_heap_.
  const Event* ev_ = nullptr;         // distinct change days, ascending; no zero changes
  const uint32_t* bucket_ = nullptr;  // bucket_[b] = first event with (day >> shift_) >= base_ + b
  uint32_t n_ev_ = 0;
  uint32_t n_bucket_ = 0;
  std::vector<Event> ev_heap_;
  std::vector<uint32_t> bucket_heap_;
  std::vector<DayDelta> pending_;  // unsorted, not yet merged
  int32_t base_ = 0;
  uint8_t shift_ = 0;
};

}  // namespace baophu::engine
