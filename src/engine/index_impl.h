// IndexImpl: the CoverageIndex implementation, shared by the index's .cc files (queries and
// updates here, builder, snapshot, flows). Internal to engine/.
//
// People (24 bytes each), one row per person, as parallel fixed-width columns:
//   bhxh_       int64   BHXH number; rows [0, sorted_people_) are in ascending order (the
//                       build sorts them), so lookup is a binary search; people added later are
//                       appended and found through the small late_people_ hash map.
//   slot_sex_   uint32  slot (low 30 bits) | sex (top 2 bits)
//   birth_      int32   birth date, days since epoch (INT32_MIN when unknown)
//   household_  uint32  interned household code (0 = none)
//   card_begin_ uint32  first card of the person's run in cards_ (kNoCards = none)
// Cards (12 bytes each): cards_ holds each person's cards as one contiguous run sorted by
//   valid_from, the last card flagged. The build writes the runs in person order; an update that
//   grows a run appends the new run at the end and leaves the old one dead (a shrinking run is
//   rewritten in place); the column is compacted when dead cards outnumber live ones.
// Series: series_[slot * G + rank] (G = number of reporting groups, rank = RuleSet::Rank) is a
//   DaySeries of the number of people of the slot counted in that group on each day. A person's
//   cards are normalised into disjoint segments [start, end] with the winning group
//   (BuildSegments); each segment adds +1 on start and -1 on end + 1. Segments are not stored:
//   an update recomputes the person's segments before and after (a person holds a few cards)
//   and applies the difference. totals_[rank] is the same summed over every slot (the country's
//   series), updated with every change. The build and the snapshot load put the series' arrays
//   in arenas_ (huge pages); a merged series moves to the heap.
// Memory from a snapshot: the person and card columns use backing_ (the file image) in place.
#pragma once

#include <algorithm>
#include <climits>
#include <cstring>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/arena.h"
#include "engine/build_buffer.h"
#include "engine/chunked_column.h"
#include "engine/coverage_index.h"
#include "engine/day_series.h"
#include "engine/interner.h"
#include "engine/segments.h"

namespace baophu::engine {

constexpr uint32_t kNoCards = UINT32_MAX;
constexpr uint32_t kSlotMask = (1u << 30) - 1;
constexpr int kKeyShift = 30;  // sort keys: bhxh << 30 | arrival index
constexpr uint64_t kIndexMask = (uint64_t{1} << kKeyShift) - 1;
constexpr int64_t kMaxBhxh = (int64_t{1} << 34) - 1;  // 10 digits fit in 34 bits
constexpr char kSlotSep = '\x1f';

inline bool ValidBhxh(BhxhNumber b) { return b.value() >= 0 && b.value() <= kMaxBhxh; }

inline std::string SlotName(const Person& p) {
  if (p.commune.empty()) return std::string();  // slot 0
  std::string s = p.commune.str();
  s += kSlotSep;
  s += p.hamlet.str();
  return s;
}

inline uint32_t PackSlotSex(uint32_t slot, Sex sex) { return slot | (static_cast<uint32_t>(sex) << 30); }

inline CardRec ToRec(const RuleSet& rules, const GroupResolver& resolver, ObjectCode object, Date from, Date to,
                     int benefit_level) {
  CardRec r;
  r.from = from.days();
  r.to = to.days();
  std::string o = object.str();
  r.object[0] = o[0];
  r.object[1] = o[1];
  r.group = resolver.Of(rules, object, from);
  r.bits = static_cast<uint8_t>(benefit_level >= 0 && benefit_level <= 7 ? benefit_level : 0);
  return r;
}

inline CardRec ToRec(const RuleSet& rules, const GroupResolver& resolver, const Card& c) {
  return ToRec(rules, resolver, c.object, c.valid_from, c.valid_to, c.benefit_level);
}

inline Status CheckCard(const Card& c) {
  if (!ValidBhxh(c.bhxh)) return Status::InvalidArgument("mã số BHXH không hợp lệ: " + c.bhxh.ToString());
  if (!InIndexRange(c.valid_from) || !InIndexRange(c.valid_to))
    return Status::InvalidArgument("thẻ của " + c.bhxh.ToString() + ": hạn thẻ không hợp lệ");
  return Status::Ok();
}

// One change of a series, before combining.
struct Change {
  uint32_t series;
  int32_t day;
  int32_t delta;
};

class IndexImpl final : public CoverageIndex {
 public:
  explicit IndexImpl(const RuleSet& rules)
      : rules_(rules), resolver_(rules_), groups_(static_cast<int>(rules_.groups().size())) {
    for (const ReportingGroup& g : rules_.groups()) group_of_rank_.push_back(g.id);
    totals_.resize(static_cast<size_t>(groups_));
  }

