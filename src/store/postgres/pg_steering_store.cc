#include "store/postgres/pg_steering_store.h"

#include "store/postgres/pg_migrations.h"

namespace baophu {

using pg::Params;
using pg::PgResult;

namespace {

// Text keys sort byte-wise (COLLATE "C"), as SQLite's BINARY does, whatever the database's collation.
constexpr const char* kCodeExists = "SELECT 1 FROM unit_code WHERE code = $1";
constexpr const char* kUpsertCampaign =
    "INSERT INTO campaign (code, name, date_from, date_to, target_new) VALUES ($1, $2, $3, $4, $5) "
    "ON CONFLICT (code) DO UPDATE SET name = excluded.name, date_from = excluded.date_from, "
    "date_to = excluded.date_to, target_new = excluded.target_new";
constexpr const char* kDeleteCampaignUnits = "DELETE FROM campaign_unit WHERE campaign_code = $1";
constexpr const char* kDeleteCampaignGroups = "DELETE FROM campaign_group WHERE campaign_code = $1";
constexpr const char* kInsertCampaignUnit = "INSERT INTO campaign_unit (campaign_code, unit_code) VALUES ($1, $2)";
constexpr const char* kInsertCampaignGroup = "INSERT INTO campaign_group (campaign_code, group_id) VALUES ($1, $2)";
constexpr const char* kCampaigns =
    "SELECT code, name, date_from, date_to, target_new FROM campaign ORDER BY date_from, code COLLATE \"C\"";
constexpr const char* kCampaignUnits =
    "SELECT unit_code FROM campaign_unit WHERE campaign_code = $1 ORDER BY unit_code COLLATE \"C\"";
constexpr const char* kCampaignGroups =
    "SELECT group_id FROM campaign_group WHERE campaign_code = $1 ORDER BY group_id";
constexpr const char* kCampaignExists = "SELECT 1 FROM campaign WHERE code = $1";
constexpr const char* kUpsertAssignee =
    "INSERT INTO campaign_assignee (campaign_code, name, person, unit_code, target_new) VALUES ($1, $2, $3, $4, $5) "
    "ON CONFLICT (campaign_code, name) DO UPDATE SET person = excluded.person, unit_code = excluded.unit_code, "
    "target_new = excluded.target_new";
constexpr const char* kAssignees =
    "SELECT campaign_code, name, person, unit_code, target_new FROM campaign_assignee WHERE campaign_code = $1 "
    "ORDER BY name COLLATE \"C\"";
constexpr const char* kUpsertCondition =
    "INSERT INTO area_condition (unit_code, kind, date_from, level, note) VALUES ($1, $2, $3, $4, $5) "
    "ON CONFLICT (unit_code, kind, date_from) DO UPDATE SET level = excluded.level, note = excluded.note";
constexpr const char* kConditions =
    "SELECT unit_code, kind, date_from, level, note FROM area_condition "
    "ORDER BY unit_code COLLATE \"C\", kind COLLATE \"C\", date_from";
constexpr const char* kUpsertAgency =
    "INSERT INTO agency (code, name, unit_code, date_from, due_days) VALUES ($1, $2, $3, $4, $5) "
    "ON CONFLICT (code) DO UPDATE SET name = excluded.name, unit_code = excluded.unit_code, "
    "date_from = excluded.date_from, due_days = excluded.due_days";
constexpr const char* kAgencies =
    "SELECT code, name, unit_code, date_from, due_days FROM agency ORDER BY code COLLATE \"C\"";
constexpr const char* kAgencyExists = "SELECT 1 FROM agency WHERE code = $1";
constexpr const char* kUpsertAgencyReport =
    "INSERT INTO agency_report (agency_code, week_end, group_id, insured, population, submitted_on) "
    "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (agency_code, week_end, group_id) DO UPDATE SET "
    "insured = excluded.insured, population = excluded.population, submitted_on = excluded.submitted_on";
constexpr const char* kAgencyReports =
    "SELECT agency_code, week_end, group_id, insured, population, submitted_on FROM agency_report "
    "ORDER BY agency_code COLLATE \"C\", week_end, group_id";

std::string UnitMissing(const std::string& code) { return "không có đơn vị hành chính mã '" + code + "'"; }

}  // namespace

Result<std::unique_ptr<PgSteeringStore>> PgSteeringStore::Open(const std::string& uri) {
  auto conn = pg::Conn::Open(uri);
  if (!conn.ok()) return conn.status();
  BAOPHU_RETURN_IF_ERROR(pg::Migrate(conn->get()));
  return std::unique_ptr<PgSteeringStore>(new PgSteeringStore(std::move(*conn)));
}

Status PgSteeringStore::CheckExists(const char* sql, const std::string& key, const std::string& missing) {
  auto q = conn_->Run(sql, Params().Text(key), "lỗi khi kiểm tra mã");
  if (!q.ok()) return q.status();
  return q->rows() > 0 ? Status::Ok() : Status::NotFound(missing);
}

Status PgSteeringStore::Write(const char* sql, const Params& p, const char* doing) {
  auto q = conn_->Run(sql, p, doing);
  return q.ok() ? Status::Ok() : q.status();
}

Status PgSteeringStore::PutCampaign(const Campaign& c) {
  if (c.code.empty() || c.name.empty()) return Status::InvalidArgument("chiến dịch cần mã và tên");
  if (!c.from.valid() || !c.to.valid() || c.to < c.from)
    return Status::InvalidArgument("chiến dịch " + c.code + ": ngày kết thúc trước ngày bắt đầu");
  BAOPHU_RETURN_IF_ERROR(conn_->Exec("BEGIN"));
  Status st = [&]() -> Status {
    // Checked before writing: a failed statement would abort the transaction.
    for (const std::string& u : c.units) BAOPHU_RETURN_IF_ERROR(CheckExists(kCodeExists, u, UnitMissing(u)));
    Params p;
    p.Text(c.code).Text(c.name).DateOrNull(c.from).DateOrNull(c.to).Int(c.target_new);
    BAOPHU_RETURN_IF_ERROR(Write(kUpsertCampaign, p, "không ghi được chiến dịch"));
    BAOPHU_RETURN_IF_ERROR(Write(kDeleteCampaignUnits, Params().Text(c.code), "không ghi được chiến dịch"));
    BAOPHU_RETURN_IF_ERROR(Write(kDeleteCampaignGroups, Params().Text(c.code), "không ghi được chiến dịch"));
    for (const std::string& u : c.units)
      BAOPHU_RETURN_IF_ERROR(
          Write(kInsertCampaignUnit, Params().Text(c.code).Text(u), "không ghi được đơn vị của chiến dịch"));
    for (ReportingGroupId g : c.groups)
      BAOPHU_RETURN_IF_ERROR(
          Write(kInsertCampaignGroup, Params().Text(c.code).Int(g), "không ghi được nhóm của chiến dịch"));
    return Status::Ok();
  }();
  if (st.ok()) st = conn_->Exec("COMMIT");
  if (!st.ok() && conn_->InTransaction()) conn_->Exec("ROLLBACK");
  return st;
}

Status PgSteeringStore::PutAssignee(const CampaignAssignee& a) {
  BAOPHU_RETURN_IF_ERROR(
      CheckExists(kCampaignExists, a.campaign_code, "không có chiến dịch mã '" + a.campaign_code + "'"));
  if (a.name.empty()) return Status::InvalidArgument("người/tổ chức được giao cần có tên");
  BAOPHU_RETURN_IF_ERROR(CheckExists(kCodeExists, a.unit_code, UnitMissing(a.unit_code)));
  Params p;
  p.Text(a.campaign_code).Text(a.name).Int(a.person ? 1 : 0).Text(a.unit_code).Int(a.target_new);
  return Write(kUpsertAssignee, p, "không ghi được người/tổ chức được giao");
}

Status PgSteeringStore::ListCampaigns(std::vector<Campaign>* out) {
  out->clear();
  auto q = conn_->Run(kCampaigns, Params(), "không đọc được các chiến dịch");
  if (!q.ok()) return q.status();
  for (int i = 0; i < q->rows(); ++i) {
    Campaign c;
    c.code = std::string(q->Text(i, 0));
    c.name = std::string(q->Text(i, 1));
    c.from = q->DateAt(i, 2);
    c.to = q->DateAt(i, 3);
    c.target_new = q->Int(i, 4);
    out->push_back(std::move(c));
  }
  for (Campaign& c : *out) {
    auto u = conn_->Run(kCampaignUnits, Params().Text(c.code), "không đọc được đơn vị của chiến dịch");
    if (!u.ok()) return u.status();
    for (int i = 0; i < u->rows(); ++i) c.units.emplace_back(u->Text(i, 0));
    auto g = conn_->Run(kCampaignGroups, Params().Text(c.code), "không đọc được nhóm của chiến dịch");
    if (!g.ok()) return g.status();
    for (int i = 0; i < g->rows(); ++i) c.groups.push_back(static_cast<ReportingGroupId>(g->Int(i, 0)));
  }
  return Status::Ok();
}

Status PgSteeringStore::ListAssignees(const std::string& code, std::vector<CampaignAssignee>* out) {
  out->clear();
  auto q = conn_->Run(kAssignees, Params().Text(code), "không đọc được người/tổ chức được giao");
  if (!q.ok()) return q.status();
  for (int i = 0; i < q->rows(); ++i) {
    out->push_back(CampaignAssignee{std::string(q->Text(i, 0)), std::string(q->Text(i, 1)), q->Int(i, 2) != 0,
                                    std::string(q->Text(i, 3)), q->Int(i, 4)});
  }
  return Status::Ok();
}

Status PgSteeringStore::PutCondition(const AreaCondition& c) {
  if (c.kind.empty() || !c.from.valid()) return Status::InvalidArgument("tình trạng địa bàn cần loại và ngày");
  BAOPHU_RETURN_IF_ERROR(CheckExists(kCodeExists, c.unit_code, UnitMissing(c.unit_code)));
  Params p;
  p.Text(c.unit_code).Text(c.kind).DateOrNull(c.from).Int(c.level).Text(c.note);
  return Write(kUpsertCondition, p, "không ghi được tình trạng địa bàn");
}

Status PgSteeringStore::ListConditions(std::vector<AreaCondition>* out) {
  out->clear();
  auto q = conn_->Run(kConditions, Params(), "không đọc được tình trạng địa bàn");
  if (!q.ok()) return q.status();
  for (int i = 0; i < q->rows(); ++i) {
    out->push_back(AreaCondition{std::string(q->Text(i, 0)), std::string(q->Text(i, 1)), q->DateAt(i, 2),
                                 static_cast<int>(q->Int(i, 3)), std::string(q->Text(i, 4))});
  }
  return Status::Ok();
}

Status PgSteeringStore::PutAgency(const Agency& a) {
  if (a.code.empty() || a.name.empty() || !a.from.valid())
    return Status::InvalidArgument("cơ quan báo cáo cần mã, tên và ngày bắt đầu");
  if (a.due_days < 0 || a.due_days > 30) return Status::InvalidArgument("hạn nộp phải từ 0 đến 30 ngày sau cuối tuần");
  BAOPHU_RETURN_IF_ERROR(CheckExists(kCodeExists, a.unit_code, UnitMissing(a.unit_code)));
  Params p;
  p.Text(a.code).Text(a.name).Text(a.unit_code).DateOrNull(a.from).Int(a.due_days);
  return Write(kUpsertAgency, p, "không ghi được cơ quan báo cáo");
}

Status PgSteeringStore::ListAgencies(std::vector<Agency>* out) {
  out->clear();
  auto q = conn_->Run(kAgencies, Params(), "không đọc được các cơ quan báo cáo");
  if (!q.ok()) return q.status();
  for (int i = 0; i < q->rows(); ++i) {
    out->push_back(Agency{std::string(q->Text(i, 0)), std::string(q->Text(i, 1)), std::string(q->Text(i, 2)),
                          q->DateAt(i, 3), static_cast<int>(q->Int(i, 4))});
  }
  return Status::Ok();
}

Status PgSteeringStore::PutAgencyReport(const AgencyReport& r) {
  BAOPHU_RETURN_IF_ERROR(
      CheckExists(kAgencyExists, r.agency_code, "không có cơ quan báo cáo mã '" + r.agency_code + "'"));
  if (!r.week_end.valid() || !r.submitted_on.valid() || r.insured < 0)
    return Status::InvalidArgument("báo cáo tuần cần ngày cuối tuần, ngày nộp và số người không âm");
  Params p;
  p.Text(r.agency_code).DateOrNull(r.week_end).Int(r.group).Int(r.insured).Int(r.population);
  p.DateOrNull(r.submitted_on);
  return Write(kUpsertAgencyReport, p, "không ghi được báo cáo tuần");
}

Status PgSteeringStore::ListAgencyReports(std::vector<AgencyReport>* out) {
  out->clear();
  auto q = conn_->Run(kAgencyReports, Params(), "không đọc được các báo cáo tuần");
  if (!q.ok()) return q.status();
  for (int i = 0; i < q->rows(); ++i) {
    out->push_back(AgencyReport{std::string(q->Text(i, 0)), q->DateAt(i, 1),
                                static_cast<ReportingGroupId>(q->Int(i, 2)), q->Int(i, 3), q->Int(i, 4),
                                q->DateAt(i, 5)});
  }
  return Status::Ok();
}

}  // namespace baophu
