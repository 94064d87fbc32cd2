// LoadedRegistry: everything a report reads, loaded once from a Store into memory: the unit
// tree, the rule tables, population denominators, targets, and the coverage index built from
// every person and card. Immutable once loaded, so safe for concurrent const use (the index
// itself allows one writer besides; see engine/coverage_index.h).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/status.h"
#include "engine/coverage_index.h"
#include "registry/model.h"
#include "registry/unit_tree.h"
#include "rules/rule_set.h"
#include "store/store.h"

namespace baophu {

struct LoadedRegistry {
  RuleSet rules;
  UnitTree tree;
  std::unique_ptr<CoverageIndex> index;
  std::vector<Population> population;
  std::vector<Target> targets;
  int64_t orphan_cards = 0;  // cards whose person is not in the store, left out of the index
};

// Reads units and successors (→ UnitTree::Build), population, targets, then streams persons
// and cards into a CoverageIndexBuilder. Fails with the store's status, or the tree's when the
// units do not form a valid tree.
Result<LoadedRegistry> LoadRegistry(Store* store, RuleSet rules);

}  // namespace baophu
