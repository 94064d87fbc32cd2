#include "rules/money_rules.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "core/csv.h"
#include "rules/rule_set.h"

namespace baophu {
namespace {

using Row = std::map<std::string, std::string>;

std::string Where(const std::string& path, const Row& r) { return path + " dòng " + r.at("#line"); }

Status Int(const std::string& path, const Row& r, const std::string& col, int64_t lo, int64_t hi, int64_t* out) {
  auto it = r.find(col);
  const std::string v = it == r.end() ? "" : it->second;
  char* end = nullptr;
  long long x = std::strtoll(v.c_str(), &end, 10);
  if (v.empty() || *end != 0 || x < lo || x > hi)
    return Status::Corruption(Where(path, r) + ", cột " + col + ": giá trị '" + v + "' không hợp lệ");
  *out = x;
  return Status::Ok();
}

Status DateCol(const std::string& path, const Row& r, const std::string& col, Date* out) {
  auto it = r.find(col);
  if (it == r.end() || it->second.empty()) return Status::Ok();  // open end
  auto d = Date::ParseOption(it->second);
  if (!d.ok()) return Status::Corruption(Where(path, r) + ", cột " + col + ": " + d.status().message());
  *out = *d;
  return Status::Ok();
}

std::string Get(const Row& r, const std::string& col) {
  auto it = r.find(col);
  return it == r.end() ? "" : it->second;
}

bool Has(const std::vector<std::string>& header, const char* col) {
  return std::find(header.begin(), header.end(), col) != header.end();
}

// Which table a file holds, told by its columns.
std::string TableOf(const std::vector<std::string>& header) {
  if (Has(header, "amount_dong")) return "base_salary";
  if (Has(header, "member_order")) return "household_reduction";
  if (Has(header, "support_bp")) return "support";
  if (Has(header, "rate_bp") && Has(header, "payer_group")) return "contribution_rates";
  if (Has(header, "key") && Has(header, "value")) return "money_params";
  return "";
}

}  // namespace

Result<MoneyRules> MoneyRules::Load(const std::string& dir, const std::vector<std::string>& extra_files) {
  MoneyRules m;
  for (const char* f :
       {"base_salary.csv", "contribution_rates.csv", "household_reduction.csv", "support.csv", "money_params.csv"})
    BAOPHU_RETURN_IF_ERROR(m.AddFile(dir + "/" + f, false));
  for (const std::string& f : extra_files) BAOPHU_RETURN_IF_ERROR(m.AddFile(f, true));
  m.Finalize();
  return m;
}

Result<MoneyRules> MoneyRules::LoadDefault(const std::vector<std::string>& extra_files) {
  std::string dir = RuleSet::DataDir() + "/rules";
  if (const char* d = std::getenv("BAOPHU_RULES_DIR"); d && *d) dir = d;
  std::vector<std::string> extras;
  if (const char* e = std::getenv("BAOPHU_MONEY_RULES"); e && *e) {
    std::string all = e;
    size_t start = 0;
    while (start <= all.size()) {
      size_t colon = all.find(':', start);
      if (colon == std::string::npos) colon = all.size();
      if (colon > start) extras.push_back(all.substr(start, colon - start));
      start = colon + 1;
    }
  }
  extras.insert(extras.end(), extra_files.begin(), extra_files.end());
  return Load(dir, extras);
}

Status MoneyRules::AddFile(const std::string& path, bool extension) {
  auto reader = CsvReader::Open(path);
  if (!reader.ok()) return reader.status();
  std::vector<std::string> header, fields;
  if (!reader->Next(&header)) return Status::Corruption("bảng quy tắc rỗng: " + path);
  const std::string table = TableOf(header);
  if (table.empty())
    return Status::InvalidArgument(path +
                                   ": không nhận ra bảng quy tắc (cần các cột của base_salary, contribution_rates, "
                                   "household_reduction, support hoặc money_params)");
  while (reader->Next(&fields)) {
    if (fields.size() == 1 && fields[0].empty()) continue;
    if (fields.size() != header.size())
      return Status::Corruption(path + " dòng " + std::to_string(reader->line()) + ": số cột không khớp tiêu đề");
    Row r;
    for (size_t i = 0; i < header.size(); ++i) r[header[i]] = fields[i];
    r["#line"] = std::to_string(reader->line());
    MoneyRule rule;
    rule.table = table;
    rule.confidence = Get(r, "confidence");
    rule.source = Get(r, "source");
    if (extension) rule.source = (rule.source.empty() ? "" : rule.source + " — ") + "tệp " + path;
    BAOPHU_RETURN_IF_ERROR(DateCol(path, r, "valid_from", &rule.valid_from));
    BAOPHU_RETURN_IF_ERROR(DateCol(path, r, "valid_to", &rule.valid_to));
    if (rule.valid_to < rule.valid_from) return Status::Corruption(Where(path, r) + ": valid_to trước valid_from");
    if (table == "base_salary") {
      rule.key = "base";
      BAOPHU_RETURN_IF_ERROR(Int(path, r, "amount_dong", 1, 1000000000, &rule.value));
    } else if (table == "household_reduction") {
      BAOPHU_RETURN_IF_ERROR(Int(path, r, "member_order", 1, 99, &rule.value));
      rule.key = std::to_string(rule.value);
      BAOPHU_RETURN_IF_ERROR(Int(path, r, "percent_bp", 0, kBpWhole, &rule.value));
    } else if (table == "support") {
      std::string payer = Get(r, "payer");
      if (payer != "state" && payer != "province")
        return Status::Corruption(Where(path, r) + ", cột payer: cần 'state' hoặc 'province', không phải '" + payer +
                                  "'");
      std::string category = Get(r, "category");
      if (category.empty()) return Status::Corruption(Where(path, r) + ": thiếu category");
      rule.key = category + "|" + payer + "|" + Get(r, "province");
      BAOPHU_RETURN_IF_ERROR(Int(path, r, "support_bp", 0, kBpWhole, &rule.value));
      std::string codes = Get(r, "object_codes");
      for (size_t i = 0; i < codes.size();) {
        size_t j = codes.find_first_of(" ;", i);
        if (j == std::string::npos) j = codes.size();
        if (j > i) {
          auto oc = ObjectCode::Parse(codes.substr(i, j - i));
          if (!oc.ok()) return Status::Corruption(Where(path, r) + ": " + oc.status().message());
          category_codes_.push_back({category, *oc});
        }
        i = j + 1;
      }
    } else if (table == "contribution_rates") {
      int64_t group = 0;
      BAOPHU_RETURN_IF_ERROR(Int(path, r, "payer_group", 1, 5, &group));
      rule.key = std::to_string(group);
      ContributionRate cr;
      cr.payer_group = static_cast<int>(group);
      BAOPHU_RETURN_IF_ERROR(Int(path, r, "rate_bp", 0, kBpWhole, &cr.rate_bp));
      BAOPHU_RETURN_IF_ERROR(Int(path, r, "employer_bp", 0, kBpWhole, &cr.employer_bp));
      BAOPHU_RETURN_IF_ERROR(Int(path, r, "employee_bp", 0, kBpWhole, &cr.employee_bp));
      cr.basis = Get(r, "basis");
      if (cr.basis != "salary" && cr.basis != "pension" && cr.basis != "base")
        return Status::Corruption(Where(path, r) + ", cột basis: cần salary, pension hoặc base");
      rule.value = cr.rate_bp;
      std::erase_if(rates_,
                    [&](const auto& p) { return p.first.key == rule.key && p.first.valid_from == rule.valid_from; });
      rates_.push_back({rule, cr});
    } else {
      rule.key = Get(r, "key");
      if (rule.key.empty()) return Status::Corruption(Where(path, r) + ": thiếu key");
      BAOPHU_RETURN_IF_ERROR(Int(path, r, "value", -1000000000000LL, 1000000000000LL, &rule.value));
    }
    // A later row (a user's file) replaces the one with the same key and start.
    std::erase_if(rules_, [&](const MoneyRule& o) {
      return o.table == rule.table && o.key == rule.key && o.valid_from == rule.valid_from;
    });
    rules_.push_back(std::move(rule));
  }
  return reader->status();
}

void MoneyRules::Finalize() {
  auto order = [](const MoneyRule& a, const MoneyRule& b) {
    if (a.table != b.table) return a.table < b.table;
    if (a.key != b.key) return a.key < b.key;
    return a.valid_from < b.valid_from;
  };
  std::sort(rules_.begin(), rules_.end(), order);
  std::sort(rates_.begin(), rates_.end(), [&](const auto& a, const auto& b) { return order(a.first, b.first); });
}

const MoneyRule* MoneyRules::Find(std::string_view table, std::string_view key, Date on) const {
  const MoneyRule* best = nullptr;
  for (const MoneyRule& r : rules_) {
    if (r.table != table || r.key != key) continue;
    if (r.valid_from <= on) best = &r;  // sorted by valid_from: the latest start wins
  }
  if (best && on > best->valid_to) return nullptr;
  return best;
}

Result<Money> MoneyRules::BaseSalary(Date on) const {
  const MoneyRule* r = Find("base_salary", "base", on);
  if (!r)
    return Status::NotFound("không có lương cơ sở áp dụng vào ngày " + on.ToVn() + " (data/rules/base_salary.csv)");
  return Money{r->value};
}

const MoneyRule* MoneyRules::ParamRule(std::string_view key, Date on) const { return Find("money_params", key, on); }

Result<int64_t> MoneyRules::Param(std::string_view key, Date on) const {
  const MoneyRule* r = ParamRule(key, on);
  if (!r)
    return Status::NotFound("không có tham số '" + std::string(key) + "' áp dụng vào ngày " + on.ToVn() +
                            " (data/rules/money_params.csv)");
  return r->value;
}

Result<ContributionRate> MoneyRules::Rate(int payer_group, Date on) const {
  const ContributionRate* best = nullptr;
  std::string key = std::to_string(payer_group);
  for (const auto& [rule, rate] : rates_)
    if (rule.key == key && rule.valid_from <= on && on <= rule.valid_to) best = &rate;
  if (!best)
    return Status::NotFound("không có mức đóng cho nhóm " + key + " vào ngày " + on.ToVn() +
                            " (data/rules/contribution_rates.csv)");
  return *best;
}

Result<int64_t> MoneyRules::HouseholdShareBp(int order, Date on) const {
  if (order < 1) return Status::InvalidArgument("thứ tự thành viên hộ phải từ 1");
  for (int o = order; o >= 1; --o) {
    if (const MoneyRule* r = Find("household_reduction", std::to_string(o), on)) return r->value;
  }
  return Status::NotFound("không có mức giảm trừ hộ gia đình vào ngày " + on.ToVn());
}

SupportShare MoneyRules::Support(std::string_view category, std::string_view province, Date on) const {
  SupportShare s;
  if (category.empty()) return s;
  std::string prefix = std::string(category) + "|";
  // Highest applicable state support (national rows, or rows of this province).
  for (const std::string& p : {std::string(""), std::string(province)}) {
    if (const MoneyRule* r = Find("support", prefix + "state|" + p, on)) s.state_bp = std::max(s.state_bp, r->value);
    if (p.empty() && province.empty()) break;
  }
  if (!province.empty()) {
    if (const MoneyRule* r = Find("support", prefix + "province|" + std::string(province), on))
      s.province_bp = r->value;
  }
  s.province_bp = std::min(s.province_bp, kBpWhole - s.state_bp);
  return s;
}

std::string MoneyRules::CategoryOf(ObjectCode code) const {
  for (const auto& [cat, oc] : category_codes_)
    if (oc == code) return cat;
  return "";
}

bool MoneyRules::KnowsCategory(std::string_view category) const {
  std::string prefix = std::string(category) + "|";
  for (const MoneyRule& r : rules_)
    if (r.table == "support" && r.key.rfind(prefix, 0) == 0) return true;
  return false;
}

}  // namespace baophu
