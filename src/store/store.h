// Store: the system of record behind one interface. The embedded default is SQLite in WAL
// mode (store/sqlite/); the server store is PostgreSQL (store/postgres/, postgres:// URIs) on
// the same schema, so SQL stays portable (INTEGER day numbers for dates, INSERT ... ON
// CONFLICT, no SQLite-only types).
// Thread-safety: one Store object is used by one thread at a time (external synchronisation);
// open one per thread for concurrency.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "registry/model.h"
#include "registry/money_model.h"

namespace baophu {

// What an upsert did; counted by imports (inserted / updated / unchanged).
enum class UpsertOutcome { kInserted, kUpdated, kUnchanged };

// Which state of which store something (a coverage index, a snapshot file) was made from.
// Equal states mean equal contents (within what `fingerprint` can see; see Store::State).
struct StoreState {
  int64_t instance = -1;    // Store::InstanceId
  int64_t generation = -1;  // Store::Generation; -1 = unknown
  // Drawn at random in the same transaction as every generation bump, and again by a restore
  // (baophu restore): a store restored from a backup and then written to reaches a generation
  // an old snapshot may carry, but never its token. 0 = unknown.
  int64_t write_token = 0;
  // A cheap structural check of the people and cards (their counts and largest BHXH numbers),
  // for writers that bypass baophu (and so neither bump the generation nor draw a token): it
  // sees rows added or deleted, not a row updated in place. 0 = not computed.
  // Not triggers: a row trigger counting every change would see updates too, and costs little
  // on SQLite (measured: 1M card inserts in one transaction 0,80 s → 1,35 s, about 3 % of an
  // import of 1M cards), but on PostgreSQL it would hold the store_state row lock from a
  // transaction's first row to its commit, serialising concurrent writers for their whole
  // length instead of at the commit's bump.
  int64_t fingerprint = 0;
  bool operator==(const StoreState&) const = default;
};

// What a committed write transaction did to the store's state: the state it was written on
// top of (`before`: generation and token read under the write lock, so no other commit came
// between) and the state it made (`after`). Both generation -1 when the commit changed nothing.
struct CommitStamp {
  StoreState before, after;
};

struct StoreCounts {
  int64_t units = 0, successors = 0, population = 0, targets = 0, persons = 0, households = 0, cards = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Opens (creating when missing) and migrates to the latest schema. `uri` is a file path for
  // SQLite (optionally sqlite://PATH), or a postgres:// / postgresql:// URL (docs/postgres.md).
  static Result<std::unique_ptr<Store>> Open(const std::string& uri);

  virtual int SchemaVersion() = 0;

  // A transaction: everything between Begin and Commit is all-or-nothing. Not nested.
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
  // Many reads from one state, in one read transaction instead of one per statement (a list's
  // names, one point look-up each). Does nothing inside a write transaction, or by default.
  virtual Status BeginRead() { return Status::Ok(); }
  virtual Status EndRead() { return Status::Ok(); }

  // Upserts by natural key; each returns what it did.
  virtual Result<UpsertOutcome> UpsertUnit(const Unit& u) = 0;                  // (code, valid_from)
  virtual Result<UpsertOutcome> UpsertSuccessor(const UnitSuccessor& s) = 0;    // (from, from_valid_from, to)
  virtual Result<UpsertOutcome> UpsertPopulation(const Population& p) = 0;      // (unit, date, group)
  virtual Result<UpsertOutcome> UpsertTarget(const Target& t) = 0;              // (unit, year, group)
  virtual Result<UpsertOutcome> UpsertPerson(const Person& p) = 0;              // bhxh; also its household
  virtual Result<UpsertOutcome> UpsertCard(const Card& c) = 0;                  // (bhxh, valid_from)

  // Reads.
  virtual Status ListUnits(std::vector<Unit>* out) = 0;
  virtual Status ListSuccessors(std::vector<UnitSuccessor>* out) = 0;
  virtual Status ListPopulation(std::vector<Population>* out) = 0;
  virtual Status ListTargets(std::vector<Target>* out) = 0;
  // Streams every person / card in key order; stops early and returns the callback's non-OK status.
  virtual Status ScanPersons(const std::function<Status(const Person&)>& fn) = 0;
  virtual Status ScanCards(const std::function<Status(const Card&)>& fn) = 0;
  virtual Result<std::optional<Person>> FindPerson(BhxhNumber bhxh) = 0;
  // The BHXH number already holding this CCCD, if any.
  virtual Result<std::optional<BhxhNumber>> FindByCitizenId(const CitizenId& id) = 0;
  virtual Status CardsOf(BhxhNumber bhxh, std::vector<Card>* out) = 0;
  // People whose folded name (FoldForSearch) starts with `fold`, else contains it; at most
  // `limit`, in name order. A store without the index says Unsupported.
  virtual Status SearchPersonsByName(const std::string& fold, int limit, std::vector<Person>* out) {
    return Status::Unsupported("tìm theo tên không được hỗ trợ ở kho dữ liệu này");
  }
  virtual Result<StoreCounts> Counts() = 0;

