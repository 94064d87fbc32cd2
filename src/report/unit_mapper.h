// UnitMapper: moves per-group amounts (insured people, population) held by unit versions valid
// on one date into the unit versions valid on another, following successor links (forward) or
// same-code versions (backward). Used by coverage reports with `units_of`. Holds a reference to
// the tree; one mapper per report (not thread-safe: it records the splits it applied).
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <set>
#include <vector>

#include "core/date.h"
#include "registry/unit_tree.h"

namespace baophu {

// Amounts per reporting group, indexed by the group's rank in RuleSet::groups(). A negative
// value means unknown (a denominator nobody has): merging treats it as absent.
using GroupVector = std::vector<int64_t>;
inline int64_t MergeAmount(int64_t a, int64_t b) { return a < 0 ? b : b < 0 ? a : a + b; }
void MergeInto(GroupVector* into, const GroupVector& v);

// Where amounts sit: a unit version, and whether they are people whose commune could not be
// placed (they then sit in an ancestor, shown as its "unplaced" row).
struct Placement {
  UnitTree::Index unit = UnitTree::kNone;
  bool unplaced = false;
  auto operator<=>(const Placement&) const = default;
};
using PlacedAmounts = std::map<Placement, GroupVector>;

class UnitMapper {
 public:
  // Amounts given to Map sit in versions valid on `from`; they come out in versions valid on `to`.
  UnitMapper(const UnitTree& tree, Date from, Date to) : tree_(tree), from_(from), to_(to) {}

  // Rules, in this order, for a version x holding amounts:
  //  - x valid on `to`: stays;
  //  - forward (x ended before `to`) with successors: a full successor takes the whole; else the
  //    k partial successors take equal shares per group, floor(n/k) each and the remainder one by
  //    one in code order (chains are followed);
  //  - backward (x starts after `to`): the version of the same code valid on `to`;
  //  - otherwise the amounts climb to x's parent; climbing from anything but a hamlet makes them
  //    unplaced. With drop_unplaced, unplaced amounts are dropped instead (denominators).
  // Amounts reaching one version are summed before that version is apportioned.
  PlacedAmounts Map(const PlacedAmounts& in, bool drop_unplaced);

  // Versions whose amounts were apportioned in equal shares, for the report's notes.
  const std::set<UnitTree::Index>& split_units() const { return split_; }

 private:
  const UnitTree& tree_;
  Date from_, to_;
  std::set<UnitTree::Index> split_;
};

}  // namespace baophu
