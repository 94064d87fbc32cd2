// Employers' health-insurance contributions: per employer and month the amount due (4,5 % of the
// declared salary fund, plus the social and unemployment shares when declared), paid (payments
// applied to the oldest month first), owed; arrears ageing (0–30, 31–60, 61–90, > 90 days past
// the deadline); late payment vs evasion by the Law on Social Insurance 41/2024; interest at
// 0,03 %/day to the đồng; the fine band; declarations below the regional minimum wage (evasion
// when the employer's region is known); and employees' coverage from the roster.
// Pure functions over MoneyRules and the records; thread-safe.
#pragma once

#include <array>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "registry/money_model.h"
#include "rules/money_rules.h"

namespace baophu::money {

// Persisted in CSV output as its key: "current", "late", "evasion".
enum class Standing : int { kCurrent = 0, kLate = 1, kEvasion = 2 };
const char* StandingKey(Standing s);
const char* StandingVi(Standing s);  // "đúng hạn", "chậm đóng", "trốn đóng"
const char* StandingEn(Standing s);

struct EmployerMonth {
  int year = 0, month = 0;
  Date deadline;               // last day of the month after (payment_deadline_months)
  Money health_due;            // 4,5 % of the salary fund
  Money other_due;             // social + unemployment shares as declared
  Money due;                   // health + other
  Money paid;                  // applied from payments up to the as-of date
  Money owed;                  // due − paid
  int32_t days_late = 0;       // as-of − deadline, when owed and past the deadline
  Money interest;              // on the balance day by day after the deadline, to the đồng
  bool below_minimum = false;  // salary fund under employees × the region's minimum wage
};

// Ageing buckets: 0 = 1–30 days, 1 = 31–60, 2 = 61–90, 3 = over 90.
inline constexpr int kAgeBuckets = 4;

struct EmployerAccount {
  Employer employer;
  std::vector<EmployerMonth> months;       // declared months up to the as-of date
  Money due, paid, owed, overdue, credit;  // overdue = owed past the deadline; credit = paid beyond due
  std::array<Money, kAgeBuckets> ageing{};
  int32_t max_days_late = 0;
  Money interest;
  Standing standing = Standing::kCurrent;
  std::string reason_vi, reason_en;  // why that standing
  Date last_reminder;                // invalid = none
  bool fine_known = false;           // a fine band is in force on the as-of date
  Money fine_min, fine_max;
  int64_t declared_employees = 0;    // latest declaration
  int64_t roster = 0;                // people on the roster
  int64_t roster_insured = 0;        // of whom holding an employer (group 1) card on the as-of date
  int64_t unregistered_late = 0;     // not registered, 31–90 days after joining
  int64_t unregistered_evasion = 0;  // not registered more than 90 days after joining
  int64_t months_below_minimum = 0;  // declarations under the regional minimum wage (evasion)
};

struct EmployerRecords {
  std::vector<Employer> employers;
  std::vector<EmployerDeclaration> declarations;
  std::vector<EmployerPayment> payments;
  std::vector<EmployerReminder> reminders;
  std::vector<RosterEntry> roster;
};

// The payer group of the card `bhxh` holds on `on` (0 when none): how the roster is checked.
using PayerGroupOn = std::function<int(BhxhNumber bhxh, Date on)>;

// Every employer's account on `as_of` (in tax-code order). `payer_group_on` may be empty when no
// roster is given.
Result<std::vector<EmployerAccount>> ComputeEmployerAccounts(const MoneyRules& rules, const EmployerRecords& records,
                                                             Date as_of, const PayerGroupOn& payer_group_on);

// The inspection list: employers owing past the deadline, evasion first, then by amount owed
// (largest first), then by age (oldest first).
std::vector<const EmployerAccount*> InspectionList(const std::vector<EmployerAccount>& accounts);

}  // namespace baophu::money
