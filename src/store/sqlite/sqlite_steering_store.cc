#include "store/sqlite/sqlite_steering_store.h"

#include "store/sqlite/migrations.h"

namespace baophu {

using sqlite::ScopedReset;
using sqlite::Stmt;

namespace {

constexpr const char* kCodeExists = "SELECT 1 FROM unit_code WHERE code = ?1";
constexpr const char* kUpsertCampaign =
    "INSERT INTO campaign (code, name, date_from, date_to, target_new) VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT (code) DO UPDATE SET name = excluded.name, date_from = excluded.date_from, "
    "date_to = excluded.date_to, target_new = excluded.target_new";
constexpr const char* kDeleteCampaignUnits = "DELETE FROM campaign_unit WHERE campaign_code = ?1";
constexpr const char* kDeleteCampaignGroups = "DELETE FROM campaign_group WHERE campaign_code = ?1";
constexpr const char* kInsertCampaignUnit = "INSERT INTO campaign_unit (campaign_code, unit_code) VALUES (?1, ?2)";
constexpr const char* kInsertCampaignGroup = "INSERT INTO campaign_group (campaign_code, group_id) VALUES (?1, ?2)";
constexpr const char* kCampaigns =
    "SELECT code, name, date_from, date_to, target_new FROM campaign ORDER BY date_from, code";
constexpr const char* kCampaignUnits =
    "SELECT unit_code FROM campaign_unit WHERE campaign_code = ?1 ORDER BY unit_code";
constexpr const char* kCampaignGroups =
    "SELECT group_id FROM campaign_group WHERE campaign_code = ?1 ORDER BY group_id";
constexpr const char* kCampaignExists = "SELECT 1 FROM campaign WHERE code = ?1";
constexpr const char* kUpsertAssignee =
    "INSERT INTO campaign_assignee (campaign_code, name, person, unit_code, target_new) VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT (campaign_code, name) DO UPDATE SET person = excluded.person, unit_code = excluded.unit_code, "
    "target_new = excluded.target_new";
constexpr const char* kAssignees =
    "SELECT campaign_code, name, person, unit_code, target_new FROM campaign_assignee WHERE campaign_code = ?1 "
    "ORDER BY name";
constexpr const char* kUpsertCondition =
    "INSERT INTO area_condition (unit_code, kind, date_from, level, note) VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT (unit_code, kind, date_from) DO UPDATE SET level = excluded.level, note = excluded.note";
constexpr const char* kConditions =
    "SELECT unit_code, kind, date_from, level, note FROM area_condition ORDER BY unit_code, kind, date_from";
constexpr const char* kUpsertAgency =
    "INSERT INTO agency (code, name, unit_code, date_from, due_days) VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT (code) DO UPDATE SET name = excluded.name, unit_code = excluded.unit_code, "
    "date_from = excluded.date_from, due_days = excluded.due_days";
constexpr const char* kAgencies = "SELECT code, name, unit_code, date_from, due_days FROM agency ORDER BY code";
constexpr const char* kAgencyExists = "SELECT 1 FROM agency WHERE code = ?1";
constexpr const char* kUpsertAgencyReport =
    "INSERT INTO agency_report (agency_code, week_end, group_id, insured, population, submitted_on) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (agency_code, week_end, group_id) DO UPDATE SET "
    "insured = excluded.insured, population = excluded.population, submitted_on = excluded.submitted_on";
constexpr const char* kAgencyReports =
    "SELECT agency_code, week_end, group_id, insured, population, submitted_on FROM agency_report "
    "ORDER BY agency_code, week_end, group_id";

}  // namespace

Result<std::unique_ptr<SQLiteSteeringStore>> SQLiteSteeringStore::Open(const std::string& path) {
  auto db = sqlite::Db::Open(path);
  if (!db.ok()) return db.status();
  sqlite3_busy_timeout((*db)->raw(), 10000);
  BAOPHU_RETURN_IF_ERROR((*db)->Exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;"));
  auto mode = (*db)->QueryText("PRAGMA journal_mode = WAL");
  if (!mode.ok()) return mode.status();
  BAOPHU_RETURN_IF_ERROR(sqlite::Migrate(db->get()));
  return std::unique_ptr<SQLiteSteeringStore>(new SQLiteSteeringStore(std::move(*db)));
}

Status SQLiteSteeringStore::Run(const char* sql, const std::function<void(Stmt*)>& bind, const char* doing) {
  auto st = db_->Cached(sql);
  if (!st.ok()) return st.status();
  Stmt* q = *st;
  ScopedReset reset(q);
  bind(q);
  const int rc = q->Step();
  if (rc != SQLITE_DONE) return db_->Error(rc, doing);
  return Status::Ok();
}

Status SQLiteSteeringStore::Query(const char* sql, const std::function<void(Stmt*)>& bind,
                                  const std::function<void(const Stmt&)>& row, const char* doing) {
  auto st = db_->Cached(sql);
  if (!st.ok()) return st.status();
  Stmt* q = *st;
  ScopedReset reset(q);
  bind(q);
  for (;;) {
    const int rc = q->Step();
    if (rc == SQLITE_DONE) return Status::Ok();
    if (rc != SQLITE_ROW) return db_->Error(rc, doing);
    row(*q);
  }
}

Status SQLiteSteeringStore::CheckUnit(const std::string& code) {
  bool found = false;
  BAOPHU_RETURN_IF_ERROR(Query(
      kCodeExists, [&](Stmt* q) { q->BindText(1, code); }, [&](const Stmt&) { found = true; },
      "lỗi khi kiểm tra mã đơn vị"));
  return found ? Status::Ok() : Status::NotFound("không có đơn vị hành chính mã '" + code + "'");
}

Status SQLiteSteeringStore::PutCampaign(const Campaign& c) {
  if (c.code.empty() || c.name.empty()) return Status::InvalidArgument("chiến dịch cần mã và tên");
  if (!c.from.valid() || !c.to.valid() || c.to < c.from)
    return Status::InvalidArgument("chiến dịch " + c.code + ": ngày kết thúc trước ngày bắt đầu");
  BAOPHU_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
  Status st = [&]() -> Status {
    for (const std::string& u : c.units) BAOPHU_RETURN_IF_ERROR(CheckUnit(u));
    BAOPHU_RETURN_IF_ERROR(Run(
        kUpsertCampaign,
        [&](Stmt* q) {
          q->BindText(1, c.code);
          q->BindText(2, c.name);
          q->BindDate(3, c.from);
          q->BindDate(4, c.to);
          q->BindInt(5, c.target_new);
        },
        "không ghi được chiến dịch"));
    BAOPHU_RETURN_IF_ERROR(Run(
        kDeleteCampaignUnits, [&](Stmt* q) { q->BindText(1, c.code); }, "không ghi được chiến dịch"));
    BAOPHU_RETURN_IF_ERROR(Run(
        kDeleteCampaignGroups, [&](Stmt* q) { q->BindText(1, c.code); }, "không ghi được chiến dịch"));
    for (const std::string& u : c.units)
      BAOPHU_RETURN_IF_ERROR(Run(
          kInsertCampaignUnit,
          [&](Stmt* q) {
            q->BindText(1, c.code);
            q->BindText(2, u);
          },
          "không ghi được đơn vị của chiến dịch"));
    for (ReportingGroupId g : c.groups)
      BAOPHU_RETURN_IF_ERROR(Run(
          kInsertCampaignGroup,
          [&](Stmt* q) {
            q->BindText(1, c.code);
            q->BindInt(2, g);
          },
          "không ghi được nhóm của chiến dịch"));
    return Status::Ok();
  }();
  if (!st.ok()) {
    db_->Exec("ROLLBACK");
    return st;
  }
  return db_->Exec("COMMIT");
}

Status SQLiteSteeringStore::PutAssignee(const CampaignAssignee& a) {
  bool found = false;
  BAOPHU_RETURN_IF_ERROR(Query(
      kCampaignExists, [&](Stmt* q) { q->BindText(1, a.campaign_code); }, [&](const Stmt&) { found = true; },
      "lỗi khi tìm chiến dịch"));
  if (!found) return Status::NotFound("không có chiến dịch mã '" + a.campaign_code + "'");
  if (a.name.empty()) return Status::InvalidArgument("người/tổ chức được giao cần có tên");
  BAOPHU_RETURN_IF_ERROR(CheckUnit(a.unit_code));
  return Run(
      kUpsertAssignee,
      [&](Stmt* q) {
        q->BindText(1, a.campaign_code);
        q->BindText(2, a.name);
        q->BindInt(3, a.person ? 1 : 0);
        q->BindText(4, a.unit_code);
        q->BindInt(5, a.target_new);
      },
      "không ghi được người/tổ chức được giao");
}

Status SQLiteSteeringStore::ListCampaigns(std::vector<Campaign>* out) {
  out->clear();
  BAOPHU_RETURN_IF_ERROR(Query(
      kCampaigns, [](Stmt*) {},
      [&](const Stmt& s) {
        Campaign c;
        c.code = std::string(s.Text(0));
        c.name = std::string(s.Text(1));
        c.from = s.DateAt(2);
        c.to = s.DateAt(3);
        c.target_new = s.Int(4);
        out->push_back(std::move(c));
      },
      "không đọc được các chiến dịch"));
  for (Campaign& c : *out) {
    BAOPHU_RETURN_IF_ERROR(Query(
        kCampaignUnits, [&](Stmt* q) { q->BindText(1, c.code); },
        [&](const Stmt& s) { c.units.emplace_back(s.Text(0)); }, "không đọc được đơn vị của chiến dịch"));
    BAOPHU_RETURN_IF_ERROR(Query(
        kCampaignGroups, [&](Stmt* q) { q->BindText(1, c.code); },
        [&](const Stmt& s) { c.groups.push_back(static_cast<ReportingGroupId>(s.Int(0))); },
        "không đọc được nhóm của chiến dịch"));
  }
  return Status::Ok();
}

Status SQLiteSteeringStore::ListAssignees(const std::string& code, std::vector<CampaignAssignee>* out) {
  out->clear();
  return Query(
      kAssignees, [&](Stmt* q) { q->BindText(1, code); },
      [&](const Stmt& s) {
        out->push_back(CampaignAssignee{std::string(s.Text(0)), std::string(s.Text(1)), s.Int(2) != 0,
                                        std::string(s.Text(3)), s.Int(4)});
      },
      "không đọc được người/tổ chức được giao");
}

Status SQLiteSteeringStore::PutCondition(const AreaCondition& c) {
  if (c.kind.empty() || !c.from.valid()) return Status::InvalidArgument("tình trạng địa bàn cần loại và ngày");
  BAOPHU_RETURN_IF_ERROR(CheckUnit(c.unit_code));
  return Run(
      kUpsertCondition,
      [&](Stmt* q) {
        q->BindText(1, c.unit_code);
        q->BindText(2, c.kind);
        q->BindDate(3, c.from);
        q->BindInt(4, c.level);
        q->BindText(5, c.note);
      },
      "không ghi được tình trạng địa bàn");
}

Status SQLiteSteeringStore::ListConditions(std::vector<AreaCondition>* out) {
  out->clear();
  return Query(
      kConditions, [](Stmt*) {},
      [&](const Stmt& s) {
        out->push_back(AreaCondition{std::string(s.Text(0)), std::string(s.Text(1)), s.DateAt(2),
                                     static_cast<int>(s.Int(3)), std::string(s.Text(4))});
      },
      "không đọc được tình trạng địa bàn");
}

Status SQLiteSteeringStore::PutAgency(const Agency& a) {
  if (a.code.empty() || a.name.empty() || !a.from.valid())
    return Status::InvalidArgument("cơ quan báo cáo cần mã, tên và ngày bắt đầu");
  if (a.due_days < 0 || a.due_days > 30) return Status::InvalidArgument("hạn nộp phải từ 0 đến 30 ngày sau cuối tuần");
  BAOPHU_RETURN_IF_ERROR(CheckUnit(a.unit_code));
  return Run(
      kUpsertAgency,
      [&](Stmt* q) {
        q->BindText(1, a.code);
        q->BindText(2, a.name);
        q->BindText(3, a.unit_code);
        q->BindDate(4, a.from);
        q->BindInt(5, a.due_days);
      },
      "không ghi được cơ quan báo cáo");
}

Status SQLiteSteeringStore::ListAgencies(std::vector<Agency>* out) {
  out->clear();
  return Query(
      kAgencies, [](Stmt*) {},
      [&](const Stmt& s) {
        out->push_back(Agency{std::string(s.Text(0)), std::string(s.Text(1)), std::string(s.Text(2)), s.DateAt(3),
                              static_cast<int>(s.Int(4))});
      },
      "không đọc được các cơ quan báo cáo");
}

Status SQLiteSteeringStore::PutAgencyReport(const AgencyReport& r) {
  bool found = false;
  BAOPHU_RETURN_IF_ERROR(Query(
      kAgencyExists, [&](Stmt* q) { q->BindText(1, r.agency_code); }, [&](const Stmt&) { found = true; },
      "lỗi khi tìm cơ quan báo cáo"));
  if (!found) return Status::NotFound("không có cơ quan báo cáo mã '" + r.agency_code + "'");
  if (!r.week_end.valid() || !r.submitted_on.valid() || r.insured < 0)
    return Status::InvalidArgument("báo cáo tuần cần ngày cuối tuần, ngày nộp và số người không âm");
  return Run(
      kUpsertAgencyReport,
      [&](Stmt* q) {
        q->BindText(1, r.agency_code);
        q->BindDate(2, r.week_end);
        q->BindInt(3, r.group);
        q->BindInt(4, r.insured);
        q->BindInt(5, r.population);
        q->BindDate(6, r.submitted_on);
      },
      "không ghi được báo cáo tuần");
}

Status SQLiteSteeringStore::ListAgencyReports(std::vector<AgencyReport>* out) {
  out->clear();
  return Query(
      kAgencyReports, [](Stmt*) {},
      [&](const Stmt& s) {
        out->push_back(AgencyReport{std::string(s.Text(0)), s.DateAt(1), static_cast<ReportingGroupId>(s.Int(2)),
                                    s.Int(3), s.Int(4), s.DateAt(5)});
      },
      "không đọc được các báo cáo tuần");
}

}  // namespace baophu
