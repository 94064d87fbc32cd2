// What only the PostgreSQL store has to show: its migrations (numbered as SQLite's, safe when
// several servers start at once), its COPY text parsing, and a store that Store::Open picks from
// a postgres:// URI. The behaviour it shares with SQLite is in store/store_conformance*_test.cc.
#include "store/postgres/pg_store.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "store/backend_test_fixture.h"
#include "store/postgres/pg_copy.h"
#include "store/postgres/pg_migrations.h"

namespace baophu::testing {
namespace {

class PgStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestPgDatabase>(TestDatabaseName());
    if (db_->uri().empty() && db_->error().empty()) GTEST_SKIP() << "BAOPHU_TEST_PG chưa đặt";
    ASSERT_TRUE(db_->error().empty()) << db_->error();
  }
  int64_t Int(const std::string& sql) {
    auto c = pg::Conn::Open(db_->uri());
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    auto v = (*c)->QueryInt(sql, "test");
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : -1;
  }
  std::unique_ptr<TestPgDatabase> db_;
};

TEST_F(PgStoreTest, StoreOpenPicksPostgresAndMigratesToTheSqliteNumbers) {
  auto s = Store::Open(db_->uri());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_NE(dynamic_cast<PgStore*>(s->get()), nullptr);
  // The same numbers as the SQLite store records: 1 registry, 2 store_state, 3 money, 4 accounts,
  // 5 outreach, 6 steering, 7 outreach matches, 12 the write token (issue 12).
  EXPECT_EQ((*s)->SchemaVersion(), 12);
  EXPECT_EQ(pg::LatestSchemaVersion(), 12);
  EXPECT_EQ(pg::LatestSchemaVersion(), sqlite::LatestSchemaVersion());
  EXPECT_EQ(Int("SELECT COUNT(*) FROM schema_migrations"), 8);
  EXPECT_EQ(Int("SELECT SUM(version) FROM schema_migrations"), 1 + 2 + 3 + 4 + 5 + 6 + 7 + 12);
  for (const pg::Migration& m : pg::Migrations()) {
    EXPECT_EQ(std::string(m.sql).find("WITHOUT ROWID"), std::string::npos) << m.version;
  }
  EXPECT_EQ(*(*s)->Generation(), 0);
  const int64_t instance = *(*s)->InstanceId();
  EXPECT_GT(instance, 0);
  // Reopening migrates nothing and keeps the identity.
  s->reset();
  auto again = Store::Open(db_->uri());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(Int("SELECT COUNT(*) FROM schema_migrations"), 8);
  EXPECT_EQ(*(*again)->InstanceId(), instance);
}

// Servers started together against an empty database: the advisory lock lets one migrate, the
// others find the work done.
TEST_F(PgStoreTest, ConcurrentOpensMigrateOnce) {
  constexpr int kOpeners = 6;
  std::vector<Status> results(kOpeners);
  std::vector<std::thread> threads;
  for (int i = 0; i < kOpeners; ++i) {
    threads.emplace_back([&, i] {
      auto s = PgStore::Open(db_->uri());
      results[i] = s.ok() ? Status::Ok() : s.status();
    });
  }
  for (auto& t : threads) t.join();
  for (const Status& st : results) EXPECT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(Int("SELECT COUNT(*) FROM schema_migrations"), 8);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM store_state"), 1);
}

// A database at the latest version opens without the migration lock (the server opens an
// OutreachStore per request): another session holding the lock does not hold it up.
TEST_F(PgStoreTest, AnUpToDateDatabaseOpensWithoutTheMigrationLock) {
  ASSERT_TRUE(PgStore::Open(db_->uri()).ok());
  auto holder = pg::Conn::Open(db_->uri());
  ASSERT_TRUE(holder.ok());
  ASSERT_TRUE((*holder)->Exec("SELECT pg_advisory_lock(" + std::to_string(pg::kMigrationLockKey) + ")").ok());
  auto opener = pg::Conn::Open(db_->uri() + (db_->uri().find('?') == std::string::npos ? "?" : "&") +
                               "options=-c%20lock_timeout%3D2000");
  ASSERT_TRUE(opener.ok()) << opener.status().ToString();
  EXPECT_TRUE(pg::Migrate(opener->get()).ok());
  // One version missing: the slow path waits for the lock (and gives up after lock_timeout).
  ASSERT_TRUE((*holder)->Exec("DELETE FROM schema_migrations WHERE version = 7").ok());
  Status st = pg::Migrate(opener->get());
  EXPECT_NE(st.message().find("lock timeout"), std::string::npos) << st.ToString();
  ASSERT_TRUE((*holder)->Exec("SELECT pg_advisory_unlock(" + std::to_string(pg::kMigrationLockKey) + ")").ok());
}

