// The Store conformance suite, part 2: the generation counter, the lean index scan
// (Store::ScanIndexInputs), the money tables and injected write failures — on both backends.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <mutex>
#include <thread>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "store/backend_test_fixture.h"

namespace baophu::testing {
namespace {

using Code = Status::Code;

using PersonTuple = std::tuple<int64_t, std::string, std::string, std::string, int32_t, int>;
using CardTuple = std::tuple<int64_t, int32_t, int32_t, std::string, int>;

void Collect(Store* store, std::vector<PersonTuple>* people, std::vector<CardTuple>* cards,
             std::vector<std::thread::id>* threads) {
  std::mutex mu;
  auto s = store->ScanIndexInputs(
      [&](const PersonIndexRow& p) {
        people->emplace_back(p.bhxh, std::string(p.commune), std::string(p.hamlet), std::string(p.household),
                             p.birth.days(), static_cast<int>(p.sex));
        std::lock_guard l(mu);
        threads->push_back(std::this_thread::get_id());
        return Status::Ok();
      },
      [&](const CardIndexRow& c) {
        cards->emplace_back(c.bhxh, c.valid_from.days(), c.valid_to.days(), std::string(c.object_code),
                            c.benefit_level);
        std::lock_guard l(mu);
        threads->push_back(std::this_thread::get_id());
        return Status::Ok();
      });
  ASSERT_TRUE(s.ok()) << s.ToString();
}

TEST_P(StoreConformanceTest, GenerationRisesWithEveryCommittedChangeOnly) {
  EXPECT_EQ(*store_->Generation(), 0);
  AddUnits();  // autocommit writes: each is its own commit
  const int64_t g0 = *store_->Generation();
  EXPECT_GE(g0, 6);  // six units and their codes, outside a transaction

  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->UpsertPerson(MakePerson(100, "Lê Văn A", "22972")).ok());
  ASSERT_TRUE(store_->UpsertCard(MakeCard(100, D(2024, 1, 1), D(2024, 12, 31))).ok());
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(*store_->Generation(), g0 + 1);  // one per transaction, not per row

  ASSERT_TRUE(store_->Begin().ok());  // the same rows again: nothing changes
  ASSERT_TRUE(store_->UpsertPerson(MakePerson(100, "Lê Văn A", "22972")).ok());
  ASSERT_TRUE(store_->LogImport("persons", "a.csv", "00", "{}").ok());  // history is not data
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(*store_->Generation(), g0 + 1);

  ASSERT_TRUE(store_->Begin().ok());  // rolled back: nothing happened
  ASSERT_TRUE(store_->UpsertCard(MakeCard(100, D(2025, 1, 1), D(2025, 12, 31))).ok());
  ASSERT_TRUE(store_->Rollback().ok());
  EXPECT_EQ(*store_->Generation(), g0 + 1);

  Reopen();  // it is in the file
  EXPECT_EQ(*store_->Generation(), g0 + 1);
}

// Issue 12 (items 7 and 8): a commit that changed data reports the state it was written on top
// of and the state it made; the write token is redrawn with every bump; State reads instance,
// generation, token (and the fingerprint, which sees rows added) together.
TEST_P(StoreConformanceTest, CommitStampsAndStateTellStatesApart) {
  AddUnits();
  auto s0 = store_->State(/*fingerprint=*/true);
  ASSERT_TRUE(s0.ok()) << s0.status().ToString();
  EXPECT_EQ(s0->instance, *store_->InstanceId());
  EXPECT_EQ(s0->generation, *store_->Generation());
  EXPECT_NE(s0->write_token, 0);
  EXPECT_NE(s0->fingerprint, 0);
  EXPECT_EQ(store_->State(false)->fingerprint, 0);

  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->UpsertPerson(MakePerson(100, "Lê Văn A", "22972")).ok());
  ASSERT_TRUE(store_->Commit().ok());
  const CommitStamp c1 = store_->LastCommit();
  EXPECT_EQ(c1.before.instance, s0->instance);
  EXPECT_EQ(c1.before.generation, s0->generation);
  EXPECT_EQ(c1.before.write_token, s0->write_token);
  EXPECT_EQ(c1.after.generation, s0->generation + 1);
  EXPECT_NE(c1.after.write_token, s0->write_token);
  auto s1 = store_->State(true);
  EXPECT_EQ(s1->generation, c1.after.generation);
  EXPECT_EQ(s1->write_token, c1.after.write_token);
  EXPECT_NE(s1->fingerprint, s0->fingerprint);  // a person more

