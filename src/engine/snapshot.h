// Snapshot: the coverage index as one compact binary file (var/*.snap), written at shutdown or
// on demand and loaded at start-up much faster than a build from the store.
//
// Format (little-endian), version 2: the magic "BAOPHUIX", a uint32 version and a zero uint32,
// then sections, each a uint32 tag, a zero uint32, a uint64 byte length, the payload, zeros up
// to a multiple of 8 bytes and a uint64 checksum of the payload (ChunkedChecksum, XXH64 over 64 KB chunks). The
// sections, in order: header (counts and fingerprints of the rules and of std::hash), the five person columns, the card
// column (dead entries included, so the person runs stay where they are), the slot and household names (and the
// household hash table), per series its event count, all series' events, and an empty end section.
//
// Thread-safety: WriteSnapshot holds the index's read lock for the whole write (updates wait;
// queries do not). LoadSnapshot builds a new index nobody else sees.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "engine/coverage_index.h"
#include "rules/rule_set.h"

namespace baophu {

// Which state of which store the index was built from (Store::Instance / Generation), kept in
// the header so that a loader can tell a current snapshot from a stale one. -1 = unknown.
struct SnapshotSource {
  int64_t store_instance = -1;
  int64_t store_generation = -1;
};

// Writes `index` (an index made by CoverageIndexBuilder or LoadSnapshot) to `path`, through
// path + ".tmp", fsync and rename: a crash leaves the previous snapshot whole.
Status WriteSnapshot(const CoverageIndex& index, const std::string& path, const SnapshotSource& source = {});

// Loads a snapshot. Corruption when the file is damaged or truncated (every section's checksum
// is verified and every offset checked before use); Conflict when it was written under other
// rules (reporting groups or object codes changed: rebuild from the store); IOError when it
// cannot be read.
// `source`, when given, receives what the snapshot was built from.
Result<std::unique_ptr<CoverageIndex>> LoadSnapshot(const std::string& path, const RuleSet& rules,
                                                    SnapshotSource* source = nullptr);

}  // namespace baophu