TEST_F(PgStoreTest, RefusesANewerSchemaAndAppliesAMissingLowerVersion) {
  ASSERT_TRUE(PgStore::Open(db_->uri()).ok());
  {
    auto c = pg::Conn::Open(db_->uri());
    ASSERT_TRUE(c.ok());
    ASSERT_TRUE((*c)->Exec("DROP TABLE store_state; DELETE FROM schema_migrations WHERE version = 2").ok());
  }
  ASSERT_TRUE(PgStore::Open(db_->uri()).ok());
  EXPECT_EQ(Int("SELECT COUNT(*) FROM store_state"), 1);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM schema_migrations WHERE version = 2"), 1);
  {
    auto c = pg::Conn::Open(db_->uri());
    ASSERT_TRUE(c.ok());
    ASSERT_TRUE((*c)->Exec("INSERT INTO schema_migrations VALUES (99, '2030-01-01T00:00:00Z')").ok());
  }
  auto s = PgStore::Open(db_->uri());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Status::Code::kUnsupported);
  EXPECT_NE(s.status().message().find("lược đồ phiên bản 99, mới hơn phiên bản 12"), std::string::npos)
      << s.status().message();
}

// A failed statement inside Begin/Commit aborts the PostgreSQL transaction: Commit refuses and
// nothing of it is written.
TEST_F(PgStoreTest, AFailedWriteInsideATransactionCommitsNothing) {
  auto s = PgStore::Open(db_->uri());
  ASSERT_TRUE(s.ok());
  PgStore& store = **s;
  ASSERT_TRUE(store.UpsertUnit(MakeUnit("VN", "Việt Nam", UnitLevel::kCountry, "")).ok());
  ASSERT_TRUE(store.Begin().ok());
  ASSERT_TRUE(store.UpsertUnit(MakeUnit("60", "Tỉnh Bình Thuận", UnitLevel::kProvince, "VN")).ok());
  auto bad = store.UpsertPopulation({UnitCode::Unchecked("42"), D(2019, 4, 1), kAllGroups, 1, "x"});
  EXPECT_EQ(bad.status().code(), Status::Code::kNotFound);
  auto after = store.UpsertUnit(MakeUnit("68", "Tỉnh Lâm Đồng", UnitLevel::kProvince, "VN"));
  EXPECT_EQ(after.status().code(), Status::Code::kIOError);
  Status commit = store.Commit();
  EXPECT_EQ(commit.code(), Status::Code::kIOError);
  EXPECT_EQ(store.Counts()->units, 1);
  // The connection is usable again.
  EXPECT_EQ(*store.UpsertUnit(MakeUnit("68", "Tỉnh Lâm Đồng", UnitLevel::kProvince, "VN")), UpsertOutcome::kInserted);
}

// The server drops the connection (a restart, an administrator): the call that meets the loss
// fails with IOError, the next one reconnects.
TEST_F(PgStoreTest, ReconnectsAfterTheServerDroppedTheConnection) {
  auto s = PgStore::Open(db_->uri());
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE((*s)->UpsertUnit(MakeUnit("VN", "Việt Nam", UnitLevel::kCountry, "")).ok());
  EXPECT_EQ(Int("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"),
            1);
  auto lost = (*s)->Counts();
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.status().code(), Status::Code::kIOError) << lost.status().ToString();
  auto again = (*s)->Counts();
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->units, 1);
  EXPECT_EQ(*(*s)->UpsertUnit(MakeUnit("68", "Tỉnh Lâm Đồng", UnitLevel::kProvince, "VN")), UpsertOutcome::kInserted);
}

TEST(PgCopyTest, ParsesTextFormatFieldsNullsAndEscapes) {
  pg::CopyRow row;
  row.Parse("5000000001\t22972\t\\N\tHGD\\\\1\\tx\t-719162\t2");
  ASSERT_EQ(row.size(), 6u);
  EXPECT_EQ(row.Int(0), 5000000001);
  EXPECT_EQ(row.Text(1), "22972");
  EXPECT_TRUE(row.IsNull(2));
  EXPECT_EQ(row.Text(2), "");
  EXPECT_EQ(row.Text(3), "HGD\\1\tx");
  EXPECT_EQ(row.DateAt(4), Date::Min());
  EXPECT_EQ(row.Int(5), 2);
  row.Parse("\\N\t\\101\\x42");
  ASSERT_EQ(row.size(), 2u);
  EXPECT_FALSE(row.DateAt(0).valid());
  EXPECT_EQ(row.Text(1), "AB");
}

TEST(PgUriTest, RedactsPasswords) {
  EXPECT_EQ(pg::RedactUri("postgres://u:secret@h:5432/db"), "postgres://u:***@h:5432/db");
  EXPECT_EQ(pg::RedactUri("postgresql://u@h/db?password=secret&sslmode=require"),
            "postgresql://u@h/db?password=***&sslmode=require");
  EXPECT_EQ(pg::RedactUri("postgres:///db?host=/tmp/x"), "postgres:///db?host=/tmp/x");
  EXPECT_TRUE(pg::IsPostgresUri("postgresql://x"));
  EXPECT_FALSE(pg::IsPostgresUri("var/baophu.db"));
}

}  // namespace
}  // namespace baophu::testing
