// The money tables of schema version 3: upserts by natural key (inserted, unchanged, updated),
// lists in key order, and references that must exist.
#include <unistd.h>

#include "store/sqlite/migrations.h"
#include "store/sqlite/test_fixture.h"

namespace baophu::testing {
namespace {

using Code = Status::Code;

TEST_F(StoreTest, EmployersDeclarationsPaymentsRoundTrip) {
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

// A store written by a program that knew only version 1 gets the money tables on the next open,
// and keeps its data.
TEST_F(StoreTest, AVersionOneStoreIsUpgradedToThree) {
  AddUnits();
  store_.reset();
  {
    auto db = sqlite::Db::Open(path_);
    ASSERT_TRUE(db.ok());
    for (const char* t :
         {"sponsor_allocation", "household_hardship", "sponsor_fund", "sponsor", "school_pupil", "school_pupil_count",
          "school", "employer_roster", "employer_reminder", "employer_payment", "employer_declaration", "employer"}) {
      ASSERT_TRUE((*db)->Exec(("DROP TABLE " + std::string(t)).c_str()).ok()) << t;
    }
    ASSERT_TRUE((*db)->Exec("DELETE FROM schema_migrations WHERE version = 3").ok());
  }
  Reopen();
  EXPECT_EQ(store_->SchemaVersion(), sqlite::LatestSchemaVersion());
  EXPECT_EQ(RawInt("SELECT COUNT(*) FROM schema_migrations WHERE version = 3"), 1);
  EXPECT_EQ(store_->Counts()->units, 6);
  EXPECT_EQ(*store_->UpsertEmployer({"0100000001", "Công ty A", {}, "", 0}), UpsertOutcome::kInserted);
}

// Version numbers are handed out to branches ahead of time: a file that got version 3 first
// still gets version 2 when a program that knows it opens the file.
TEST(MigrationsTest, AVersionBelowTheLatestIsStillApplied) {
  std::string path = ::testing::TempDir() + "baophu_migrations_" + std::to_string(getpid()) + ".db";
  RemoveDbFiles(path);
  {
    auto db = sqlite::Db::Open(path);
    ASSERT_TRUE(db.ok());
    const std::vector<sqlite::Migration> first = {{1, "CREATE TABLE a (x INTEGER)"}, {3, "CREATE TABLE c (x INTEGER)"}};
    ASSERT_TRUE(sqlite::MigrateWith(db->get(), first).ok());
    const std::vector<sqlite::Migration> all = {
        {1, "CREATE TABLE a (x INTEGER)"}, {2, "CREATE TABLE b (x INTEGER)"}, {3, "CREATE TABLE c (x INTEGER)"}};
    ASSERT_TRUE(sqlite::MigrateWith(db->get(), all).ok());
    EXPECT_EQ(*(*db)->QueryInt("SELECT COUNT(*) FROM schema_migrations"), 3);
    EXPECT_TRUE((*db)->Exec("INSERT INTO b VALUES (1)").ok());
    ASSERT_TRUE(sqlite::MigrateWith(db->get(), all).ok());  // nothing left to do
    // A program that does not know version 2 refuses the file.
    Status st = sqlite::MigrateWith(db->get(), first);
    EXPECT_EQ(st.code(), Status::Code::kUnsupported);
  }
  RemoveDbFiles(path);
}

TEST_F(StoreTest, MoneyReferencesMustExist) {
  auto r = store_->UpsertDeclaration({"0999999999", 2025, 1, 1, Money{1}, {}, {}});
  EXPECT_EQ(r.status().code(), Code::kNotFound);
  auto s = store_->UpsertSchoolPupilCount({"T404", D(2024, 9, 1), 12, 0, 10});
  EXPECT_EQ(s.status().code(), Code::kNotFound);
  // An unknown unit code.
  EXPECT_EQ(store_->UpsertSponsor({"NT1", "Ông A", "cá nhân", UnitCode::Unchecked("99999")}).status().code(),
            Code::kNotFound);
}

TEST_F(StoreTest, SchoolsAndSponsorsRoundTrip) {
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

}  // namespace
}  // namespace baophu::testing
