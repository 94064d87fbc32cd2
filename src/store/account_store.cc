// Role names, username checks and AccountStore::Open.
#include "store/account_store.h"

#include "store/postgres/pg_account_store.h"
#include "store/postgres/pg_conn.h"
#include "store/sqlite/sqlite_account_store.h"

namespace baophu {

const char* RoleKey(Role r) {
  switch (r) {
    case Role::kAdministrator: return "administrator";
    case Role::kProvince: return "province";
    case Role::kCommune: return "commune";
    case Role::kSchool: return "school";
    case Role::kOrganisation: return "organisation";
    case Role::kViewer: return "viewer";
  }
  return "viewer";
}

const char* RoleNameVi(Role r) {
  switch (r) {
    case Role::kAdministrator: return "Quản trị";
    case Role::kProvince: return "Cấp tỉnh";
    case Role::kCommune: return "Cấp xã";
    case Role::kSchool: return "Trường học";
    case Role::kOrganisation: return "Tổ chức đoàn thể";
    case Role::kViewer: return "Chỉ xem báo cáo";
  }
  return "";
}

std::optional<Role> ParseRole(std::string_view t) {
  for (Role r : {Role::kAdministrator, Role::kProvince, Role::kCommune, Role::kSchool, Role::kOrganisation,
                 Role::kViewer})
    if (t == RoleKey(r)) return r;
  return std::nullopt;
}

Status ValidateUsername(std::string_view name) {
  if (name.size() < 3 || name.size() > 64)
    return Status::InvalidArgument("tên đăng nhập phải dài 3 đến 64 ký tự: '" + std::string(name) + "'");
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok)
      return Status::InvalidArgument("tên đăng nhập chỉ gồm chữ thường không dấu, số, '.', '_', '-': '" +
                                     std::string(name) + "'");
  }
  return Status::Ok();
}

Result<std::unique_ptr<AccountStore>> AccountStore::Open(const std::string& uri) {
  std::string_view u = uri;
  if (pg::IsPostgresUri(u)) {
    auto s = PgAccountStore::Open(uri);
    if (!s.ok()) return s.status();
    return std::unique_ptr<AccountStore>(std::move(*s));
  }
  if (u.starts_with("sqlite://")) u.remove_prefix(9);
  auto s = SQLiteAccountStore::Open(std::string(u));
  if (!s.ok()) return s.status();
  return std::unique_ptr<AccountStore>(std::move(*s));
}

}  // namespace baophu
