// A card as the coverage index stores it (12 bytes), and the normalisation of one person's
// cards into non-overlapping coverage segments carrying the winning reporting group. Pure
// functions over caller-owned buffers; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "core/codes.h"
#include "core/date.h"
#include "rules/rule_set.h"

namespace baophu::engine {

// One card in the index's card column. Not persisted (memory only).
struct CardRec {
  int32_t from = 0;  // valid_from, days since epoch
  int32_t to = 0;    // valid_to, inclusive; to < from covers no day
  char object[2] = {0, 0};
  ReportingGroupId group = kUnclassifiedGroup;  // RuleSet::ReportingGroupOf(object, from), cached
  uint8_t bits = 0;                             // bits 0-2: benefit level; bit 7: last card of its person's run
  static constexpr uint8_t kLast = 0x80;
  bool last() const { return bits & kLast; }
};
static_assert(sizeof(CardRec) == 12);

// Days [start, end] (inclusive) on which the person is insured and counted in the group of
// priority rank `rank` (RuleSet::Rank).
struct Segment {
  int32_t start;
  int32_t end;
  uint8_t rank;
  bool operator==(const Segment&) const = default;
};

// The dates the index accepts: Date::Min() .. Date::Max(), so that end + 1 never overflows.
inline bool InIndexRange(Date d) { return d.valid() && d >= Date::Min() && d <= Date::Max(); }

// Object code → reporting group with a 26×26 table for codes whose group does not depend on
// the date (all of them today); falls back to RuleSet for the others.
class GroupResolver {
 public:
  explicit GroupResolver(const RuleSet& rules);
  ReportingGroupId Of(const RuleSet& rules, ObjectCode code, Date from) const;

 private:
  static constexpr uint8_t kAskRules = 0;  // group ids start at 1
  uint8_t table_[26 * 26];
};

// Replaces `out` with the segments of `cards` (n cards, any order): sorted by start, disjoint,
// with touching segments of the same rank merged. On a day covered by several cards the
// lowest rank wins. `points` is scratch.
void BuildSegments(const CardRec* cards, size_t n, const RuleSet& rules, std::vector<Segment>* out,
                   std::vector<int32_t>* points);

}  // namespace baophu::engine
