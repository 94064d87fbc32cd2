// DaySeries: an integer function of the day (how many people of one slot and group are
// insured on d), kept as its change days. Answers At(d) in O(1): a bucket index (fixed-width
// day buckets, width chosen per series so a bucket holds ~2 changes) jumps into the sorted
// change array, which carries running totals. Updates go to a small unsorted side buffer that
// readers add in, merged into the arrays when it grows past ~1/16 of them.
// Not thread-safe: the owner (CoverageIndex) synchronises.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace baophu::engine {

struct DayDelta {
  int32_t day;
  int32_t delta;
};

class DaySeries {
 public:
  // Replaces the contents with the sum of the step functions delta·[day, ∞). `deltas` may be
  // in any order with repeated days; it is sorted in place.
  void Assign(DayDelta* begin, DayDelta* end);
  // The same for deltas already combined: days strictly ascending, no zero delta.
  void AssignSorted(const DayDelta* begin, const DayDelta* end);

  struct Event {
    int32_t day;
    int32_t total;  // the value from `day` on (until the next event)
  };
  // The function as events (the side buffer merged in), for the snapshot.
  void Export(std::vector<Event>* out) const;
  // Replaces the contents with events as Export wrote them (days strictly ascending).
  void Import(const Event* begin, const Event* end);
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
  bool empty() const { return ev_.empty() && pending_.empty(); }
  size_t change_days() const { return ev_.size(); }
  size_t bytes() const;

 private:
  void BuildBuckets();
  int64_t ArrayAt(int32_t day) const {
    if (ev_.empty()) return 0;
    int64_t b = (day >> shift_) - base_;
    if (b < 0) return 0;
    if (b >= static_cast<int64_t>(bucket_.size()) - 1) return ev_.back().total;
    uint32_t i = bucket_[b];
    uint32_t e = bucket_[b + 1];
    while (i < e && ev_[i].day <= day) ++i;
    return i ? ev_[i - 1].total : 0;
  }

  std::vector<Event> ev_;          // distinct change days, ascending; no zero changes
  std::vector<uint32_t> bucket_;   // bucket_[b] = first event with (day >> shift_) >= base_ + b
  std::vector<DayDelta> pending_;  // unsorted, not yet merged
  int32_t base_ = 0;
  uint8_t shift_ = 0;
};

}  // namespace baophu::engine
