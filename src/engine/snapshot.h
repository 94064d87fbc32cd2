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

#include <cstdint>
#include <memory>
#include <string>

#include "core/atomic_file.h"
#include "core/status.h"
#include "engine/coverage_index.h"
#include "rules/rule_set.h"

namespace baophu {

// Which state of which store the index was built from (StoreState in store/store.h: instance,
// generation, write token, structural fingerprint), kept in the header so that a loader can
// tell a current snapshot from a stale one. -1 / 0 = unknown.
struct SnapshotSource {
  int64_t store_instance = -1;
  int64_t store_generation = -1;
  int64_t write_token = 0;
  int64_t fingerprint = 0;
};

// The file operations WriteSnapshot uses (core/atomic_file.h): the system calls by default;
// tests substitute ones that fail the Nth write or the fsync, or answer ENOSPC
// (snapshot_fault_test.cc).
using SnapshotFileOps = FileOps;

// Writes `index` (an index made by CoverageIndexBuilder or LoadSnapshot) to `path`, through
// path + ".tmp" (created owner-only, 0600: it holds personal data), fsync and rename: a crash
// or a failed write, fsync or rename leaves the previous snapshot whole and removes the .tmp.
// `ops`: the file operations (null = the system calls).
Status WriteSnapshot(const CoverageIndex& index, const std::string& path, const SnapshotSource& source = {},
                     SnapshotFileOps* ops = nullptr);

// Loads a snapshot. Corruption when the file is damaged or truncated (every section's checksum
// is verified and every offset checked before use); Conflict when it was written under other
// rules (reporting groups or object codes changed: rebuild from the store); IOError when it
// cannot be read.
// `source`, when given, receives what the snapshot was built from.
Result<std::unique_ptr<CoverageIndex>> LoadSnapshot(const std::string& path, const RuleSet& rules,
                                                    SnapshotSource* source = nullptr);

}  // namespace baophu
