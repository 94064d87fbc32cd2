// PgStore: the server Store over PostgreSQL (libpq), one connection per object, the schema of
// store/postgres/pg_migrations.cc (the SQLite store's, same version numbers). Behaves as
// SQLiteStore: upserts read the stored row first and write only what differs (kUnchanged means
// no write), Commit raises the generation when data changed, a write outside Begin/Commit is
// its own transaction. Inside Begin/Commit a failed write aborts the whole transaction (as
// PostgreSQL does): Commit then refuses and nothing is written.
// Thread-safety: as Store — one thread at a time; open one PgStore per thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/postgres/pg_conn.h"
#include "store/store.h"

namespace baophu {

struct PgStoreOptions {
  // Rows fetched per round trip by ScanPersons / ScanCards (a server-side cursor).
  int fetch_rows = 5000;
  // Test hook (fault injection, "fail the Nth write"), as SqliteStoreOptions::fail_after_writes:
  // when >= 0, that many writes succeed and every later one fails with IOError. -1: never.
  int fail_after_writes = -1;
};

class PgStore final : public Store {
 public:
  // Connects to `uri` (postgres://user:password@host:port/db?..., or any libpq form) and
  // migrates the database to the latest schema under an advisory lock.
  static Result<std::unique_ptr<PgStore>> Open(const std::string& uri, PgStoreOptions options = {});

  // Test hook, see PgStoreOptions::fail_after_writes; restarts the count of writes.
  void SetFailAfterWrites(int n) {
    fail_after_writes_ = n;
    writes_ = 0;
  }

  // A money table's columns and statements, and one cell (used by pg_store_money.cc only).
  struct MoneyTableSpec;
  struct SqlValue {
    bool text = false;
    bool null = false;
    int64_t i = 0;
    std::string s;
  };

  int SchemaVersion() override;
  Status Begin() override;
  Status Commit() override;
  Status Rollback() override;

  Result<UpsertOutcome> UpsertUnit(const Unit& u) override;
  Result<UpsertOutcome> UpsertSuccessor(const UnitSuccessor& s) override;
  Result<UpsertOutcome> UpsertPopulation(const Population& p) override;
  Result<UpsertOutcome> UpsertTarget(const Target& t) override;
  Result<UpsertOutcome> UpsertPerson(const Person& p) override;
  Result<UpsertOutcome> UpsertCard(const Card& c) override;

  Status ListUnits(std::vector<Unit>* out) override;
  Status ListSuccessors(std::vector<UnitSuccessor>* out) override;
  Status ListPopulation(std::vector<Population>* out) override;
  Status ListTargets(std::vector<Target>* out) override;
  Status ScanPersons(const std::function<Status(const Person&)>& fn) override;
  Status ScanCards(const std::function<Status(const Card&)>& fn) override;
  Result<std::optional<Person>> FindPerson(BhxhNumber bhxh) override;
  Result<std::optional<BhxhNumber>> FindByCitizenId(const CitizenId& id) override;
  Status CardsOf(BhxhNumber bhxh, std::vector<Card>* out) override;
  Status SearchPersonsByName(const std::string& fold, int limit, std::vector<Person>* out) override;
  Result<StoreCounts> Counts() override;

  Result<UpsertOutcome> UpsertEmployer(const Employer& e) override;
  Result<UpsertOutcome> UpsertDeclaration(const EmployerDeclaration& d) override;
  Result<UpsertOutcome> UpsertEmployerPayment(const EmployerPayment& p) override;
  Result<UpsertOutcome> UpsertReminder(const EmployerReminder& r) override;
  Result<UpsertOutcome> UpsertRosterEntry(const RosterEntry& r) override;
  Result<UpsertOutcome> UpsertSchool(const School& s) override;
  Result<UpsertOutcome> UpsertSchoolPupilCount(const SchoolPupilCount& c) override;
  Result<UpsertOutcome> UpsertSchoolPupil(const SchoolPupil& p) override;
  Result<UpsertOutcome> UpsertSponsor(const Sponsor& s) override;
  Result<UpsertOutcome> UpsertSponsorFund(const SponsorFund& f) override;
  Result<UpsertOutcome> UpsertHardship(const HouseholdHardship& h) override;
  Result<UpsertOutcome> UpsertAllocation(const SponsorAllocation& a) override;
  Status ListEmployers(std::vector<Employer>* out) override;
  Status ListDeclarations(std::vector<EmployerDeclaration>* out) override;
  Status ListEmployerPayments(std::vector<EmployerPayment>* out) override;
  Status ListReminders(std::vector<EmployerReminder>* out) override;
  Status ListRoster(std::vector<RosterEntry>* out) override;
  Status ListSchools(std::vector<School>* out) override;
  Status ListSchoolPupilCounts(std::vector<SchoolPupilCount>* out) override;
  Status ListSchoolPupils(std::vector<SchoolPupil>* out) override;
  Status ListSponsors(std::vector<Sponsor>* out) override;
  Status ListSponsorFunds(std::vector<SponsorFund>* out) override;
  Status ListHardship(std::vector<HouseholdHardship>* out) override;
  Status ListAllocations(std::vector<SponsorAllocation>* out) override;

