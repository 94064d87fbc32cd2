// LoadedRegistry: everything a report reads, loaded once from a Store into memory: the unit
// tree, the rule tables, population denominators, targets, and the coverage index built from
// every person and card. Immutable once loaded, so safe for concurrent const use (the index
// itself allows one writer besides; see engine/coverage_index.h).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "engine/coverage_index.h"
#include "registry/model.h"
#include "registry/unit_tree.h"
#include "rules/rule_set.h"
#include "store/store.h"

namespace baophu {

struct RegistryOptions {
  // A snapshot file of the coverage index (engine/snapshot.h). When it holds the index of this
  // store's current state (same store instance and generation, same rules), the index is loaded
  // from it instead of being built from the store. Empty: always build.
  std::string snapshot_path;
  // After a build from the store, write the index to snapshot_path (a failure is reported in
  // snapshot_note, not as an error: the registry itself is fine).
  bool write_snapshot = false;
};

namespace report_parts {
class PopulationLookup;
}

struct LoadedRegistry {
  RuleSet rules;
  UnitTree tree;
  std::unique_ptr<CoverageIndex> index;
  std::vector<Population> population;
  std::vector<Target> targets;
  // Population rows by unit version, made by LoadRegistry (reports build their own when it is
  // absent or was made from other rows or another tree).
  std::shared_ptr<const report_parts::PopulationLookup> population_lookup;
  int64_t orphan_cards = 0;  // cards whose person is not in the store, left out of the index
  bool index_from_snapshot = false;
  double index_ms = 0;        // time to build or load the index
  std::string snapshot_note;  // why the snapshot was not used or not written (Vietnamese), or ""
  int64_t store_instance = -1, store_generation = -1;  // the state the index reflects
};

// Reads units and successors (→ UnitTree::Build), population, targets, then streams persons
// and cards into a CoverageIndexBuilder. Fails with the store's status, or the tree's when the
// units do not form a valid tree.
Result<LoadedRegistry> LoadRegistry(Store* store, RuleSet rules, const RegistryOptions& opts = {});

// The index slots of a unit's subtree on a date (a hamlet: its own slots); NotFound for a unit
// unknown on that date. For the person-level questions (outreach lists, FHIR export).
Result<std::vector<CoverageIndex::Slot>> SlotsOf(const LoadedRegistry& reg, const std::string& unit, Date on);

// Brings a loaded registry up to date after persons and cards were written to `store` (e.g. the
// changed rows of an import, ImportOptions::collect_changes): applies them to the index in
// order (persons first: a card needs its person) without a rebuild, then notes the store's new
// generation. The caller holds the registry exclusively or relies on the index's own writer
// lock (CoverageIndex: one writer, many readers).
Status ApplyChanges(LoadedRegistry* reg, Store* store, const std::vector<Person>& persons,
                    const std::vector<Card>& cards);

}  // namespace baophu
