#include "store/sqlite/sqlite_outreach_store.h"

#include <algorithm>
#include <tuple>

#include "store/sqlite/migrations.h"

namespace baophu {

using sqlite::ScopedReset;
using sqlite::Stmt;

namespace {

constexpr const char* kRowColumns =
    "SELECT kind, group_code, row_key, group_name, subgroup, unit_code, bhxh, citizen_id, full_name, birth_date, "
    "phone, valid_from, valid_to FROM outreach_row";
constexpr const char* kFindRow =
    "SELECT kind, group_code, row_key, group_name, subgroup, unit_code, bhxh, citizen_id, full_name, birth_date, "
    "phone, valid_from, valid_to FROM outreach_row WHERE kind = ?1 AND group_code = ?2 AND row_key = ?3";
constexpr const char* kListRows =
    "SELECT kind, group_code, row_key, group_name, subgroup, unit_code, bhxh, citizen_id, full_name, birth_date, "
    "phone, valid_from, valid_to FROM outreach_row WHERE ?1 = 0 OR kind = ?1 ORDER BY kind, group_code, row_key";
constexpr const char* kPutRow =
    "INSERT INTO outreach_row (kind, group_code, row_key, group_name, subgroup, unit_code, bhxh, citizen_id, "
    "full_name, birth_date, phone, valid_from, valid_to) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
    "?13) ON CONFLICT (kind, group_code, row_key) DO UPDATE SET group_name = ?4, subgroup = ?5, unit_code = ?6, "
    "bhxh = ?7, citizen_id = ?8, full_name = ?9, birth_date = ?10, phone = ?11, valid_from = ?12, valid_to = ?13";

// The kept matches (version 7). The row columns first (ReadRow), then the match's.
constexpr const char* kListRowMatches =
    "SELECT r.kind, r.group_code, r.row_key, r.group_name, r.subgroup, r.unit_code, r.bhxh, r.citizen_id, "
    "r.full_name, r.birth_date, r.phone, r.valid_from, r.valid_to, m.state, m.method, m.bhxh, m.list_unit, "
    "m.candidates FROM outreach_row r LEFT JOIN outreach_match m ON m.kind = r.kind AND m.group_code = "
    "r.group_code AND m.row_key = r.row_key WHERE (?1 = 0 OR r.kind = ?1) AND (?2 = 0 OR m.state IS NULL OR "
    "m.state = ?2) ORDER BY r.kind, r.group_code, r.row_key";
// The rows of one list unit (through the match's index), joined back to their rows.
constexpr const char* kListRowMatchesOfUnit =
    "SELECT r.kind, r.group_code, r.row_key, r.group_name, r.subgroup, r.unit_code, r.bhxh, r.citizen_id, "
    "r.full_name, r.birth_date, r.phone, r.valid_from, r.valid_to, m.state, m.method, m.bhxh, m.list_unit, "
    "m.candidates FROM outreach_match m JOIN outreach_row r ON r.kind = m.kind AND r.group_code = m.group_code "
    "AND r.row_key = m.row_key WHERE m.kind = ?1 AND m.list_unit = ?2";
constexpr const char* kListUncertainOfUnit =
    "SELECT r.kind, r.group_code, r.row_key, r.group_name, r.subgroup, r.unit_code, r.bhxh, r.citizen_id, "
    "r.full_name, r.birth_date, r.phone, r.valid_from, r.valid_to, m.state, m.method, m.bhxh, m.list_unit, "
    "m.candidates FROM outreach_match m JOIN outreach_row r ON r.kind = m.kind AND r.group_code = m.group_code "
    "AND r.row_key = m.row_key WHERE m.kind = ?1 AND m.list_unit = ?2 AND m.state = ?3";
constexpr const char* kFindRowMatch =
    "SELECT r.kind, r.group_code, r.row_key, r.group_name, r.subgroup, r.unit_code, r.bhxh, r.citizen_id, "
    "r.full_name, r.birth_date, r.phone, r.valid_from, r.valid_to, m.state, m.method, m.bhxh, m.list_unit, "
    "m.candidates FROM outreach_row r LEFT JOIN outreach_match m ON m.kind = r.kind AND m.group_code = "
    "r.group_code AND m.row_key = r.row_key WHERE r.kind = ?1 AND r.group_code = ?2 AND r.row_key = ?3";
constexpr const char* kListUnmatched =
    "SELECT r.kind, r.group_code, r.row_key, r.group_name, r.subgroup, r.unit_code, r.bhxh, r.citizen_id, "
    "r.full_name, r.birth_date, r.phone, r.valid_from, r.valid_to FROM outreach_row r WHERE NOT EXISTS "
    "(SELECT 1 FROM outreach_match m WHERE m.kind = r.kind AND m.group_code = r.group_code AND m.row_key = "
    "r.row_key) ORDER BY r.kind, r.group_code, r.row_key";
constexpr const char* kDropMatch =
    "DELETE FROM outreach_match WHERE kind = ?1 AND group_code = ?2 AND row_key = ?3";
constexpr const char* kPutMatch =
    "INSERT INTO outreach_match (kind, group_code, row_key, state, method, bhxh, list_unit, candidates) VALUES "
    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (kind, group_code, row_key) DO UPDATE SET state = ?4, "
    "method = ?5, bhxh = ?6, list_unit = ?7, candidates = ?8";
constexpr const char* kPutMatchUnit = "INSERT OR IGNORE INTO outreach_match_unit (kind, list_unit) VALUES (?1, ?2)";
constexpr const char* kListMatchUnits =
    "SELECT list_unit FROM outreach_match_unit WHERE ?1 = 0 OR kind = ?1 ORDER BY list_unit";
constexpr const char* kGetStamp = "SELECT match_generation, pending FROM outreach_state WHERE id = 1";
constexpr const char* kSetStamp = "UPDATE outreach_state SET match_generation = ?1, pending = ?2 WHERE id = 1";
constexpr const char* kSetPending = "UPDATE outreach_state SET pending = 1 WHERE id = 1";

constexpr const char* kFindDecision =
    "SELECT decision, decided_by FROM outreach_match_decision WHERE kind = ?1 AND group_code = ?2 AND row_key = ?3 "
    "AND bhxh = ?4";
constexpr const char* kPutDecision =
    "INSERT INTO outreach_match_decision (kind, group_code, row_key, bhxh, decision, decided_by) VALUES "
    "(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (kind, group_code, row_key, bhxh) DO UPDATE SET decision = ?5, "
    "decided_by = ?6";
constexpr const char* kListDecisions =
    "SELECT kind, group_code, row_key, bhxh, decision, decided_by FROM outreach_match_decision "
    "ORDER BY kind, group_code, row_key, bhxh";

constexpr const char* kFindResponsible =
    "SELECT assignee FROM outreach_responsible WHERE scope = ?1 AND scope_key = ?2";
constexpr const char* kPutResponsible =
    "INSERT INTO outreach_responsible (scope, scope_key, assignee) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (scope, scope_key) DO UPDATE SET assignee = ?3";
constexpr const char* kListResponsibles =
    "SELECT scope, scope_key, assignee FROM outreach_responsible ORDER BY scope, scope_key";

constexpr const char* kFindAssignment =
    "SELECT assignee, unit_code, assigned_on, rule FROM outreach_assignment WHERE list = ?1 AND entry_key = ?2";
constexpr const char* kPutAssignment =
    "INSERT INTO outreach_assignment (list, entry_key, assignee, unit_code, assigned_on, rule) VALUES "
    "(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (list, entry_key) DO UPDATE SET assignee = ?3, unit_code = ?4, "
    "assigned_on = ?5, rule = ?6";
constexpr const char* kListAssignments =
    "SELECT list, entry_key, assignee, unit_code, assigned_on, rule FROM outreach_assignment ORDER BY list, entry_key";

constexpr const char* kNextSeq =
    "SELECT COALESCE(MAX(seq), 0) + 1 FROM outreach_outcome WHERE list = ?1 AND entry_key = ?2";
constexpr const char* kPutOutcome =
    "INSERT INTO outreach_outcome (list, entry_key, seq, date, outcome, note, recorded_by) VALUES "
    "(?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr const char* kListOutcomes =
    "SELECT list, entry_key, seq, date, outcome, note, recorded_by FROM outreach_outcome ORDER BY list, entry_key, seq";

constexpr const char* kPersonsByFold =
    "SELECT bhxh, citizen_id, full_name, birth_date, sex, commune_code, hamlet_code, household_code "
    "FROM person WHERE name_fold = ?1 ORDER BY bhxh";

RosterRow ReadRow(const Stmt& s) {
  RosterRow r;
  r.kind = static_cast<RosterKind>(s.Int(0));
  r.group_code = std::string(s.Text(1));
  r.row_key = std::string(s.Text(2));
  r.group_name = std::string(s.Text(3));
  r.subgroup = std::string(s.Text(4));
  r.unit = UnitCode::Unchecked(std::string(s.Text(5)));
  r.bhxh = s.IsNull(6) ? BhxhNumber::FromInt(-1) : BhxhNumber::FromInt(s.Int(6));
  if (!s.IsNull(7)) {
    auto c = CitizenId::Parse(s.Text(7));
    if (c.ok()) r.citizen_id = *c;
  }
  r.full_name = std::string(s.Text(8));
  r.birth_date = s.DateAt(9);
  r.phone = std::string(s.Text(10));
  r.valid_from = s.DateAt(11);
  r.valid_to = s.DateAt(12);
  return r;
}

// A row of the kRow...Matches queries: the row (columns 0–12), then its match (13–17, NULL when none).
RosterRowMatch ReadRowMatch(const Stmt& s) {
  RosterRowMatch out;
  out.row = ReadRow(s);
  out.has_match = !s.IsNull(13);
  if (out.has_match) {
    out.match.state = static_cast<int>(s.Int(13));
    out.match.method = static_cast<int>(s.Int(14));
    out.match.bhxh = s.IsNull(15) ? BhxhNumber::FromInt(-1) : BhxhNumber::FromInt(s.Int(15));
    out.match.list_unit = std::string(s.Text(16));
    out.match.candidates = std::string(s.Text(17));
  }
  return out;
}

// Runs `q` (already bound) to the end, calling fn per row.
template <typename Fn>
Status ReadAll(sqlite::Db* db, Stmt* q, const char* doing, Fn fn) {
  int rc;
  while ((rc = q->Step()) == SQLITE_ROW) fn(*q);
  if (rc != SQLITE_DONE) return db->Error(rc, doing);
  return Status::Ok();
}

Status StepDone(sqlite::Db* db, Stmt* q, const char* doing) {
  int rc = q->Step();
  if (rc != SQLITE_DONE) return db->Error(rc, doing);
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<SQLiteOutreachStore>> SQLiteOutreachStore::Open(const std::string& path) {
  auto db = sqlite::Db::Open(path);
  if (!db.ok()) return db.status();
  sqlite3_busy_timeout((*db)->raw(), 10000);
  Status st = (*db)->Exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;");
  if (!st.ok()) return st;
  auto mode = (*db)->QueryText("PRAGMA journal_mode = WAL");
  if (!mode.ok()) return mode.status();
  BAOPHU_RETURN_IF_ERROR(sqlite::Migrate(db->get()));
  return std::unique_ptr<SQLiteOutreachStore>(new SQLiteOutreachStore(std::move(*db)));
}

Result<UpsertOutcome> SQLiteOutreachStore::UpsertRosterRow(const RosterRow& r) {
  std::optional<RosterRow> old;
  {
    BAOPHU_SQLITE_STMT(q, db_, kFindRow);
    ScopedReset reset(q);
    q->BindInt(1, static_cast<int64_t>(r.kind));
    q->BindText(2, r.group_code);
    q->BindText(3, r.row_key);
    int rc = q->Step();
    if (rc == SQLITE_ROW) old = ReadRow(*q);
    else if (rc != SQLITE_DONE) return db_->Error(rc, "không đọc được dòng danh sách");
  }
  if (old && *old == r) return UpsertOutcome::kUnchanged;
  BAOPHU_SQLITE_STMT(q, db_, kPutRow);
  ScopedReset reset(q);
  q->BindInt(1, static_cast<int64_t>(r.kind));
  q->BindText(2, r.group_code);
  q->BindText(3, r.row_key);
  q->BindText(4, r.group_name);
  q->BindText(5, r.subgroup);
  q->BindTextOrNull(6, r.unit.str());
  if (r.bhxh.valid()) q->BindInt(7, r.bhxh.value()); else q->BindNull(7);
  q->BindTextOrNull(8, r.citizen_id.str());
  q->BindText(9, r.full_name);
  q->BindDate(10, r.birth_date);
  q->BindText(11, r.phone);
  q->BindDate(12, r.valid_from);
  q->BindDate(13, r.valid_to);
  BAOPHU_RETURN_IF_ERROR(StepDone(db_.get(), q, "không ghi được dòng danh sách"));
  // The row's kept match no longer holds: it is matched again before it is listed.
  if (old) {
    BAOPHU_SQLITE_STMT(d, db_, kDropMatch);
    ScopedReset reset_d(d);
    d->BindInt(1, static_cast<int64_t>(r.kind));
    d->BindText(2, r.group_code);
    d->BindText(3, r.row_key);
    BAOPHU_RETURN_IF_ERROR(StepDone(db_.get(), d, "không xóa được kết quả đối chiếu cũ"));
  }
  BAOPHU_SQLITE_STMT(p, db_, kSetPending);
  ScopedReset reset_p(p);
  BAOPHU_RETURN_IF_ERROR(StepDone(db_.get(), p, "không ghi được trạng thái đối chiếu"));
  return old ? UpsertOutcome::kUpdated : UpsertOutcome::kInserted;
}

Result<OutreachStore::MatchStamp> SQLiteOutreachStore::GetMatchStamp() {
  BAOPHU_SQLITE_STMT(q, db_, kGetStamp);
  ScopedReset reset(q);
  int rc = q->Step();
  if (rc != SQLITE_ROW) return db_->Error(rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, "không đọc được trạng thái đối chiếu");
  MatchStamp m;
  m.person_generation = q->Int(0);
  m.pending = q->Int(1) != 0;
  return m;
}

Status SQLiteOutreachStore::SetMatchStamp(const MatchStamp& m) {
  BAOPHU_SQLITE_STMT(q, db_, kSetStamp);
  ScopedReset reset(q);
  q->BindInt(1, m.person_generation);
  q->BindInt(2, m.pending ? 1 : 0);
  return StepDone(db_.get(), q, "không ghi được trạng thái đối chiếu");
}

Status SQLiteOutreachStore::PutRosterMatch(RosterKind kind, const std::string& group_code, const std::string& row_key,
                                           const RosterMatchRecord& m) {
  {
    BAOPHU_SQLITE_STMT(q, db_, kPutMatch);
    ScopedReset reset(q);
    q->BindInt(1, static_cast<int64_t>(kind));
    q->BindText(2, group_code);
    q->BindText(3, row_key);
    q->BindInt(4, m.state);
    q->BindInt(5, m.method);
    if (m.bhxh.valid()) q->BindInt(6, m.bhxh.value()); else q->BindNull(6);
    q->BindText(7, m.list_unit);
    q->BindText(8, m.candidates);
    BAOPHU_RETURN_IF_ERROR(StepDone(db_.get(), q, "không ghi được kết quả đối chiếu"));
  }
  BAOPHU_SQLITE_STMT(q, db_, kPutMatchUnit);
  ScopedReset reset(q);
  q->BindInt(1, static_cast<int64_t>(kind));
  q->BindText(2, m.list_unit);
  return StepDone(db_.get(), q, "không ghi được đơn vị của kết quả đối chiếu");
}

Status SQLiteOutreachStore::ListRosterRowMatches(int kind, const std::vector<std::string>* units, bool uncertain_only,
                                                 std::vector<RosterRowMatch>* out) {
  out->clear();
  auto read = [&](Stmt* q) {
    return ReadAll(db_.get(), q, "không đọc được danh sách", [&](const Stmt& s) { out->push_back(ReadRowMatch(s)); });
  };
  if (!units) {
    BAOPHU_SQLITE_STMT(q, db_, kListRowMatches);
    ScopedReset reset(q);
    q->BindInt(1, kind);
    q->BindInt(2, uncertain_only ? kRosterMatchUncertain : 0);
    return read(q);
  }
  if (kind == 0) return Status::InvalidArgument("danh sách theo đơn vị cần một loại danh sách");
  // Each unit through the index, and the rows listed under no unit; then in key order. (Rows
  // without a kept match have no unit yet: ListUnmatchedRosterRows, which the caller refreshes.)
  std::vector<std::string> codes = *units;
  codes.push_back("");
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  for (const std::string& u : codes) {
    BAOPHU_SQLITE_STMT(q, db_, uncertain_only ? kListUncertainOfUnit : kListRowMatchesOfUnit);
    ScopedReset reset(q);
    q->BindInt(1, kind);
    q->BindText(2, u);
    if (uncertain_only) q->BindInt(3, kRosterMatchUncertain);
    BAOPHU_RETURN_IF_ERROR(read(q));
  }
  std::sort(out->begin(), out->end(), [](const RosterRowMatch& a, const RosterRowMatch& b) {
    return std::tie(a.row.group_code, a.row.row_key) < std::tie(b.row.group_code, b.row.row_key);
  });
  return Status::Ok();
}

Status SQLiteOutreachStore::ListUnmatchedRosterRows(std::vector<RosterRow>* out) {
  out->clear();
  BAOPHU_SQLITE_STMT(q, db_, kListUnmatched);
  ScopedReset reset(q);
  return ReadAll(db_.get(), q, "không đọc được danh sách", [&](const Stmt& s) { out->push_back(ReadRow(s)); });
}

Result<RosterRowMatch> SQLiteOutreachStore::FindRosterRowMatch(RosterKind kind, const std::string& group_code,
                                                               const std::string& row_key) {
  BAOPHU_SQLITE_STMT(q, db_, kFindRowMatch);
  ScopedReset reset(q);
  q->BindInt(1, static_cast<int64_t>(kind));
  q->BindText(2, group_code);
  q->BindText(3, row_key);
  int rc = q->Step();
  if (rc == SQLITE_ROW) return ReadRowMatch(*q);
  if (rc != SQLITE_DONE) return db_->Error(rc, "không đọc được dòng danh sách");
  return Status::NotFound("không có dòng danh sách " + group_code + "|" + row_key);
}

Status SQLiteOutreachStore::ListMatchUnits(int kind, std::vector<std::string>* out) {
  out->clear();
  BAOPHU_SQLITE_STMT(q, db_, kListMatchUnits);
  ScopedReset reset(q);
  q->BindInt(1, kind);
  return ReadAll(db_.get(), q, "không đọc được đơn vị của kết quả đối chiếu",
                 [&](const Stmt& s) { out->push_back(std::string(s.Text(0))); });
}

Status SQLiteOutreachStore::ListRosterRows(int kind, std::vector<RosterRow>* out) {
  out->clear();
  BAOPHU_SQLITE_STMT(q, db_, kListRows);
  ScopedReset reset(q);
  q->BindInt(1, kind);
  return ReadAll(db_.get(), q, "không đọc được danh sách", [&](const Stmt& s) { out->push_back(ReadRow(s)); });
}

Result<UpsertOutcome> SQLiteOutreachStore::UpsertMatchDecision(const MatchDecisionRecord& d) {
  bool existed = false, same = false;
  {
    BAOPHU_SQLITE_STMT(q, db_, kFindDecision);
    ScopedReset reset(q);
    q->BindInt(1, static_cast<int64_t>(d.kind));
    q->BindText(2, d.group_code);
    q->BindText(3, d.row_key);
    q->BindInt(4, d.bhxh.value());
    int rc = q->Step();
    if (rc == SQLITE_ROW) {
      existed = true;
      same = q->Int(0) == static_cast<int64_t>(d.decision) && q->Text(1) == d.decided_by;
    } else if (rc != SQLITE_DONE) {
      return db_->Error(rc, "không đọc được quyết định khớp");
    }
  }
  if (same) return UpsertOutcome::kUnchanged;
  BAOPHU_SQLITE_STMT(q, db_, kPutDecision);
  ScopedReset reset(q);
  q->BindInt(1, static_cast<int64_t>(d.kind));
  q->BindText(2, d.group_code);
  q->BindText(3, d.row_key);
  q->BindInt(4, d.bhxh.value());
  q->BindInt(5, static_cast<int64_t>(d.decision));
  q->BindText(6, d.decided_by);
  BAOPHU_RETURN_IF_ERROR(StepDone(db_.get(), q, "không ghi được quyết định khớp"));
  return existed ? UpsertOutcome::kUpdated : UpsertOutcome::kInserted;
}

Status SQLiteOutreachStore::ListMatchDecisions(std::vector<MatchDecisionRecord>* out) {
  out->clear();
  BAOPHU_SQLITE_STMT(q, db_, kListDecisions);
  ScopedReset reset(q);
  return ReadAll(db_.get(), q, "không đọc được các quyết định khớp", [&](const Stmt& s) {
    MatchDecisionRecord d;
    d.kind = static_cast<RosterKind>(s.Int(0));
    d.group_code = std::string(s.Text(1));
    d.row_key = std::string(s.Text(2));
    d.bhxh = BhxhNumber::FromInt(s.Int(3));
    d.decision = static_cast<MatchDecision>(s.Int(4));
    d.decided_by = std::string(s.Text(5));
    out->push_back(std::move(d));
  });
}

Result<UpsertOutcome> SQLiteOutreachStore::UpsertResponsible(const Responsible& r) {
  bool existed = false, same = false;
  {
    BAOPHU_SQLITE_STMT(q, db_, kFindResponsible);
    ScopedReset reset(q);
    q->BindInt(1, static_cast<int64_t>(r.scope));
    q->BindText(2, r.key);
    int rc = q->Step();
    if (rc == SQLITE_ROW) {
      existed = true;
      same = q->Text(0) == r.assignee;
    } else if (rc != SQLITE_DONE) {
      return db_->Error(rc, "không đọc được người phụ trách");
    }
  }
  if (same) return UpsertOutcome::kUnchanged;
  BAOPHU_SQLITE_STMT(q, db_, kPutResponsible);
  ScopedReset reset(q);
  q->BindInt(1, static_cast<int64_t>(r.scope));
  q->BindText(2, r.key);
  q->BindText(3, r.assignee);
  BAOPHU_RETURN_IF_ERROR(StepDone(db_.get(), q, "không ghi được người phụ trách"));
  return existed ? UpsertOutcome::kUpdated : UpsertOutcome::kInserted;
}

Status SQLiteOutreachStore::ListResponsibles(std::vector<Responsible>* out) {
  out->clear();
  BAOPHU_SQLITE_STMT(q, db_, kListResponsibles);
  ScopedReset reset(q);
  return ReadAll(db_.get(), q, "không đọc được người phụ trách", [&](const Stmt& s) {
    out->push_back({static_cast<ResponsibleScope>(s.Int(0)), std::string(s.Text(1)), std::string(s.Text(2))});
  });
}

Result<UpsertOutcome> SQLiteOutreachStore::UpsertAssignment(const Assignment& a) {
  bool existed = false, same = false;
  {
    BAOPHU_SQLITE_STMT(q, db_, kFindAssignment);
    ScopedReset reset(q);
    q->BindText(1, a.list);
    q->BindText(2, a.entry_key);
    int rc = q->Step();
    if (rc == SQLITE_ROW) {
      existed = true;
      same = q->Text(0) == a.assignee && q->Text(1) == a.unit.str() && q->DateAt(2) == a.assigned_on &&
             q->Text(3) == a.rule;
    } else if (rc != SQLITE_DONE) {
      return db_->Error(rc, "không đọc được việc giao");
    }
  }
  if (same) return UpsertOutcome::kUnchanged;
  BAOPHU_SQLITE_STMT(q, db_, kPutAssignment);
  ScopedReset reset(q);
  q->BindText(1, a.list);
  q->BindText(2, a.entry_key);
  q->BindText(3, a.assignee);
  q->BindTextOrNull(4, a.unit.str());
  q->BindDate(5, a.assigned_on);
  q->BindText(6, a.rule);
  BAOPHU_RETURN_IF_ERROR(StepDone(db_.get(), q, "không ghi được việc giao"));
  return existed ? UpsertOutcome::kUpdated : UpsertOutcome::kInserted;
}

Status SQLiteOutreachStore::ListAssignments(std::vector<Assignment>* out) {
  out->clear();
  BAOPHU_SQLITE_STMT(q, db_, kListAssignments);
  ScopedReset reset(q);
  return ReadAll(db_.get(), q, "không đọc được việc giao", [&](const Stmt& s) {
    Assignment a;
    a.list = std::string(s.Text(0));
    a.entry_key = std::string(s.Text(1));
    a.assignee = std::string(s.Text(2));
    a.unit = UnitCode::Unchecked(std::string(s.Text(3)));
    a.assigned_on = s.DateAt(4);
    a.rule = std::string(s.Text(5));
    out->push_back(std::move(a));
  });
}

Status SQLiteOutreachStore::PersonsByNameFold(const std::string& fold, std::vector<Person>* out) {
  out->clear();
  BAOPHU_SQLITE_STMT(q, db_, kPersonsByFold);
  ScopedReset reset(q);
  q->BindText(1, fold);
  return ReadAll(db_.get(), q, "không tìm được người theo tên", [&](const Stmt& s) {
    Person p;
    p.bhxh = BhxhNumber::FromInt(s.Int(0));
    if (!s.IsNull(1)) {
      auto id = CitizenId::Parse(s.Text(1));
      if (id.ok()) p.citizen_id = *id;
    }
    p.full_name = std::string(s.Text(2));
    p.birth_date = s.DateAt(3);
    p.sex = static_cast<Sex>(s.Int(4));
    p.commune = UnitCode::Unchecked(std::string(s.Text(5)));
    p.hamlet = UnitCode::Unchecked(std::string(s.Text(6)));
    p.household_code = std::string(s.Text(7));
    out->push_back(std::move(p));
  });
}

Result<int64_t> SQLiteOutreachStore::AppendOutcome(const OutcomeRecord& o) {
  int64_t seq = 0;
  {
    BAOPHU_SQLITE_STMT(q, db_, kNextSeq);
    ScopedReset reset(q);
    q->BindText(1, o.list);
    q->BindText(2, o.entry_key);
    int rc = q->Step();
    if (rc != SQLITE_ROW) return db_->Error(rc, "không đọc được kết quả vận động");
    seq = q->Int(0);
  }
  BAOPHU_SQLITE_STMT(q, db_, kPutOutcome);
  ScopedReset reset(q);
  q->BindText(1, o.list);
  q->BindText(2, o.entry_key);
  q->BindInt(3, seq);
  q->BindDate(4, o.date);
  q->BindInt(5, static_cast<int64_t>(o.outcome));
  q->BindText(6, o.note);
  q->BindText(7, o.recorded_by);
  BAOPHU_RETURN_IF_ERROR(StepDone(db_.get(), q, "không ghi được kết quả vận động"));
  return seq;
}

Status SQLiteOutreachStore::ListOutcomes(std::vector<OutcomeRecord>* out) {
  out->clear();
  BAOPHU_SQLITE_STMT(q, db_, kListOutcomes);
  ScopedReset reset(q);
  return ReadAll(db_.get(), q, "không đọc được kết quả vận động", [&](const Stmt& s) {
    OutcomeRecord o;
    o.list = std::string(s.Text(0));
    o.entry_key = std::string(s.Text(1));
    o.seq = s.Int(2);
    o.date = s.DateAt(3);
    o.outcome = static_cast<OutcomeKind>(s.Int(4));
    o.note = std::string(s.Text(5));
    o.recorded_by = std::string(s.Text(6));
    out->push_back(std::move(o));
  });
}

}  // namespace baophu
