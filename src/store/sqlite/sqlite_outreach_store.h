// SQLiteOutreachStore: OutreachStore on the SQLite file of the registry (its own connection;
// the tables of migrations 5 and 7). Thread-safety: one thread at a time, as SQLiteStore.
#pragma once

#include <memory>
#include <string>

#include "store/outreach_store.h"
#include "store/sqlite/sqlite_db.h"

namespace baophu {

class SQLiteOutreachStore final : public OutreachStore {
 public:
  static Result<std::unique_ptr<SQLiteOutreachStore>> Open(const std::string& path);

  Status Begin() override { return db_->Exec("BEGIN IMMEDIATE"); }
  Status Commit() override { return db_->Exec("COMMIT"); }
  Status Rollback() override { return db_->Exec("ROLLBACK"); }
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
  explicit SQLiteOutreachStore(std::unique_ptr<sqlite::Db> db) : db_(std::move(db)) {}
  std::unique_ptr<sqlite::Db> db_;
};

}  // namespace baophu
