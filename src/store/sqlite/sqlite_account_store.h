// SQLiteAccountStore: AccountStore on the SQLite file of the registry (its own connection; the
// tables of migration 4). Thread-safety: one thread at a time, as SQLiteStore.
#pragma once

#include <memory>
#include <string>

#include "store/account_store.h"
#include "store/sqlite/sqlite_db.h"

namespace baophu {

class SQLiteAccountStore final : public AccountStore {
 public:
  static Result<std::unique_ptr<SQLiteAccountStore>> Open(const std::string& path);

  Result<int64_t> CreateUser(const User& u) override;
  Status SetPassword(const std::string& username, const std::string& password_hash) override;
  Status SetActive(const std::string& username, bool active) override;
  Result<std::optional<User>> FindUser(const std::string& username) override;
  Status ListUsers(std::vector<User>* out) override;
  Status AppendAudit(const AuditEntry& e) override;
  Status ListAudit(int limit, int64_t before_id, const std::string& username, std::vector<AuditEntry>* out) override;

 private:
  explicit SQLiteAccountStore(std::unique_ptr<sqlite::Db> db) : db_(std::move(db)) {}
  Status ReadUnits(User* u);
  std::unique_ptr<sqlite::Db> db_;
};

}  // namespace baophu
