// OutreachStore: the outreach records (registry/outreach_model.h, schema version 5) in the
// database of the registry, behind an interface of their own so that each store implementation
// adds them separately. Thread-safety: as Store — one object per thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "registry/outreach_model.h"
#include "store/store.h"

namespace baophu {

class OutreachStore {
 public:
  virtual ~OutreachStore() = default;
  // Opens the database at `uri` (as Store::Open) and migrates it.
  static Result<std::unique_ptr<OutreachStore>> Open(const std::string& uri);

  // All-or-nothing groups of writes (an import). Not nested.
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  virtual Result<UpsertOutcome> UpsertRosterRow(const RosterRow& r) = 0;       // (kind, group, row_key)
  // Rows of one kind (every kind when kind is 0), by kind, group, row key.
  virtual Status ListRosterRows(int kind, std::vector<RosterRow>* out) = 0;

  // The kept match results (schema version 7). A row written by UpsertRosterRow loses its
  // match until PutRosterMatch gives it one; MatchStamp tells whether the matches are current.
  struct MatchStamp {
    int64_t person_generation = -1;  // Store::PersonGeneration() the matches were computed against
    bool pending = true;             // rows were written since, without a match
  };
  virtual Result<MatchStamp> GetMatchStamp() = 0;
  virtual Status SetMatchStamp(const MatchStamp& s) = 0;
  virtual Status PutRosterMatch(RosterKind kind, const std::string& group_code, const std::string& row_key,
                                const RosterMatchRecord& m) = 0;
  // Rows of one kind (every kind when 0) with their matches, by kind, group, row key. `units`
  // (may be null) keeps the rows whose list unit is one of them or empty; `uncertain_only` the
  // rows whose kept match is uncertain (kRosterMatchUncertain) or missing.
  virtual Status ListRosterRowMatches(int kind, const std::vector<std::string>* units, bool uncertain_only,
                                      std::vector<RosterRowMatch>* out) = 0;
  // The rows without a kept match.
  virtual Status ListUnmatchedRosterRows(std::vector<RosterRow>* out) = 0;
  // One row with its match; NotFound when there is no such row.
  virtual Result<RosterRowMatch> FindRosterRowMatch(RosterKind kind, const std::string& group_code,
                                                    const std::string& row_key) = 0;
  // The distinct list units of the kept matches of a kind (a superset: units whose rows moved
  // elsewhere may stay).
  virtual Status ListMatchUnits(int kind, std::vector<std::string>* out) = 0;

  virtual Result<UpsertOutcome> UpsertMatchDecision(const MatchDecisionRecord& d) = 0;  // (kind, group, row_key, bhxh)
  virtual Status ListMatchDecisions(std::vector<MatchDecisionRecord>* out) = 0;

  virtual Result<UpsertOutcome> UpsertResponsible(const Responsible& r) = 0;   // (scope, key)
  virtual Status ListResponsibles(std::vector<Responsible>* out) = 0;

  virtual Result<UpsertOutcome> UpsertAssignment(const Assignment& a) = 0;     // (list, entry_key)
  virtual Status ListAssignments(std::vector<Assignment>* out) = 0;

  // The registry's people whose folded name (FoldForSearch of the full name) is exactly `fold`
  // (an index lookup; Store::SearchPersonsByName is a prefix-or-substring search for people
  // typing, which scans the table when the prefix finds too few). For the matcher.
  virtual Status PersonsByNameFold(const std::string& fold, std::vector<Person>* out) = 0;

  // Appends with the next seq of the entry; returns it.
  virtual Result<int64_t> AppendOutcome(const OutcomeRecord& o) = 0;
  // By list, entry, seq.
  virtual Status ListOutcomes(std::vector<OutcomeRecord>* out) = 0;
};

}  // namespace baophu
