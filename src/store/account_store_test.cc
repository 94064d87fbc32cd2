// AccountStore on both backends: users, their units, passwords and the audit log.
#include "store/account_store.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

#include "store/backend_test_fixture.h"

namespace baophu::testing {
namespace {

using Code = Status::Code;

class AccountStoreTest : public StoreConformanceTest {
 protected:
  void SetUp() override {
    StoreConformanceTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    AddUnits();
    auto a = AccountStore::Open(uri_);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    accounts_ = std::move(*a);
  }
  void TearDown() override {
    accounts_.reset();
    StoreConformanceTest::TearDown();
  }
  std::unique_ptr<AccountStore> accounts_;
};

User MakeUser(const std::string& name, Role role, std::vector<std::string> units) {
  User u;
  u.username = name;
  u.display_name = "Cán bộ " + name;
  u.role = role;
  u.units = std::move(units);
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$abc$def";
  return u;
}

TEST_P(AccountStoreTest, UsersRoundTripWithTheirUnits) {
  auto id1 = accounts_->CreateUser(MakeUser("tinh60", Role::kProvince, {"60", "22972", "60"}));
  ASSERT_TRUE(id1.ok()) << id1.status().ToString();
  EXPECT_EQ(*id1, 1);
  auto id2 = accounts_->CreateUser(MakeUser("admin", Role::kAdministrator, {}));
  ASSERT_TRUE(id2.ok());
  EXPECT_EQ(*id2, 2);

  auto dup = accounts_->CreateUser(MakeUser("tinh60", Role::kViewer, {}));
  EXPECT_EQ(dup.status().code(), Code::kConflict);
  EXPECT_EQ(dup.status().message(), "tên đăng nhập 'tinh60' đã có");
  auto unknown = accounts_->CreateUser(MakeUser("xa99", Role::kCommune, {"99999"}));
  EXPECT_EQ(unknown.status().code(), Code::kNotFound);
  EXPECT_EQ(unknown.status().message(), "không có đơn vị hành chính mã '99999'");
  EXPECT_EQ(accounts_->CreateUser(MakeUser("X", Role::kViewer, {})).status().code(), Code::kInvalidArgument);

  auto u = accounts_->FindUser("tinh60");
  ASSERT_TRUE(u.ok());
  ASSERT_TRUE(u->has_value());
  EXPECT_EQ((*u)->id, 1);
  EXPECT_EQ((*u)->role, Role::kProvince);
  EXPECT_EQ((*u)->display_name, "Cán bộ tinh60");
  EXPECT_EQ((*u)->units, (std::vector<std::string>{"22972", "60"}));  // once each, in code order
  EXPECT_TRUE((*u)->active);
  EXPECT_FALSE(accounts_->FindUser("khong-co")->has_value());

  ASSERT_TRUE(accounts_->SetPassword("admin", "$argon2id$new").ok());
  EXPECT_EQ((*accounts_->FindUser("admin"))->password_hash, "$argon2id$new");
  EXPECT_EQ(accounts_->SetPassword("khong-co", "x").code(), Code::kNotFound);

  // Deactivation (the server ends the account's sessions when it reads this).
  ASSERT_TRUE(accounts_->SetActive("tinh60", false).ok());
  EXPECT_FALSE((*accounts_->FindUser("tinh60"))->active);
  ASSERT_TRUE(accounts_->SetActive("tinh60", true).ok());
  EXPECT_TRUE((*accounts_->FindUser("tinh60"))->active);
  EXPECT_EQ(accounts_->SetActive("khong-co", false).code(), Code::kNotFound);

  std::vector<User> all;
  ASSERT_TRUE(accounts_->ListUsers(&all).ok());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].username, "admin");
  EXPECT_EQ(all[1].username, "tinh60");
  EXPECT_EQ(all[1].units.size(), 2u);
}

TEST_P(AccountStoreTest, AuditLogPagesNewestFirst) {
  for (int i = 1; i <= 5; ++i) {
    AuditEntry e;
    e.username = i % 2 ? "xa1" : "xa2";
    e.action = "person.view";
    e.unit_code = i == 3 ? "" : "22972";
    e.subject = std::to_string(1000 + i);
    e.client_ip = "127.0.0.1";
    ASSERT_TRUE(accounts_->AppendAudit(e).ok());
  }
  std::vector<AuditEntry> page;
  ASSERT_TRUE(accounts_->ListAudit(2, 0, "", &page).ok());
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].id, 5);
  EXPECT_EQ(page[1].id, 4);
  EXPECT_EQ(page[0].subject, "1005");
  EXPECT_EQ(page[0].at.size(), 20u);  // 2025-07-01T08:30:00Z
  ASSERT_TRUE(accounts_->ListAudit(10, 4, "xa1", &page).ok());
  ASSERT_EQ(page.size(), 2u);  // ids 3 and 1
  EXPECT_EQ(page[0].id, 3);
  EXPECT_EQ(page[0].unit_code, "");
  EXPECT_EQ(page[1].id, 1);
}

// Server threads write the audit log at the same time, each on its own connection: every entry
// gets its own id.
TEST_P(AccountStoreTest, ConcurrentAuditEntriesGetDistinctIds) {
  constexpr int kThreads = 4, kEach = 25;
  std::vector<std::thread> threads;
  std::vector<Status> failures(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto a = AccountStore::Open(uri_);
      if (!a.ok()) {
        failures[t] = a.status();
        return;
      }
      for (int i = 0; i < kEach; ++i) {
        AuditEntry e;
        e.username = "u" + std::to_string(t);
        e.action = "people.search";
        Status st = (*a)->AppendAudit(e);
        if (!st.ok()) {
          failures[t] = st;
          return;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (const Status& st : failures) EXPECT_TRUE(st.ok()) << st.ToString();
  std::vector<AuditEntry> all;
  ASSERT_TRUE(accounts_->ListAudit(1000, 0, "", &all).ok());
  ASSERT_EQ(all.size(), static_cast<size_t>(kThreads * kEach));
  std::set<int64_t> ids;
  for (const AuditEntry& e : all) ids.insert(e.id);
  EXPECT_EQ(ids.size(), all.size());
  EXPECT_EQ(*ids.rbegin(), kThreads * kEach);
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountStoreTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         BackendName);

}  // namespace
}  // namespace baophu::testing