  size_t slot_count() const override {
    std::shared_lock lock(mu_);
    return slots_.size();
  }

  SlotKey slot(Slot s) const override {
    std::shared_lock lock(mu_);
    if (s >= slots_.size()) return {};
    std::string_view n = slots_.name(s);
    size_t sep = n.find(kSlotSep);
    if (sep == std::string_view::npos) return {std::string(n), std::string()};
    return {std::string(n.substr(0, sep)), std::string(n.substr(sep + 1))};
  }

  int64_t Count(Slot s, ReportingGroupId g, Date d) const override {
    if (!d.valid()) return 0;
    int r = rules_.Rank(g);
    std::shared_lock lock(mu_);
    if (s >= slots_.size() || r >= groups_) return 0;
    return series_[size_t{s} * groups_ + r].At(d.days());
  }

  void ForEachCount(Date d, const std::function<void(Slot, ReportingGroupId, int64_t)>& fn) const override {
    if (!d.valid()) return;
    struct Cell {
      Slot slot;
      ReportingGroupId group;
      int64_t count;
    };
    std::vector<Cell> cells;
    {
      std::shared_lock lock(mu_);
      const int32_t day = d.days();
      size_t i = 0;
      for (Slot s = 0; s < slots_.size(); ++s) {
        for (int r = 0; r < groups_; ++r, ++i) {
          if (series_[i].empty()) continue;
          int64_t c = series_[i].At(day);
          if (c != 0) cells.push_back({s, group_of_rank_[r], c});
        }
      }
    }
    // fn runs without the lock, so it may call back into the index.
    for (const Cell& c : cells) fn(c.slot, c.group, c.count);
  }

  void Series(Slot s, ReportingGroupId g, const std::vector<Date>& dates, int64_t* out) const override;
  void SeriesOver(const std::vector<Slot>& slots, ReportingGroupId g, const std::vector<Date>& dates,
                  int64_t* out) const override;
  void ForEachFlow(Date from, Date to, const std::vector<Slot>& slots,
                   const std::function<void(Slot, ReportingGroupId, const Flows&)>& fn) const override;  // flows.cc
  void ForEachPerson(const std::vector<Slot>& slots,
                     const std::function<void(const PersonView&)>& fn) const override;  // person_scan.cc
  void ForEachPersonOf(const std::vector<BhxhNumber>& bhxh,
                       const std::function<void(const PersonView&)>& fn) const override;  // person_scan.cc
  // Sums base[k * stride + rank] over k < n and the ranks of g, on each date, into out. Under mu_.
  void SeriesLocked(const DaySeries* base, size_t stride, size_t n, ReportingGroupId g, const std::vector<Date>& dates,
                    int64_t* out) const;
  // Recomputes totals_ from series_ (after a build or a load).
  void RebuildTotals();

