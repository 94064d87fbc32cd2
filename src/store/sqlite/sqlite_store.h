// SQLiteStore: the embedded Store, one SQLite file in WAL mode with foreign keys on, the schema
// of store/sqlite/migrations.cc, and prepared statements cached per connection. Upserts read the
// stored row first and write only when something differs, so kUnchanged means no write at all.
// Thread-safety: as Store — one thread at a time; open one SQLiteStore per thread (WAL lets
// readers run beside one writer; writers wait up to busy_timeout_ms for each other).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace baophu {

struct SqliteStoreOptions {
  // How long a write waits for another connection's lock before failing with IOError.
  int busy_timeout_ms = 10000;
  // Page cache per connection, in KiB (SQLite's default is 2 MiB; imports touch more).
  int cache_kib = 64 * 1024;
  // Test hook (fault injection, "fail the Nth write"): when >= 0, that many write statements
  // succeed and every later one returns IOError without touching the file, until
  // SetFailAfterWrites(-1). 0 fails the very next write. -1 (the default) never fails.
  int fail_after_writes = -1;
};

class SQLiteStore final : public Store {
 public:
  // Opens or creates the file at `path` and migrates it to the latest schema. The folder must
  // exist.
  static Result<std::unique_ptr<SQLiteStore>> Open(const std::string& path, SqliteStoreOptions options = {});

  // Test hook, see SqliteStoreOptions::fail_after_writes; restarts the count of writes.
  void SetFailAfterWrites(int n) {
    fail_after_writes_ = n;
    writes_ = 0;
  }
  // SQLite's journal mode ("wal"), for tests and diagnostics.
  Result<std::string> JournalMode();

  // The money tables' row description and cell value (used by sqlite_store_money.cc only).
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

  Status ScanIndexInputs(const std::function<Status(const PersonIndexRow&)>& on_person,
                         const std::function<Status(const CardIndexRow&)>& on_card,
                                 int64_t* generation = nullptr) override;
  Result<int64_t> Generation() override;
  Result<int64_t> PersonGeneration() override;
  Status BeginRead() override;
  Status EndRead() override;
  Result<int64_t> InstanceId() override;
  Result<StoreState> State(bool fingerprint) override;
  CommitStamp LastCommit() const override { return last_commit_; }

 private:
  SQLiteStore(std::unique_ptr<sqlite::Db> db, const SqliteStoreOptions& options)
      : db_(std::move(db)), fail_after_writes_(options.fail_after_writes) {}

  // Executes a prepared INSERT/UPDATE/DELETE (bound by the caller) and resets it; every write
  // of the store goes through here, which is where injected faults strike.
  // On failure the message is `doing` followed by the quoted `key`; the BHXH overload formats
  // the number only then (this is the hot path of every import).
  Status Write(sqlite::Stmt* s, const char* doing, std::string_view key);
  Status Write(sqlite::Stmt* s, const char* doing, BhxhNumber key);
  Status WriteImpl(sqlite::Stmt* s, const char* doing, std::string_view text_key, BhxhNumber bhxh_key);
  // What the last Write's statement returned (SQLITE_OK when it never ran), to tell a missing
  // reference from a duplicate value.
  bool LastWriteFailedForeignKey() const { return last_write_rc_ == SQLITE_CONSTRAINT_FOREIGNKEY; }
  bool LastWriteFailedUnique() const {
    return last_write_rc_ == SQLITE_CONSTRAINT_UNIQUE || last_write_rc_ == SQLITE_CONSTRAINT_PRIMARYKEY;
  }
  // Whether `code` is in unit_code (to name the missing key after a foreign-key failure).
  Result<bool> CodeExists(const std::string& code);
  // Makes `code` usable as a reference; *inserted says whether it was new.
  Status EnsureCode(const UnitCode& code, bool* inserted);
  // A household row as it was before UpsertHousehold, so that a failed person write can put it
  // back (a person upsert is all-or-nothing even outside a transaction).
  struct HouseholdBefore {
    bool existed = false;
    std::string commune;  // "" = NULL
  };
  // Household `code` in `commune`; *wrote says whether anything was written.
  Status UpsertHousehold(const std::string& code, const UnitCode& commune, HouseholdBefore* before, bool* wrote);
  Status RestoreHousehold(const std::string& code, const HouseholdBefore& before);
  // The Status to return for a failed person write whose statement returned `rc`: names the
  // missing unit code or the person already holding the CCCD.
  Status PersonWriteError(const Person& p, const Status& st, int rc);

  // The generic upsert and scan of the money tables: `row` holds the key columns first;
  // unchanged rows are not written.
  Result<UpsertOutcome> UpsertMoneyRow(const MoneyTableSpec& spec, const std::vector<SqlValue>& row);
  Status ScanMoneyTable(const MoneyTableSpec& spec, const std::function<void(const sqlite::Stmt&)>& fn);

  // The UPDATE for a person whose changed columns are `mask` (bits: kPerson* in the .cc). Only
  // changed columns are SET because SQLite rewrites every index on a SET column, changed or not.
  Result<sqlite::Stmt*> UpdatePersonStmt(unsigned mask);

  std::unique_ptr<sqlite::Db> db_;
  std::unique_ptr<sqlite::Stmt> update_person_[1 << 7];  // by mask; after db_, so finalized first
  int fail_after_writes_ = -1;
  int64_t writes_ = 0;
  int last_write_rc_ = SQLITE_OK;
  // Data changed in the open transaction: Commit raises the generation. The import history
  // (LogImport, which sets logging_) is not data: re-importing a file leaves the generation.
  bool changed_ = false;
  bool persons_changed_ = false;  // of which a person row (UpsertPerson)
  bool reading_ = false;          // in a read transaction of BeginRead
  bool logging_ = false;
  // Raises the generation and draws a new write token (in the open transaction, or in its own
  // when there is none), noting the states before and after in pending_commit_.
  Status BumpGeneration(bool persons);
  // Instance, generation and token as this connection sees them now.
  Result<StoreState> ReadStateRow();
  CommitStamp pending_commit_;  // of the open transaction's bump
  CommitStamp last_commit_;
};

}  // namespace baophu
