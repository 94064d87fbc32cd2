// MoneyRules: the money side of the law as effective-dated tables (data/rules/*.csv): base salary,
// contribution rates per payer group, household reduction by member order, state and province
// support, and the named parameters (school fund percentage, interest per day, fine bands, card
// waiting days...). A user extends or overrides any table with a file of the same columns (a
// province's extra support, a new base salary); a row of such a file replaces the repository's
// row with the same key and start date. No rate lives in code.
// Immutable after loading; safe for concurrent const use.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/codes.h"
#include "core/date.h"
#include "core/money.h"
#include "core/status.h"

namespace baophu {

// Rates are basis points (1 bp = 0,01 %): 4,5 % = 450, 70 % = 7000.
inline constexpr int64_t kBpWhole = 10000;

// One effective-dated row of any money table: in force from valid_from until the next row of
// the same key starts (or valid_to when given).
struct MoneyRule {
  std::string table;  // "base_salary", "money_params", ...
  std::string key;    // parameter name, payer group, member order, category/payer/province
  Date valid_from = Date::Min();
  Date valid_to = Date::Max();  // inclusive
  int64_t value = 0;            // đồng, basis points or a count, as the key says
  std::string confidence;       // "law", "2nd" or "?" (see ../shared/domain/bhyt-rules.md)
  std::string source;           // the legal text, or the user's file
};

struct ContributionRate {
  int payer_group = 0;      // 1..5
  int64_t rate_bp = 0;      // of the basis
  int64_t employer_bp = 0;  // employer's part (group 1)
  int64_t employee_bp = 0;  // employee's part (group 1)
  std::string basis;        // "salary", "pension" or "base" (base salary)
};

// A person's support on a date: the highest applicable state support plus the province's own.
struct SupportShare {
  int64_t state_bp = 0;
  int64_t province_bp = 0;  // capped so that state + province <= 100 %
  int64_t total_bp() const { return state_bp + province_bp; }
};

class MoneyRules {
 public:
  // The repository tables from `dir`, then each extension file in order.
  static Result<MoneyRules> Load(const std::string& dir, const std::vector<std::string>& extra_files = {});
  // $BAOPHU_RULES_DIR or <data dir>/rules, plus the files listed in $BAOPHU_MONEY_RULES
  // (separated by ':').
  static Result<MoneyRules> LoadDefault(const std::vector<std::string>& extra_files = {});

  // The base salary (lương cơ sở) in force on `on`; NotFound before the first row.
  Result<Money> BaseSalary(Date on) const;
  // A named parameter of money_params.csv in force on `on`.
  Result<int64_t> Param(std::string_view key, Date on) const;
  // The parameter's row (for confidence and source); nullptr when none is in force.
  const MoneyRule* ParamRule(std::string_view key, Date on) const;
  Result<ContributionRate> Rate(int payer_group, Date on) const;
  // Share of the first member's amount paid by the `order`-th member (1-based); orders past the
  // table take its last row ("5th and later").
  Result<int64_t> HouseholdShareBp(int order, Date on) const;
  // Support for a category ("pupil", "near_poor"...) in a province (2-digit code or empty).
  SupportShare Support(std::string_view category, std::string_view province, Date on) const;
  // The support category an object code implies by default ("HS" → "pupil"), "" for none.
  std::string CategoryOf(ObjectCode code) const;
  bool KnowsCategory(std::string_view category) const;

  const std::vector<MoneyRule>& rules() const { return rules_; }

 private:
  Status AddFile(const std::string& path, bool extension);
  // The row of (table, key) in force on `on`.
  const MoneyRule* Find(std::string_view table, std::string_view key, Date on) const;
  void Finalize();

  std::vector<MoneyRule> rules_;  // sorted by table, key, valid_from
  // contribution_rates rows: the MoneyRule (key = payer group, value = rate_bp) and the rest.
  std::vector<std::pair<MoneyRule, ContributionRate>> rates_;
  std::vector<std::pair<std::string, ObjectCode>> category_codes_;  // category → object code
};

}  // namespace baophu
