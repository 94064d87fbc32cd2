// PgStore: opening, transactions, units and their successors, denominators, targets, counts and
// the import log. People and cards are in pg_store_people.cc, money in pg_store_money.cc.
#include "store/postgres/pg_store.h"

#include "store/postgres/pg_migrations.h"

namespace baophu {

using pg::Params;
using pg::PgResult;

namespace {

constexpr const char* kCodeExists = "SELECT 1 FROM unit_code WHERE code = $1";
constexpr const char* kInsertCode = "INSERT INTO unit_code (code) VALUES ($1) ON CONFLICT (code) DO NOTHING";

constexpr const char* kSelectUnit =
    "SELECT valid_to, name, level, parent_code FROM unit WHERE code = $1 AND valid_from = $2";
constexpr const char* kInsertUnit =
    "INSERT INTO unit (code, valid_from, valid_to, name, level, parent_code) VALUES ($1, $2, $3, $4, $5, $6)";
constexpr const char* kUpdateUnit =
    "UPDATE unit SET valid_to = $3, name = $4, level = $5, parent_code = $6 WHERE code = $1 AND valid_from = $2";

constexpr const char* kSelectSuccessor =
    "SELECT merge_type FROM unit_successor WHERE from_code = $1 AND from_valid_from = $2 AND to_code = $3";
constexpr const char* kInsertSuccessor =
    "INSERT INTO unit_successor (from_code, from_valid_from, to_code, merge_type) VALUES ($1, $2, $3, $4)";
constexpr const char* kUpdateSuccessor =
    "UPDATE unit_successor SET merge_type = $4 WHERE from_code = $1 AND from_valid_from = $2 AND to_code = $3";

constexpr const char* kSelectPopulation =
    "SELECT population, source FROM population WHERE unit_code = $1 AND date = $2 AND group_id = $3";
constexpr const char* kInsertPopulation =
    "INSERT INTO population (unit_code, date, group_id, population, source) VALUES ($1, $2, $3, $4, $5)";
constexpr const char* kUpdatePopulation =
    "UPDATE population SET population = $4, source = $5 WHERE unit_code = $1 AND date = $2 AND group_id = $3";

constexpr const char* kSelectTarget =
    "SELECT target_hundredths FROM target WHERE unit_code = $1 AND year = $2 AND group_id = $3";
constexpr const char* kInsertTarget =
    "INSERT INTO target (unit_code, year, group_id, target_hundredths) VALUES ($1, $2, $3, $4)";
constexpr const char* kUpdateTarget =
    "UPDATE target SET target_hundredths = $4 WHERE unit_code = $1 AND year = $2 AND group_id = $3";

// Ids are MAX + 1 as in SQLite; the table lock (held to the end of the transaction, which
// blocks no reader) keeps two concurrent imports from drawing the same one.
constexpr const char* kLockImportLog = "LOCK TABLE import_log IN SHARE ROW EXCLUSIVE MODE";
constexpr const char* kInsertImport =
    "INSERT INTO import_log (id, kind, file, sha256, counts_json, imported_at) "
    "SELECT COALESCE(MAX(id), 0) + 1, $1, $2, $3, $4, $5 FROM import_log";

std::string Quote(const std::string& s) { return "'" + s + "'"; }

}  // namespace

Result<std::unique_ptr<PgStore>> PgStore::Open(const std::string& uri, PgStoreOptions options) {
  auto conn = pg::Conn::Open(uri);
  if (!conn.ok()) return conn.status();
  BAOPHU_RETURN_IF_ERROR(pg::Migrate(conn->get()));
  return std::unique_ptr<PgStore>(new PgStore(std::move(*conn), options));
}

int PgStore::SchemaVersion() {
  auto v = pg::AppliedSchemaVersion(conn_.get());
  return v.ok() ? *v : -1;
}

Status PgStore::Begin() {
  if (conn_->InTransaction()) return Status::Internal("đã có một giao dịch đang mở (không lồng giao dịch)");
  BAOPHU_RETURN_IF_ERROR(conn_->Exec("BEGIN"));
  user_transaction_ = true;
  changed_ = false;
  return Status::Ok();
}

Status PgStore::Commit() {
  if (!conn_->InTransaction()) return Status::Internal("không có giao dịch nào đang mở để xác nhận");
  user_transaction_ = false;
  if (conn_->TransactionFailed()) {
    changed_ = false;
    conn_->Exec("ROLLBACK");
    return Status::IOError(
        "không ghi được giao dịch: một lệnh trong giao dịch đã lỗi nên PostgreSQL đã hủy cả "
        "giao dịch; không có gì được ghi");
  }
  pending_commit_ = {};
  last_commit_ = {};
  Status st = changed_ ? BumpGeneration(persons_changed_) : Status::Ok();
  changed_ = false;
  persons_changed_ = false;
  if (st.ok()) {
    // COMMIT of a transaction the server has aborted answers "ROLLBACK", not an error.
    PgResult r(PQexec(conn_->raw(), "COMMIT"));
    if (PQresultStatus(r.raw()) != PGRES_COMMAND_OK) {
      st = conn_->Error(r.raw(), "COMMIT");
    } else if (std::string_view(PQcmdStatus(r.raw())) != "COMMIT") {
      st = Status::IOError("PostgreSQL đã hủy giao dịch thay vì ghi");
    }
  }
  if (!st.ok()) {
    if (conn_->InTransaction()) conn_->Exec("ROLLBACK");
    return Status::IOError("không ghi được giao dịch: " + st.message());
  }
  last_commit_ = pending_commit_;
  return st;
}

Status PgStore::Rollback() {
  changed_ = false;
  persons_changed_ = false;
  user_transaction_ = false;
  if (!conn_->InTransaction()) return Status::Ok();
  return conn_->Exec("ROLLBACK");
}

Status PgStore::CheckTransactionUsable() {
  if (conn_->TransactionFailed()) {
    return Status::IOError("giao dịch đã bị PostgreSQL hủy do một lệnh lỗi trước đó; hãy hủy giao dịch (Rollback)");
  }
  return Status::Ok();
}

Result<UpsertOutcome> PgStore::InWriteTransaction(const std::function<Result<UpsertOutcome>()>& body) {
  if (conn_->InTransaction()) {
    BAOPHU_RETURN_IF_ERROR(CheckTransactionUsable());
    return body();
  }
  BAOPHU_RETURN_IF_ERROR(conn_->Exec("BEGIN"));
  changed_ = false;
  auto r = body();
  if (!r.ok()) {
    changed_ = false;
    persons_changed_ = false;
    conn_->Exec("ROLLBACK");
    return r;
  }
  pending_commit_ = {};
  Status st = changed_ ? BumpGeneration(persons_changed_) : Status::Ok();
  changed_ = false;
  persons_changed_ = false;
  if (st.ok()) st = conn_->Exec("COMMIT");
  if (!st.ok()) {
    if (conn_->InTransaction()) conn_->Exec("ROLLBACK");
    return Status::IOError("không ghi được: " + st.message());
  }
  last_commit_ = pending_commit_;
  return r;
}

Result<PgResult> PgStore::Write(const std::string& sql, const Params& params, const char* doing, const std::string& key,
                                Changes changes) {
  std::string what = std::string(doing) + " " + key;
  if (fail_after_writes_ >= 0) {
    if (writes_ >= fail_after_writes_) {
      return Status::IOError(what + ": lỗi ghi giả lập để kiểm thử (sau " + std::to_string(writes_) + " lần ghi)");
    }
    ++writes_;
  }
  auto r = conn_->Run(sql, params, what);
  if (!r.ok()) return r.status();
  bool changed = false;
  if (changes == Changes::kAffectedRows) {
    changed = r->affected() > 0;
  } else {
    for (int c = 0; r->rows() > 0 && c < PQnfields(r->raw()); ++c) changed = changed || r->Int(0, c) > 0;
  }
  if (changed && !logging_) changed_ = true;
  return r;
}

Result<StoreState> PgStore::ReadStateRow(bool for_update) {
  auto r = conn_->Run(for_update ? "SELECT instance, generation, write_token FROM store_state WHERE id = 1 FOR UPDATE"
                                 : "SELECT instance, generation, write_token FROM store_state WHERE id = 1",
                      Params(), "không đọc được trạng thái kho dữ liệu");
  if (!r.ok()) return r.status();
  if (r->rows() != 1) return Status::Corruption("thiếu dòng trạng thái kho dữ liệu (store_state)");
  StoreState s;
  s.instance = r->Int(0, 0);
  s.generation = r->Int(0, 1);
  s.write_token = r->Int(0, 2);
  return s;
}

Status PgStore::BumpGeneration(bool persons) {
  // FOR UPDATE locks the row until COMMIT: a concurrent writer's bump waits for this one, so
  // `before` is exactly the state this transaction's changes follow.
  auto before = ReadStateRow(true);
  if (!before.ok()) return before.status();
  StoreState after = *before;
  after.generation += 1;
  after.write_token = NewWriteToken();
  auto r = conn_->Run(persons ? "UPDATE store_state SET generation = generation + 1, write_token = $1, "
                                "person_generation = person_generation + 1 WHERE id = 1"
                              : "UPDATE store_state SET generation = generation + 1, write_token = $1 WHERE id = 1",
                      Params().Int(after.write_token), "không nâng được thế hệ dữ liệu");
  if (!r.ok()) return r.status();
  pending_commit_ = {*before, after};
  return Status::Ok();
}

Result<StoreState> PgStore::State(bool fingerprint) {
  // One REPEATABLE READ transaction: the token, the generation and the counts are of one state.
  const bool own = !conn_->InTransaction();
  if (own) BAOPHU_RETURN_IF_ERROR(conn_->Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  auto s = ReadStateRow(false);
  if (s.ok() && fingerprint) {
    auto r = conn_->Run(
        "SELECT (SELECT count(*) FROM person), (SELECT coalesce(max(bhxh), 0) FROM person), "
        "(SELECT count(*) FROM card), (SELECT coalesce(max(bhxh), 0) FROM card)",
        Params(), "không đọc được số đếm người và thẻ");
    if (!r.ok()) s = r.status();
    else s->fingerprint = StructuralFingerprint(r->Int(0, 0), r->Int(0, 1), r->Int(0, 2), r->Int(0, 3));
  }
  if (own) conn_->Exec(conn_->TransactionFailed() ? "ROLLBACK" : "COMMIT");
  return s;
}

Result<int64_t> PgStore::PersonGeneration() {
  return conn_->QueryInt("SELECT person_generation FROM store_state WHERE id = 1",
                         "không đọc được thế hệ dữ liệu người tham gia");
}

Status PgStore::BeginRead() {
  if (conn_->InTransaction()) return Status::Ok();
  BAOPHU_RETURN_IF_ERROR(conn_->Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  reading_ = true;
  return Status::Ok();
}

Status PgStore::EndRead() {
  if (!reading_) return Status::Ok();
  reading_ = false;
  return conn_->Exec(conn_->TransactionFailed() ? "ROLLBACK" : "COMMIT");
}

Result<int64_t> PgStore::InstanceId() {
  return conn_->QueryInt("SELECT instance FROM store_state WHERE id = 1", "không đọc được mã định danh kho dữ liệu");
}

Result<int64_t> PgStore::Generation() {
  return conn_->QueryInt("SELECT generation FROM store_state WHERE id = 1", "không đọc được thế hệ dữ liệu");
}

Status PgStore::EnsureCode(const UnitCode& code) {
  auto exists = conn_->Run(kCodeExists, Params().Text(code.str()), "lỗi khi đọc danh mục mã đơn vị");
  if (!exists.ok()) return exists.status();
  if (exists->rows() > 0) return Status::Ok();
  auto w = Write(kInsertCode, Params().Text(code.str()), "không ghi được mã đơn vị", Quote(code.str()));
  return w.ok() ? Status::Ok() : w.status();
}

Result<UpsertOutcome> PgStore::UpsertUnit(const Unit& u) {
  if (u.code.empty()) return Status::InvalidArgument("đơn vị hành chính thiếu mã");
  if (!u.valid_from.valid() || !u.valid_to.valid() || u.valid_to < u.valid_from) {
    return Status::InvalidArgument("đơn vị " + Quote(u.code.str()) + " có thời hạn hiệu lực không hợp lệ");
  }
  return InWriteTransaction([&]() -> Result<UpsertOutcome> {
    auto sel = conn_->Run(kSelectUnit, Params().Text(u.code.str()).Int(u.valid_from.days()),
                          "lỗi khi đọc đơn vị " + Quote(u.code.str()));
    if (!sel.ok()) return sel.status();
    const bool found = sel->rows() > 0;
    if (found && sel->Int(0, 0) == u.valid_to.days() && sel->Text(0, 1) == u.name &&
        sel->Int(0, 2) == static_cast<int64_t>(u.level) && sel->Text(0, 3) == u.parent.str()) {
      return UpsertOutcome::kUnchanged;
    }
    if (!found) BAOPHU_RETURN_IF_ERROR(EnsureCode(u.code));
    Params p;
    p.Text(u.code.str()).Int(u.valid_from.days()).Int(u.valid_to.days()).Text(u.name);
    p.Int(static_cast<int64_t>(u.level)).TextOrNull(u.parent.str());
    auto w = Write(found ? kUpdateUnit : kInsertUnit, p, "không ghi được đơn vị", Quote(u.code.str()));
    if (!w.ok()) {
      // The code row written above goes with the rolled-back transaction.
      if (conn_->LastFailedForeignKey()) {
        return Status::NotFound("đơn vị cấp trên mã " + Quote(u.parent.str()) + " của đơn vị " + Quote(u.code.str()) +
                                " (" + u.name + ") chưa có trong danh mục; hãy nhập đơn vị cấp trên trước");
      }
      return w.status();
    }
    return found ? UpsertOutcome::kUpdated : UpsertOutcome::kInserted;
  });
}

Result<UpsertOutcome> PgStore::UpsertSuccessor(const UnitSuccessor& s) {
  if (s.from_code.empty() || s.to_code.empty() || !s.from_valid_from.valid()) {
    return Status::InvalidArgument("quan hệ kế thừa đơn vị thiếu mã hoặc ngày hiệu lực");
  }
  return InWriteTransaction([&]() -> Result<UpsertOutcome> {
    Params key;
    key.Text(s.from_code.str()).Int(s.from_valid_from.days()).Text(s.to_code.str());
    auto sel = conn_->Run(kSelectSuccessor, key, "lỗi khi đọc quan hệ kế thừa của " + Quote(s.from_code.str()));
    if (!sel.ok()) return sel.status();
    const bool found = sel->rows() > 0;
    if (found && sel->Int(0, 0) == static_cast<int64_t>(s.type)) return UpsertOutcome::kUnchanged;
    Params p = key;
    p.Int(static_cast<int64_t>(s.type));
    auto w = Write(found ? kUpdateSuccessor : kInsertSuccessor, p, "không ghi được quan hệ kế thừa",
                   Quote(s.from_code.str() + " → " + s.to_code.str()));
    if (!w.ok()) {
      if (!conn_->LastFailedForeignKey()) return w.status();
      // The constraint names which reference is missing: (from_code, from_valid_from) → unit,
      // to_code → unit_code.
      if (conn_->last_constraint().find("from_code") != std::string::npos) {
        return Status::NotFound("không có đơn vị mã " + Quote(s.from_code.str()) + " hiệu lực từ ngày " +
                                s.from_valid_from.ToVn() + " để ghi đơn vị kế thừa " + Quote(s.to_code.str()));
      }
      return Status::NotFound("đơn vị kế thừa mã " + Quote(s.to_code.str()) + " (của đơn vị " +
                              Quote(s.from_code.str()) + ") chưa có trong danh mục");
    }
    return found ? UpsertOutcome::kUpdated : UpsertOutcome::kInserted;
  });
}

Result<UpsertOutcome> PgStore::UpsertPopulation(const Population& pop) {
  if (pop.unit.empty() || !pop.date.valid()) return Status::InvalidArgument("số dân thiếu mã đơn vị hoặc ngày");
  return InWriteTransaction([&]() -> Result<UpsertOutcome> {
    Params key;
    key.Text(pop.unit.str()).Int(pop.date.days()).Int(pop.group);
    auto sel = conn_->Run(kSelectPopulation, key, "lỗi khi đọc số dân của " + Quote(pop.unit.str()));
    if (!sel.ok()) return sel.status();
    const bool found = sel->rows() > 0;
    if (found && sel->Int(0, 0) == pop.population && sel->Text(0, 1) == pop.source) return UpsertOutcome::kUnchanged;
    Params p = key;
    p.Int(pop.population).Text(pop.source);
    auto w = Write(found ? kUpdatePopulation : kInsertPopulation, p, "không ghi được số dân của đơn vị",
                   Quote(pop.unit.str()));
    if (!w.ok()) {
      if (conn_->LastFailedForeignKey()) {
        return Status::NotFound("mã đơn vị " + Quote(pop.unit.str()) + " của số dân ngày " + pop.date.ToVn() +
                                " chưa có trong danh mục đơn vị hành chính");
      }
      return w.status();
    }
    return found ? UpsertOutcome::kUpdated : UpsertOutcome::kInserted;
  });
}

Result<UpsertOutcome> PgStore::UpsertTarget(const Target& t) {
  if (t.unit.empty()) return Status::InvalidArgument("chỉ tiêu thiếu mã đơn vị");
  return InWriteTransaction([&]() -> Result<UpsertOutcome> {
    Params key;
    key.Text(t.unit.str()).Int(t.year).Int(t.group);
    auto sel = conn_->Run(kSelectTarget, key, "lỗi khi đọc chỉ tiêu của " + Quote(t.unit.str()));
    if (!sel.ok()) return sel.status();
    const bool found = sel->rows() > 0;
    if (found && sel->Int(0, 0) == t.target_hundredths) return UpsertOutcome::kUnchanged;
    Params p = key;
    p.Int(t.target_hundredths);
    auto w = Write(found ? kUpdateTarget : kInsertTarget, p, "không ghi được chỉ tiêu của đơn vị", Quote(t.unit.str()));
    if (!w.ok()) {
      if (conn_->LastFailedForeignKey()) {
        return Status::NotFound("mã đơn vị " + Quote(t.unit.str()) + " của chỉ tiêu năm " + std::to_string(t.year) +
                                " chưa có trong danh mục đơn vị hành chính");
      }
      return w.status();
    }
    return found ? UpsertOutcome::kUpdated : UpsertOutcome::kInserted;
  });
}

// Text columns are ordered byte-wise (COLLATE "C"), as SQLite orders them, whatever the
// database's default collation.
Status PgStore::ListUnits(std::vector<Unit>* out) {
  out->clear();
  auto r = conn_->RunOnce(
      "SELECT code, valid_from, valid_to, name, level, parent_code FROM unit ORDER BY code COLLATE \"C\", valid_from",
      Params(), "lỗi khi đọc danh mục đơn vị");
  if (!r.ok()) return r.status();
  out->reserve(r->rows());
  for (int i = 0; i < r->rows(); ++i) {
    Unit u;
    u.code = UnitCode::Unchecked(std::string(r->Text(i, 0)));
    u.valid_from = r->DateAt(i, 1);
    u.valid_to = r->DateAt(i, 2);
    u.name = std::string(r->Text(i, 3));
    u.level = static_cast<UnitLevel>(r->Int(i, 4));
    u.parent = UnitCode::Unchecked(std::string(r->Text(i, 5)));
    out->push_back(std::move(u));
  }
  return Status::Ok();
}

Status PgStore::ListSuccessors(std::vector<UnitSuccessor>* out) {
  out->clear();
  auto r = conn_->RunOnce(
      "SELECT from_code, from_valid_from, to_code, merge_type FROM unit_successor "
      "ORDER BY from_code COLLATE \"C\", from_valid_from, to_code COLLATE \"C\"",
      Params(), "lỗi khi đọc quan hệ kế thừa đơn vị");
  if (!r.ok()) return r.status();
  for (int i = 0; i < r->rows(); ++i) {
    UnitSuccessor u;
    u.from_code = UnitCode::Unchecked(std::string(r->Text(i, 0)));
    u.from_valid_from = r->DateAt(i, 1);
    u.to_code = UnitCode::Unchecked(std::string(r->Text(i, 2)));
    u.type = static_cast<MergeType>(r->Int(i, 3));
    out->push_back(std::move(u));
  }
  return Status::Ok();
}

Status PgStore::ListPopulation(std::vector<Population>* out) {
  out->clear();
  auto r = conn_->RunOnce(
      "SELECT unit_code, date, group_id, population, source FROM population "
      "ORDER BY unit_code COLLATE \"C\", date, group_id",
      Params(), "lỗi khi đọc số dân");
  if (!r.ok()) return r.status();
  for (int i = 0; i < r->rows(); ++i) {
    Population p;
    p.unit = UnitCode::Unchecked(std::string(r->Text(i, 0)));
    p.date = r->DateAt(i, 1);
    p.group = static_cast<ReportingGroupId>(r->Int(i, 2));
    p.population = r->Int(i, 3);
    p.source = std::string(r->Text(i, 4));
    out->push_back(std::move(p));
  }
  return Status::Ok();
}

Status PgStore::ListTargets(std::vector<Target>* out) {
  out->clear();
  auto r = conn_->RunOnce(
      "SELECT unit_code, year, group_id, target_hundredths FROM target ORDER BY unit_code COLLATE \"C\", year, "
      "group_id",
      Params(), "lỗi khi đọc chỉ tiêu");
  if (!r.ok()) return r.status();
  for (int i = 0; i < r->rows(); ++i) {
    Target t;
    t.unit = UnitCode::Unchecked(std::string(r->Text(i, 0)));
    t.year = static_cast<int>(r->Int(i, 1));
    t.group = static_cast<ReportingGroupId>(r->Int(i, 2));
    t.target_hundredths = static_cast<int32_t>(r->Int(i, 3));
    out->push_back(std::move(t));
  }
  return Status::Ok();
}

Result<StoreCounts> PgStore::Counts() {
  auto r = conn_->RunOnce(
      "SELECT (SELECT COUNT(*) FROM unit), (SELECT COUNT(*) FROM unit_successor), (SELECT COUNT(*) FROM population), "
      "(SELECT COUNT(*) FROM target), (SELECT COUNT(*) FROM person), (SELECT COUNT(*) FROM household), "
      "(SELECT COUNT(*) FROM card)",
      Params(), "lỗi khi đếm dữ liệu");
  if (!r.ok()) return r.status();
  StoreCounts c;
  c.units = r->Int(0, 0);
  c.successors = r->Int(0, 1);
  c.population = r->Int(0, 2);
  c.targets = r->Int(0, 3);
  c.persons = r->Int(0, 4);
  c.households = r->Int(0, 5);
  c.cards = r->Int(0, 6);
  return c;
}

Status PgStore::LogImport(const std::string& kind, const std::string& file, const std::string& sha256,
                          const std::string& counts_json) {
  auto r = InWriteTransaction([&]() -> Result<UpsertOutcome> {
    BAOPHU_RETURN_IF_ERROR(conn_->Exec(kLockImportLog));
    Params p;
    p.Text(kind).Text(file).Text(sha256).Text(counts_json).Text(pg::UtcNowIso());
    logging_ = true;
    auto w = Write(kInsertImport, p, "không ghi được nhật ký nhập tệp", Quote(file));
    logging_ = false;
    if (!w.ok()) return w.status();
    return UpsertOutcome::kInserted;
  });
  return r.ok() ? Status::Ok() : r.status();
}

}  // namespace baophu
