// The money tables of schema version 3: upserts by natural key (inserted, unchanged, updated),
// lists in key order, and references that must exist.
#include <unistd.h>

#include "store/sqlite/migrations.h"
#include "store/sqlite/test_fixture.h"

namespace baophu::testing {
namespace {

using Code = Status::Code;


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



}  // namespace
}  // namespace baophu::testing
