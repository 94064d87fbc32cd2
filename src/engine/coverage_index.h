// CoverageIndex: the in-memory columnar index that answers "how many people are insured, per
// place and reporting group, on date d" without touching the store.
//
// Model. Every person sits in one *leaf slot*: the (commune code, hamlet code) pair of their
// registry record (slot 0 = no commune). Codes, not unit versions: a code is resolved to the
// unit version valid on the query date by the report layer (UnitTree), so one slot serves every
// vintage of units. Each person's cards are normalised into non-overlapping coverage segments
// carrying the winning reporting group (a person holding two valid cards on a day counts once,
// in the group with the higher priority of RuleSet). Per slot × group the index keeps the day-
// level changes with prefix sums, so Count(slot, group, d) does not depend on the number of people.
//
// Layout (details at the top of index_impl.h). People: 24 bytes each in fixed-width
// columns (BHXH number, sorted after a build; slot and sex; birth date; interned household id;
// first card). Cards: 12 bytes each, one contiguous run per person sorted by valid_from.
// Series: per slot × group a DaySeries (day_series.h): sorted change days with running totals,
// a bucket index for an O(1) jump, and a small unsorted side buffer for recent updates; per
// group the country's total series beside them. Build: coverage_index_builder.cc (two
// threads); snapshot files: snapshot.h; flows (new, renewed, lapsed): flows.cc.
//
// Thread-safety: many concurrent readers, one writer. Const methods may run concurrently with
// each other and with one writer (Apply*), which takes an internal exclusive lock.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "registry/model.h"
#include "rules/rule_set.h"

namespace baophu {

class CoverageIndex {
 public:
  using Slot = uint32_t;
  static constexpr Slot kNoCommuneSlot = 0;

  struct SlotKey {
    std::string commune;  // empty for slot 0
    std::string hamlet;   // may be empty
  };

  virtual ~CoverageIndex() = default;

  // Slots in creation order; slot 0 always exists (people without a commune).
  virtual size_t slot_count() const = 0;
  virtual SlotKey slot(Slot s) const = 0;

  // Insured people of a slot and group on `d` (distinct people; each in one group).
  virtual int64_t Count(Slot s, ReportingGroupId g, Date d) const = 0;
  // Calls fn for every (slot, group) with a non-zero count on `d`, slots in ascending order.
  // The counts are taken under one read lock (a consistent snapshot); fn runs after the lock is
  // released, so it may call back into the index.
  virtual void ForEachCount(Date d, const std::function<void(Slot, ReportingGroupId, int64_t)>& fn) const = 0;

  // Count(s, g, d) for every date of `dates` (any order) into out[0 .. dates.size()); g may be
  // kAllGroups (0) for the sum over the groups. One read lock; each date costs a bucket jump,
  // so a 261-Monday series costs 261 lookups (× groups for kAllGroups), whatever the number of
  // people.
  virtual void Series(Slot s, ReportingGroupId g, const std::vector<Date>& dates, int64_t* out) const;
  // The same summed over `slots` (each once; empty = every slot, the whole country). The
  // country comes from per-group totals kept alongside the slots' series: dates × groups
  // lookups. A set of slots costs slots × dates lookups (a province: ~1,000 slots × 261 dates).
  virtual void SeriesOver(const std::vector<Slot>& slots, ReportingGroupId g, const std::vector<Date>& dates,
                          int64_t* out) const;

  // Flows in a period [from, to] (both inclusive). A *run* is a maximal stretch of consecutive
  // insured days of a person, whatever the groups (two cards that touch or overlap make one
  // run). The *gap* before a run is the number of uninsured days since the person's previous
  // run ended (infinite when there is none).
  //   new:     a run starts within the period after a gap of more than kRenewalGapDays days
  //            (or the person's first run);
  //   renewed: a run starts within the period after a gap of 1 .. kRenewalGapDays days;
  //   lapsed:  a run ends within the period and the next run starts more than
  //            kRenewalGapDays days later, or not at all — as far as the index knows now: a
  //            lapse in the last 90 days turns into a renewal when a later card arrives.
  // Each counts distinct people: a person counts at most once per kind, in their current slot
  // and, for new and renewed, the group they hold on the first day of the first such run in
  // the period; for lapsed, the group on the last day of the first such run.
  static constexpr int kRenewalGapDays = 90;
  struct Flows {
    int64_t new_people = 0;
    int64_t renewed = 0;
    int64_t lapsed = 0;
  };
  // Calls fn for every (slot, group) of `slots` (empty = all) with a non-zero flow, slots in
  // ascending order, after the read lock is released. Cost: one pass over every person's cards
  // (people are not grouped by slot): about a second at 10 million people; meant for reports,
  // not for per-keystroke screens. The default (indexes that keep no histories) reports none.
  virtual void ForEachFlow(Date from, Date to, const std::vector<Slot>& slots,
                           const std::function<void(Slot, ReportingGroupId, const Flows&)>& fn) const;

