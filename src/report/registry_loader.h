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
#include "engine/snapshot.h"
#include "registry/model.h"
#include "registry/unit_tree.h"
#include "rules/rule_set.h"
#include "store/store.h"

namespace baophu {

struct RegistryOptions {
  // A snapshot file of the coverage index (engine/snapshot.h). When it holds the index of this
  // store's current state (SnapshotMatches: same instance, generation, write token and
  // structural fingerprint; same rules), the index is loaded from it instead of being built
  // from the store. Empty: always build.
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
  // With it: the state's write token (0 = unknown: such an index is never written to a
  // snapshot file) and its structural fingerprint (0 = not computed; see StoreState).
  int64_t store_token = 0, store_fingerprint = 0;
  StoreState state() const { return {store_instance, store_generation, store_token, store_fingerprint}; }
};

// The trust rule of snapshot files: a snapshot written from `source` holds the index of the
// store in state `store` only when the instance, the generation, the write token and the
// structural fingerprint all match and are known. The generation alone is not enough: a store
// restored from a backup (or rolled back any other way) and written to again climbs back to
// the same numbers with other contents; the token, redrawn with every bump and by a restore,
// tells them apart; the fingerprint catches writers that bypass baophu (they bump nothing).
// False with *why (Vietnamese) saying which part differs.
bool SnapshotMatches(const SnapshotSource& source, const StoreState& store, std::string* why);

// Reads units and successors (→ UnitTree::Build), population, targets, then streams persons
// and cards into a CoverageIndexBuilder. Fails with the store's status, or the tree's when the
// units do not form a valid tree.
Result<LoadedRegistry> LoadRegistry(Store* store, RuleSet rules, const RegistryOptions& opts = {});

// The index slots of a unit's subtree on a date (a hamlet: its own slots); NotFound for a unit
// unknown on that date. For the person-level questions (outreach lists, FHIR export).
Result<std::vector<CoverageIndex::Slot>> SlotsOf(const LoadedRegistry& reg, const std::string& unit, Date on);

// Brings a loaded registry up to date after persons and cards were written to the store in
// one committed transaction (e.g. the changed rows of an import, ImportOptions::collect_changes,
// with ImportResult::commit): applies them to the index in order (persons first: a card needs
// its person) without a rebuild, and then claims the state the commit made.
// It never claims a state it did not apply: when the index does not reflect exactly the state
// the commit was written on top of (`commit.before`: another process — a CLI import, a second
// server — committed in between, or the index was already behind), it changes nothing and
// answers Conflict; the caller then reloads the registry from the store.
// The caller holds the registry exclusively or relies on the index's own writer lock
// (CoverageIndex: one writer, many readers).
Status ApplyChanges(LoadedRegistry* reg, const CommitStamp& commit, const std::vector<Person>& persons,
                    const std::vector<Card>& cards);

}  // namespace baophu
