// CoverageIndex's default query implementations (for other implementations of the interface,
// e.g. test fakes) and IndexImpl's series queries. The rest of IndexImpl is in index_impl.h.
#include "engine/coverage_index.h"

#include <algorithm>

#include "engine/index_impl.h"

namespace baophu {

void CoverageIndex::Series(Slot s, ReportingGroupId g, const std::vector<Date>& dates, int64_t* out) const {
  for (size_t i = 0; i < dates.size(); ++i) out[i] = Count(s, g, dates[i]);
}

void CoverageIndex::SeriesOver(const std::vector<Slot>& slots, ReportingGroupId g, const std::vector<Date>& dates,
                               int64_t* out) const {
  std::vector<Slot> all = slots;
  if (all.empty())
    for (Slot s = 0; s < slot_count(); ++s) all.push_back(s);
  std::fill(out, out + dates.size(), 0);
  std::vector<int64_t> one(dates.size());
  for (Slot s : all) {
    Series(s, g, dates, one.data());
    for (size_t i = 0; i < dates.size(); ++i) out[i] += one[i];
  }
}

void CoverageIndex::ForEachPerson(const std::vector<Slot>&, const std::function<void(const PersonView&)>&) const {}

void CoverageIndex::ForEachPersonOf(const std::vector<BhxhNumber>& bhxh,
                                    const std::function<void(const PersonView&)>& fn) const {
  std::vector<BhxhNumber> sorted = bhxh;
  std::sort(sorted.begin(), sorted.end());
  ForEachPerson({}, [&](const PersonView& v) {
    if (std::binary_search(sorted.begin(), sorted.end(), v.bhxh)) fn(v);
  });
}

void CoverageIndex::ForEachFlow(Date, Date, const std::vector<Slot>&,
                                const std::function<void(Slot, ReportingGroupId, const Flows&)>&) const {}

namespace engine {

void IndexImpl::SeriesLocked(const DaySeries* base, size_t stride, size_t n, ReportingGroupId g,
                             const std::vector<Date>& dates, int64_t* out) const {
  // base[r * stride] for the ranks asked (all of them for kAllGroups).
  int r0 = 0, r1 = groups_;
  if (g != kAllGroups) {
    r0 = rules_.Rank(g);
    r1 = r0 + 1;
    if (r0 >= groups_) return;
  }
  for (size_t k = 0; k < n; ++k) {
    for (int r = r0; r < r1; ++r) {
      const DaySeries& s = base[k * stride + static_cast<size_t>(r)];
      if (s.empty()) continue;
      for (size_t i = 0; i < dates.size(); ++i)
        if (dates[i].valid()) out[i] += s.At(dates[i].days());
    }
  }
}

void IndexImpl::Series(Slot s, ReportingGroupId g, const std::vector<Date>& dates, int64_t* out) const {
  std::fill(out, out + dates.size(), 0);
  std::shared_lock lock(mu_);
  if (s >= slots_.size()) return;
  SeriesLocked(&series_[size_t{s} * groups_], 0, 1, g, dates, out);
}

void IndexImpl::SeriesOver(const std::vector<Slot>& slots, ReportingGroupId g, const std::vector<Date>& dates,
                           int64_t* out) const {
  std::fill(out, out + dates.size(), 0);
  std::shared_lock lock(mu_);
  if (slots.empty()) {
    SeriesLocked(totals_.data(), 0, 1, g, dates, out);
    return;
  }
  std::vector<Slot> sorted = slots;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  for (Slot s : sorted)
    if (s < slots_.size()) SeriesLocked(&series_[size_t{s} * groups_], 0, 1, g, dates, out);
}

void IndexImpl::RebuildTotals() {
  totals_.assign(static_cast<size_t>(groups_), DaySeries());
  int32_t lo = INT32_MAX, hi = INT32_MIN;
  for (const DaySeries& s : series_) {
    if (s.change_days() == 0) continue;
    lo = std::min(lo, s.events()[0].day);
    hi = std::max(hi, s.events()[s.change_days() - 1].day);
  }
  if (lo > hi) return;
  // Dense per-day deltas over the span of change days (at most Date::Min .. Date::Max, 3.7
  // million days; a few thousand in practice).
  std::vector<int64_t> diff(static_cast<size_t>(int64_t{hi} - lo + 1));
  std::vector<DayDelta> out;
  for (int r = 0; r < groups_; ++r) {
    std::fill(diff.begin(), diff.end(), 0);
    for (size_t i = static_cast<size_t>(r); i < series_.size(); i += static_cast<size_t>(groups_)) {
      const DaySeries& s = series_[i];
      int32_t prev = 0;
      for (size_t k = 0; k < s.change_days(); ++k) {
        diff[static_cast<size_t>(s.events()[k].day - lo)] += s.events()[k].total - prev;
        prev = s.events()[k].total;
      }
    }
    out.clear();
    for (size_t d = 0; d < diff.size(); ++d)
      if (diff[d] != 0)
        out.push_back({static_cast<int32_t>(lo + static_cast<int64_t>(d)), static_cast<int32_t>(diff[d])});
    totals_[static_cast<size_t>(r)].AssignSorted(out.data(), out.data() + out.size());
  }
}

}  // namespace engine
}  // namespace baophu