  // One person as the outreach lists read them (outreach/): slot, household, birth date and the
  // cards sorted by valid_from. Views are valid only during the callback.
  struct PersonCardView {
    Date from, to;            // inclusive
    ReportingGroupId group = 0;
    char object[2] = {0, 0};  // the object code's two letters ("HS", "HN" ...)
  };
  struct PersonView {
    BhxhNumber bhxh;
    Slot slot = 0;
    std::string_view household;  // "" when none
    Date birth;                  // Date() when unknown
    const PersonCardView* cards = nullptr;
    size_t card_count = 0;
  };
  // Calls fn for every person of `slots` (empty = every slot) under the read lock, so fn must
  // not call back into the index. One pass over the person columns (people are not grouped by
  // slot). The default (indexes that keep no people) calls nothing.
  virtual void ForEachPerson(const std::vector<Slot>& slots, const std::function<void(const PersonView&)>& fn) const;
  // The same for the people `bhxh` names (a binary search each; unknown numbers are skipped),
  // in the order given. The default scans every person.
  virtual void ForEachPersonOf(const std::vector<BhxhNumber>& bhxh,
                               const std::function<void(const PersonView&)>& fn) const;

  // Incremental maintenance (the writer). A person upsert may move them to another slot
  // (a move: their whole history follows them). A card upsert replaces the card with the same
  // (bhxh, valid_from). Cards of unknown people are rejected with NotFound.
  virtual Status ApplyPerson(const Person& p) = 0;
  virtual Status ApplyCard(const Card& c) = 0;
  virtual Status RemoveCard(BhxhNumber bhxh, Date valid_from) = 0;

  virtual int64_t person_count() const = 0;
  virtual int64_t card_count() const = 0;
  // Bytes held for people and cards (the figure the benchmark prints).
  virtual int64_t MemoryBytes() const = 0;

  // MemoryBytes() and the rest, by part, for benchmarks and capacity planning.
  struct MemoryStats {
    int64_t person_columns = 0;  // fixed-width person columns (counted in MemoryBytes)
    int64_t card_columns = 0;    // the card column, dead entries included (counted in MemoryBytes)
    int64_t lookup = 0;          // BHXH lookup for people added after the build, slot and household tables
    int64_t series = 0;          // per slot × group change arrays, bucket indexes, side buffers
    int64_t change_days = 0;     // number of (slot, group, day) changes held
  };
  virtual MemoryStats Memory() const { return {}; }
};

// Builds an index from a stream of people and cards (in any order; cards may come first).
class CoverageIndexBuilder {
 public:
  explicit CoverageIndexBuilder(const RuleSet& rules);
  ~CoverageIndexBuilder();
  // How Finish gathers the day changes of the series: kAuto takes whichever needs less memory
  // (sorted 64-bit keys, ~32 bytes a card; or a dense series × day grid, independent of the
  // number of people). The result is the same bit for bit; tests pin each way.
  enum class ChangeAccumulation { kAuto, kSortedKeys, kDenseGrid };
  void set_change_accumulation(ChangeAccumulation a);
  void AddPerson(const Person& p);
  void AddCard(const Card& c);
  // The same from the store's lean rows (Store::ScanIndexInputs). People and cards may be
  // added at the same time from two threads (one adding people, one adding cards).
  void AddPerson(const PersonIndexRow& p);
  void AddCard(const CardIndexRow& c);
  // Cards whose person never came are counted in `orphan_cards` and left out.
  std::unique_ptr<CoverageIndex> Finish(int64_t* orphan_cards = nullptr);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace baophu
