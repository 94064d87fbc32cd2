#include "store/sqlite/sqlite_account_store.h"

#include "store/sqlite/migrations.h"

namespace baophu {

using sqlite::ScopedReset;
using sqlite::Stmt;

namespace {

constexpr const char* kInsertUser =
    "INSERT INTO app_user (id, username, display_name, role, password_hash, active, created_at, updated_at) "
    "SELECT COALESCE(MAX(id), 0) + 1, ?1, ?2, ?3, ?4, ?5, ?6, ?6 FROM app_user";
constexpr const char* kUserId = "SELECT id FROM app_user WHERE username = ?1";
constexpr const char* kInsertUserUnit = "INSERT INTO app_user_unit (user_id, unit_code) VALUES (?1, ?2)";
constexpr const char* kCodeExists = "SELECT 1 FROM unit_code WHERE code = ?1";
constexpr const char* kSetPassword = "UPDATE app_user SET password_hash = ?2, updated_at = ?3 WHERE username = ?1";
constexpr const char* kSetActive = "UPDATE app_user SET active = ?2, updated_at = ?3 WHERE username = ?1";
constexpr const char* kUserColumns = "SELECT id, username, display_name, role, password_hash, active FROM app_user";
constexpr const char* kFindUser =
    "SELECT id, username, display_name, role, password_hash, active FROM app_user WHERE username = ?1";
constexpr const char* kUnitsOf = "SELECT unit_code FROM app_user_unit WHERE user_id = ?1 ORDER BY unit_code";
constexpr const char* kInsertAudit =
    "INSERT INTO audit_log (id, at, username, action, unit_code, subject, client_ip) "
    "SELECT COALESCE(MAX(id), 0) + 1, ?1, ?2, ?3, ?4, ?5, ?6 FROM audit_log";
constexpr const char* kListAudit =
    "SELECT id, at, username, action, unit_code, subject, client_ip FROM audit_log "
    "WHERE (?1 = 0 OR id < ?1) AND (?2 = '' OR username = ?2) ORDER BY id DESC LIMIT ?3";

User ReadUser(const Stmt& s) {
  User u;
  u.id = s.Int(0);
  u.username = std::string(s.Text(1));
  u.display_name = std::string(s.Text(2));
  u.role = static_cast<Role>(s.Int(3));
  u.password_hash = std::string(s.Text(4));
  u.active = s.Int(5) != 0;
  return u;
}

}  // namespace

Result<std::unique_ptr<SQLiteAccountStore>> SQLiteAccountStore::Open(const std::string& path) {
  auto db = sqlite::Db::Open(path);
  if (!db.ok()) return db.status();
  sqlite3_busy_timeout((*db)->raw(), 10000);
  Status st = (*db)->Exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;");
  if (!st.ok()) return st;
  auto mode = (*db)->QueryText("PRAGMA journal_mode = WAL");
  if (!mode.ok()) return mode.status();
  BAOPHU_RETURN_IF_ERROR(sqlite::Migrate(db->get()));
  return std::unique_ptr<SQLiteAccountStore>(new SQLiteAccountStore(std::move(*db)));
}

Result<int64_t> SQLiteAccountStore::CreateUser(const User& u) {
  BAOPHU_RETURN_IF_ERROR(ValidateUsername(u.username));
  BAOPHU_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
  auto fail = [&](Status st) {
    db_->Exec("ROLLBACK");
    return st;
  };
  auto code_exists = db_->Cached(kCodeExists);
  if (!code_exists.ok()) return fail(code_exists.status());
  for (const std::string& code : u.units) {
    Stmt* q = *code_exists;
    ScopedReset reset(q);
    q->BindText(1, code);
    int rc = q->Step();
    if (rc == SQLITE_DONE) return fail(Status::NotFound("không có đơn vị hành chính mã '" + code + "'"));
    if (rc != SQLITE_ROW) return fail(db_->Error(rc, "lỗi khi kiểm tra mã đơn vị"));
  }
  std::string now = sqlite::UtcNowIso();
  {
    auto ins = db_->Cached(kInsertUser);
    if (!ins.ok()) return fail(ins.status());
    Stmt* q = *ins;
    ScopedReset reset(q);
    q->BindText(1, u.username);
    q->BindText(2, u.display_name);
    q->BindInt(3, static_cast<int64_t>(u.role));
    q->BindText(4, u.password_hash);
    q->BindInt(5, u.active ? 1 : 0);
    q->BindText(6, now);
    int rc = q->Step();
    if (rc == SQLITE_CONSTRAINT_UNIQUE) return fail(Status::Conflict("tên đăng nhập '" + u.username + "' đã có"));
    if (rc != SQLITE_DONE) return fail(db_->Error(rc, "không tạo được người dùng"));
  }
  int64_t id = 0;
  {
    auto sel = db_->Cached(kUserId);
    if (!sel.ok()) return fail(sel.status());
    Stmt* q = *sel;
    ScopedReset reset(q);
    q->BindText(1, u.username);
    if (q->Step() != SQLITE_ROW) return fail(Status::Internal("không đọc lại được người dùng vừa tạo"));
    id = q->Int(0);
  }
  auto unit_ins = db_->Cached(kInsertUserUnit);
  if (!unit_ins.ok()) return fail(unit_ins.status());
  for (const std::string& code : u.units) {
    Stmt* q = *unit_ins;
    ScopedReset reset(q);
    q->BindInt(1, id);
    q->BindText(2, code);
    int rc = q->Step();
    if (rc == SQLITE_CONSTRAINT_PRIMARYKEY) continue;  // the same unit given twice
    if (rc != SQLITE_DONE) return fail(db_->Error(rc, "không ghi được đơn vị của người dùng"));
  }
  BAOPHU_RETURN_IF_ERROR(db_->Exec("COMMIT"));
  return id;
}

Status SQLiteAccountStore::SetActive(const std::string& username, bool active) {
  BAOPHU_SQLITE_STMT(q, db_, kSetActive);
  ScopedReset reset(q);
  std::string now = sqlite::UtcNowIso();
  q->BindText(1, username);
  q->BindInt(2, active ? 1 : 0);
  q->BindText(3, now);
  int rc = q->Step();
  if (rc != SQLITE_DONE) return db_->Error(rc, "không đổi được trạng thái tài khoản");
  if (sqlite3_changes(db_->raw()) == 0) return Status::NotFound("không có người dùng '" + username + "'");
  return Status::Ok();
}

Status SQLiteAccountStore::SetPassword(const std::string& username, const std::string& password_hash) {
  BAOPHU_SQLITE_STMT(q, db_, kSetPassword);
  ScopedReset reset(q);
  std::string now = sqlite::UtcNowIso();
  q->BindText(1, username);
  q->BindText(2, password_hash);
  q->BindText(3, now);
  int rc = q->Step();
  if (rc != SQLITE_DONE) return db_->Error(rc, "không đổi được mật khẩu");
  if (sqlite3_changes(db_->raw()) == 0) return Status::NotFound("không có người dùng '" + username + "'");
  return Status::Ok();
}

Status SQLiteAccountStore::ReadUnits(User* u) {
  BAOPHU_SQLITE_STMT(q, db_, kUnitsOf);
  ScopedReset reset(q);
  q->BindInt(1, u->id);
  int rc;
  while ((rc = q->Step()) == SQLITE_ROW) u->units.emplace_back(q->Text(0));
  if (rc != SQLITE_DONE) return db_->Error(rc, "lỗi khi đọc đơn vị của người dùng");
  return Status::Ok();
}

Result<std::optional<User>> SQLiteAccountStore::FindUser(const std::string& username) {
  User u;
  {
    BAOPHU_SQLITE_STMT(q, db_, kFindUser);
    ScopedReset reset(q);
    q->BindText(1, username);
    int rc = q->Step();
    if (rc == SQLITE_DONE) return std::optional<User>();
    if (rc != SQLITE_ROW) return db_->Error(rc, "lỗi khi tìm người dùng");
    u = ReadUser(*q);
  }
  BAOPHU_RETURN_IF_ERROR(ReadUnits(&u));
  return std::optional<User>(std::move(u));
}

Status SQLiteAccountStore::ListUsers(std::vector<User>* out) {
  out->clear();
  {
    auto q = db_->Prepare(std::string(kUserColumns) + " ORDER BY username");
    if (!q.ok()) return q.status();
    int rc;
    while ((rc = (*q)->Step()) == SQLITE_ROW) out->push_back(ReadUser(**q));
    if (rc != SQLITE_DONE) return db_->Error(rc, "lỗi khi đọc danh sách người dùng");
  }
  for (User& u : *out) BAOPHU_RETURN_IF_ERROR(ReadUnits(&u));
  return Status::Ok();
}

Status SQLiteAccountStore::AppendAudit(const AuditEntry& e) {
  BAOPHU_SQLITE_STMT(q, db_, kInsertAudit);
  ScopedReset reset(q);
  std::string now = sqlite::UtcNowIso();
  q->BindText(1, now);
  q->BindText(2, e.username);
  q->BindText(3, e.action);
  q->BindTextOrNull(4, e.unit_code);
  q->BindTextOrNull(5, e.subject);
  q->BindTextOrNull(6, e.client_ip);
  int rc = q->Step();
  if (rc != SQLITE_DONE) return db_->Error(rc, "không ghi được nhật ký truy cập");
  return Status::Ok();
}

Status SQLiteAccountStore::ListAudit(int limit, int64_t before_id, const std::string& username,
                                     std::vector<AuditEntry>* out) {
  out->clear();
  BAOPHU_SQLITE_STMT(q, db_, kListAudit);
  ScopedReset reset(q);
  q->BindInt(1, before_id);
  q->BindText(2, username);
  q->BindInt(3, limit);
  int rc;
  while ((rc = q->Step()) == SQLITE_ROW) {
    AuditEntry e;
    e.id = q->Int(0);
    e.at = std::string(q->Text(1));
    e.username = std::string(q->Text(2));
    e.action = std::string(q->Text(3));
    e.unit_code = std::string(q->Text(4));
    e.subject = std::string(q->Text(5));
    e.client_ip = std::string(q->Text(6));
    out->push_back(std::move(e));
  }
  if (rc != SQLITE_DONE) return db_->Error(rc, "lỗi khi đọc nhật ký truy cập");
  return Status::Ok();
}

}  // namespace baophu
