// UnitTree: every version of every administrative unit in memory (about 15,000 for Vietnam),
// with code → version resolution at a date, children on a date, and successor links. Built
// once from the store; immutable after Build, so safe for concurrent const use.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "registry/model.h"

namespace baophu {

class UnitTree {
 public:
  using Index = int32_t;  // position of a unit version in units(); -1 = none
  static constexpr Index kNone = -1;

  struct Successor {
    Index to = kNone;  // resolved on the day after the predecessor ended
    MergeType type = MergeType::kFull;
  };

  UnitTree() = default;
  // Fails when a parent or successor code names no unit, or when two versions of one code overlap.
  static Result<UnitTree> Build(std::vector<Unit> units, const std::vector<UnitSuccessor>& successors);

  const std::vector<Unit>& units() const { return units_; }
  const Unit& unit(Index i) const { return units_[static_cast<size_t>(i)]; }
  size_t size() const { return units_.size(); }

  // The version of `code` valid on `on`, or kNone.
  Index Resolve(const UnitCode& code, Date on) const;
  Index Resolve(const std::string& code, Date on) const;
  // True when some version of `code` exists at all.
  bool Knows(const std::string& code) const { return by_code_.count(code) > 0; }
  // All versions of a code, oldest first.
  std::vector<Index> Versions(const std::string& code) const;
  // Parent version valid on `on` (kNone for the country or when the parent is not valid then).
  Index Parent(Index i, Date on) const;
  // Children valid on `on`, in code order.
  std::vector<Index> Children(Index i, Date on) const;
  // The country root (valid on every date), or kNone when not loaded.
  Index Root() const { return Resolve(std::string(kCountryCode), Date::FromYmd(2000, 1, 1)); }
  // Successors of a version (empty for units still valid).
  const std::vector<Successor>& Successors(Index i) const { return successors_[static_cast<size_t>(i)]; }
  // True when `ancestor` is `i` or above it on `on`.
  bool IsWithin(Index i, Index ancestor, Date on) const;

 private:
  std::vector<Unit> units_;
  std::unordered_map<std::string, std::vector<Index>> by_code_;  // versions, by valid_from
  std::unordered_map<std::string, std::vector<Index>> children_by_parent_code_;
  std::vector<std::vector<Successor>> successors_;
};

}  // namespace baophu
