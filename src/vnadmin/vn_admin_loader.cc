#include "vnadmin/vn_admin_loader.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "core/csv.h"
#include "core/text.h"

namespace baophu {
namespace {

// One CSV file as rows of header → value.
class Table {
 public:
  static Result<Table> Read(const std::string& path) {
    auto r = CsvReader::Open(path);
    if (!r.ok()) return r.status();
    Table t;
    std::vector<std::string> fields;
    if (!r->Next(&t.header_)) return Status::Corruption("tệp rỗng: " + path);
    for (size_t i = 0; i < t.header_.size(); ++i) t.col_[t.header_[i]] = i;
    while (r->Next(&fields)) {
      if (fields.size() == 1 && fields[0].empty()) continue;
      if (fields.size() != t.header_.size())
        return Status::Corruption(path + " dòng " + std::to_string(r->line()) + ": số cột không khớp tiêu đề");
      for (auto& f : fields) f = ToNfc(f);
      t.rows_.push_back(fields);
    }
    if (!r->status().ok()) return r->status();
    t.path_ = path;
    return t;
  }
  Status Require(std::initializer_list<const char*> cols) const {
    for (const char* c : cols)
      if (!col_.count(c)) return Status::Corruption(path_ + ": thiếu cột '" + c + "'");
    return Status::Ok();
  }
  size_t size() const { return rows_.size(); }
  const std::string& at(size_t row, const char* col) const { return rows_[row][col_.at(col)]; }

