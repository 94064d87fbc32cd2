// PgOutreachStore: OutreachStore over PostgreSQL, in the database of PgStore (its own
// connection; the tables of migrations 5 and 7, the same as SQLiteOutreachStore's). A write
// outside Begin/Commit is its own transaction, also when it takes several statements.
// Thread-safety: as OutreachStore — one thread at a time; open one per thread.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "store/outreach_store.h"
#include "store/postgres/pg_conn.h"

namespace baophu {

class PgOutreachStore final : public OutreachStore {
 public:
  // Connects to `uri` and migrates the database (as PgStore::Open).
  static Result<std::unique_ptr<PgOutreachStore>> Open(const std::string& uri);

  Status Begin() override;
  Status Commit() override;
  Status Rollback() override;
  Result<UpsertOutcome> UpsertRosterRow(const RosterRow& r) override;
  Status ListRosterRows(int kind, std::vector<RosterRow>* out) override;
  Result<MatchStamp> GetMatchStamp() override;
  Status SetMatchStamp(const MatchStamp& m) override;
  Status PutRosterMatch(RosterKind kind, const std::string& group_code, const std::string& row_key,
                        const RosterMatchRecord& m) override;
  Status ListRosterRowMatches(int kind, const std::vector<std::string>* units, bool uncertain_only,
                              std::vector<RosterRowMatch>* out) override;
  Status ListUnmatchedRosterRows(std::vector<RosterRow>* out) override;
  Result<RosterRowMatch> FindRosterRowMatch(RosterKind kind, const std::string& group_code,
                                            const std::string& row_key) override;
  Status ListMatchUnits(int kind, std::vector<std::string>* out) override;
  Result<UpsertOutcome> UpsertMatchDecision(const MatchDecisionRecord& d) override;
  Status ListMatchDecisions(std::vector<MatchDecisionRecord>* out) override;
  Result<UpsertOutcome> UpsertResponsible(const Responsible& r) override;
  Status ListResponsibles(std::vector<Responsible>* out) override;
  Result<UpsertOutcome> UpsertAssignment(const Assignment& a) override;
  Status ListAssignments(std::vector<Assignment>* out) override;
  Status PersonsByNameFold(const std::string& fold, std::vector<Person>* out) override;
  Result<int64_t> AppendOutcome(const OutcomeRecord& o) override;
  Status ListOutcomes(std::vector<OutcomeRecord>* out) override;

 private:
  explicit PgOutreachStore(std::unique_ptr<pg::Conn> conn) : conn_(std::move(conn)) {}
  // Runs `body` in a transaction of its own unless Begin() opened one (then a failure leaves
  // that transaction to the caller's Rollback).
  Status InTransaction(const std::function<Status()>& body);

  std::unique_ptr<pg::Conn> conn_;
};

}  // namespace baophu
