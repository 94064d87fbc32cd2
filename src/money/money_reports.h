// The money reports' shapes: each result of the money layer as a MoneyTable (title, headers,
// rows, notes) in Vietnamese or English, ready for text, CSV or XLSX. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "money/card_validity.h"
#include "money/contribution.h"
#include "money/employer_arrears.h"
#include "money/money_table.h"
#include "money/school_fund.h"
#include "money/sponsors.h"

namespace baophu::money {

MoneyTable FeeTable(const FeeResult& fee, const std::optional<CardWindow>& card, bool household, bool en);
MoneyTable CardTable(const CardRequest& request, const CardWindow& card, bool en);
MoneyTable ArrearsTable(const std::vector<EmployerAccount>& accounts, Date as_of, bool en);
MoneyTable InspectionTable(const std::vector<const EmployerAccount*>& list, Date as_of, bool en);
MoneyTable EmployerMonthsTable(const EmployerAccount& account, Date as_of, bool en);
MoneyTable EmployerCoverageTable(const std::vector<EmployerAccount>& accounts, Date as_of, bool en);
MoneyTable SchoolFundTable(const std::vector<SchoolFundLine>& lines, Date from, Date to, bool en);
MoneyTable PupilCoverageTable(const std::vector<PupilCoverage>& counts, const std::vector<School>& schools, Date on,
                              bool written, bool en);
MoneyTable SponsorTable(const std::vector<SponsorBalance>& balances, Date as_of, bool en);
MoneyTable AllocationTable(const AllocationPlan& plan, const AllocationRequest& request, bool written, bool en);
MoneyTable SponsoredCardsTable(const std::vector<SponsorAllocation>& cards, const std::string& sponsor, bool en);

}  // namespace baophu::money
