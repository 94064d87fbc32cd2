// Pieces of the coverage report shared inside report/ (the series and flows reuse the report's
// rules instead of restating them). Not part of the layer's interface.
// Thread-safety: PopulationLookup is immutable after construction (safe for concurrent use).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/coverage_index.h"
#include "registry/model.h"
#include "registry/unit_tree.h"
#include "report/coverage_report.h"
#include "report/unit_mapper.h"

namespace baophu::report_parts {

// Population rows by unit version of a tree (a row belongs to every version of its code; the
// report picks by date), built once and shared by the reports of many dates. Points into `rows`,
// which must outlive it.
class PopulationLookup {
 public:
  PopulationLookup(const std::vector<Population>& rows, const UnitTree& tree);
  // The figure of unit version i and group g dated latest within [from, to]; -1 when none.
  int64_t Own(UnitTree::Index i, ReportingGroupId g, Date from, Date to) const;
  // Every distinct date of a population row, sorted: the denominators change only there.
  const std::vector<Date>& dates() const { return dates_; }
  // Whether it was built from these rows and this tree (so a registry's cached one applies).
  bool BuiltFrom(const std::vector<Population>& rows, const UnitTree& tree) const {
    return rows_ptr_ == rows.data() && rows_size_ == rows.size() && tree_size_ == tree.size();
  }

 private:
  std::vector<std::vector<const Population*>> by_unit_;  // by UnitTree::Index
  std::vector<Date> dates_;
  const Population* rows_ptr_ = nullptr;
  size_t rows_size_ = 0, tree_size_ = 0;
};

// The registry's own lookup when it was built from its current rows and tree (LoadRegistry
// makes one), else a new one.
std::shared_ptr<const PopulationLookup> PopulationFor(const LoadedRegistry& reg);

// Where the people of an index slot are counted on d (see BuildCoverageReport's rules).
Placement PlaceSlot(const UnitTree& tree, const CoverageIndex::SlotKey& key, Date d);

struct ReportOptions {
  const PopulationLookup* population = nullptr;  // built from reg.population when null
  bool count_people = true;                      // false: insured stay 0 (denominators, targets only)
  std::optional<ReportingGroupId> only_group;    // emit only this group's row per unit
};

Result<CoverageReport> BuildReport(const LoadedRegistry& reg, const CoverageQuery& q, const ReportOptions& opts);

// Days on which any unit version starts or ends (the day after): between two of them every code
// resolves to the same unit version.
std::vector<Date> TreeBoundaries(const UnitTree& tree);

// The gap in people to reach `target` (hundredths of a percent) of `den`: ceil(target × den /
// 10000) − insured, at least 0; -1 when the target or the denominator is unknown.
int64_t GapPeople(int32_t target, int64_t den, int64_t insured);

}  // namespace baophu::report_parts
