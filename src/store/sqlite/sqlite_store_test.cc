#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>

#include "store/sqlite/migrations.h"
#include "store/sqlite/test_fixture.h"

namespace baophu::testing {
namespace {

using Code = Status::Code;

TEST_F(StoreTest, OpensInWalModeWithForeignKeysOn) {
  auto mode = store_->JournalMode();
  ASSERT_TRUE(mode.ok());
  EXPECT_EQ(*mode, "wal");
  // WAL is a property of the file: another connection sees it too.
  EXPECT_EQ(RawText("PRAGMA journal_mode"), "wal");
  // Foreign keys are per connection; the store's own connection refuses a dangling reference.
  auto r = store_->UpsertPopulation({UnitCode::Unchecked("VN"), D(2019, 4, 1), kAllGroups, 96208984, "census2019"});
  EXPECT_EQ(r.status().code(), Code::kNotFound);
}

TEST_F(StoreTest, MigrationIsIdempotent) {
  EXPECT_EQ(store_->SchemaVersion(), sqlite::LatestSchemaVersion());
  AddUnits();
  Reopen();
  Reopen();
  EXPECT_EQ(store_->SchemaVersion(), sqlite::LatestSchemaVersion());
  EXPECT_EQ(RawInt("SELECT COUNT(*) FROM schema_migrations"), static_cast<int64_t>(sqlite::Migrations().size()));
  EXPECT_EQ(store_->Counts()->units, 6);  // data survives reopening
}

// Migration numbers are reserved per branch, so a file can hold 4 before 2 exists: a missing
// lower version is still applied (a check against the maximum would skip it for ever).
TEST_F(StoreTest, AppliesAMissingLowerVersion) {
  store_.reset();
  {
    auto db = sqlite::Db::Open(path_);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Exec("DROP TABLE store_state; DELETE FROM schema_migrations WHERE version = 2").ok());
  }
  Reopen();
  EXPECT_EQ(RawInt("SELECT COUNT(*) FROM schema_migrations WHERE version = 2"), 1);
  EXPECT_EQ(RawInt("SELECT COUNT(*) FROM store_state"), 1);
}

TEST_F(StoreTest, RefusesANewerSchema) {
  store_.reset();
  {
    auto db = sqlite::Db::Open(path_);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Exec("INSERT INTO schema_migrations VALUES (99, '2030-01-01T00:00:00Z')").ok());
  }
  auto s = SQLiteStore::Open(path_);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Code::kUnsupported);
  EXPECT_NE(s.status().message().find("phiên bản 99"), std::string::npos) << s.status().message();
}
















}  // namespace
}  // namespace baophu::testing
