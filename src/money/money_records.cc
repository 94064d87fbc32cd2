#include "money/money_records.h"

#include <map>
#include <set>

#include "registry/unit_tree.h"

namespace baophu::money {

Result<EmployerRecords> LoadEmployerRecords(Store* store) {
  EmployerRecords r;
  BAOPHU_RETURN_IF_ERROR(store->ListEmployers(&r.employers));
  BAOPHU_RETURN_IF_ERROR(store->ListDeclarations(&r.declarations));
  BAOPHU_RETURN_IF_ERROR(store->ListEmployerPayments(&r.payments));
  BAOPHU_RETURN_IF_ERROR(store->ListReminders(&r.reminders));
  BAOPHU_RETURN_IF_ERROR(store->ListRoster(&r.roster));
  return r;
}

Result<std::vector<EmployerAccount>> WithinUnit(Store* store, std::vector<EmployerAccount> accounts,
                                                const std::string& unit, Date on) {
  std::vector<Unit> units;
  std::vector<UnitSuccessor> successors;
  BAOPHU_RETURN_IF_ERROR(store->ListUnits(&units));
  BAOPHU_RETURN_IF_ERROR(store->ListSuccessors(&successors));
  auto tree = UnitTree::Build(std::move(units), successors);
  if (!tree.ok()) return tree.status();
  UnitTree::Index root = tree->Resolve(unit, on);
  if (root == UnitTree::kNone) return Status::NotFound("đơn vị '" + unit + "' không có hiệu lực vào ngày " + on.ToVn());
  std::vector<EmployerAccount> out;
  for (EmployerAccount& a : accounts) {
    if (a.employer.unit.empty()) continue;
    UnitTree::Index i = tree->Resolve(a.employer.unit, on);
    if (i != UnitTree::kNone && tree->IsWithin(i, root, on)) out.push_back(std::move(a));
  }
  return out;
}

PayerGroupOn CardPayerGroup(Store* store, const RuleSet& rules) {
  return [store, &rules](BhxhNumber bhxh, Date on) {
    std::vector<Card> cards;
    if (!store->CardsOf(bhxh, &cards).ok()) return 0;
    int best = 0;
    for (const Card& c : cards) {
      if (c.valid_from > on || (c.valid_to.valid() && c.valid_to < on) || c.object.empty()) continue;
      const ObjectCodeRule* rule = rules.Find(c.object, c.valid_from);
      // Group 1 (employer) wins when the person holds several cards that day.
      if (rule && (best == 0 || rule->payer_group < best)) best = rule->payer_group;
    }
    return best;
  };
}

Result<SchoolRecords> LoadSchoolRecords(Store* store) {
  SchoolRecords r;
  BAOPHU_RETURN_IF_ERROR(store->ListSchools(&r.schools));
  BAOPHU_RETURN_IF_ERROR(store->ListSchoolPupilCounts(&r.counts));
  BAOPHU_RETURN_IF_ERROR(store->ListSchoolPupils(&r.roster));
  return r;
}

CardObjectOn CardObject(Store* store, const MoneyRules& rules) {
  return [store, &rules](BhxhNumber bhxh, Date on) {
    std::vector<Card> cards;
    ObjectCode found;
    if (!store->CardsOf(bhxh, &cards).ok()) return found;
    for (const Card& c : cards) {
      if (c.valid_from > on || (c.valid_to.valid() && c.valid_to < on)) continue;
      std::string cat = rules.CategoryOf(c.object);
      if (cat == "pupil" || cat == "student") return c.object;
      if (found.empty())
        found = c.object.empty() ? *ObjectCode::Parse("ZZ") : c.object;  // a card without a code still counts
    }
    return found;
  };
}

Result<SponsorRecords> LoadSponsorRecords(Store* store) {
  SponsorRecords r;
  BAOPHU_RETURN_IF_ERROR(store->ListSponsors(&r.sponsors));
  BAOPHU_RETURN_IF_ERROR(store->ListSponsorFunds(&r.funds));
  BAOPHU_RETURN_IF_ERROR(store->ListAllocations(&r.allocations));
  return r;
}

Result<std::vector<Candidate>> LoadCandidates(Store* store, const std::string& unit, Date on,
                                              const std::string& redo_sponsor) {
  std::vector<HouseholdHardship> hardship;
  BAOPHU_RETURN_IF_ERROR(store->ListHardship(&hardship));
  std::map<std::string, Money> income;  // latest assessment on or before `on` (sorted by as_of)
  for (const HouseholdHardship& h : hardship)
    if (h.as_of <= on) income[h.household_code] = h.income_per_head;
  std::vector<SponsorAllocation> allocations;
  BAOPHU_RETURN_IF_ERROR(store->ListAllocations(&allocations));
  std::set<int64_t> sponsored;
  for (const SponsorAllocation& a : allocations)
    if (a.card_to >= on && !(a.sponsor_code == redo_sponsor && a.paid_on == on))
      sponsored.insert(a.bhxh.value());  // bought already, even if not yet valid

  UnitTree tree;
  UnitTree::Index root = UnitTree::kNone;
  if (!unit.empty()) {
    std::vector<Unit> units;
    std::vector<UnitSuccessor> successors;
    BAOPHU_RETURN_IF_ERROR(store->ListUnits(&units));
    BAOPHU_RETURN_IF_ERROR(store->ListSuccessors(&successors));
    auto t = UnitTree::Build(std::move(units), successors);
    if (!t.ok()) return t.status();
    tree = std::move(*t);
    root = tree.Resolve(unit, on);
    if (root == UnitTree::kNone)
      return Status::NotFound("đơn vị '" + unit + "' không có hiệu lực vào ngày " + on.ToVn());
  }

  std::map<std::string, Candidate> by_household;
  Status st = store->ScanPersons([&](const Person& p) {
    if (p.household_code.empty()) return Status::Ok();
    auto inc = income.find(p.household_code);
    if (inc == income.end()) return Status::Ok();
    if (root != UnitTree::kNone) {
      UnitTree::Index i = p.commune.empty() ? UnitTree::kNone : tree.Resolve(p.commune, on);
      if (i == UnitTree::kNone || !tree.IsWithin(i, root, on)) return Status::Ok();
    }
    Candidate& c = by_household[p.household_code];
    c.household_code = p.household_code;
    c.income_per_head = inc->second;
    if (sponsored.count(p.bhxh.value())) return Status::Ok();
    std::vector<Card> cards;
    BAOPHU_RETURN_IF_ERROR(store->CardsOf(p.bhxh, &cards));
    Date last;
    for (const Card& card : cards) {
      if (card.valid_from <= on && (!card.valid_to.valid() || card.valid_to >= on)) return Status::Ok();  // insured
      if (card.valid_to.valid() && card.valid_to < on && (!last.valid() || card.valid_to > last)) last = card.valid_to;
    }
    c.uninsured.push_back({p.bhxh, p.full_name, last});
    return Status::Ok();
  });
  if (!st.ok()) return st;
  std::vector<Candidate> out;
  for (auto& [code, c] : by_household) out.push_back(std::move(c));
  return out;
}

Result<HouseholdMembers> LoadHouseholdMembers(Store* store, const std::string& code, Date on) {
  HouseholdMembers out;
  bool any = false;
  Status st = store->ScanPersons([&](const Person& p) {
    if (p.household_code != code) return Status::Ok();
    any = true;
    std::vector<Card> cards;
    BAOPHU_RETURN_IF_ERROR(store->CardsOf(p.bhxh, &cards));
    HouseholdMembers::Member m{p.bhxh, p.full_name, ObjectCode(), Date()};
    for (const Card& c : cards) {
      if (c.valid_from <= on && (!c.valid_to.valid() || c.valid_to >= on)) {
        m.card_object = c.object;
        out.insured.push_back(m);
        return Status::Ok();
      }
      if (c.valid_to.valid() && c.valid_to < on && (!m.previous_card_to.valid() || c.valid_to > m.previous_card_to))
        m.previous_card_to = c.valid_to;
    }
    out.uninsured.push_back(m);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (!any) return Status::NotFound("không có ai thuộc hộ gia đình mã '" + code + "' trong cơ sở dữ liệu");
  return out;
}

}  // namespace baophu::money
