// IndexImpl::ForEachFlow: new, renewed and lapsed people in a period (definitions in
// coverage_index.h). One pass over every person's card run under the read lock.
#include <climits>

#include "engine/index_impl.h"

namespace baophu::engine {
namespace {

struct Run {
  int32_t start, end;
  uint8_t first_rank, last_rank;
};

// Merges touching segments into runs.
void Runs(const std::vector<Segment>& segs, std::vector<Run>* out) {
  out->clear();
  for (const Segment& s : segs) {
    if (!out->empty() && out->back().end + 1 == s.start) {
      out->back().end = s.end;
      out->back().last_rank = s.rank;
    } else {
      out->push_back({s.start, s.end, s.rank, s.rank});
    }
  }
}

}  // namespace

void IndexImpl::ForEachFlow(Date from, Date to, const std::vector<Slot>& slots,
                            const std::function<void(Slot, ReportingGroupId, const Flows&)>& fn) const {
  if (!from.valid() || !to.valid() || to < from) return;
  const int32_t a = from.days(), b = to.days();
  const int64_t kGap = kRenewalGapDays;
  std::vector<Flows> cells;
  std::vector<char> wanted;
  {
    std::shared_lock lock(mu_);
    const size_t n_slots = slots_.size();
    cells.assign(n_slots * static_cast<size_t>(groups_), Flows());
    wanted.assign(n_slots, slots.empty() ? 1 : 0);
    for (Slot s : slots)
      if (s < n_slots) wanted[s] = 1;
    std::vector<CardRec> cards;
    std::vector<Segment> segs;
    std::vector<int32_t> points;
    std::vector<Run> runs;
    for (size_t p = 0; p < card_begin_.size(); ++p) {
      if (card_begin_[p] == kNoCards) continue;
      const uint32_t slot = slot_sex_[p] & kSlotMask;
      if (!wanted[slot]) continue;
      LoadCards(static_cast<uint32_t>(p), &cards);
      BuildSegments(cards.data(), cards.size(), rules_, &segs, &points);
      if (segs.empty() || segs.back().end < a || segs.front().start > b) continue;  // nothing in the period
      Runs(segs, &runs);
      int news = -1, renews = -1, lapses = -1;  // rank of the first qualifying run, per kind
      for (size_t i = 0; i < runs.size(); ++i) {
        const Run& r = runs[i];
        if (r.start >= a && r.start <= b) {
          int64_t gap = i == 0 ? INT64_MAX : int64_t{r.start} - runs[i - 1].end - 1;
          int& kind = gap > kGap ? news : renews;
          if (kind < 0) kind = r.first_rank;
        }
        if (r.end >= a && r.end <= b && lapses < 0) {
          int64_t gap = i + 1 == runs.size() ? INT64_MAX : int64_t{runs[i + 1].start} - r.end - 1;
          if (gap > kGap) lapses = r.last_rank;
        }
      }
      Flows* base = &cells[size_t{slot} * static_cast<size_t>(groups_)];
      if (news >= 0) ++base[news].new_people;
      if (renews >= 0) ++base[renews].renewed;
      if (lapses >= 0) ++base[lapses].lapsed;
    }
  }
  for (size_t i = 0; i < cells.size(); ++i) {
    const Flows& f = cells[i];
    if (f.new_people || f.renewed || f.lapsed)
      fn(static_cast<Slot>(i / static_cast<size_t>(groups_)), group_of_rank_[i % static_cast<size_t>(groups_)], f);
  }
}

}  // namespace baophu::engine
