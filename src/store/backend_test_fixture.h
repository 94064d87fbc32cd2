// Test fixture of the Store conformance suite: every test runs once on SQLite (a fresh file) and
// once on PostgreSQL (a fresh database on the server named by BAOPHU_TEST_PG, which CTest's
// fixture "pg" starts: tests/pg/start_pg.sh). Without BAOPHU_TEST_PG the PostgreSQL runs are
// skipped, saying so.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "store/postgres/pg_conn.h"
#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/test_fixture.h"

namespace baophu::testing {

enum class Backend { kSqlite, kPostgres };

inline std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "SQLite" : "PostgreSQL";
}

// The server's URL from the environment ("" when not set).
inline std::string TestPgUrl() {
  const char* url = std::getenv("BAOPHU_TEST_PG");
  return url ? url : "";
}

// `url` with its database name replaced by `db` (postgresql://user@host:port/DB?params).
inline std::string WithDatabase(const std::string& url, const std::string& db) {
  size_t authority = url.find("://");
  size_t slash = url.find('/', authority == std::string::npos ? 0 : authority + 3);
  if (slash == std::string::npos) return url + "/" + db;
  size_t end = url.find('?', slash);
  return url.substr(0, slash + 1) + db + (end == std::string::npos ? "" : url.substr(end));
}

// Creates a fresh database on the test server and drops it again.
class TestPgDatabase {
 public:
  // Empty uri() when BAOPHU_TEST_PG is not set; error() says why creating failed.
  explicit TestPgDatabase(const std::string& name) {
    const std::string url = TestPgUrl();
    if (url.empty()) return;
    auto admin = pg::Conn::Open(url);
    if (!admin.ok()) {
      error_ = admin.status().ToString();
      return;
    }
    admin_ = std::move(*admin);
    name_ = name;
    admin_->Exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    Status st = admin_->Exec("CREATE DATABASE " + name_);
    if (!st.ok()) {
      error_ = st.ToString();
      return;
    }
    uri_ = WithDatabase(url, name_);
  }
  ~TestPgDatabase() {
    if (!uri_.empty()) admin_->Exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }
  const std::string& uri() const { return uri_; }
  const std::string& error() const { return error_; }

 private:
  std::unique_ptr<pg::Conn> admin_;
  std::string name_, uri_, error_;
};

// A database name from the running test's name: lower case, [a-z0-9_], at most 63 bytes.
inline std::string TestDatabaseName() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string raw = std::string(info->test_suite_name()) + "_" + info->name();
  std::string name = "t";
  for (char c : raw) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    name += ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) ? c : '_';
  }
  std::string pid = "_" + std::to_string(getpid());
  if (name.size() + pid.size() > 63) name.resize(63 - pid.size());
  return name + pid;
}

class StoreConformanceTest : public ::testing::TestWithParam<Backend> {
 protected:
  bool postgres() const { return GetParam() == Backend::kPostgres; }

  void SetUp() override {
    if (postgres()) {
      pg_ = std::make_unique<TestPgDatabase>(TestDatabaseName());
      if (pg_->uri().empty() && pg_->error().empty()) {
        GTEST_SKIP() << "BAOPHU_TEST_PG chưa đặt: bỏ qua PostgreSQL (ctest khởi động máy chủ: tests/pg/start_pg.sh)";
      }
      ASSERT_TRUE(pg_->error().empty()) << pg_->error();
      uri_ = pg_->uri();
    } else {
      const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
      std::string name = info->name();
      for (char& c : name)
        if (c == '/') c = '_';
      uri_ = ::testing::TempDir() + "baophu_conf_" + name + "_" + std::to_string(getpid()) + ".db";
      RemoveDbFiles(uri_);
    }
    Reopen();
  }
  void TearDown() override {
    store_.reset();
    if (!postgres()) RemoveDbFiles(uri_);
    pg_.reset();
  }
  // Opens the store again (a new connection); with fail_after_writes >= 0 its writes fail after
  // that many (the stores' fault-injection hook).
  void Reopen(int fail_after_writes = -1) {
    store_.reset();
    if (postgres()) {
      auto s = PgStore::Open(uri_, PgStoreOptions{.fail_after_writes = fail_after_writes});
      ASSERT_TRUE(s.ok()) << s.status().ToString();
      store_ = std::move(*s);
    } else {
      auto s = SQLiteStore::Open(uri_, SqliteStoreOptions{.fail_after_writes = fail_after_writes});
      ASSERT_TRUE(s.ok()) << s.status().ToString();
      store_ = std::move(*s);
    }
  }
  void SetFailAfterWrites(int n) {
    if (postgres())
      static_cast<PgStore*>(store_.get())->SetFailAfterWrites(n);
    else
      static_cast<SQLiteStore*>(store_.get())->SetFailAfterWrites(n);
  }

  // VN → province 60 (until 2025-06-30) and 68 → commune 22972 (code reused on 2025-07-01) →
  // hamlet 22972-T1, as StoreTest::AddUnits.
  void AddUnits() {
    const Date end = D(2025, 6, 30), start = D(2025, 7, 1);
    for (const Unit& u : {MakeUnit("VN", "Việt Nam", UnitLevel::kCountry, ""),
                          MakeUnit("60", "Tỉnh Bình Thuận", UnitLevel::kProvince, "VN", Date::Min(), end),
                          MakeUnit("68", "Tỉnh Lâm Đồng", UnitLevel::kProvince, "VN"),
                          MakeUnit("22972", "Thị trấn Phan Rí Cửa", UnitLevel::kCommune, "60", Date::Min(), end),
                          MakeUnit("22972", "Xã Phan Rí Cửa", UnitLevel::kCommune, "68", start),
                          MakeUnit("22972-T1", "Khu phố 1", UnitLevel::kHamlet, "22972")}) {
      auto r = store_->UpsertUnit(u);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
    }
  }

  // One value from a query on a separate connection (what another reader sees). The SQL must
  // be valid on both engines.
  std::string RawText(const std::string& sql) {
    if (postgres()) {
      auto c = pg::Conn::Open(uri_);
      EXPECT_TRUE(c.ok()) << c.status().ToString();
      if (!c.ok()) return "";
      auto r = (*c)->RunOnce(sql, pg::Params(), "RawText");
      EXPECT_TRUE(r.ok()) << r.status().ToString();
      if (!r.ok() || r->rows() == 0) return "";
      return std::string(r->Text(0, 0));
    }
    auto db = sqlite::Db::Open(uri_);
    EXPECT_TRUE(db.ok());
    if (!db.ok()) return "";
    auto v = (*db)->QueryText(sql.c_str());
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : "";
  }
  int64_t RawInt(const std::string& sql) {
    std::string t = RawText(sql);
    return t.empty() ? -1 : std::stoll(t);
  }

  std::unique_ptr<TestPgDatabase> pg_;
  std::string uri_;
  std::unique_ptr<Store> store_;
};

}  // namespace baophu::testing