  Status ApplyPerson(const Person& p) override {
    if (!ValidBhxh(p.bhxh)) return Status::InvalidArgument("mã số BHXH không hợp lệ: " + p.bhxh.ToString());
    std::unique_lock lock(mu_);
    uint32_t slot = SlotFor(SlotName(p));
    uint32_t hh = households_.Intern(p.household_code);
    int64_t found = FindPerson(p.bhxh.value());
    if (found < 0) {
      uint32_t i = static_cast<uint32_t>(bhxh_.size());
      bhxh_.push_back(p.bhxh.value());
      slot_sex_.push_back(PackSlotSex(slot, p.sex));
      birth_.push_back(p.birth_date.days());
      household_.push_back(hh);
      card_begin_.push_back(kNoCards);
      late_people_.emplace(p.bhxh.value(), i);
      DropPeopleBySlot();
      return Status::Ok();
    }
    uint32_t i = static_cast<uint32_t>(found);
    uint32_t old_slot = slot_sex_[i] & kSlotMask;
    if (old_slot != slot && card_begin_[i] != kNoCards) {  // a move: the history follows
      LoadCards(i, &cards_a_);
      BuildSegments(cards_a_.data(), cards_a_.size(), rules_, &seg_a_, &points_);
      changes_.clear();
      Emit(old_slot, seg_a_, -1);
      Emit(slot, seg_a_, +1);
      ApplyChanges();
    }
    if (old_slot != slot) DropPeopleBySlot();
    slot_sex_[i] = PackSlotSex(slot, p.sex);
    birth_[i] = p.birth_date.days();
    household_[i] = hh;
    return Status::Ok();
  }

  Status ApplyCard(const Card& c) override {
    BAOPHU_RETURN_IF_ERROR(CheckCard(c));
    CardRec rec = ToRec(rules_, resolver_, c);
    std::unique_lock lock(mu_);
    int64_t found = FindPerson(c.bhxh.value());
    if (found < 0) return Status::NotFound("thẻ của người chưa có trong sổ: " + c.bhxh.ToString());
    uint32_t p = static_cast<uint32_t>(found);
    LoadCards(p, &cards_a_);
    cards_b_ = cards_a_;
    auto it = std::lower_bound(cards_b_.begin(), cards_b_.end(), rec.from,
                               [](const CardRec& r, int32_t from) { return r.from < from; });
    if (it != cards_b_.end() && it->from == rec.from) {
      rec.bits |= it->bits & CardRec::kLast;
      if (std::memcmp(&*it, &rec, sizeof rec) == 0) return Status::Ok();  // unchanged
      *it = rec;
    } else {
      cards_b_.insert(it, rec);
    }
    Replace(p, cards_a_, &cards_b_);
    return Status::Ok();
  }

  Status RemoveCard(BhxhNumber bhxh, Date valid_from) override {
    std::unique_lock lock(mu_);
    int64_t found = ValidBhxh(bhxh) ? FindPerson(bhxh.value()) : -1;
    if (found < 0) return Status::NotFound("không có người " + bhxh.ToString());
    uint32_t p = static_cast<uint32_t>(found);
    LoadCards(p, &cards_a_);
    cards_b_ = cards_a_;
    auto it =
        std::find_if(cards_b_.begin(), cards_b_.end(), [&](const CardRec& r) { return r.from == valid_from.days(); });
    if (it == cards_b_.end())
      return Status::NotFound("không có thẻ của " + bhxh.ToString() + " từ ngày " + valid_from.ToVn());
    cards_b_.erase(it);
    Replace(p, cards_a_, &cards_b_);
    return Status::Ok();
  }