  Status LogImport(const std::string& kind, const std::string& file, const std::string& sha256,
                   const std::string& counts_json) override;

  // People on this connection and cards on a second one, in parallel, each streamed by
  // COPY ... TO STDOUT from one exported snapshot (pg_export_snapshot), so both read the same
  // state. Inside a transaction: this connection only (it must see the uncommitted rows).
  Status ScanIndexInputs(const std::function<Status(const PersonIndexRow&)>& on_person,
                         const std::function<Status(const CardIndexRow&)>& on_card,
                         int64_t* generation = nullptr) override;
  Result<int64_t> Generation() override;
  // Raised by the commits that changed a person (UpsertPerson), as SQLiteStore's.
  Result<int64_t> PersonGeneration() override;
  Result<int64_t> InstanceId() override;
  Result<StoreState> State(bool fingerprint) override;
  CommitStamp LastCommit() const override { return last_commit_; }
  // A read-only transaction (REPEATABLE READ: one snapshot, one BEGIN for many point lookups);
  // nothing when a transaction is open already. A write before EndRead fails (read-only).
  Status BeginRead() override;
  Status EndRead() override;

 private:
  PgStore(std::unique_ptr<pg::Conn> conn, const PgStoreOptions& options)
      : conn_(std::move(conn)), options_(options), fail_after_writes_(options.fail_after_writes) {}

  // Runs `body` (one public write) in its own transaction unless Begin() opened one: committed
  // (raising the generation when it changed data) when it succeeds, rolled back when not.
  Result<UpsertOutcome> InWriteTransaction(const std::function<Result<UpsertOutcome>()>& body);
  // Refuses work in a transaction a failed statement has aborted.
  Status CheckTransactionUsable();

  // How a write statement tells whether it changed anything.
  enum class Changes {
    kAffectedRows,  // an INSERT/UPDATE/DELETE: the rows it touched
    kCountsInRow,   // a WITH ... SELECT of counts: any non-zero count in its one row
  };
  // Executes one write statement; every write goes through here (where injected faults
  // strike). Notes a change of data unless the import history is being written. On failure
  // the message is `doing` followed by `key`.
  Result<pg::PgResult> Write(const std::string& sql, const pg::Params& params, const char* doing,
                             const std::string& key, Changes changes = Changes::kAffectedRows);
  // Raises the generation, and the person generation too when `persons`, and draws a new write
  // token, noting the states before and after in pending_commit_ (in the open transaction).
  Status BumpGeneration(bool persons);
  Result<StoreState> ReadStateRow(bool for_update);
  CommitStamp pending_commit_;  // of the open transaction's bump
  CommitStamp last_commit_;

  // Makes `code` usable as a reference.
  Status EnsureCode(const UnitCode& code);
  Result<UpsertOutcome> UpsertPersonImpl(const Person& p);
  Result<UpsertOutcome> UpsertMoneyRow(const MoneyTableSpec& spec, const std::vector<SqlValue>& row);
  Status ScanMoneyTable(const MoneyTableSpec& spec, const std::function<void(const pg::PgResult&, int)>& fn);
  // Streams the rows of `select` through a server-side cursor, `options_.fetch_rows` at a time,
  // in a read transaction of its own unless one is open.
  Status ScanCursor(const std::string& select, const char* doing,
                    const std::function<Status(const pg::PgResult&, int)>& fn);

  std::unique_ptr<pg::Conn> conn_;
  PgStoreOptions options_;
  int fail_after_writes_ = -1;
  int64_t writes_ = 0;
  int cursors_ = 0;  // names nested cursors
  // Begin() opened the transaction (rather than InWriteTransaction).
  bool user_transaction_ = false;
  // Data changed in the open transaction: Commit raises the generation. The import history
  // (LogImport, which sets logging_) is not data.
  bool changed_ = false;
  bool persons_changed_ = false;  // of which a person row (UpsertPerson)
  bool logging_ = false;
  bool reading_ = false;  // in the read transaction of BeginRead
};

}  // namespace baophu
