// Schools' primary-care funds (Decree 146/2018 Art. 33–34): per school and period the amount
// percentage × N × 4,5 % × base salary × months, N = pupils holding a valid card through any
// group, each month at its own base salary and percentage; payable only to schools with a
// medical room and a practitioner and without an insurance treatment contract.
// Pure functions; thread-safe.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "registry/money_model.h"
#include "rules/money_rules.h"

namespace baophu::money {

struct SchoolFundLine {
  School school;
  SchoolPupilCount count;
  int64_t fund_bp = 0;  // percentage in force on the first month
  int64_t rate_bp = 0;  // contribution rate (4,5 %) on the first month
  Money first_base;     // base salary of the first month
  Money amount;         // the computed fund
  bool payable = false;
  std::string reason_vi, reason_en;  // why not payable ("" when payable)
  int64_t rate_hundredths = -1;      // insured ÷ enrolled, in hundredths of a percent (-1 unknown)
};

struct SchoolFundTotals {
  int64_t schools = 0, payable_schools = 0, insured_pupils = 0;
  Money amount, payable_amount;
};

// Fund lines for the counts whose period starts within [from, to] (inclusive), by school code.
Result<std::vector<SchoolFundLine>> ComputeSchoolFunds(const MoneyRules& rules, const std::vector<School>& schools,
                                                       const std::vector<SchoolPupilCount>& counts, Date from, Date to);
SchoolFundTotals Totals(const std::vector<SchoolFundLine>& lines);

// N from a pupils' list and the registry's cards: per school, the pupils on its list holding a
// valid card on `on`, split into those insured as pupils or students (HS, SV) and those insured
// through another group (poor household, under 6, policy beneficiary...), which the Bạc Liêu
// directive asks schools to count too.
struct PupilCoverage {
  std::string school_code;
  int64_t pupils = 0, insured = 0, insured_as_pupils = 0, insured_other = 0;
};
// The object code of a valid card the person holds on the day (a pupil card preferred); empty
// when none.
using CardObjectOn = std::function<ObjectCode(BhxhNumber bhxh, Date on)>;
std::vector<PupilCoverage> CountInsuredPupils(const MoneyRules& rules, const std::vector<SchoolPupil>& roster, Date on,
                                              const CardObjectOn& card_object_on);

// The fund for N insured pupils over `months` months starting in the month of `period_from`,
// rounded once, half up, to the đồng.
Result<Money> SchoolFundAmount(const MoneyRules& rules, int64_t insured_pupils, Date period_from, int months);

}  // namespace baophu::money
