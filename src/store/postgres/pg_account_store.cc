#include "store/postgres/pg_account_store.h"

#include "store/postgres/pg_migrations.h"

namespace baophu {

using pg::Params;
using pg::PgResult;

namespace {

constexpr const char* kLockUsers = "LOCK TABLE app_user IN SHARE ROW EXCLUSIVE MODE";
constexpr const char* kInsertUser =
    "INSERT INTO app_user (id, username, display_name, role, password_hash, active, created_at, updated_at) "
    "SELECT COALESCE(MAX(id), 0) + 1, $1, $2, $3, $4, $5, $6, $6 FROM app_user RETURNING id";
constexpr const char* kUserExists = "SELECT 1 FROM app_user WHERE username = $1";
constexpr const char* kInsertUserUnit =
    "INSERT INTO app_user_unit (user_id, unit_code) VALUES ($1, $2) ON CONFLICT DO NOTHING";
constexpr const char* kCodeExists = "SELECT 1 FROM unit_code WHERE code = $1";
constexpr const char* kSetPassword = "UPDATE app_user SET password_hash = $2, updated_at = $3 WHERE username = $1";
constexpr const char* kSetActive = "UPDATE app_user SET active = $2, updated_at = $3 WHERE username = $1";
constexpr const char* kFindUser =
    "SELECT id, username, display_name, role, password_hash, active FROM app_user WHERE username = $1";
constexpr const char* kListUsers =
    "SELECT id, username, display_name, role, password_hash, active FROM app_user ORDER BY username COLLATE \"C\"";
constexpr const char* kUnitsOf =
    "SELECT unit_code FROM app_user_unit WHERE user_id = $1 ORDER BY unit_code COLLATE \"C\"";
constexpr const char* kLockAudit = "LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE";
constexpr const char* kInsertAudit =
    "INSERT INTO audit_log (id, at, username, action, unit_code, subject, client_ip) "
    "SELECT COALESCE(MAX(id), 0) + 1, $1, $2, $3, $4, $5, $6 FROM audit_log";
constexpr const char* kListAudit =
    "SELECT id, at, username, action, unit_code, subject, client_ip FROM audit_log "
    "WHERE ($1::bigint = 0 OR id < $1::bigint) AND ($2::text = '' OR username = $2::text) "
    "ORDER BY id DESC LIMIT $3::bigint";

User ReadUser(const PgResult& r, int i) {
  User u;
  u.id = r.Int(i, 0);
  u.username = std::string(r.Text(i, 1));
  u.display_name = std::string(r.Text(i, 2));
  u.role = static_cast<Role>(r.Int(i, 3));
  u.password_hash = std::string(r.Text(i, 4));
  u.active = r.Int(i, 5) != 0;
  return u;
}

}  // namespace

Result<std::unique_ptr<PgAccountStore>> PgAccountStore::Open(const std::string& uri) {
  auto conn = pg::Conn::Open(uri);
  if (!conn.ok()) return conn.status();
  BAOPHU_RETURN_IF_ERROR(pg::Migrate(conn->get()));
  return std::unique_ptr<PgAccountStore>(new PgAccountStore(std::move(*conn)));
}

Result<int64_t> PgAccountStore::CreateUser(const User& u) {
  BAOPHU_RETURN_IF_ERROR(ValidateUsername(u.username));
  BAOPHU_RETURN_IF_ERROR(conn_->Exec("BEGIN"));
  auto fail = [&](Status st) {
    conn_->Exec("ROLLBACK");
    return st;
  };
  // Checked before writing: a failed statement would abort the transaction.
  for (const std::string& code : u.units) {
    auto q = conn_->Run(kCodeExists, Params().Text(code), "lỗi khi kiểm tra mã đơn vị");
    if (!q.ok()) return fail(q.status());
    if (q->rows() == 0) return fail(Status::NotFound("không có đơn vị hành chính mã '" + code + "'"));
  }
  if (Status st = conn_->Exec(kLockUsers); !st.ok()) return fail(st);
  auto exists = conn_->Run(kUserExists, Params().Text(u.username), "lỗi khi tìm người dùng");
  if (!exists.ok()) return fail(exists.status());
  if (exists->rows() > 0) return fail(Status::Conflict("tên đăng nhập '" + u.username + "' đã có"));
  Params p;
  p.Text(u.username).Text(u.display_name).Int(static_cast<int64_t>(u.role)).Text(u.password_hash);
  p.Int(u.active ? 1 : 0).Text(pg::UtcNowIso());
  auto ins = conn_->Run(kInsertUser, p, "không tạo được người dùng");
  if (!ins.ok()) return fail(ins.status());
  const int64_t id = ins->Int(0, 0);
  for (const std::string& code : u.units) {  // the same unit given twice is kept once
    auto w = conn_->Run(kInsertUserUnit, Params().Int(id).Text(code), "không ghi được đơn vị của người dùng");
    if (!w.ok()) return fail(w.status());
  }
  BAOPHU_RETURN_IF_ERROR(conn_->Exec("COMMIT"));
  return id;
}

Status PgAccountStore::SetPassword(const std::string& username, const std::string& password_hash) {
  auto r = conn_->Run(kSetPassword, Params().Text(username).Text(password_hash).Text(pg::UtcNowIso()),
                      "không đổi được mật khẩu");
  if (!r.ok()) return r.status();
  if (r->affected() == 0) return Status::NotFound("không có người dùng '" + username + "'");
  return Status::Ok();
}

Status PgAccountStore::SetActive(const std::string& username, bool active) {
  auto r = conn_->Run(kSetActive, Params().Text(username).Int(active ? 1 : 0).Text(pg::UtcNowIso()),
                      "không đổi được trạng thái tài khoản");
  if (!r.ok()) return r.status();
  if (r->affected() == 0) return Status::NotFound("không có người dùng '" + username + "'");
  return Status::Ok();
}

Status PgAccountStore::ReadUnits(User* u) {
  auto r = conn_->Run(kUnitsOf, Params().Int(u->id), "lỗi khi đọc đơn vị của người dùng");
  if (!r.ok()) return r.status();
  for (int i = 0; i < r->rows(); ++i) u->units.emplace_back(r->Text(i, 0));
  return Status::Ok();
}

Result<std::optional<User>> PgAccountStore::FindUser(const std::string& username) {
  auto r = conn_->Run(kFindUser, Params().Text(username), "lỗi khi tìm người dùng");
  if (!r.ok()) return r.status();
  if (r->rows() == 0) return std::optional<User>();
  User u = ReadUser(*r, 0);
  BAOPHU_RETURN_IF_ERROR(ReadUnits(&u));
  return std::optional<User>(std::move(u));
}

Status PgAccountStore::ListUsers(std::vector<User>* out) {
  out->clear();
  auto r = conn_->Run(kListUsers, Params(), "lỗi khi đọc danh sách người dùng");
  if (!r.ok()) return r.status();
  for (int i = 0; i < r->rows(); ++i) out->push_back(ReadUser(*r, i));
  for (User& u : *out) BAOPHU_RETURN_IF_ERROR(ReadUnits(&u));
  return Status::Ok();
}

Status PgAccountStore::AppendAudit(const AuditEntry& e) {
  BAOPHU_RETURN_IF_ERROR(conn_->Exec("BEGIN"));
  Status st = conn_->Exec(kLockAudit);
  if (st.ok()) {
    Params p;
    p.Text(pg::UtcNowIso()).Text(e.username).Text(e.action).TextOrNull(e.unit_code).TextOrNull(e.subject);
    p.TextOrNull(e.client_ip);
    auto r = conn_->Run(kInsertAudit, p, "không ghi được nhật ký truy cập");
    if (!r.ok()) st = r.status();
  }
  if (!st.ok()) {
    conn_->Exec("ROLLBACK");
    return st;
  }
  return conn_->Exec("COMMIT");
}

Status PgAccountStore::ListAudit(int limit, int64_t before_id, const std::string& username,
                                 std::vector<AuditEntry>* out) {
  out->clear();
  auto r = conn_->Run(kListAudit, Params().Int(before_id).Text(username).Int(limit), "lỗi khi đọc nhật ký truy cập");
  if (!r.ok()) return r.status();
  for (int i = 0; i < r->rows(); ++i) {
    AuditEntry e;
    e.id = r->Int(i, 0);
    e.at = std::string(r->Text(i, 1));
    e.username = std::string(r->Text(i, 2));
    e.action = std::string(r->Text(i, 3));
    e.unit_code = std::string(r->Text(i, 4));
    e.subject = std::string(r->Text(i, 5));
    e.client_ip = std::string(r->Text(i, 6));
    out->push_back(std::move(e));
  }
  return Status::Ok();
}

}  // namespace baophu
