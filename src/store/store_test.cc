#include "store/store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>


namespace baophu {
namespace {

TEST(StoreOpenTest, PostgresIsNotSupportedYet) {
  auto s = Store::Open("postgres://baophu@localhost/baophu");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Status::Code::kUnsupported);
  EXPECT_EQ(s.status().message(),
            "PostgreSQL ('postgres://baophu@localhost/baophu') chưa hỗ trợ; hãy dùng một đường dẫn tệp SQLite, "
            "ví dụ var/baophu.db");
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
