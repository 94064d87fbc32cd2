// The matcher's answers kept with the roster rows (schema version 7), so that a list reads
// them instead of matching every row again: a row is matched when it is imported (or when it
// is first listed after), and every row again after a change of the people
// (Store::PersonGeneration) — a card import leaves them current. Decisions on uncertain
// matches are applied when the rows are read (lists.h MatchRosterRows and MatchOfEntry, which
// are defined in match_store.cc beside the kept matches), not kept here.
// Thread-safety: uses the stores it is given (one thread at a time each); two processes may
// refresh at the same time (the writes are serialised by the store and give the same rows).
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "outreach/name_match.h"
#include "registry/outreach_model.h"
#include "store/outreach_store.h"
#include "store/store.h"

namespace baophu::outreach {

// The kept form of a match of `row`. `person_commune` is the matched person's commune (the
// row's list unit when the row names none).
RosterMatchRecord EncodeMatch(const RosterRow& row, const MatchResult& m, const UnitCode& person_commune);
// Back: the candidates carry their BHXH number, name, birth date and commune.
MatchResult DecodeMatch(const RosterMatchRecord& r);

// Runs the matcher on one row against the store (no decisions applied).
Result<MatchResult> MatchRow(Store* store, OutreachStore* outreach, const RosterRow& row);

struct RefreshReport {
  int64_t matched_rows = 0;  // rows matched by this call (0 when everything was current)
  bool full = false;         // every row (the people changed), else only rows written since
};

// Brings the kept matches up to date: nothing when they are current; the rows written since
// the last refresh; or every row when the people changed. One transaction of `outreach`.
Result<RefreshReport> RefreshMatches(Store* store, OutreachStore* outreach);

}  // namespace baophu::outreach