  // Streams every person to on_person and every card to on_card, both from one consistent state
  // of the store. The two callbacks may run at the same time on two threads (each one always
  // on the same thread), so they must not share unsynchronised state. The default calls
  // ScanPersons, then ScanCards; SQLite reads the two tables in parallel on two connections.
  // `generation`, when given, receives the Generation() of the state read.
  virtual Status ScanIndexInputs(const std::function<Status(const PersonIndexRow&)>& on_person,
                                 const std::function<Status(const CardIndexRow&)>& on_card,
                                 int64_t* generation = nullptr);

  // A number that grows with every committed change of the data (any table): equal numbers
  // mean equal contents, so a saved engine snapshot tagged with it is still current.
  virtual Result<int64_t> Generation() = 0;
  // A number that grows with every committed change of the people (not their cards): what the
  // outreach lists' matches depend on. By default the data generation (any change counts).
  virtual Result<int64_t> PersonGeneration() { return Generation(); }
  // A number drawn when the store was created: two stores with equal generations are still
  // told apart.
  virtual Result<int64_t> InstanceId() = 0;
  // Instance, generation and write token read together (one read transaction); with
  // `fingerprint` also the structural fingerprint (counts: O(rows); 20 ms for the Bạc Liêu
  // fixture's 907.236 people and 1.886.736 cards on SQLite with a warm cache, so taken at load
  // time and for the snapshot file, never per request or per poll). The default: no token, no
  // fingerprint.
  virtual Result<StoreState> State(bool fingerprint);
  // The last Commit() of this object (CommitStamp); generation -1 when it changed nothing.
  virtual CommitStamp LastCommit() const { return {}; }
  // Money records (schema version 3). Upserts by natural key, as above; lists in key order.
  // A store without the money tables answers Unsupported (the defaults in store.cc).
  virtual Result<UpsertOutcome> UpsertEmployer(const Employer& e);                        // tax_code
  virtual Result<UpsertOutcome> UpsertDeclaration(const EmployerDeclaration& d);          // (tax_code, year, month)
  virtual Result<UpsertOutcome> UpsertEmployerPayment(const EmployerPayment& p);          // (tax_code, date, reference)
  virtual Result<UpsertOutcome> UpsertReminder(const EmployerReminder& r);                // (tax_code, date)
  virtual Result<UpsertOutcome> UpsertRosterEntry(const RosterEntry& r);                  // (tax_code, bhxh)
  virtual Result<UpsertOutcome> UpsertSchool(const School& s);                            // code
  virtual Result<UpsertOutcome> UpsertSchoolPupilCount(const SchoolPupilCount& c);        // (school, period_from)
  virtual Result<UpsertOutcome> UpsertSchoolPupil(const SchoolPupil& p);                  // (school, bhxh)
  virtual Result<UpsertOutcome> UpsertSponsor(const Sponsor& s);                          // code
  virtual Result<UpsertOutcome> UpsertSponsorFund(const SponsorFund& f);                  // (sponsor, date, kind, ref)
  virtual Result<UpsertOutcome> UpsertHardship(const HouseholdHardship& h);               // (household, as_of)
  virtual Result<UpsertOutcome> UpsertAllocation(const SponsorAllocation& a);             // (sponsor, bhxh, paid_on)
  virtual Status ListEmployers(std::vector<Employer>* out);
  virtual Status ListDeclarations(std::vector<EmployerDeclaration>* out);
  virtual Status ListEmployerPayments(std::vector<EmployerPayment>* out);
  virtual Status ListReminders(std::vector<EmployerReminder>* out);
  virtual Status ListRoster(std::vector<RosterEntry>* out);
  virtual Status ListSchools(std::vector<School>* out);
  virtual Status ListSchoolPupilCounts(std::vector<SchoolPupilCount>* out);
  virtual Status ListSchoolPupils(std::vector<SchoolPupil>* out);
  virtual Status ListSponsors(std::vector<Sponsor>* out);
  virtual Status ListSponsorFunds(std::vector<SponsorFund>* out);
  virtual Status ListHardship(std::vector<HouseholdHardship>* out);
  virtual Status ListAllocations(std::vector<SponsorAllocation>* out);

  // Records a finished import (kind, file name, content hash, counts as JSON) for the history.
  virtual Status LogImport(const std::string& kind, const std::string& file, const std::string& sha256,
                           const std::string& counts_json) = 0;
};

// For the backends: a fresh random write token (positive, never 0), and the fingerprint of
// the person count, the largest person BHXH number, the card count and the largest card holder's
// BHXH number (never 0).
int64_t NewWriteToken();
int64_t StructuralFingerprint(int64_t persons, int64_t max_person, int64_t cards, int64_t max_card);

// Begin/Rollback in a scope unless Commit() was called: the all-or-nothing guard of imports.
class Transaction {
 public:
  explicit Transaction(Store* s) : store_(s) {}
  ~Transaction() {
    if (active_) store_->Rollback();
  }
  Status Begin() {
    Status st = store_->Begin();
    active_ = st.ok();
    return st;
  }
  Status Commit() {
    active_ = false;
    return store_->Commit();
  }

 private:
  Store* store_;
  bool active_ = false;
};

}  // namespace baophu
