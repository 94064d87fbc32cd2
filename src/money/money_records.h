// Reading what the money calculations need from the Store: employers' records with a roster
// check against the cards, schools and their counts, sponsors, and the households a sponsor's
// money may go to (hardship households with members uninsured on a day, within a unit).
// Thread-safety: as Store (one thread at a time per store).
#pragma once

#include <string>
#include <vector>

#include "money/employer_arrears.h"
#include "money/school_fund.h"
#include "money/sponsors.h"
#include "rules/rule_set.h"
#include "store/store.h"

namespace baophu::money {

Result<EmployerRecords> LoadEmployerRecords(Store* store);

// The accounts of employers registered in `unit` (any level) on `on`; employers without a unit
// are left out. NotFound when the unit is not valid on that day.
Result<std::vector<EmployerAccount>> WithinUnit(Store* store, std::vector<EmployerAccount> accounts,
                                                const std::string& unit, Date on);

// The payer group of the card a person holds on a day, by the object-code table; 0 when none.
PayerGroupOn CardPayerGroup(Store* store, const RuleSet& rules);

struct SchoolRecords {
  std::vector<School> schools;
  std::vector<SchoolPupilCount> counts;
  std::vector<SchoolPupil> roster;
};
// The object code of a card valid on the day (a pupil or student card preferred).
CardObjectOn CardObject(Store* store, const MoneyRules& rules);
Result<SchoolRecords> LoadSchoolRecords(Store* store);

struct SponsorRecords {
  std::vector<Sponsor> sponsors;
  std::vector<SponsorFund> funds;
  std::vector<SponsorAllocation> allocations;
};
Result<SponsorRecords> LoadSponsorRecords(Store* store);

// Hardship households (their latest assessment on or before `on`) whose members live in `unit`
// (any level; "" = anywhere), with the members who hold no card on `on` and no sponsored card
// covering it. Cards `redo_sponsor` bought on `on` itself are ignored, so that running the same
// allocation again plans the same cards (and writes nothing new).
Result<std::vector<Candidate>> LoadCandidates(Store* store, const std::string& unit, Date on,
                                              const std::string& redo_sponsor = "");

// The members of household `code` on `on`: who holds a valid card (and its object code) and who
// does not (with the end of their last card). NotFound when nobody has that household code.
struct HouseholdMembers {
  struct Member {
    BhxhNumber bhxh;
    std::string name;
    ObjectCode card_object;  // empty when uninsured on `on`
    Date previous_card_to;   // uninsured: the end of their last card (invalid = never insured)
  };
  std::vector<Member> insured, uninsured;
};
Result<HouseholdMembers> LoadHouseholdMembers(Store* store, const std::string& code, Date on);

}  // namespace baophu::money
