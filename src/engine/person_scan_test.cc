// ForEachPerson / ForEachPersonOf: the people of some slots, or named ones, with their cards
// sorted by valid_from and their household — also after an update appended a person.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/coverage_index.h"

namespace baophu {
namespace {

Person P(int64_t bhxh, const char* commune, const char* household) {
  Person p;
  p.bhxh = BhxhNumber::FromInt(bhxh);
  p.commune = UnitCode::Unchecked(commune);
  p.household_code = household;
  p.birth_date = Date::FromYmd(2010, 7, 7);
  return p;
}
Card C(int64_t bhxh, const char* object, Date from, Date to) {
  Card c;
  c.bhxh = BhxhNumber::FromInt(bhxh);
  c.object = *ObjectCode::Parse(object);
  c.valid_from = from;
  c.valid_to = to;
  return c;
}

TEST(PersonScan, SlotsAndNamedPeopleWithTheirCards) {
  auto rules = RuleSet::LoadDefault();
  ASSERT_TRUE(rules.ok());
  CoverageIndexBuilder b(*rules);
  b.AddPerson(P(9500000003, "31816", ""));
  b.AddPerson(P(9500000001, "31813", "H01"));
  b.AddPerson(P(9500000002, "31813", "H01"));
  b.AddCard(C(9500000001, "HS", Date::FromYmd(2021, 1, 1), Date::FromYmd(2021, 12, 31)));
  b.AddCard(C(9500000001, "GD", Date::FromYmd(2020, 1, 1), Date::FromYmd(2020, 12, 31)));
  auto idx = b.Finish();
  CoverageIndex::Slot s13 = 0;
  for (CoverageIndex::Slot s = 0; s < idx->slot_count(); ++s)
    if (idx->slot(s).commune == "31813") s13 = s;
  std::vector<int64_t> seen;
  idx->ForEachPerson({s13}, [&](const CoverageIndex::PersonView& v) {
    seen.push_back(v.bhxh.value());
    EXPECT_EQ(v.household, "H01");
    EXPECT_EQ(v.birth, Date::FromYmd(2010, 7, 7));
    if (v.bhxh.value() == 9500000001) {
      ASSERT_EQ(v.card_count, 2u);
      EXPECT_EQ(v.cards[0].from, Date::FromYmd(2020, 1, 1));  // sorted by valid_from
      EXPECT_EQ(std::string(v.cards[1].object, 2), "HS");
    } else {
      EXPECT_EQ(v.card_count, 0u);
    }
  });
  EXPECT_EQ(seen, (std::vector<int64_t>{9500000001, 9500000002}));

  ASSERT_TRUE(idx->ApplyPerson(P(9500000009, "31816", "H09")).ok());  // appended after the build
  seen.clear();
  idx->ForEachPersonOf({BhxhNumber::FromInt(9500000009), BhxhNumber::FromInt(9599999999),
                        BhxhNumber::FromInt(9500000003)},
                       [&](const CoverageIndex::PersonView& v) { seen.push_back(v.bhxh.value()); });
  EXPECT_EQ(seen, (std::vector<int64_t>{9500000009, 9500000003}));  // in the order asked, unknown skipped
}

// The per-slot rows (a few slots) give what the pass over everyone gives, in the same order,
// also after people were added and moved.
TEST(PersonScan, FewSlotsEqualThePassAfterUpdates) {
  auto rules = RuleSet::LoadDefault();
  ASSERT_TRUE(rules.ok());
  const char* communes[] = {"31813", "31816", "31819", "31822", "31825", "31828", "31831", "31834"};
  CoverageIndexBuilder b(*rules);
  for (int i = 0; i < 400; ++i) {
    const int64_t bhxh = 9500000000 + (i * 7919) % 100000;  // not in commune order
    b.AddPerson(P(bhxh, communes[(i * 5) % 8], i % 3 ? "H01" : ""));
    if (i % 2) b.AddCard(C(bhxh, "HS", Date::FromYmd(2021, 1, 1), Date::FromYmd(2021, 12, 31)));
  }
  auto idx = b.Finish();
  auto check = [&](const char* when) {
    std::vector<CoverageIndex::Slot> all;
    for (CoverageIndex::Slot s = 1; s < idx->slot_count(); ++s) all.push_back(s);
    for (size_t k = 0; k < all.size(); ++k) {
      const std::vector<CoverageIndex::Slot> asked = k + 1 < all.size() ? std::vector<CoverageIndex::Slot>{all[k + 1], all[k]}
                                                                        : std::vector<CoverageIndex::Slot>{all[k]};
      std::vector<std::pair<int64_t, size_t>> by_slot, by_pass;
      idx->ForEachPerson(asked, [&](const CoverageIndex::PersonView& v) { by_slot.push_back({v.bhxh.value(), v.card_count}); });
      idx->ForEachPerson({}, [&](const CoverageIndex::PersonView& v) {
        if (std::find(asked.begin(), asked.end(), v.slot) != asked.end()) by_pass.push_back({v.bhxh.value(), v.card_count});
      });
      EXPECT_FALSE(by_pass.empty()) << when;
      EXPECT_EQ(by_slot, by_pass) << when << ", slot " << all[k];
    }
  };
  check("after the build");
  ASSERT_TRUE(idx->ApplyPerson(P(9500200001, "31813", "H02")).ok());  // a new person
  Person moved = P(9500000000, "31834", "H01");                             // row 0 moves
  ASSERT_TRUE(idx->ApplyPerson(moved).ok());
  check("after an addition and a move");
}

}  // namespace
}  // namespace baophu