  int64_t person_count() const override {
    std::shared_lock lock(mu_);
    return static_cast<int64_t>(bhxh_.size());
  }
  int64_t card_count() const override {
    std::shared_lock lock(mu_);
    return live_cards_;
  }
  int64_t MemoryBytes() const override {
    MemoryStats m = Memory();
    return m.person_columns + m.card_columns;
  }
  MemoryStats Memory() const override {
    std::shared_lock lock(mu_);
    MemoryStats m;
    m.person_columns = static_cast<int64_t>(bhxh_.bytes() + slot_sex_.bytes() + birth_.bytes() + household_.bytes() +
                                            card_begin_.bytes());
    m.card_columns = static_cast<int64_t>(cards_.bytes());
    m.lookup = static_cast<int64_t>(late_people_.size() * 32 + late_people_.bucket_count() * 8 + slots_.bytes() +
                                    households_.bytes());
    m.series = static_cast<int64_t>(series_.capacity() * sizeof(DaySeries));
    for (const DaySeries& s : series_) {
      m.series += static_cast<int64_t>(s.bytes());
      m.change_days += static_cast<int64_t>(s.change_days());
    }
    return m;
  }

  // Internal to engine/: the builder, the snapshot and the flow queries use what follows directly.

  // Person p's row and cards as a PersonView (cards copied into *cards). Under the read lock.
  void ViewOf(uint32_t p, std::vector<PersonCardView>* cards, PersonView* view) const;

  int64_t FindPerson(int64_t bhxh) const {
    size_t lo = 0, n = sorted_people_;  // lower_bound over the sorted rows
    while (n > 0) {
      size_t half = n / 2;
      if (bhxh_[lo + half] < bhxh) {
        lo += half + 1;
        n -= half + 1;
      } else {
        n = half;
      }
    }
    if (lo < sorted_people_ && bhxh_[lo] == bhxh) return static_cast<int64_t>(lo);
    auto late = late_people_.find(bhxh);
    return late == late_people_.end() ? int64_t{-1} : int64_t{late->second};
  }

  uint32_t SlotFor(const std::string& name) {
    uint32_t s = slots_.Intern(name);
    if (series_.size() < size_t{slots_.size()} * groups_) series_.resize(size_t{slots_.size()} * groups_);
    return s;
  }

  void DropPeopleBySlot() {
    std::lock_guard<std::mutex> g(by_slot_mu_);
    by_slot_.reset();
  }
  void LoadCards(uint32_t p, std::vector<CardRec>* out) const {
    out->clear();
    uint32_t i = card_begin_[p];
    if (i == kNoCards) return;
    do out->push_back(cards_[i]);
    while (!cards_[i++].last());
  }

  void Emit(uint32_t slot, const std::vector<Segment>& segs, int sign) {
    for (const Segment& s : segs) {
      uint32_t series = slot * groups_ + s.rank;
      changes_.push_back({series, s.start, sign});
      changes_.push_back({series, s.end + 1, -sign});
    }
  }

  // Adds changes_ (combined per series and day) to the series.
  void ApplyChanges() {
    std::sort(changes_.begin(), changes_.end(), [](const Change& a, const Change& b) {
      return a.series != b.series ? a.series < b.series : a.day < b.day;
    });
    for (size_t i = 0; i < changes_.size();) {
      size_t j = i;
      int32_t sum = 0;
      for (; j < changes_.size() && changes_[j].series == changes_[i].series && changes_[j].day == changes_[i].day; ++j)
        sum += changes_[j].delta;
      if (sum != 0) {
        series_[changes_[i].series].Add(changes_[i].day, sum);
        totals_[changes_[i].series % static_cast<uint32_t>(groups_)].Add(changes_[i].day, sum);
      }
      i = j;
    }
  }

  // Person p's cards change from `before` to `after` (sorted by valid_from).
  void Replace(uint32_t p, const std::vector<CardRec>& before, std::vector<CardRec>* after) {
    uint32_t slot = slot_sex_[p] & kSlotMask;
    BuildSegments(before.data(), before.size(), rules_, &seg_a_, &points_);
    BuildSegments(after->data(), after->size(), rules_, &seg_b_, &points_);
    if (seg_a_ != seg_b_) {
      changes_.clear();
      Emit(slot, seg_a_, -1);
      Emit(slot, seg_b_, +1);
      ApplyChanges();
    }
    StoreCards(p, before.size(), after);
  }

