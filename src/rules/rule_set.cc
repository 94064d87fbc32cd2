#include "rules/rule_set.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "core/csv.h"

namespace baophu {
namespace {

// Reads a small CSV table into maps keyed by header name; fails with the file and line.
Status ReadTable(const std::string& path, const std::vector<std::string>& required,
                 std::vector<std::map<std::string, std::string>>* rows) {
  auto reader = CsvReader::Open(path);
  if (!reader.ok()) return reader.status();
  std::vector<std::string> header, fields;
  if (!reader->Next(&header)) return Status::Corruption("bảng quy tắc rỗng: " + path);
  for (const auto& r : required) {
    if (std::find(header.begin(), header.end(), r) == header.end())
      return Status::Corruption(path + ": thiếu cột '" + r + "'");
  }
  while (reader->Next(&fields)) {
    if (fields.size() == 1 && fields[0].empty()) continue;
    if (fields.size() != header.size())
      return Status::Corruption(path + " dòng " + std::to_string(reader->line()) + ": số cột không khớp tiêu đề");
    std::map<std::string, std::string> row;
    for (size_t i = 0; i < header.size(); ++i) row[header[i]] = fields[i];
    row["#line"] = std::to_string(reader->line());
    rows->push_back(std::move(row));
  }
  return reader->status();
}

Status ParseInt(const std::string& path, const std::map<std::string, std::string>& row,
                const std::string& col, int lo, int hi, int* out) {
  const std::string& v = row.at(col);
  char* end = nullptr;
  long x = std::strtol(v.c_str(), &end, 10);
  if (v.empty() || *end != 0 || x < lo || x > hi)
    return Status::Corruption(path + " dòng " + row.at("#line") + ", cột " + col + ": giá trị '" + v +
                              "' không hợp lệ");
  *out = static_cast<int>(x);
  return Status::Ok();
}

}  // namespace

std::string RuleSet::DataDir() {
  if (const char* d = std::getenv("BAOPHU_DATA_DIR"); d && *d) return d;
  return std::string(BAOPHU_SOURCE_DIR) + "/data";
}

Result<RuleSet> RuleSet::LoadDefault() {
  if (const char* d = std::getenv("BAOPHU_RULES_DIR"); d && *d) return LoadFromDir(d);
  return LoadFromDir(DataDir() + "/rules");
}

Result<RuleSet> RuleSet::LoadFromDir(const std::string& dir) {
  RuleSet rs;
  std::vector<std::map<std::string, std::string>> rows;
  std::string gpath = dir + "/reporting_groups.csv";
  BAOPHU_RETURN_IF_ERROR(ReadTable(gpath, {"id", "code", "priority", "name_vi", "name_en"}, &rows));
  for (const auto& r : rows) {
    ReportingGroup g;
    int id, prio;
    BAOPHU_RETURN_IF_ERROR(ParseInt(gpath, r, "id", 1, 255, &id));
    BAOPHU_RETURN_IF_ERROR(ParseInt(gpath, r, "priority", 1, 1000, &prio));
    g.id = static_cast<ReportingGroupId>(id);
    g.priority = prio;
    g.code = r.at("code");
    g.name_vi = r.at("name_vi");
    g.name_en = r.at("name_en");
    rs.groups_.push_back(std::move(g));
  }
  if (!rs.FindGroup(kUnclassifiedGroup))
    return Status::Corruption(gpath + ": thiếu nhóm " + std::to_string(kUnclassifiedGroup) + " (chưa phân loại)");
  std::stable_sort(rs.groups_.begin(), rs.groups_.end(),
                   [](const ReportingGroup& a, const ReportingGroup& b) { return a.priority < b.priority; });
  std::fill(std::begin(rs.rank_), std::end(rs.rank_), 255);
  for (size_t i = 0; i < rs.groups_.size(); ++i) rs.rank_[rs.groups_[i].id] = static_cast<int>(i);

  rows.clear();
  std::string opath = dir + "/object_codes.csv";
  BAOPHU_RETURN_IF_ERROR(ReadTable(
      opath, {"object_code", "payer_group", "reporting_group", "benefit_level", "valid_from", "valid_to"}, &rows));
  for (const auto& r : rows) {
    ObjectCodeRule rule;
    auto code = ObjectCode::Parse(r.at("object_code"));
    if (!code.ok()) return Status::Corruption(opath + " dòng " + r.at("#line") + ": " + code.status().message());
    rule.code = *code;
    int rg;
    BAOPHU_RETURN_IF_ERROR(ParseInt(opath, r, "payer_group", 1, 5, &rule.payer_group));
    BAOPHU_RETURN_IF_ERROR(ParseInt(opath, r, "reporting_group", 1, 255, &rg));
    BAOPHU_RETURN_IF_ERROR(ParseInt(opath, r, "benefit_level", 1, 5, &rule.benefit_level));
    rule.reporting_group = static_cast<ReportingGroupId>(rg);
    if (!rs.FindGroup(rule.reporting_group))
      return Status::Corruption(opath + " dòng " + r.at("#line") + ": nhóm báo cáo " + std::to_string(rg) + " không có");
    for (auto [col, dst] : {std::pair{"valid_from", &rule.valid_from}, std::pair{"valid_to", &rule.valid_to}}) {
      if (r.at(col).empty()) continue;
      auto d = Date::ParseOption(r.at(col));
      if (!d.ok()) return Status::Corruption(opath + " dòng " + r.at("#line") + ": " + d.status().message());
      *dst = *d;
    }
    auto it = r.find("name_vi");
    if (it != r.end()) rule.name_vi = it->second;
    rs.rules_.push_back(std::move(rule));
  }
  std::sort(rs.rules_.begin(), rs.rules_.end(), [](const ObjectCodeRule& a, const ObjectCodeRule& b) {
    return a.code != b.code ? a.code < b.code : a.valid_from < b.valid_from;
  });
  return rs;
}

const ObjectCodeRule* RuleSet::Find(ObjectCode code, Date on) const {
  auto it = std::lower_bound(rules_.begin(), rules_.end(), code,
                             [](const ObjectCodeRule& r, ObjectCode c) { return r.code < c; });
  const ObjectCodeRule* last = nullptr;
  for (; it != rules_.end() && it->code == code; ++it) {
    if (it->valid_from <= on && on <= it->valid_to) return &*it;
    last = &*it;
  }
  // Outside every window of a known code: the nearest rule still says what the code is.
  return last;
}

ReportingGroupId RuleSet::ReportingGroupOf(ObjectCode code, Date on) const {
  const ObjectCodeRule* r = Find(code, on);
  return r ? r->reporting_group : kUnclassifiedGroup;
}

const ReportingGroup* RuleSet::FindGroup(ReportingGroupId id) const {
  for (const auto& g : groups_) if (g.id == id) return &g;
  return nullptr;
}

const ReportingGroup* RuleSet::FindGroupByCode(const std::string& code) const {
  for (const auto& g : groups_) if (g.code == code) return &g;
  return nullptr;
}

}  // namespace baophu
