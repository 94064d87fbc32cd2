#include "store/store.h"

#include "store/account_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>


namespace baophu {
namespace {

// A postgres:// URI is the PostgreSQL store: a server that cannot be reached is an IOError that
// names the host and the port, and does not repeat the password.
TEST(StoreOpenTest, AnUnreachablePostgresServerIsAnIOErrorNamingHostAndPort) {
  auto s = Store::Open("postgres://baophu:bi-mat@127.0.0.1:1/baophu?connect_timeout=5");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Status::Code::kIOError);
  const std::string& m = s.status().message();
  EXPECT_TRUE(m.starts_with("không kết nối được PostgreSQL (máy chủ 127.0.0.1 cổng 1, cơ sở dữ liệu 'baophu', "
                            "người dùng 'baophu', địa chỉ 'postgres://baophu:***@127.0.0.1:1/baophu?connect_timeout=5'): "))
      << m;
  EXPECT_EQ(m.find("bi-mat"), std::string::npos) << m;
  auto a = AccountStore::Open("postgresql://baophu@127.0.0.1:1/baophu?connect_timeout=5");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), Status::Code::kIOError);
}

TEST(StoreOpenTest, APathCreatesAnSqliteFile) {
  std::string path = ::testing::TempDir() + "baophu_store_open_" + std::to_string(getpid()) + ".db";
  std::remove(path.c_str());
  {
    auto s = Store::Open(path);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    EXPECT_GE((*s)->SchemaVersion(), 2);  // the latest; store/sqlite tests pin the number
    EXPECT_EQ((*s)->Counts()->persons, 0);
  }
  EXPECT_EQ(access(path.c_str(), F_OK), 0);
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
}

TEST(StoreOpenTest, AMissingFolderIsAnIOError) {
  auto s = Store::Open("/nonexistent-baophu-dir/x/baophu.db");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Status::Code::kIOError);
}

}  // namespace
}  // namespace baophu
