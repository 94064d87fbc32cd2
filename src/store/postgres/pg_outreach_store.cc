#include "store/postgres/pg_outreach_store.h"

#include <algorithm>
#include <tuple>

#include "store/postgres/pg_migrations.h"

namespace baophu {

using pg::Params;
using pg::PgResult;

namespace {

// Text keys sort byte-wise (COLLATE "C"), as SQLite's BINARY does, whatever the database's collation.
#define ROW_COLUMNS                                                                                             \
  "r.kind, r.group_code, r.row_key, r.group_name, r.subgroup, r.unit_code, r.bhxh, r.citizen_id, r.full_name, " \
  "r.birth_date, r.phone, r.valid_from, r.valid_to"
#define MATCH_COLUMNS ROW_COLUMNS ", m.state, m.method, m.bhxh, m.list_unit, m.candidates"
#define ROW_ORDER " ORDER BY r.kind, r.group_code COLLATE \"C\", r.row_key COLLATE \"C\""

constexpr const char* kFindRow =
    "SELECT " ROW_COLUMNS " FROM outreach_row r WHERE r.kind = $1 AND r.group_code = $2 AND r.row_key = $3";
constexpr const char* kListRows =
    "SELECT " ROW_COLUMNS " FROM outreach_row r WHERE $1::integer = 0 OR r.kind = $1::integer" ROW_ORDER;
constexpr const char* kPutRow =
    "INSERT INTO outreach_row (kind, group_code, row_key, group_name, subgroup, unit_code, bhxh, citizen_id, "
    "full_name, birth_date, phone, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
    "$13) ON CONFLICT (kind, group_code, row_key) DO UPDATE SET group_name = $4, subgroup = $5, unit_code = $6, "
    "bhxh = $7, citizen_id = $8, full_name = $9, birth_date = $10, phone = $11, valid_from = $12, valid_to = $13";

// The kept matches (version 7). The row columns first (ReadRow), then the match's.
constexpr const char* kListRowMatches =
    "SELECT " MATCH_COLUMNS
    " FROM outreach_row r LEFT JOIN outreach_match m ON m.kind = r.kind AND m.group_code = r.group_code AND "
    "m.row_key = r.row_key WHERE ($1::integer = 0 OR r.kind = $1::integer) AND ($2::integer = 0 OR m.state IS "
    "NULL OR m.state = $2::integer)" ROW_ORDER;
// The rows of one list unit (through the match's index), joined back to their rows.
constexpr const char* kListRowMatchesOfUnit =
    "SELECT " MATCH_COLUMNS
    " FROM outreach_match m JOIN outreach_row r ON r.kind = m.kind AND r.group_code = m.group_code AND "
    "r.row_key = m.row_key WHERE m.kind = $1 AND m.list_unit = $2";
constexpr const char* kListUncertainOfUnit =
    "SELECT " MATCH_COLUMNS
    " FROM outreach_match m JOIN outreach_row r ON r.kind = m.kind AND r.group_code = m.group_code AND "
    "r.row_key = m.row_key WHERE m.kind = $1 AND m.list_unit = $2 AND m.state = $3";
constexpr const char* kFindRowMatch =
    "SELECT " MATCH_COLUMNS
    " FROM outreach_row r LEFT JOIN outreach_match m ON m.kind = r.kind AND m.group_code = r.group_code AND "
    "m.row_key = r.row_key WHERE r.kind = $1 AND r.group_code = $2 AND r.row_key = $3";
constexpr const char* kListUnmatched =
    "SELECT " ROW_COLUMNS
    " FROM outreach_row r WHERE NOT EXISTS (SELECT 1 FROM outreach_match m WHERE m.kind = r.kind AND "
    "m.group_code = r.group_code AND m.row_key = r.row_key)" ROW_ORDER;
constexpr const char* kDropMatch = "DELETE FROM outreach_match WHERE kind = $1 AND group_code = $2 AND row_key = $3";
constexpr const char* kPutMatch =
    "INSERT INTO outreach_match (kind, group_code, row_key, state, method, bhxh, list_unit, candidates) VALUES "
    "($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (kind, group_code, row_key) DO UPDATE SET state = $4, "
    "method = $5, bhxh = $6, list_unit = $7, candidates = $8";
constexpr const char* kPutMatchUnit =
    "INSERT INTO outreach_match_unit (kind, list_unit) VALUES ($1, $2) ON CONFLICT DO NOTHING";
constexpr const char* kListMatchUnits =
    "SELECT list_unit FROM outreach_match_unit WHERE $1::integer = 0 OR kind = $1::integer "
    "ORDER BY list_unit COLLATE \"C\"";
constexpr const char* kGetStamp = "SELECT match_generation, pending FROM outreach_state WHERE id = 1";
constexpr const char* kSetStamp = "UPDATE outreach_state SET match_generation = $1, pending = $2 WHERE id = 1";
constexpr const char* kSetPending = "UPDATE outreach_state SET pending = 1 WHERE id = 1 AND pending <> 1";

constexpr const char* kFindDecision =
    "SELECT decision, decided_by FROM outreach_match_decision WHERE kind = $1 AND group_code = $2 AND row_key = $3 "
    "AND bhxh = $4";
constexpr const char* kPutDecision =
    "INSERT INTO outreach_match_decision (kind, group_code, row_key, bhxh, decision, decided_by) VALUES "
    "($1, $2, $3, $4, $5, $6) ON CONFLICT (kind, group_code, row_key, bhxh) DO UPDATE SET decision = $5, "
    "decided_by = $6";
constexpr const char* kListDecisions =
    "SELECT kind, group_code, row_key, bhxh, decision, decided_by FROM outreach_match_decision "
    "ORDER BY kind, group_code COLLATE \"C\", row_key COLLATE \"C\", bhxh";

constexpr const char* kFindResponsible =
    "SELECT assignee FROM outreach_responsible WHERE scope = $1 AND scope_key = $2";
constexpr const char* kPutResponsible =
    "INSERT INTO outreach_responsible (scope, scope_key, assignee) VALUES ($1, $2, $3) "
    "ON CONFLICT (scope, scope_key) DO UPDATE SET assignee = $3";
constexpr const char* kListResponsibles =
    "SELECT scope, scope_key, assignee FROM outreach_responsible ORDER BY scope, scope_key COLLATE \"C\"";

constexpr const char* kFindAssignment =
    "SELECT assignee, unit_code, assigned_on, rule FROM outreach_assignment WHERE list = $1 AND entry_key = $2";
constexpr const char* kPutAssignment =
    "INSERT INTO outreach_assignment (list, entry_key, assignee, unit_code, assigned_on, rule) VALUES "
    "($1, $2, $3, $4, $5, $6) ON CONFLICT (list, entry_key) DO UPDATE SET assignee = $3, unit_code = $4, "
    "assigned_on = $5, rule = $6";
constexpr const char* kListAssignments =
    "SELECT list, entry_key, assignee, unit_code, assigned_on, rule FROM outreach_assignment "
    "ORDER BY list COLLATE \"C\", entry_key COLLATE \"C\"";

// The next seq of the entry and the row in one statement. Two writers drawing the same seq at
// once: one fails on the primary key (23505) and draws again.
constexpr const char* kAppendOutcome =
    "INSERT INTO outreach_outcome (list, entry_key, seq, date, outcome, note, recorded_by) "
    "SELECT $1, $2, COALESCE(MAX(seq), 0) + 1, $3, $4, $5, $6 FROM outreach_outcome WHERE list = $1 AND "
    "entry_key = $2 RETURNING seq";
constexpr const char* kListOutcomes =
    "SELECT list, entry_key, seq, date, outcome, note, recorded_by FROM outreach_outcome "
    "ORDER BY list COLLATE \"C\", entry_key COLLATE \"C\", seq";

constexpr const char* kPersonsByFold =
    "SELECT bhxh, citizen_id, full_name, birth_date, sex, commune_code, hamlet_code, household_code "
    "FROM person WHERE name_fold = $1 ORDER BY bhxh";

#undef ROW_ORDER
#undef MATCH_COLUMNS
#undef ROW_COLUMNS

RosterRow ReadRow(const PgResult& s, int i) {
  RosterRow r;
  r.kind = static_cast<RosterKind>(s.Int(i, 0));
  r.group_code = std::string(s.Text(i, 1));
  r.row_key = std::string(s.Text(i, 2));
  r.group_name = std::string(s.Text(i, 3));
  r.subgroup = std::string(s.Text(i, 4));
  r.unit = UnitCode::Unchecked(std::string(s.Text(i, 5)));
  r.bhxh = s.IsNull(i, 6) ? BhxhNumber::FromInt(-1) : BhxhNumber::FromInt(s.Int(i, 6));
  if (!s.IsNull(i, 7)) {
    auto c = CitizenId::Parse(s.Text(i, 7));
    if (c.ok()) r.citizen_id = *c;
  }
  r.full_name = std::string(s.Text(i, 8));
  r.birth_date = s.DateAt(i, 9);
  r.phone = std::string(s.Text(i, 10));
  r.valid_from = s.DateAt(i, 11);
  r.valid_to = s.DateAt(i, 12);
  return r;
}

// A row of the k...RowMatch... queries: the row (columns 0–12), then its match (13–17, NULL when none).
RosterRowMatch ReadRowMatch(const PgResult& s, int i) {
  RosterRowMatch out;
  out.row = ReadRow(s, i);
  out.has_match = !s.IsNull(i, 13);
  if (out.has_match) {
    out.match.state = static_cast<int>(s.Int(i, 13));
    out.match.method = static_cast<int>(s.Int(i, 14));
    out.match.bhxh = s.IsNull(i, 15) ? BhxhNumber::FromInt(-1) : BhxhNumber::FromInt(s.Int(i, 15));
    out.match.list_unit = std::string(s.Text(i, 16));
    out.match.candidates = std::string(s.Text(i, 17));
  }
  return out;
}

// The parameters of the (kind, group_code, row_key) key.
Params RowKey(RosterKind kind, const std::string& group_code, const std::string& row_key) {
  Params p;
  p.Int(static_cast<int64_t>(kind)).Text(group_code).Text(row_key);
  return p;
}

}  // namespace

Result<std::unique_ptr<PgOutreachStore>> PgOutreachStore::Open(const std::string& uri) {
  auto conn = pg::Conn::Open(uri);
  if (!conn.ok()) return conn.status();
  BAOPHU_RETURN_IF_ERROR(pg::Migrate(conn->get()));
  return std::unique_ptr<PgOutreachStore>(new PgOutreachStore(std::move(*conn)));
}

Status PgOutreachStore::Begin() {
  if (conn_->InTransaction()) return Status::Internal("đã có một giao dịch đang mở (không lồng giao dịch)");
  return conn_->Exec("BEGIN");
}

Status PgOutreachStore::Commit() {
  if (!conn_->InTransaction()) return Status::Internal("không có giao dịch nào đang mở để xác nhận");
  if (conn_->TransactionFailed()) {
    conn_->Exec("ROLLBACK");
    return Status::IOError(
        "không ghi được giao dịch: một lệnh trong giao dịch đã lỗi nên PostgreSQL đã hủy cả "
        "giao dịch; không có gì được ghi");
  }
  return conn_->Exec("COMMIT");
}

Status PgOutreachStore::Rollback() {
  if (!conn_->InTransaction()) return Status::Ok();
  return conn_->Exec("ROLLBACK");
}

Status PgOutreachStore::InTransaction(const std::function<Status()>& body) {
  if (conn_->InTransaction()) {
    if (conn_->TransactionFailed()) {
      return Status::IOError("giao dịch đã bị PostgreSQL hủy do một lệnh lỗi trước đó; hãy hủy giao dịch (Rollback)");
    }
    return body();
  }
  BAOPHU_RETURN_IF_ERROR(conn_->Exec("BEGIN"));
  Status st = body();
  if (st.ok()) st = conn_->Exec("COMMIT");
  if (!st.ok() && conn_->InTransaction()) conn_->Exec("ROLLBACK");
  return st;
}

Result<UpsertOutcome> PgOutreachStore::UpsertRosterRow(const RosterRow& r) {
  UpsertOutcome outcome = UpsertOutcome::kUnchanged;
  Status st = InTransaction([&]() -> Status {
    auto old = conn_->Run(kFindRow, RowKey(r.kind, r.group_code, r.row_key), "không đọc được dòng danh sách");
    if (!old.ok()) return old.status();
    const bool found = old->rows() > 0;
    if (found && ReadRow(*old, 0) == r) return Status::Ok();
    Params p = RowKey(r.kind, r.group_code, r.row_key);
    p.Text(r.group_name).Text(r.subgroup).TextOrNull(r.unit.str());
    if (r.bhxh.valid())
      p.Int(r.bhxh.value());
    else
      p.Null();
    p.TextOrNull(r.citizen_id.str()).Text(r.full_name).DateOrNull(r.birth_date).Text(r.phone);
    p.DateOrNull(r.valid_from).DateOrNull(r.valid_to);
    auto w = conn_->Run(kPutRow, p, "không ghi được dòng danh sách");
    if (!w.ok()) return w.status();
    // The row's kept match no longer holds: it is matched again before it is listed.
    if (found) {
      auto d = conn_->Run(kDropMatch, RowKey(r.kind, r.group_code, r.row_key), "không xóa được kết quả đối chiếu cũ");
      if (!d.ok()) return d.status();
    }
    auto s = conn_->Run(kSetPending, Params(), "không ghi được trạng thái đối chiếu");
    if (!s.ok()) return s.status();
    outcome = found ? UpsertOutcome::kUpdated : UpsertOutcome::kInserted;
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return outcome;
}

Result<OutreachStore::MatchStamp> PgOutreachStore::GetMatchStamp() {
  auto q = conn_->Run(kGetStamp, Params(), "không đọc được trạng thái đối chiếu");
  if (!q.ok()) return q.status();
  if (q->rows() != 1) return Status::Corruption("không đọc được trạng thái đối chiếu: thiếu dòng outreach_state");
  MatchStamp m;
  m.person_generation = q->Int(0, 0);
  m.pending = q->Int(0, 1) != 0;
  return m;
}

Status PgOutreachStore::SetMatchStamp(const MatchStamp& m) {
  auto q = conn_->Run(kSetStamp, Params().Int(m.person_generation).Int(m.pending ? 1 : 0),
                      "không ghi được trạng thái đối chiếu");
  return q.ok() ? Status::Ok() : q.status();
}

Status PgOutreachStore::PutRosterMatch(RosterKind kind, const std::string& group_code, const std::string& row_key,
                                       const RosterMatchRecord& m) {
  return InTransaction([&]() -> Status {
    Params p = RowKey(kind, group_code, row_key);
    p.Int(m.state).Int(m.method);
    if (m.bhxh.valid())
      p.Int(m.bhxh.value());
    else
      p.Null();
    p.Text(m.list_unit).Text(m.candidates);
    auto q = conn_->Run(kPutMatch, p, "không ghi được kết quả đối chiếu");
    if (!q.ok()) return q.status();
    auto u = conn_->Run(kPutMatchUnit, Params().Int(static_cast<int64_t>(kind)).Text(m.list_unit),
                        "không ghi được đơn vị của kết quả đối chiếu");
    return u.ok() ? Status::Ok() : u.status();
  });
}

Status PgOutreachStore::ListRosterRowMatches(int kind, const std::vector<std::string>* units, bool uncertain_only,
                                             std::vector<RosterRowMatch>* out) {
  out->clear();
  auto read = [&](const Result<PgResult>& q) -> Status {
    if (!q.ok()) return q.status();
    for (int i = 0; i < q->rows(); ++i) out->push_back(ReadRowMatch(*q, i));
    return Status::Ok();
  };
  if (!units) {
    return read(conn_->Run(kListRowMatches, Params().Int(kind).Int(uncertain_only ? kRosterMatchUncertain : 0),
                           "không đọc được danh sách"));
  }
  if (kind == 0) return Status::InvalidArgument("danh sách theo đơn vị cần một loại danh sách");
  // Each unit through the index, and the rows listed under no unit; then in key order. (Rows
  // without a kept match have no unit yet: ListUnmatchedRosterRows, which the caller refreshes.)
  std::vector<std::string> codes = *units;
  codes.push_back("");
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  for (const std::string& u : codes) {
    Params p;
    p.Int(kind).Text(u);
    if (uncertain_only) p.Int(kRosterMatchUncertain);
    BAOPHU_RETURN_IF_ERROR(
        read(conn_->Run(uncertain_only ? kListUncertainOfUnit : kListRowMatchesOfUnit, p, "không đọc được danh sách")));
  }
  std::sort(out->begin(), out->end(), [](const RosterRowMatch& a, const RosterRowMatch& b) {
    return std::tie(a.row.group_code, a.row.row_key) < std::tie(b.row.group_code, b.row.row_key);
  });
  return Status::Ok();
}

Status PgOutreachStore::ListUnmatchedRosterRows(std::vector<RosterRow>* out) {
  out->clear();
  auto q = conn_->Run(kListUnmatched, Params(), "không đọc được danh sách");
  if (!q.ok()) return q.status();
  for (int i = 0; i < q->rows(); ++i) out->push_back(ReadRow(*q, i));
  return Status::Ok();
}

Result<RosterRowMatch> PgOutreachStore::FindRosterRowMatch(RosterKind kind, const std::string& group_code,
                                                           const std::string& row_key) {
  auto q = conn_->Run(kFindRowMatch, RowKey(kind, group_code, row_key), "không đọc được dòng danh sách");
  if (!q.ok()) return q.status();
  if (q->rows() == 0) return Status::NotFound("không có dòng danh sách " + group_code + "|" + row_key);
  return ReadRowMatch(*q, 0);
}

Status PgOutreachStore::ListMatchUnits(int kind, std::vector<std::string>* out) {
  out->clear();
  auto q = conn_->Run(kListMatchUnits, Params().Int(kind), "không đọc được đơn vị của kết quả đối chiếu");
  if (!q.ok()) return q.status();
  for (int i = 0; i < q->rows(); ++i) out->emplace_back(q->Text(i, 0));
  return Status::Ok();
}

Status PgOutreachStore::ListRosterRows(int kind, std::vector<RosterRow>* out) {
  out->clear();
  auto q = conn_->Run(kListRows, Params().Int(kind), "không đọc được danh sách");
  if (!q.ok()) return q.status();
  for (int i = 0; i < q->rows(); ++i) out->push_back(ReadRow(*q, i));
  return Status::Ok();
}

Result<UpsertOutcome> PgOutreachStore::UpsertMatchDecision(const MatchDecisionRecord& d) {
  Params key = RowKey(d.kind, d.group_code, d.row_key);
  key.Int(d.bhxh.value());
  auto old = conn_->Run(kFindDecision, key, "không đọc được quyết định khớp");
  if (!old.ok()) return old.status();
  const bool existed = old->rows() > 0;
  if (existed && old->Int(0, 0) == static_cast<int64_t>(d.decision) && old->Text(0, 1) == d.decided_by)
    return UpsertOutcome::kUnchanged;
  key.Int(static_cast<int64_t>(d.decision)).Text(d.decided_by);
  auto w = conn_->Run(kPutDecision, key, "không ghi được quyết định khớp");
  if (!w.ok()) return w.status();
  return existed ? UpsertOutcome::kUpdated : UpsertOutcome::kInserted;
}

Status PgOutreachStore::ListMatchDecisions(std::vector<MatchDecisionRecord>* out) {
  out->clear();
  auto q = conn_->Run(kListDecisions, Params(), "không đọc được các quyết định khớp");
  if (!q.ok()) return q.status();
  for (int i = 0; i < q->rows(); ++i) {
    MatchDecisionRecord d;
    d.kind = static_cast<RosterKind>(q->Int(i, 0));
    d.group_code = std::string(q->Text(i, 1));
    d.row_key = std::string(q->Text(i, 2));
    d.bhxh = BhxhNumber::FromInt(q->Int(i, 3));
    d.decision = static_cast<MatchDecision>(q->Int(i, 4));
    d.decided_by = std::string(q->Text(i, 5));
    out->push_back(std::move(d));
  }
  return Status::Ok();
}

Result<UpsertOutcome> PgOutreachStore::UpsertResponsible(const Responsible& r) {
  Params key;
  key.Int(static_cast<int64_t>(r.scope)).Text(r.key);
  auto old = conn_->Run(kFindResponsible, key, "không đọc được người phụ trách");
  if (!old.ok()) return old.status();
  const bool existed = old->rows() > 0;
  if (existed && old->Text(0, 0) == r.assignee) return UpsertOutcome::kUnchanged;
  key.Text(r.assignee);
  auto w = conn_->Run(kPutResponsible, key, "không ghi được người phụ trách");
  if (!w.ok()) return w.status();
  return existed ? UpsertOutcome::kUpdated : UpsertOutcome::kInserted;
}

Status PgOutreachStore::ListResponsibles(std::vector<Responsible>* out) {
  out->clear();
  auto q = conn_->Run(kListResponsibles, Params(), "không đọc được người phụ trách");
  if (!q.ok()) return q.status();
  for (int i = 0; i < q->rows(); ++i) {
    out->push_back(
        {static_cast<ResponsibleScope>(q->Int(i, 0)), std::string(q->Text(i, 1)), std::string(q->Text(i, 2))});
  }
  return Status::Ok();
}

Result<UpsertOutcome> PgOutreachStore::UpsertAssignment(const Assignment& a) {
  Params key;
  key.Text(a.list).Text(a.entry_key);
  auto old = conn_->Run(kFindAssignment, key, "không đọc được việc giao");
  if (!old.ok()) return old.status();
  const bool existed = old->rows() > 0;
  if (existed && old->Text(0, 0) == a.assignee && old->Text(0, 1) == a.unit.str() &&
      old->DateAt(0, 2) == a.assigned_on && old->Text(0, 3) == a.rule) {
    return UpsertOutcome::kUnchanged;
  }
  key.Text(a.assignee).TextOrNull(a.unit.str()).DateOrNull(a.assigned_on).Text(a.rule);
  auto w = conn_->Run(kPutAssignment, key, "không ghi được việc giao");
  if (!w.ok()) return w.status();
  return existed ? UpsertOutcome::kUpdated : UpsertOutcome::kInserted;
}

Status PgOutreachStore::ListAssignments(std::vector<Assignment>* out) {
  out->clear();
  auto q = conn_->Run(kListAssignments, Params(), "không đọc được việc giao");
  if (!q.ok()) return q.status();
  for (int i = 0; i < q->rows(); ++i) {
    Assignment a;
    a.list = std::string(q->Text(i, 0));
    a.entry_key = std::string(q->Text(i, 1));
    a.assignee = std::string(q->Text(i, 2));
    a.unit = UnitCode::Unchecked(std::string(q->Text(i, 3)));
    a.assigned_on = q->DateAt(i, 4);
    a.rule = std::string(q->Text(i, 5));
    out->push_back(std::move(a));
  }
  return Status::Ok();
}

Status PgOutreachStore::PersonsByNameFold(const std::string& fold, std::vector<Person>* out) {
  out->clear();
  auto q = conn_->Run(kPersonsByFold, Params().Text(fold), "không tìm được người theo tên");
  if (!q.ok()) return q.status();
  for (int i = 0; i < q->rows(); ++i) {
    Person p;
    p.bhxh = BhxhNumber::FromInt(q->Int(i, 0));
    if (!q->IsNull(i, 1)) {
      auto id = CitizenId::Parse(q->Text(i, 1));
      if (id.ok()) p.citizen_id = *id;
    }
    p.full_name = std::string(q->Text(i, 2));
    p.birth_date = q->DateAt(i, 3);
    p.sex = static_cast<Sex>(q->Int(i, 4));
    p.commune = UnitCode::Unchecked(std::string(q->Text(i, 5)));
    p.hamlet = UnitCode::Unchecked(std::string(q->Text(i, 6)));
    p.household_code = std::string(q->Text(i, 7));
    out->push_back(std::move(p));
  }
  return Status::Ok();
}

Result<int64_t> PgOutreachStore::AppendOutcome(const OutcomeRecord& o) {
  Params p;
  p.Text(o.list).Text(o.entry_key).DateOrNull(o.date).Int(static_cast<int64_t>(o.outcome)).Text(o.note);
  p.Text(o.recorded_by);
  // Outside a transaction a lost race for the seq is drawn again; inside one the transaction
  // has failed and the caller rolls it back.
  const bool own = !conn_->InTransaction();
  for (int attempt = 0;; ++attempt) {
    auto q = conn_->Run(kAppendOutcome, p, "không ghi được kết quả vận động");
    if (q.ok()) return q->Int(0, 0);
    if (!own || !conn_->LastFailedUnique() || attempt == 4) return q.status();
  }
}

Status PgOutreachStore::ListOutcomes(std::vector<OutcomeRecord>* out) {
  out->clear();
  auto q = conn_->Run(kListOutcomes, Params(), "không đọc được kết quả vận động");
  if (!q.ok()) return q.status();
  for (int i = 0; i < q->rows(); ++i) {
    OutcomeRecord o;
    o.list = std::string(q->Text(i, 0));
    o.entry_key = std::string(q->Text(i, 1));
    o.seq = q->Int(i, 2);
    o.date = q->DateAt(i, 3);
    o.outcome = static_cast<OutcomeKind>(q->Int(i, 4));
    o.note = std::string(q->Text(i, 5));
    o.recorded_by = std::string(q->Text(i, 6));
    out->push_back(std::move(o));
  }
  return Status::Ok();
}

}  // namespace baophu
