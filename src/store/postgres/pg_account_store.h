// PgAccountStore: the AccountStore over PostgreSQL, in the same database and schema (version 4)
// as PgStore. Ids are MAX + 1 as in SQLite, drawn under a table lock so that concurrent server
// threads never draw the same one.
// Thread-safety: as AccountStore — one thread at a time; open one per thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/account_store.h"
#include "store/postgres/pg_conn.h"

namespace baophu {

class PgAccountStore final : public AccountStore {
 public:
  // Connects to `uri` and migrates the database (as PgStore::Open).
  static Result<std::unique_ptr<PgAccountStore>> Open(const std::string& uri);

  Result<int64_t> CreateUser(const User& u) override;
  Status SetPassword(const std::string& username, const std::string& password_hash) override;
  Status SetActive(const std::string& username, bool active) override;
  Result<std::optional<User>> FindUser(const std::string& username) override;
  Status ListUsers(std::vector<User>* out) override;
  Status AppendAudit(const AuditEntry& e) override;
  Status ListAudit(int limit, int64_t before_id, const std::string& username, std::vector<AuditEntry>* out) override;

 private:
  explicit PgAccountStore(std::unique_ptr<pg::Conn> conn) : conn_(std::move(conn)) {}
  Status ReadUnits(User* u);

  std::unique_ptr<pg::Conn> conn_;
};

}  // namespace baophu
