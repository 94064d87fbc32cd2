#include "steering/area_conditions.h"

#include <map>

#include "core/csv.h"
#include "rules/rule_set.h"

namespace baophu {

Result<ConditionLevels> ConditionLevels::Load(const std::string& dir) {
  const std::string path = dir + "/area_condition_levels.csv";
  auto r = CsvReader::Open(path);
  if (!r.ok()) return r.status();
  std::vector<std::string> f;
  if (!r->Next(&f)) return Status::InvalidArgument(path + ": tệp rỗng");
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < f.size(); ++i) col[f[i]] = i;
  for (const char* need : {"kind", "level", "name_vi", "name_en", "door_to_door", "meetings", "loudspeaker", "online"})
    if (!col.count(need)) return Status::InvalidArgument(path + ": thiếu cột " + need);
  ConditionLevels out;
  while (r->Next(&f)) {
    auto at = [&](const char* c) { return col[c] < f.size() ? f[col[c]] : std::string(); };
    auto flag = [&](const char* c) -> Result<bool> {
      const std::string v = at(c);
      if (v == "1") return true;
      if (v == "0") return false;
      return Status::InvalidArgument(path + ":" + std::to_string(r->line()) + ": cột " + c + " phải là 0 hoặc 1: '" +
                                     v + "'");
    };
    ConditionLevel l;
    l.kind = at("kind");
    try {
      l.level = std::stoi(at("level"));
    } catch (...) {
      return Status::InvalidArgument(path + ":" + std::to_string(r->line()) + ": cấp độ không hợp lệ: '" + at("level") +
                                     "'");
    }
    l.name_vi = at("name_vi");
    l.name_en = at("name_en");
    for (auto [c, dst] : {std::pair{"door_to_door", &l.door_to_door}, std::pair{"meetings", &l.meetings},
                          std::pair{"loudspeaker", &l.loudspeaker}, std::pair{"online", &l.online}}) {
      auto b = flag(c);
      if (!b.ok()) return b.status();
      *dst = *b;
    }
    if (col.count("source")) l.source = at("source");
    out.levels_.push_back(std::move(l));
  }
  if (!r->status().ok()) return r->status();
  return out;
}

Result<ConditionLevels> ConditionLevels::LoadDefault() {
  if (const char* d = std::getenv("BAOPHU_RULES_DIR"); d && *d) return Load(d);
  return Load(RuleSet::DataDir() + "/rules");
}

const ConditionLevel* ConditionLevels::Find(const std::string& kind, int level) const {
  for (const ConditionLevel& l : levels_)
    if (l.kind == kind && l.level == level) return &l;
  return nullptr;
}

std::vector<ConditionInForce> ConditionsOn(const std::vector<AreaCondition>& rows, const ConditionLevels& levels,
                                           const UnitTree& tree, const std::string& code, Date d) {
  std::map<std::string, ConditionInForce> by_kind;
  bool inherited = false;
  // From the unit up to the country: the first level (the unit's own, else the nearest
  // ancestor's) that has a row of a kind decides that kind.
  for (UnitTree::Index i = tree.Resolve(code, d); i >= 0; i = tree.Parent(i, d), inherited = true) {
    const std::string& c = tree.unit(i).code.str();
    std::map<std::string, const AreaCondition*> latest;
    for (const AreaCondition& a : rows)
      if (a.unit_code == c && a.from <= d && (!latest.count(a.kind) || latest[a.kind]->from < a.from))
        latest[a.kind] = &a;
    for (const auto& [kind, a] : latest)
      if (!by_kind.count(kind)) by_kind[kind] = ConditionInForce{*a, inherited, levels.Find(kind, a->level)};
  }
  std::vector<ConditionInForce> out;
  for (auto& [k, v] : by_kind) out.push_back(v);
  return out;
}

std::string AllowedModes(const ConditionLevel& l, Lang lang) {
  const bool vi = lang == Lang::kVi;
  std::string s;
  auto add = [&](bool on, const char* v, const char* e) {
    if (on) s += (s.empty() ? "" : ", ") + std::string(vi ? v : e);
  };
  add(l.door_to_door, "đến từng nhà", "door to door");
  add(l.meetings, "họp dân", "meetings");
  add(l.loudspeaker, "loa truyền thanh", "loudspeaker");
  add(l.online, "trực tuyến", "online");
  return s.empty() ? (vi ? "không hình thức nào" : "none") : s;
}

}  // namespace baophu
