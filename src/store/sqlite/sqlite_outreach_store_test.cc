// SQLiteOutreachStore: upserts by natural key say what they did, outcomes get their sequence,
// transactions are all-or-nothing, and the migration 5 tables sit beside the registry.
#include "store/sqlite/sqlite_outreach_store.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/sqlite/migrations.h"

namespace baophu {
namespace {

class OutreachStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("outreach_store_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                .string();
    std::filesystem::remove(path_);
    auto s = OutreachStore::Open(path_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }
  void TearDown() override {
    store_.reset();
    for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + ext);
  }
  std::string path_;
  std::unique_ptr<OutreachStore> store_;
};

RosterRow Row() {
  RosterRow r;
  r.kind = RosterKind::kPupils;
  r.group_code = "THBL01";
  r.group_name = "Trường THCS Phường 2";
  r.subgroup = "6A";
  r.row_key = "n:nguyen mai|2012-03-04";
  r.full_name = "Nguyễn Mai";
  r.birth_date = Date::FromYmd(2012, 3, 4);
  r.phone = "0912345678";
  return r;
}

TEST_F(OutreachStoreTest, RosterRowsUpsertByNaturalKey) {
  RosterRow r = Row();
  EXPECT_EQ(*store_->UpsertRosterRow(r), UpsertOutcome::kInserted);
  EXPECT_EQ(*store_->UpsertRosterRow(r), UpsertOutcome::kUnchanged);
  r.subgroup = "6B";
  EXPECT_EQ(*store_->UpsertRosterRow(r), UpsertOutcome::kUpdated);
  std::vector<RosterRow> rows;
  ASSERT_TRUE(store_->ListRosterRows(0, &rows).ok());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], r);
  ASSERT_TRUE(store_->ListRosterRows(static_cast<int>(RosterKind::kMembers), &rows).ok());
  EXPECT_TRUE(rows.empty());
}

TEST_F(OutreachStoreTest, RollbackWritesNothing) {
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->UpsertRosterRow(Row()).ok());
  ASSERT_TRUE(store_->Rollback().ok());
  std::vector<RosterRow> rows;
  ASSERT_TRUE(store_->ListRosterRows(0, &rows).ok());
  EXPECT_TRUE(rows.empty());
}

TEST_F(OutreachStoreTest, AssignmentsOutcomesDecisions) {
  Assignment a{"pupils", "r:1|THBL01|b:9500000103", "Cô Hạnh", UnitCode::Unchecked("31813"),
               Date::FromYmd(2021, 11, 10), "class"};
  EXPECT_EQ(*store_->UpsertAssignment(a), UpsertOutcome::kInserted);
  EXPECT_EQ(*store_->UpsertAssignment(a), UpsertOutcome::kUnchanged);
  a.assignee = "Thầy Phúc";
  EXPECT_EQ(*store_->UpsertAssignment(a), UpsertOutcome::kUpdated);
  OutcomeRecord o{"pupils", a.entry_key, 0, Date::FromYmd(2021, 11, 12), OutcomeKind::kContacted, "Gọi", "hanh"};
  EXPECT_EQ(*store_->AppendOutcome(o), 1);
  o.outcome = OutcomeKind::kPromised;
  EXPECT_EQ(*store_->AppendOutcome(o), 2);  // 1, 2 … per entry
  std::vector<OutcomeRecord> out;
  ASSERT_TRUE(store_->ListOutcomes(&out).ok());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].outcome, OutcomeKind::kPromised);
  EXPECT_EQ(out[1].note, "Gọi");
  MatchDecisionRecord d{RosterKind::kPupils, "THBL01", "n:nguyen mai|2012-03-04", BhxhNumber::FromInt(9500000111),
                        MatchDecision::kConfirmed, "hanh"};
  EXPECT_EQ(*store_->UpsertMatchDecision(d), UpsertOutcome::kInserted);
  d.decision = MatchDecision::kRejected;
  EXPECT_EQ(*store_->UpsertMatchDecision(d), UpsertOutcome::kUpdated);
  Responsible r{ResponsibleScope::kClass, "THBL01|6A", "Cô Hạnh"};
  EXPECT_EQ(*store_->UpsertResponsible(r), UpsertOutcome::kInserted);
  EXPECT_EQ(*store_->UpsertResponsible(r), UpsertOutcome::kUnchanged);
}

}  // namespace
}  // namespace baophu
