// Decisions on uncertain matches: a person confirms (or rejects) one candidate the matcher
// offered for a row of an imported list. Only a candidate the matcher offers for that row may
// be decided; who decided is recorded. Used by `baophu outreach confirm` and
// POST /api/v1/outreach/confirm. Not thread-safe (the stores are not).
#pragma once

#include <functional>
#include <string>

#include "core/status.h"
#include "outreach/lists.h"

namespace baophu::outreach {

// "r:<kind>|<group>|<row key>" → the decision's kind, group and row key (bhxh, decision and
// decided_by left as they are). InvalidArgument for anything else (a "p:" key has nothing to
// confirm).
Result<MatchDecisionRecord> ParseRosterEntryKey(const std::string& entry_key);

struct MatchChoice {
  std::string entry_key;   // the row's entry key in the "matches" list (r:…)
  BhxhNumber bhxh;         // the candidate
  bool reject = false;     // "not this person": the candidate is no longer offered
  std::string decided_by;  // recorded with the decision
  // When set (the server: a unit code → within the user's units), a candidate living outside
  // is not offered: the answer is NotOffered, as for a number that is no candidate at all.
  std::function<bool(const std::string&)> scope;
};

// The answer when `choice.bhxh` is no candidate of the row (or the row is not the user's).
Status NotOffered(const MatchChoice& choice);

// Records the decision when `choice.bhxh` is a candidate the matcher offers for the row
// (NotFound otherwise). `may_decide`, when given, is asked with the row before anything is
// written (the server's unit scope); its failure is returned as is. Returns the row decided.
Result<RosterRow> DecideMatch(Store* store, OutreachStore* outreach, const MatchChoice& choice,
                              const std::function<Status(const RosterRow&)>& may_decide = {});

}  // namespace baophu::outreach