  // Another connection's commit starts exactly where this one's ended.
  auto other = Store::Open(uri_);
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  ASSERT_TRUE((*other)->Begin().ok());
  ASSERT_TRUE((*other)->UpsertCard(MakeCard(100, D(2024, 1, 1), D(2024, 12, 31))).ok());
  ASSERT_TRUE((*other)->Commit().ok());
  const CommitStamp c2 = (*other)->LastCommit();
  EXPECT_EQ(c2.before, c1.after);
  EXPECT_EQ(c2.after.generation, c1.after.generation + 1);
  auto s2 = store_->State(true);
  EXPECT_EQ(s2->write_token, c2.after.write_token);
  EXPECT_NE(s2->fingerprint, s1->fingerprint);  // a card more

  // A commit that changed nothing claims nothing.
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->UpsertPerson(MakePerson(100, "Lê Văn A", "22972")).ok());
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(store_->LastCommit().after.generation, -1);
  EXPECT_EQ(*store_->State(true), *s2);
}

TEST_P(StoreConformanceTest, IndexScanGivesWhatTheFullScansGive) {
  AddUnits();
  ASSERT_TRUE(store_->Begin().ok());
  for (int64_t b = 1; b <= 300; ++b) {
    Person p = MakePerson(b * 7919 % 1000003, "Trần Thị B", "22972");
    if (b % 3 == 0) p.hamlet = UnitCode::Unchecked("22972-T1");
    if (b % 5 == 0) p.commune = UnitCode();
    if (b % 4 == 0) p.birth_date = Date();
    if (b % 2 == 0) p.household_code = "HGD-" + std::to_string(b / 10);
    ASSERT_TRUE(store_->UpsertPerson(p).ok());
    for (int k = 0; k < b % 4; ++k) {
      Card c = MakeCard(p.bhxh.value(), D(2020 + k, 1, 1), D(2020 + k, 12, 31));
      if (k == 2) c.valid_to = Date();
      if (k == 1) c.object = ObjectCode();
      ASSERT_TRUE(store_->UpsertCard(c).ok());
    }
  }
  ASSERT_TRUE(store_->Commit().ok());

  std::vector<PersonTuple> want_people;
  std::vector<CardTuple> want_cards;
  ASSERT_TRUE(store_
                  ->ScanPersons([&](const Person& p) {
                    want_people.emplace_back(p.bhxh.value(), p.commune.str(), p.hamlet.str(), p.household_code,
                                             p.birth_date.days(), static_cast<int>(p.sex));
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_TRUE(store_
                  ->ScanCards([&](const Card& c) {
                    want_cards.emplace_back(c.bhxh.value(), c.valid_from.days(), c.valid_to.days(),
                                            c.object.empty() ? std::string() : c.object.str(), c.benefit_level);
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(want_people.size(), 300u);
  ASSERT_GT(want_cards.size(), 400u);

  std::vector<PersonTuple> people;
  std::vector<CardTuple> cards;
  std::vector<std::thread::id> threads;
  Collect(store_.get(), &people, &cards, &threads);
  EXPECT_EQ(people, want_people);
  EXPECT_EQ(cards, want_cards);

  // Inside a transaction the scan uses the one connection (it must see the uncommitted rows).
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->UpsertPerson(MakePerson(2000000, "Mới", "22972")).ok());
  people.clear();
  cards.clear();
  Collect(store_.get(), &people, &cards, &threads);
  EXPECT_EQ(people.size(), 301u);
  EXPECT_EQ(cards, want_cards);
  ASSERT_TRUE(store_->Rollback().ok());
}

TEST_P(StoreConformanceTest, IndexScanStopsOnTheCallbacksError) {
  AddUnits();
  ASSERT_TRUE(store_->UpsertPerson(MakePerson(100, "Lê Văn A", "22972")).ok());
  ASSERT_TRUE(store_->UpsertCard(MakeCard(100, D(2024, 1, 1), D(2024, 12, 31))).ok());
  auto s = store_->ScanIndexInputs([](const PersonIndexRow&) { return Status::Ok(); },
                                   [](const CardIndexRow&) { return Status::Corruption("dừng"); });
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  // The store is usable afterwards: no read transaction left open.
  EXPECT_TRUE(store_->Begin().ok());
  EXPECT_TRUE(store_->Rollback().ok());
}

TEST_P(StoreConformanceTest, EmployersDeclarationsPaymentsRoundTrip) {
  AddUnits();
  Employer e{"0100000001", "Công ty TNHH Biển Xanh", UnitCode::Unchecked("22972"), "doanh nghiệp", 2};
  EXPECT_EQ(*store_->UpsertEmployer(e), UpsertOutcome::kInserted);
  EXPECT_EQ(*store_->UpsertEmployer(e), UpsertOutcome::kUnchanged);
  e.name = "Công ty TNHH Biển Xanh Bạc Liêu";
  EXPECT_EQ(*store_->UpsertEmployer(e), UpsertOutcome::kUpdated);
  EmployerDeclaration d{"0100000001", 2025, 1, 20, Money{100000000}, Money{17500000}, {}};
  EXPECT_EQ(*store_->UpsertDeclaration(d), UpsertOutcome::kInserted);
  EXPECT_EQ(*store_->UpsertDeclaration(d), UpsertOutcome::kUnchanged);
  EmployerPayment p{"0100000001", D(2025, 2, 10), "UNC-1", Money{4500000}};
  EXPECT_EQ(*store_->UpsertEmployerPayment(p), UpsertOutcome::kInserted);
  EXPECT_EQ(*store_->UpsertReminder({"0100000001", D(2025, 4, 1), "12/BHXH"}), UpsertOutcome::kInserted);
  EXPECT_EQ(*store_->UpsertRosterEntry({"0100000001", BhxhNumber::FromInt(1234567890), D(2025, 1, 1)}),
            UpsertOutcome::kInserted);
  Reopen();
  std::vector<Employer> es;
  ASSERT_TRUE(store_->ListEmployers(&es).ok());
  ASSERT_EQ(es.size(), 1u);
  EXPECT_EQ(es[0], e);
  std::vector<EmployerDeclaration> ds;
  ASSERT_TRUE(store_->ListDeclarations(&ds).ok());
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0], d);
  std::vector<EmployerPayment> ps;
  ASSERT_TRUE(store_->ListEmployerPayments(&ps).ok());
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_EQ(ps[0], p);
  std::vector<RosterEntry> rs;
  ASSERT_TRUE(store_->ListRoster(&rs).ok());
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_EQ(rs[0].bhxh.value(), 1234567890);
}

TEST_P(StoreConformanceTest, MoneyReferencesMustExist) {
  auto r = store_->UpsertDeclaration({"0999999999", 2025, 1, 1, Money{1}, {}, {}});
  EXPECT_EQ(r.status().code(), Code::kNotFound);
  auto s = store_->UpsertSchoolPupilCount({"T404", D(2024, 9, 1), 12, 0, 10});
  EXPECT_EQ(s.status().code(), Code::kNotFound);
  // An unknown unit code.
  EXPECT_EQ(store_->UpsertSponsor({"NT1", "Ông A", "cá nhân", UnitCode::Unchecked("99999")}).status().code(),
            Code::kNotFound);
}

TEST_P(StoreConformanceTest, SchoolsAndSponsorsRoundTrip) {
  School sc{"T01", "Trường Tiểu học A", {}, true, true, false};
  EXPECT_EQ(*store_->UpsertSchool(sc), UpsertOutcome::kInserted);
  SchoolPupilCount c{"T01", D(2024, 9, 1), 12, 1100, 1000};
  EXPECT_EQ(*store_->UpsertSchoolPupilCount(c), UpsertOutcome::kInserted);
  Sponsor sp{"NT1", "Ông A", "cá nhân", {}};
  EXPECT_EQ(*store_->UpsertSponsor(sp), UpsertOutcome::kInserted);
  SponsorFund f{"NT1", D(2024, 7, 1), FundKind::kPledge, "", Money{10000000}};
  EXPECT_EQ(*store_->UpsertSponsorFund(f), UpsertOutcome::kInserted);
  f.kind = FundKind::kPayment;  // another key: the same day's payment
  EXPECT_EQ(*store_->UpsertSponsorFund(f), UpsertOutcome::kInserted);
  EXPECT_EQ(*store_->UpsertHardship({"HH1", D(2024, 7, 1), Money{700000}, "mất việc"}), UpsertOutcome::kInserted);
  SponsorAllocation a{"NT1", BhxhNumber::FromInt(42), "HH1",          D(2024, 8, 1),
                      12,    Money{1263600},          D(2024, 8, 31), D(2025, 8, 30)};
  EXPECT_EQ(*store_->UpsertAllocation(a), UpsertOutcome::kInserted);
  EXPECT_EQ(*store_->UpsertAllocation(a), UpsertOutcome::kUnchanged);
  EXPECT_EQ(*store_->UpsertSchoolPupil({"T01", BhxhNumber::FromInt(7)}), UpsertOutcome::kInserted);
  EXPECT_EQ(*store_->UpsertSchoolPupil({"T01", BhxhNumber::FromInt(7)}), UpsertOutcome::kUnchanged);
  std::vector<SchoolPupil> sps;
  ASSERT_TRUE(store_->ListSchoolPupils(&sps).ok());
  ASSERT_EQ(sps.size(), 1u);
  std::vector<School> ss;
  ASSERT_TRUE(store_->ListSchools(&ss).ok());
  EXPECT_EQ(ss.at(0), sc);
  std::vector<SchoolPupilCount> cs;
  ASSERT_TRUE(store_->ListSchoolPupilCounts(&cs).ok());
  EXPECT_EQ(cs.at(0), c);
  std::vector<SponsorFund> fs;
  ASSERT_TRUE(store_->ListSponsorFunds(&fs).ok());
  ASSERT_EQ(fs.size(), 2u);
  EXPECT_EQ(fs[0].kind, FundKind::kPledge);
  std::vector<SponsorAllocation> as;
  ASSERT_TRUE(store_->ListAllocations(&as).ok());
  EXPECT_EQ(as.at(0), a);
  std::vector<HouseholdHardship> hs;
  ASSERT_TRUE(store_->ListHardship(&hs).ok());
  EXPECT_EQ(hs.at(0).income_per_head.dong, 700000);
}

// 100 people with one card each, committed: what a failed or abandoned write must leave.
class StoreFaultTest : public StoreConformanceTest {
 protected:
  // 100 people with one card each, committed: the state every test must get back to.
  void AddBaseline() {
    AddUnits();
    Transaction tx(store_.get());
    ASSERT_TRUE(tx.Begin().ok());
    for (int64_t b = 1; b <= 100; ++b) {
      ASSERT_TRUE(store_->UpsertPerson(MakePerson(b, "Đặng Thị Mai", "22972")).ok());
      Card c;
      c.bhxh = BhxhNumber::FromInt(b);
      c.card_code = "GD4601234567890";
      c.valid_from = D(2025, 1, 1);
      c.valid_to = D(2025, 12, 31);
      ASSERT_TRUE(store_->UpsertCard(c).ok());
    }
    ASSERT_TRUE(tx.Commit().ok());
  }
  void ExpectBaseline() {
    StoreCounts c = *store_->Counts();
    EXPECT_EQ(c.units, 6);
    EXPECT_EQ(c.persons, 100);
    EXPECT_EQ(c.cards, 100);
    EXPECT_EQ(c.households, 0);
    auto p = store_->FindPerson(BhxhNumber::FromInt(5));
    ASSERT_TRUE(p.ok());
    ASSERT_TRUE(p->has_value());
    EXPECT_EQ(**p, MakePerson(5, "Đặng Thị Mai", "22972"));
    std::vector<Card> cards;
    ASSERT_TRUE(store_->CardsOf(BhxhNumber::FromInt(5), &cards).ok());
    ASSERT_EQ(cards.size(), 1u);
    EXPECT_EQ(cards[0].valid_to, D(2025, 12, 31));
  }
};

TEST_P(StoreFaultTest, InjectedWriteFailureRollsBackToBefore) {
  AddBaseline();
  ASSERT_TRUE(store_->Begin().ok());
  SetFailAfterWrites(250);
  Status failure;
  int upserts = 0;
  // Each round writes a household, a changed person (1..100 are updated, then new ones inserted)
  // and a card: 3 statements on SQLite; 2 on PostgreSQL, where the household goes with the person
  // in one statement. The 251st write fails: on SQLite round 84 at its 2nd write (83 × 3 = 249),
  // on PostgreSQL round 126 at its 1st (125 × 2 = 250).
  const int writes_per_round = postgres() ? 2 : 3;
  for (int64_t b = 1; b <= 1000 && failure.ok(); ++b) {
    Person p = MakePerson(b, "Đặng Thị Mai Anh", "22972");
    p.household_code = "H" + std::to_string(b);
    auto r = store_->UpsertPerson(p);
    if (!r.ok()) { failure = r.status(); break; }
    ++upserts;
    Card c;
    c.bhxh = p.bhxh;
    c.card_code = "GD4601234567890";
    c.valid_from = D(2025, 1, 1);
    c.valid_to = D(2026, 12, 31);
    auto rc = store_->UpsertCard(c);
    if (!rc.ok()) failure = rc.status();
  }
  EXPECT_EQ(failure.code(), Status::Code::kIOError);
  EXPECT_EQ(upserts, 250 / writes_per_round);  // 83 or 125
  EXPECT_NE(failure.message().find("lỗi ghi giả lập"), std::string::npos) << failure.message();
  // Until cleared, every write fails; reads still work.
  EXPECT_EQ(store_->UpsertPerson(MakePerson(999, "X", "22972")).status().code(), Status::Code::kIOError);
  // The transaction sees its own writes: people above 100 were inserted (none on SQLite).
  EXPECT_EQ(store_->Counts()->persons, std::max(100, upserts));
  ASSERT_TRUE(store_->Rollback().ok());
  SetFailAfterWrites(-1);
  ExpectBaseline();
  Reopen();
  ExpectBaseline();
}

TEST_P(StoreFaultTest, InjectedFailureInsideTheTransactionGuard) {
  AddBaseline();
  SetFailAfterWrites(10);
  auto import = [&]() -> Status {
    Transaction tx(store_.get());
    BAOPHU_RETURN_IF_ERROR(tx.Begin());
    for (int64_t b = 101; b <= 200; ++b) {
      auto r = store_->UpsertPerson(MakePerson(b, "Hồ Văn Nam", "22972"));
      if (!r.ok()) return r.status();
    }
    return tx.Commit();
  };
  EXPECT_EQ(import().code(), Status::Code::kIOError);
  SetFailAfterWrites(-1);
  ExpectBaseline();
}

TEST_P(StoreFaultTest, UnchangedUpsertsDoNotWrite) {
  AddBaseline();
  // From the options: the very first write fails, but re-upserting what is there writes nothing.
  Reopen(/*fail_after_writes=*/0);
  EXPECT_EQ(*store_->UpsertPerson(MakePerson(5, "Đặng Thị Mai", "22972")), UpsertOutcome::kUnchanged);
  EXPECT_EQ(store_->UpsertPerson(MakePerson(5, "Đặng Thị Mai 2", "22972")).status().code(),
            Status::Code::kIOError);
  ExpectBaseline();
}

// A process that dies inside a transaction, before Commit: the store holds what it held before.
TEST_P(StoreFaultTest, CrashBeforeCommitLeavesStoreAsBefore) {
  AddBaseline();
  store_.reset();  // connections must not cross fork(): the child opens its own
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    auto s = Store::Open(uri_);
    if (!s.ok() || !(*s)->Begin().ok()) _exit(2);
    for (int64_t b = 1; b <= 2000; ++b) {
      if (!(*s)->UpsertPerson(MakePerson(b, "Ngô Văn Tư", "22972")).ok()) _exit(3);  // 1..100 updated
    }
    _exit(0);  // no Commit, no destructors
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0);
  Reopen();
  ExpectBaseline();
  ASSERT_TRUE(store_->Begin().ok());  // and the store takes writes again
  EXPECT_EQ(*store_->UpsertPerson(MakePerson(101, "Ngô Văn Tư", "22972")), UpsertOutcome::kInserted);
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(store_->Counts()->persons, 101);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreFaultTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         BackendName);

}  // namespace
}  // namespace baophu::testing