  void StoreCards(uint32_t p, size_t old_n, std::vector<CardRec>* cards) {
    size_t n = cards->size();
    for (size_t i = 0; i < n; ++i) {
      CardRec& r = (*cards)[i];
      r.bits = static_cast<uint8_t>((r.bits & ~CardRec::kLast) | (i + 1 == n ? CardRec::kLast : 0));
    }
    live_cards_ += static_cast<int64_t>(n) - static_cast<int64_t>(old_n);
    if (n == 0) {
      card_begin_[p] = kNoCards;
      dead_cards_ += static_cast<int64_t>(old_n);
    } else if (n <= old_n) {
      for (size_t i = 0; i < n; ++i) cards_[card_begin_[p] + i] = (*cards)[i];
      dead_cards_ += static_cast<int64_t>(old_n - n);
    } else {
      card_begin_[p] = static_cast<uint32_t>(cards_.size());
      for (const CardRec& r : *cards) cards_.push_back(r);
      dead_cards_ += static_cast<int64_t>(old_n);
    }
    if (dead_cards_ > (int64_t{1} << 20) && dead_cards_ > live_cards_) CompactCards();
  }

  void CompactCards() {
    ChunkedColumn<CardRec> fresh;
    for (size_t p = 0; p < card_begin_.size(); ++p) {
      uint32_t i = card_begin_[p];
      if (i == kNoCards) continue;
      card_begin_[p] = static_cast<uint32_t>(fresh.size());
      do fresh.push_back(cards_[i]);
      while (!cards_[i++].last());
    }
    cards_.swap(fresh);
    dead_cards_ = 0;
  }

  const RuleSet rules_;
  const GroupResolver resolver_;
  const int groups_;
  std::vector<ReportingGroupId> group_of_rank_;

  mutable std::shared_mutex mu_;
  // A loaded snapshot's file image: the person and card columns use its whole blocks in place
  // (declared before them, so destroyed after them).
  BuildBuffer<char> backing_;
  // Person columns (see the layout above). GUARDED_BY(mu_), like everything below.
  ChunkedColumn<int64_t> bhxh_;
  ChunkedColumn<uint32_t> slot_sex_;
  ChunkedColumn<int32_t> birth_;
  ChunkedColumn<uint32_t> household_;
  ChunkedColumn<uint32_t> card_begin_;
  size_t sorted_people_ = 0;
  std::unordered_map<int64_t, uint32_t> late_people_;
  // Card column.
  ChunkedColumn<CardRec> cards_;
  int64_t live_cards_ = 0;
  int64_t dead_cards_ = 0;
  Interner slots_;
  Interner households_;
  // The people of each slot (rows ascending; begin has a slot count + 1 offsets), for
  // ForEachPerson over a few slots without a pass over everyone: built at the first such call,
  // dropped when a person is added or moves (person_scan.cc). 4 bytes a person when built.
  struct PeopleBySlot {
    std::vector<uint32_t> begin;
    std::vector<uint32_t> rows;
  };
  mutable std::mutex by_slot_mu_;                        // guards by_slot_ among readers
  mutable std::shared_ptr<const PeopleBySlot> by_slot_;  // null: not built
  std::shared_ptr<const PeopleBySlot> PeopleBySlotLocked() const;  // under mu_ (shared)
  std::vector<DaySeries> series_;
  std::vector<DaySeries> totals_;               // per rank: the sum of series_ over every slot (the country)
  std::vector<std::unique_ptr<Arena>> arenas_;  // where the build or the load put the series' arrays
  // Writer scratch, kept to avoid allocating per update.
  std::vector<CardRec> cards_a_, cards_b_;
  std::vector<Segment> seg_a_, seg_b_;
  std::vector<int32_t> points_;
  std::vector<Change> changes_;
};

}  // namespace baophu::engine
