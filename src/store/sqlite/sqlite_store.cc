// SQLiteStore: opening, transactions, units and their successors, denominators, targets,
// counts and the import log. People, households and cards are in sqlite_store_people.cc.
#include "store/sqlite/sqlite_store.h"

#include "store/sqlite/migrations.h"

namespace baophu {

using sqlite::ScopedReset;
using sqlite::Stmt;

namespace {

constexpr const char* kCodeExists = "SELECT 1 FROM unit_code WHERE code = ?1";
constexpr const char* kInsertCode = "INSERT INTO unit_code (code) VALUES (?1) ON CONFLICT (code) DO NOTHING";
constexpr const char* kDeleteCode = "DELETE FROM unit_code WHERE code = ?1";

constexpr const char* kSelectUnit =
    "SELECT valid_to, name, level, parent_code FROM unit WHERE code = ?1 AND valid_from = ?2";
constexpr const char* kInsertUnit =
    "INSERT INTO unit (code, valid_from, valid_to, name, level, parent_code) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
constexpr const char* kUpdateUnit =
    "UPDATE unit SET valid_to = ?3, name = ?4, level = ?5, parent_code = ?6 WHERE code = ?1 AND valid_from = ?2";
constexpr const char* kUnitExists = "SELECT 1 FROM unit WHERE code = ?1 AND valid_from = ?2";

constexpr const char* kSelectSuccessor =
    "SELECT merge_type FROM unit_successor WHERE from_code = ?1 AND from_valid_from = ?2 AND to_code = ?3";
constexpr const char* kInsertSuccessor =
    "INSERT INTO unit_successor (from_code, from_valid_from, to_code, merge_type) VALUES (?1, ?2, ?3, ?4)";
constexpr const char* kUpdateSuccessor =
    "UPDATE unit_successor SET merge_type = ?4 WHERE from_code = ?1 AND from_valid_from = ?2 AND to_code = ?3";

constexpr const char* kSelectPopulation =
    "SELECT population, source FROM population WHERE unit_code = ?1 AND date = ?2 AND group_id = ?3";
constexpr const char* kInsertPopulation =
    "INSERT INTO population (unit_code, date, group_id, population, source) VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr const char* kUpdatePopulation =
    "UPDATE population SET population = ?4, source = ?5 WHERE unit_code = ?1 AND date = ?2 AND group_id = ?3";

constexpr const char* kSelectTarget =
    "SELECT target_hundredths FROM target WHERE unit_code = ?1 AND year = ?2 AND group_id = ?3";
constexpr const char* kInsertTarget =
    "INSERT INTO target (unit_code, year, group_id, target_hundredths) VALUES (?1, ?2, ?3, ?4)";
constexpr const char* kUpdateTarget =
    "UPDATE target SET target_hundredths = ?4 WHERE unit_code = ?1 AND year = ?2 AND group_id = ?3";

constexpr const char* kInsertImport =
    "INSERT INTO import_log (id, kind, file, sha256, counts_json, imported_at) "
    "SELECT COALESCE(MAX(id), 0) + 1, ?1, ?2, ?3, ?4, ?5 FROM import_log";

std::string Quote(const std::string& s) { return "'" + s + "'"; }

}  // namespace

Result<std::unique_ptr<SQLiteStore>> SQLiteStore::Open(const std::string& path, SqliteStoreOptions options) {
  auto db = sqlite::Db::Open(path);
  if (!db.ok()) return db.status();
  sqlite3_busy_timeout((*db)->raw(), options.busy_timeout_ms);
  // temp_store = MEMORY keeps statement journals (SQLite writes one per UPDATE/INSERT that may
  // need undoing, e.g. under foreign keys) in memory: as temp files they cost ~4 pwrite calls per
  // upsert and cut the update rate fivefold.
  std::string pragmas =
      "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; "
      "PRAGMA cache_size = -" + std::to_string(options.cache_kib) + ";";
  Status st = (*db)->Exec(pragmas.c_str());
  if (!st.ok()) return Status::IOError("không thiết lập được cơ sở dữ liệu '" + path + "': " + st.message());
  // WAL persists in the file; asking again on every open is cheap and converts older files.
  auto mode = (*db)->QueryText("PRAGMA journal_mode = WAL");
  if (!mode.ok()) return mode.status();
  if (*mode != "wal" && path != ":memory:") {
    return Status::IOError("không bật được chế độ WAL cho '" + path + "' (SQLite trả về '" + *mode +
                           "'); thư mục có cho phép tạo tệp -wal và -shm không?");
  }
  BAOPHU_RETURN_IF_ERROR(sqlite::Migrate(db->get()));
  return std::unique_ptr<SQLiteStore>(new SQLiteStore(std::move(*db), options));
}

Result<std::string> SQLiteStore::JournalMode() { return db_->QueryText("PRAGMA journal_mode"); }

int SQLiteStore::SchemaVersion() {
  auto v = sqlite::AppliedSchemaVersion(db_.get());
  return v.ok() ? *v : -1;
}

Status SQLiteStore::Begin() {
  if (db_->InTransaction()) return Status::Internal("đã có một giao dịch đang mở (không lồng giao dịch)");
  // IMMEDIATE takes the write lock now, so a long import fails at Begin, not halfway.
  return db_->Exec("BEGIN IMMEDIATE");
}

Status SQLiteStore::Commit() {
  if (!db_->InTransaction()) return Status::Internal("không có giao dịch nào đang mở để xác nhận");
  pending_commit_ = {};
  last_commit_ = {};
  Status st = changed_ ? BumpGeneration(persons_changed_) : Status::Ok();
  changed_ = false;
  persons_changed_ = false;
  if (st.ok()) st = db_->Exec("COMMIT");
  if (!st.ok()) {
    // A failed COMMIT may leave the transaction open; end it so the store is usable again.
    if (db_->InTransaction()) db_->Exec("ROLLBACK");
    return Status::IOError("không ghi được giao dịch: " + st.message());
  }
  last_commit_ = pending_commit_;
  return st;
}

Status SQLiteStore::BeginRead() {
  if (db_->InTransaction()) return Status::Ok();
  BAOPHU_RETURN_IF_ERROR(db_->Exec("BEGIN"));  // deferred: a read lock at the first SELECT
  reading_ = true;
  return Status::Ok();
}

Status SQLiteStore::EndRead() {
  if (!reading_) return Status::Ok();
  reading_ = false;
  return db_->Exec("COMMIT");
}

Status SQLiteStore::Rollback() {
  changed_ = false;
  persons_changed_ = false;
  // SQLite rolls back by itself after some errors (disk full, I/O); then there is nothing left.
  if (!db_->InTransaction()) return Status::Ok();
  return db_->Exec("ROLLBACK");
}

Status SQLiteStore::Write(Stmt* s, const char* doing, std::string_view key) {
  return WriteImpl(s, doing, key, BhxhNumber());
}

Status SQLiteStore::Write(Stmt* s, const char* doing, BhxhNumber key) { return WriteImpl(s, doing, {}, key); }

Status SQLiteStore::WriteImpl(Stmt* s, const char* doing, std::string_view text_key, BhxhNumber bhxh_key) {
  ScopedReset reset(s);
  last_write_rc_ = SQLITE_OK;
  // The message is built only on failure.
  auto what = [&] {
    return std::string(doing) + " " + (bhxh_key.valid() ? bhxh_key.ToString() : "'" + std::string(text_key) + "'");
  };
  if (fail_after_writes_ >= 0) {
    if (writes_ >= fail_after_writes_) {
      return Status::IOError(what() + ": lỗi ghi giả lập để kiểm thử (sau " + std::to_string(writes_) +
                             " lần ghi)");
    }
    ++writes_;
  }
  last_write_rc_ = s->Step();
  if (last_write_rc_ != SQLITE_DONE) return db_->Error(last_write_rc_, what());
  if (sqlite3_changes(db_->raw()) > 0 && !logging_) {
    // An autocommit write is its own commit (counted as a change of the people too: the
    // statement's table is not known here, and counting too often only costs a re-match).
    if (!db_->InTransaction()) return BumpGeneration(true);
    changed_ = true;
  }
  return Status::Ok();
}

namespace {
constexpr const char* kStateRow = "SELECT instance, generation, write_token FROM store_state WHERE id = 1";
}  // namespace

Result<StoreState> SQLiteStore::ReadStateRow() {
  BAOPHU_SQLITE_STMT(q, db_, kStateRow);
  ScopedReset reset(q);
  int rc = q->Step();
  if (rc != SQLITE_ROW) return db_->Error(rc, "không đọc được trạng thái kho dữ liệu");
  StoreState s;
  s.instance = q->Int(0);
  s.generation = q->Int(1);
  s.write_token = q->Int(2);
  return s;
}

Status SQLiteStore::BumpGeneration(bool persons) {
  // The read and the update run under the write lock (BEGIN IMMEDIATE): no other commit comes
  // between them, so `before` is exactly the state this transaction was written on top of.
  const bool own = !db_->InTransaction();  // an autocommit write: bump in a transaction of its own
  if (own) BAOPHU_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
  auto fail = [&](Status st) {
    if (own) db_->Exec("ROLLBACK");
    return st;
  };
  auto before = ReadStateRow();
  if (!before.ok()) return fail(before.status());
  StoreState after = *before;
  after.generation += 1;
  after.write_token = NewWriteToken();
  std::string sql = "UPDATE store_state SET generation = generation + 1, write_token = " +
                    std::to_string(after.write_token) +
                    (persons ? ", person_generation = person_generation + 1" : "") + " WHERE id = 1";
  Status st = db_->Exec(sql.c_str());
  if (!st.ok()) return fail(st);
  pending_commit_ = {*before, after};
  if (own) {
    BAOPHU_RETURN_IF_ERROR(db_->Exec("COMMIT"));
    last_commit_ = pending_commit_;
  }
  return Status::Ok();
}

Result<StoreState> SQLiteStore::State(bool fingerprint) {
  // One read transaction: the token, the generation and the counts are of one state.
  const bool own = !db_->InTransaction();
  if (own) BAOPHU_RETURN_IF_ERROR(db_->Exec("BEGIN"));
  auto s = ReadStateRow();
  if (s.ok() && fingerprint) {
    int64_t v[4];
    const char* sql[4] = {"SELECT count(*) FROM person", "SELECT coalesce(max(bhxh), 0) FROM person",
                          "SELECT count(*) FROM card", "SELECT coalesce(max(bhxh), 0) FROM card"};
    for (int i = 0; i < 4 && s.ok(); ++i) {
      auto r = db_->QueryInt(sql[i]);
      if (!r.ok()) {
        s = r.status();
        break;
      }
      v[i] = *r;
    }
    if (s.ok()) s->fingerprint = StructuralFingerprint(v[0], v[1], v[2], v[3]);
  }
  if (own) db_->Exec("COMMIT");
  return s;
}

Result<int64_t> SQLiteStore::PersonGeneration() {
  return db_->QueryInt("SELECT person_generation FROM store_state WHERE id = 1");
}

Result<int64_t> SQLiteStore::InstanceId() { return db_->QueryInt("SELECT instance FROM store_state WHERE id = 1"); }

Result<int64_t> SQLiteStore::Generation() { return db_->QueryInt("SELECT generation FROM store_state WHERE id = 1"); }

Result<bool> SQLiteStore::CodeExists(const std::string& code) {
  BAOPHU_SQLITE_STMT(q, db_, kCodeExists);
  ScopedReset reset(q);
  q->BindText(1, code);
  int rc = q->Step();
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return db_->Error(rc, "lỗi khi đọc danh mục mã đơn vị");
}

Status SQLiteStore::EnsureCode(const UnitCode& code, bool* inserted) {
  *inserted = false;
  auto exists = CodeExists(code.str());
  if (!exists.ok()) return exists.status();
  if (*exists) return Status::Ok();
  BAOPHU_SQLITE_STMT(ins, db_, kInsertCode);
  ins->BindText(1, code.str());
  BAOPHU_RETURN_IF_ERROR(Write(ins, "không ghi được mã đơn vị", code.str()));
  *inserted = true;
  return Status::Ok();
}

Result<UpsertOutcome> SQLiteStore::UpsertUnit(const Unit& u) {
  if (u.code.empty()) return Status::InvalidArgument("đơn vị hành chính thiếu mã");
  if (!u.valid_from.valid() || !u.valid_to.valid() || u.valid_to < u.valid_from) {
    return Status::InvalidArgument("đơn vị " + Quote(u.code.str()) + " có thời hạn hiệu lực không hợp lệ");
  }
  BAOPHU_SQLITE_STMT(sel, db_, kSelectUnit);
  bool found = false, same = false;
  {
    ScopedReset reset(sel);
    sel->BindText(1, u.code.str());
    sel->BindInt(2, u.valid_from.days());
    int rc = sel->Step();
    if (rc == SQLITE_ROW) {
      found = true;
      same = sel->Int(0) == u.valid_to.days() && sel->Text(1) == u.name &&
             sel->Int(2) == static_cast<int64_t>(u.level) && sel->Text(3) == u.parent.str();
    } else if (rc != SQLITE_DONE) {
      return db_->Error(rc, "lỗi khi đọc đơn vị " + Quote(u.code.str()));
    }
  }
  if (same) return UpsertOutcome::kUnchanged;

  bool code_inserted = false;
  if (!found) BAOPHU_RETURN_IF_ERROR(EnsureCode(u.code, &code_inserted));
  BAOPHU_SQLITE_STMT(w, db_, found ? kUpdateUnit : kInsertUnit);
  w->BindText(1, u.code.str());
  w->BindInt(2, u.valid_from.days());
  w->BindInt(3, u.valid_to.days());
  w->BindText(4, u.name);
  w->BindInt(5, static_cast<int64_t>(u.level));
  w->BindTextOrNull(6, u.parent.str());
  Status st = Write(w, "không ghi được đơn vị", u.code.str());
  if (!st.ok()) {
    bool missing_parent = LastWriteFailedForeignKey();
    if (code_inserted) {  // leave no stray code behind
      BAOPHU_SQLITE_STMT(del, db_, kDeleteCode);
      del->BindText(1, u.code.str());
      Write(del, "không xóa được mã đơn vị", u.code.str()).ok();
    }
    if (missing_parent) {
      return Status::NotFound("đơn vị cấp trên mã " + Quote(u.parent.str()) + " của đơn vị " +
                              Quote(u.code.str()) + " (" + u.name +
                              ") chưa có trong danh mục; hãy nhập đơn vị cấp trên trước");
    }
    return st;
  }
  return found ? UpsertOutcome::kUpdated : UpsertOutcome::kInserted;
}

Result<UpsertOutcome> SQLiteStore::UpsertSuccessor(const UnitSuccessor& s) {
  if (s.from_code.empty() || s.to_code.empty() || !s.from_valid_from.valid()) {
    return Status::InvalidArgument("quan hệ kế thừa đơn vị thiếu mã hoặc ngày hiệu lực");
  }
  BAOPHU_SQLITE_STMT(sel, db_, kSelectSuccessor);
  bool found = false;
  {
    ScopedReset reset(sel);
    sel->BindText(1, s.from_code.str());
    sel->BindInt(2, s.from_valid_from.days());
    sel->BindText(3, s.to_code.str());
    int rc = sel->Step();
    if (rc == SQLITE_ROW) {
      found = true;
      if (sel->Int(0) == static_cast<int64_t>(s.type)) return UpsertOutcome::kUnchanged;
    } else if (rc != SQLITE_DONE) {
      return db_->Error(rc, "lỗi khi đọc quan hệ kế thừa của " + Quote(s.from_code.str()));
    }
  }
  BAOPHU_SQLITE_STMT(w, db_, found ? kUpdateSuccessor : kInsertSuccessor);
  w->BindText(1, s.from_code.str());
  w->BindInt(2, s.from_valid_from.days());
  w->BindText(3, s.to_code.str());
  w->BindInt(4, static_cast<int64_t>(s.type));
  Status st = Write(w, "không ghi được quan hệ kế thừa", s.from_code.str() + " → " + s.to_code.str());
  if (!st.ok()) {
    if (!LastWriteFailedForeignKey()) return st;
    BAOPHU_SQLITE_STMT(ex, db_, kUnitExists);
    bool from_exists;
    {
      ScopedReset reset(ex);
      ex->BindText(1, s.from_code.str());
      ex->BindInt(2, s.from_valid_from.days());
      from_exists = ex->Step() == SQLITE_ROW;
    }
    if (!from_exists) {
      return Status::NotFound("không có đơn vị mã " + Quote(s.from_code.str()) + " hiệu lực từ ngày " +
                              s.from_valid_from.ToVn() + " để ghi đơn vị kế thừa " + Quote(s.to_code.str()));
    }
    return Status::NotFound("đơn vị kế thừa mã " + Quote(s.to_code.str()) + " (của đơn vị " +
                            Quote(s.from_code.str()) + ") chưa có trong danh mục");
  }
  return found ? UpsertOutcome::kUpdated : UpsertOutcome::kInserted;
}

Result<UpsertOutcome> SQLiteStore::UpsertPopulation(const Population& p) {
  if (p.unit.empty() || !p.date.valid()) return Status::InvalidArgument("số dân thiếu mã đơn vị hoặc ngày");
  BAOPHU_SQLITE_STMT(sel, db_, kSelectPopulation);
  bool found = false;
  {
    ScopedReset reset(sel);
    sel->BindText(1, p.unit.str());
    sel->BindInt(2, p.date.days());
    sel->BindInt(3, p.group);
    int rc = sel->Step();
    if (rc == SQLITE_ROW) {
      found = true;
      if (sel->Int(0) == p.population && sel->Text(1) == p.source) return UpsertOutcome::kUnchanged;
    } else if (rc != SQLITE_DONE) {
      return db_->Error(rc, "lỗi khi đọc số dân của " + Quote(p.unit.str()));
    }
  }
  BAOPHU_SQLITE_STMT(w, db_, found ? kUpdatePopulation : kInsertPopulation);
  w->BindText(1, p.unit.str());
  w->BindInt(2, p.date.days());
  w->BindInt(3, p.group);
  w->BindInt(4, p.population);
  w->BindText(5, p.source);
  Status st = Write(w, "không ghi được số dân của đơn vị", p.unit.str());
  if (LastWriteFailedForeignKey()) {
    return Status::NotFound("mã đơn vị " + Quote(p.unit.str()) + " của số dân ngày " + p.date.ToVn() +
                            " chưa có trong danh mục đơn vị hành chính");
  }
  if (!st.ok()) return st;
  return found ? UpsertOutcome::kUpdated : UpsertOutcome::kInserted;
}

Result<UpsertOutcome> SQLiteStore::UpsertTarget(const Target& t) {
  if (t.unit.empty()) return Status::InvalidArgument("chỉ tiêu thiếu mã đơn vị");
  BAOPHU_SQLITE_STMT(sel, db_, kSelectTarget);
  bool found = false;
  {
    ScopedReset reset(sel);
    sel->BindText(1, t.unit.str());
    sel->BindInt(2, t.year);
    sel->BindInt(3, t.group);
    int rc = sel->Step();
    if (rc == SQLITE_ROW) {
      found = true;
      if (sel->Int(0) == t.target_hundredths) return UpsertOutcome::kUnchanged;
    } else if (rc != SQLITE_DONE) {
      return db_->Error(rc, "lỗi khi đọc chỉ tiêu của " + Quote(t.unit.str()));
    }
  }
  BAOPHU_SQLITE_STMT(w, db_, found ? kUpdateTarget : kInsertTarget);
  w->BindText(1, t.unit.str());
  w->BindInt(2, t.year);
  w->BindInt(3, t.group);
  w->BindInt(4, t.target_hundredths);
  Status st = Write(w, "không ghi được chỉ tiêu của đơn vị", t.unit.str());
  if (LastWriteFailedForeignKey()) {
    return Status::NotFound("mã đơn vị " + Quote(t.unit.str()) + " của chỉ tiêu năm " + std::to_string(t.year) +
                            " chưa có trong danh mục đơn vị hành chính");
  }
  if (!st.ok()) return st;
  return found ? UpsertOutcome::kUpdated : UpsertOutcome::kInserted;
}

Status SQLiteStore::ListUnits(std::vector<Unit>* out) {
  auto q = db_->Prepare(
      "SELECT code, valid_from, valid_to, name, level, parent_code FROM unit ORDER BY code, valid_from");
  if (!q.ok()) return q.status();
  Stmt* s = q->get();
  out->clear();
  int rc;
  while ((rc = s->Step()) == SQLITE_ROW) {
    Unit u;
    u.code = UnitCode::Unchecked(std::string(s->Text(0)));
    u.valid_from = s->DateAt(1);
    u.valid_to = s->DateAt(2);
    u.name = std::string(s->Text(3));
    u.level = static_cast<UnitLevel>(s->Int(4));
    u.parent = UnitCode::Unchecked(std::string(s->Text(5)));
    out->push_back(std::move(u));
  }
  if (rc != SQLITE_DONE) return db_->Error(rc, "lỗi khi đọc danh mục đơn vị");
  return Status::Ok();
}

Status SQLiteStore::ListSuccessors(std::vector<UnitSuccessor>* out) {
  auto q = db_->Prepare(
      "SELECT from_code, from_valid_from, to_code, merge_type FROM unit_successor "
      "ORDER BY from_code, from_valid_from, to_code");
  if (!q.ok()) return q.status();
  Stmt* s = q->get();
  out->clear();
  int rc;
  while ((rc = s->Step()) == SQLITE_ROW) {
    UnitSuccessor u;
    u.from_code = UnitCode::Unchecked(std::string(s->Text(0)));
    u.from_valid_from = s->DateAt(1);
    u.to_code = UnitCode::Unchecked(std::string(s->Text(2)));
    u.type = static_cast<MergeType>(s->Int(3));
    out->push_back(std::move(u));
  }
  if (rc != SQLITE_DONE) return db_->Error(rc, "lỗi khi đọc quan hệ kế thừa đơn vị");
  return Status::Ok();
}

Status SQLiteStore::ListPopulation(std::vector<Population>* out) {
  auto q = db_->Prepare(
      "SELECT unit_code, date, group_id, population, source FROM population ORDER BY unit_code, date, group_id");
  if (!q.ok()) return q.status();
  Stmt* s = q->get();
  out->clear();
  int rc;
  while ((rc = s->Step()) == SQLITE_ROW) {
    Population p;
    p.unit = UnitCode::Unchecked(std::string(s->Text(0)));
    p.date = s->DateAt(1);
    p.group = static_cast<ReportingGroupId>(s->Int(2));
    p.population = s->Int(3);
    p.source = std::string(s->Text(4));
    out->push_back(std::move(p));
  }
  if (rc != SQLITE_DONE) return db_->Error(rc, "lỗi khi đọc số dân");
  return Status::Ok();
}

Status SQLiteStore::ListTargets(std::vector<Target>* out) {
  auto q = db_->Prepare(
      "SELECT unit_code, year, group_id, target_hundredths FROM target ORDER BY unit_code, year, group_id");
  if (!q.ok()) return q.status();
  Stmt* s = q->get();
  out->clear();
  int rc;
  while ((rc = s->Step()) == SQLITE_ROW) {
    Target t;
    t.unit = UnitCode::Unchecked(std::string(s->Text(0)));
    t.year = static_cast<int>(s->Int(1));
    t.group = static_cast<ReportingGroupId>(s->Int(2));
    t.target_hundredths = static_cast<int32_t>(s->Int(3));
    out->push_back(std::move(t));
  }
  if (rc != SQLITE_DONE) return db_->Error(rc, "lỗi khi đọc chỉ tiêu");
  return Status::Ok();
}

Result<StoreCounts> SQLiteStore::Counts() {
  StoreCounts c;
  struct {
    const char* sql;
    int64_t* out;
  } const queries[] = {
      {"SELECT COUNT(*) FROM unit", &c.units},
      {"SELECT COUNT(*) FROM unit_successor", &c.successors},
      {"SELECT COUNT(*) FROM population", &c.population},
      {"SELECT COUNT(*) FROM target", &c.targets},
      {"SELECT COUNT(*) FROM person", &c.persons},
      {"SELECT COUNT(*) FROM household", &c.households},
      {"SELECT COUNT(*) FROM card", &c.cards},
  };
  for (const auto& q : queries) {
    auto n = db_->QueryInt(q.sql);
    if (!n.ok()) return n.status();
    *q.out = *n;
  }
  return c;
}

Status SQLiteStore::LogImport(const std::string& kind, const std::string& file, const std::string& sha256,
                              const std::string& counts_json) {
  BAOPHU_SQLITE_STMT(w, db_, kInsertImport);
  std::string now = sqlite::UtcNowIso();
  w->BindText(1, kind);
  w->BindText(2, file);
  w->BindText(3, sha256);
  w->BindText(4, counts_json);
  w->BindText(5, now);
  logging_ = true;
  Status st = Write(w, "không ghi được nhật ký nhập tệp", file);
  logging_ = false;
  return st;
}

}  // namespace baophu
