#include "steering/steering_import.h"

#include <algorithm>
#include <functional>
#include <map>
#include <sstream>

#include "core/csv.h"

namespace baophu {
namespace {

using Row = std::map<std::string, std::string>;

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s + ";") {
    if (c == ';' || c == ' ' || c == '|') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

struct RowContext {
  const std::string& path;
  int64_t line;
  const Row& row;
  std::vector<std::string>* errors;
  bool ok = true;
  std::string Get(const char* col) const {
    auto it = row.find(col);
    return it == row.end() ? "" : it->second;
  }
  void Error(const char* col, const std::string& why) {
    errors->push_back(path + ":" + std::to_string(line) + ": " + col + ": '" + Get(col) + "': " + why);
    ok = false;
  }
  std::string Text(const char* col) {
    std::string v = Get(col);
    if (v.empty()) Error(col, "không được để trống");
    return v;
  }
  Date Day(const char* col) {
    auto d = Date::Parse(Get(col));
    if (!d.ok()) {
      Error(col, "ngày không hợp lệ");
      return Date();
    }
    return *d;
  }
  int64_t Int(const char* col, int64_t min, bool optional = false, int64_t fallback = 0) {
    const std::string v = Get(col);
    if (v.empty() && optional) return fallback;
    try {
      size_t used = 0;
      int64_t n = std::stoll(v, &used);
      if (used == v.size() && n >= min) return n;
    } catch (...) {
    }
    Error(col, "phải là số nguyên từ " + std::to_string(min) + " trở lên");
    return 0;
  }
  ReportingGroupId Group(const RuleSet& rules, const char* col, const std::string& v) {
    if (v.empty() || v == "ALL" || v == "all") return kAllGroups;
    if (const ReportingGroup* g = rules.FindGroupByCode(v)) return g->id;
    Error(col, "không có nhóm đối tượng '" + v + "'");
    return kAllGroups;
  }
};

}  // namespace

bool IsSteeringKind(const std::string& k) {
  return k == "campaigns" || k == "campaign-assignees" || k == "conditions" || k == "agencies" || k == "agency-reports";
}

Result<SteeringImportResult> ImportSteeringCsv(SteeringStore* store, const RuleSet& rules,
                                               const ConditionLevels& levels, const std::string& kind,
                                               const std::string& path) {
  if (!IsSteeringKind(kind))
    return Status::InvalidArgument(
        "loại dữ liệu chỉ đạo phải là campaigns, campaign-assignees, conditions, agencies "
        "hoặc agency-reports: '" +
        kind + "'");
  static const std::map<std::string, std::vector<std::string>> kColumns = {
      {"campaigns", {"code", "name", "from", "to", "units", "groups", "target_new"}},
      {"campaign-assignees", {"campaign", "name", "kind", "unit", "target_new"}},
      {"conditions", {"unit", "kind", "from", "level", "note"}},
      {"agencies", {"code", "name", "unit", "from", "due_days"}},
      {"agency-reports", {"agency", "week_end", "group", "insured", "population", "submitted_on"}}};
  auto r = CsvReader::Open(path);
  if (!r.ok()) return r.status();
  std::vector<std::string> f, header;
  if (!r->Next(&header)) return Status::InvalidArgument(path + ": tệp rỗng");
  for (const std::string& need : kColumns.at(kind))
    if (std::find(header.begin(), header.end(), need) == header.end())
      return Status::InvalidArgument(path + ": thiếu cột " + need);
  SteeringImportResult res;
  std::vector<std::function<Status()>> writes;
  while (r->Next(&f)) {
    ++res.rows;
    Row row;
    for (size_t i = 0; i < header.size() && i < f.size(); ++i) row[header[i]] = f[i];
    RowContext c{path, r->line(), row, &res.errors};
    if (kind == "campaigns") {
      Campaign x;
      x.code = c.Text("code");
      x.name = c.Text("name");
      x.from = c.Day("from");
      x.to = c.Day("to");
      if (c.ok && x.to < x.from) c.Error("to", "trước ngày bắt đầu");
      x.units = SplitList(c.Get("units"));
      if (x.units.empty()) c.Error("units", "cần ít nhất một mã đơn vị");
      for (const std::string& g : SplitList(c.Get("groups"))) x.groups.push_back(c.Group(rules, "groups", g));
      x.target_new = c.Int("target_new", 0, true);
      writes.push_back([store, x] { return store->PutCampaign(x); });
    } else if (kind == "campaign-assignees") {
      CampaignAssignee x;
      x.campaign_code = c.Text("campaign");
      x.name = c.Text("name");
      const std::string k = c.Get("kind");
      if (k == "person" || k == "ca_nhan" || k == "cá nhân")
        x.person = true;
      else if (k != "organisation" && k != "to_chuc" && k != "tổ chức")
        c.Error("kind", "phải là organisation hoặc person");
      x.unit_code = c.Text("unit");
      x.target_new = c.Int("target_new", 0, true);
      writes.push_back([store, x] { return store->PutAssignee(x); });
    } else if (kind == "conditions") {
      AreaCondition x;
      x.unit_code = c.Text("unit");
      x.kind = c.Text("kind");
      x.from = c.Day("from");
      x.level = static_cast<int>(c.Int("level", 0));
      x.note = c.Get("note");
      if (c.ok && !levels.Find(x.kind, x.level)) c.Error("level", "không có trong bảng area_condition_levels.csv");
      writes.push_back([store, x] { return store->PutCondition(x); });
    } else if (kind == "agencies") {
      Agency x;
      x.code = c.Text("code");
      x.name = c.Text("name");
      x.unit_code = c.Text("unit");
      x.from = c.Day("from");
      x.due_days = static_cast<int>(c.Int("due_days", 0, true, 2));
      writes.push_back([store, x] { return store->PutAgency(x); });
    } else {
      AgencyReport x;
      x.agency_code = c.Text("agency");
      x.week_end = c.Day("week_end");
      x.group = c.Group(rules, "group", c.Get("group"));
      x.insured = c.Int("insured", 0);
      x.population = c.Int("population", 0, true, -1);
      x.submitted_on = c.Day("submitted_on");
      writes.push_back([store, x] { return store->PutAgencyReport(x); });
    }
  }
  if (!r->status().ok()) return r->status();
  if (!res.errors.empty()) return res;
  for (size_t i = 0; i < writes.size(); ++i) {
    Status st = writes[i]();
    if (!st.ok()) {
      res.errors.push_back(path + ": dòng dữ liệu thứ " + std::to_string(i + 1) + ": " + st.message());
      return res;
    }
    ++res.written;
  }
  return res;
}

}  // namespace baophu
