// AccountStore: the web application's users (a role and the units each may see) and the audit
// log of personal-data views, kept in the same database as the registry (schema version 4).
// Thread-safety: as Store — one object per thread; open one per thread for concurrency.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace baophu {

// Persisted: the `role` column of app_user.
enum class Role : uint8_t {
  kAdministrator = 1,  // everything, every unit; manages users and reads the audit log
  kProvince = 2,       // a province's officials (Social Security, People's Committee)
  kCommune = 3,        // a commune's officials and collection agents
  kSchool = 4,         // a school: its commune's pupils
  kOrganisation = 5,   // a mass organisation (Fatherland Front, Women's Union ...)
  kViewer = 6,         // reports of its units only: no personal data, no imports
};
// "administrator", "province", "commune", "school", "organisation", "viewer".
const char* RoleKey(Role r);
const char* RoleNameVi(Role r);
std::optional<Role> ParseRole(std::string_view text);

struct User {
  int64_t id = 0;                  // assigned by the store
  std::string username;            // login name, [a-z0-9._-], 3..64 characters
  std::string display_name;
  Role role = Role::kViewer;
  std::vector<std::string> units;  // unit codes; the user sees these and everything below
  std::string password_hash;       // crypto_pwhash_str (Argon2id)
  bool active = true;
};

struct AuditEntry {
  int64_t id = 0;          // assigned by the store
  std::string at;          // ISO 8601 UTC, assigned by the store
  std::string username;
  std::string action;      // "person.view", "people.search", "export.xlsx" ...
  std::string unit_code;   // the unit whose data was seen (may be empty)
  std::string subject;     // the BHXH number, the search text ...
  std::string client_ip;
};

// Checks a login name: 3..64 characters of a-z, 0-9, '.', '_', '-'.
Status ValidateUsername(std::string_view name);

class AccountStore {
 public:
  virtual ~AccountStore() = default;
  // Opens the database at `uri` (as Store::Open) and migrates it.
  static Result<std::unique_ptr<AccountStore>> Open(const std::string& uri);

  // Conflict when the name is taken; NotFound when a unit code is unknown.
  virtual Result<int64_t> CreateUser(const User& u) = 0;
  // NotFound when there is no such user.
  virtual Status SetPassword(const std::string& username, const std::string& password_hash) = 0;
  // Deactivates (false) or reactivates an account: a deactivated account cannot log in and its
  // open sessions end. NotFound when there is no such user.
  virtual Status SetActive(const std::string& username, bool active) = 0;
  virtual Result<std::optional<User>> FindUser(const std::string& username) = 0;
  virtual Status ListUsers(std::vector<User>* out) = 0;  // by username

  virtual Status AppendAudit(const AuditEntry& e) = 0;
  // Newest first: at most `limit` entries with id < before_id (0 = from the newest); when
  // `username` is not empty, only that user's.
  virtual Status ListAudit(int limit, int64_t before_id, const std::string& username,
                           std::vector<AuditEntry>* out) = 0;
};

}  // namespace baophu
