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
// Layout (details at the top of coverage_index.cc). People: 24 bytes each in fixed-width
// columns (BHXH number, sorted after a build; slot and sex; birth date; interned household id;
// first card). Cards: 12 bytes each, one contiguous run per person sorted by valid_from.
// Series: per slot × group a DaySeries (day_series.h): sorted change days with running totals,
// a bucket index for an O(1) jump, and a small unsorted side buffer for recent updates.
//
// Thread-safety: many concurrent readers, one writer. Const methods may run concurrently with
// each other and with one writer (Apply*), which takes an internal exclusive lock.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/date.h"
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
  void AddPerson(const Person& p);
  void AddCard(const Card& c);
  // Cards whose person never came are counted in `orphan_cards` and left out.
  std::unique_ptr<CoverageIndex> Finish(int64_t* orphan_cards = nullptr);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace baophu