 private:
  std::string path_;
  std::vector<std::string> header_;
  std::map<std::string, size_t> col_;
  std::vector<std::vector<std::string>> rows_;
};

struct Counter {
  VnAdminLoadStats* s;
  void Unit(UpsertOutcome o) {
    if (o == UpsertOutcome::kInserted) ++s->units_inserted;
    else if (o == UpsertOutcome::kUpdated) ++s->units_updated;
    else ++s->units_unchanged;
  }
};

Result<int64_t> ParseCount(const std::string& v) {
  if (v.empty()) return int64_t{0};
  int64_t x = 0;
  for (char c : v) {
    if (c < '0' || c > '9') return Status::Corruption("số dân không hợp lệ: '" + v + "'");
    x = x * 10 + (c - '0');
  }
  return x;
}

}  // namespace

Date Reform2025Date() { return Date::FromYmd(2025, 7, 1); }
Date Census2019Date() { return Date::FromYmd(2019, 4, 1); }

Result<VnAdminLoadStats> LoadVnAdmin(Store* store, const std::string& dir) {
  auto pre_p = Table::Read(dir + "/pre2025_provinces.csv");
  if (!pre_p.ok()) return pre_p.status();
  auto pre_d = Table::Read(dir + "/pre2025_districts.csv");
  if (!pre_d.ok()) return pre_d.status();
  auto pre_w = Table::Read(dir + "/pre2025_wards.csv");
  if (!pre_w.ok()) return pre_w.status();
  auto post_p = Table::Read(dir + "/post2025_provinces.csv");
  if (!post_p.ok()) return post_p.status();
  auto post_w = Table::Read(dir + "/post2025_wards.csv");
  if (!post_w.ok()) return post_w.status();
  auto map_p = Table::Read(dir + "/mapping_2025_old_to_new_provinces.csv");
  if (!map_p.ok()) return map_p.status();
  auto map_w = Table::Read(dir + "/mapping_2025_old_to_new_wards.csv");
  if (!map_w.ok()) return map_w.status();
  auto census = Table::Read(dir + "/census2019_population_by_unit.csv");
  if (!census.ok()) return census.status();
  BAOPHU_RETURN_IF_ERROR(pre_w->Require({"code", "full_name", "district_code"}));
  BAOPHU_RETURN_IF_ERROR(pre_d->Require({"code", "full_name", "province_code"}));
  BAOPHU_RETURN_IF_ERROR(post_w->Require({"code", "full_name", "province_code"}));
  BAOPHU_RETURN_IF_ERROR(map_w->Require({"old_level", "old_district_code", "old_ward_code", "new_ward_code", "merge_type"}));
  BAOPHU_RETURN_IF_ERROR(census->Require({"level", "population_total", "pre2025_code"}));

  const Date last_old = Reform2025Date().AddDays(-1);
  const Date first_new = Reform2025Date();
  VnAdminLoadStats stats;
  Counter count{&stats};
  Transaction tx(store);
  BAOPHU_RETURN_IF_ERROR(tx.Begin());

  auto put = [&](const std::string& code, const std::string& name, UnitLevel level, const std::string& parent,
                 Date from, Date to) -> Status {
    auto r = store->UpsertUnit(MakeUnit(code, name, level, parent, from, to));
    if (!r.ok()) return r.status();
    count.Unit(*r);
    return Status::Ok();
  };

  BAOPHU_RETURN_IF_ERROR(put(kCountryCode, "Việt Nam", UnitLevel::kCountry, "", Date::Min(), Date::Max()));
  for (size_t i = 0; i < pre_p->size(); ++i)
    BAOPHU_RETURN_IF_ERROR(put(pre_p->at(i, "code"), pre_p->at(i, "full_name"), UnitLevel::kProvince, kCountryCode,
                               Date::Min(), last_old));
  for (size_t i = 0; i < pre_d->size(); ++i)
    BAOPHU_RETURN_IF_ERROR(put(pre_d->at(i, "code"), pre_d->at(i, "full_name"), UnitLevel::kDistrict,
                               pre_d->at(i, "province_code"), Date::Min(), last_old));
  std::set<std::string> old_wards;
  for (size_t i = 0; i < pre_w->size(); ++i) {
    old_wards.insert(pre_w->at(i, "code"));
    BAOPHU_RETURN_IF_ERROR(put(pre_w->at(i, "code"), pre_w->at(i, "full_name"), UnitLevel::kCommune,
                               pre_w->at(i, "district_code"), Date::Min(), last_old));
  }
  for (size_t i = 0; i < post_p->size(); ++i)
    BAOPHU_RETURN_IF_ERROR(put(post_p->at(i, "code"), post_p->at(i, "full_name"), UnitLevel::kProvince, kCountryCode,
                               first_new, Date::Max()));
  std::map<std::string, std::string> new_ward_province;
  for (size_t i = 0; i < post_w->size(); ++i) {
    new_ward_province[post_w->at(i, "code")] = post_w->at(i, "province_code");
    BAOPHU_RETURN_IF_ERROR(put(post_w->at(i, "code"), post_w->at(i, "full_name"), UnitLevel::kCommune,
                               post_w->at(i, "province_code"), first_new, Date::Max()));
  }

  auto link = [&](const std::string& from, const std::string& to, MergeType type) -> Status {
    UnitSuccessor s;
    s.from_code = UnitCode::Unchecked(from);
    s.from_valid_from = Date::Min();
    s.to_code = UnitCode::Unchecked(to);
    s.type = type;
    auto r = store->UpsertSuccessor(s);
    if (!r.ok()) return r.status();
    ++stats.successors;
    return Status::Ok();
  };
  for (size_t i = 0; i < map_p->size(); ++i)
    BAOPHU_RETURN_IF_ERROR(link(map_p->at(i, "old_province_code"), map_p->at(i, "new_province_code"), MergeType::kFull));

  // Old commune → its edges, for the population carried into the new units.
  std::map<std::string, std::vector<std::pair<std::string, MergeType>>> edges;
  for (size_t i = 0; i < map_w->size(); ++i) {
    bool district = map_w->at(i, "old_level") == "district";
    const std::string& from = district ? map_w->at(i, "old_district_code") : map_w->at(i, "old_ward_code");
    if (!district && !old_wards.count(from)) {
      ++stats.skipped_mapping_edges;  // one of the 12 stale codes: not a unit of the 2025 list
      continue;
    }
    MergeType type = map_w->at(i, "merge_type") == "partial" ? MergeType::kPartial : MergeType::kFull;
    BAOPHU_RETURN_IF_ERROR(link(from, map_w->at(i, "new_ward_code"), type));
    edges[from].push_back({map_w->at(i, "new_ward_code"), type});
  }

  // 2019 census: one row per unit with a code in the pre-2025 list (the country as "VN").
  std::map<std::string, int64_t> census_by_code;
  for (size_t i = 0; i < census->size(); ++i) {
    const std::string& level = census->at(i, "level");
    std::string code = level == "country" ? std::string(kCountryCode) : census->at(i, "pre2025_code");
    if (code.empty()) continue;
    auto n = ParseCount(census->at(i, "population_total"));
    if (!n.ok()) return n.status();
    census_by_code[code] = *n;
    Population p;
    p.unit = UnitCode::Unchecked(code);
    p.date = Census2019Date();
    p.population = *n;
    p.source = "census2019";
    auto r = store->UpsertPopulation(p);
    if (!r.ok()) return r.status();
    ++stats.population_rows;
  }

  // Census carried into the post-2025 units: a whole old commune (or island district) goes to
  // its full successor; one split in k parts gives each an equal share (remainder to the first
  // parts in code order) — the mapping has no finer shares. Provinces: sum of old provinces.
  std::map<std::string, int64_t> mapped;
  for (auto& [from, list] : edges) {
    auto it = census_by_code.find(from);
    if (it == census_by_code.end()) continue;
    std::sort(list.begin(), list.end());
    int64_t k = static_cast<int64_t>(list.size());
    for (int64_t j = 0; j < k; ++j)
      mapped[list[static_cast<size_t>(j)].first] += it->second / k + (j < it->second % k ? 1 : 0);
  }
  for (size_t i = 0; i < map_p->size(); ++i) {
    auto it = census_by_code.find(map_p->at(i, "old_province_code"));
    if (it != census_by_code.end()) mapped[map_p->at(i, "new_province_code")] += it->second;
  }
  for (const auto& [code, n] : mapped) {
    Population p;
    p.unit = UnitCode::Unchecked(code);
    p.date = first_new;
    p.population = n;
    p.source = "census2019-mapped";
    auto r = store->UpsertPopulation(p);
    if (!r.ok()) return r.status();
    ++stats.mapped_population_rows;
  }
  BAOPHU_RETURN_IF_ERROR(tx.Commit());
  return stats;
}

}  // namespace baophu
