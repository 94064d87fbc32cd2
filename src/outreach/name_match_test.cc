// Golden tests of the matcher: exact, normalised and uncertain matches with Vietnamese name
// variants (diacritics, case, spacing, Unicode form, a middle "Thị"/"Văn").
#include "outreach/name_match.h"

#include <gtest/gtest.h>

namespace baophu::outreach {
namespace {

Person P(int64_t bhxh, const char* name, Date birth, const char* commune, const char* cccd = "") {
  Person p;
  p.bhxh = BhxhNumber::FromInt(bhxh);
  p.full_name = name;
  p.birth_date = birth;
  p.commune = UnitCode::Unchecked(commune);
  if (*cccd) p.citizen_id = *CitizenId::Parse(cccd);
  return p;
}

class VectorSource final : public PersonSource {
 public:
  explicit VectorSource(std::vector<Person> people) : people_(std::move(people)) {}
  Result<std::optional<Person>> ByBhxh(BhxhNumber b) override {
    for (const Person& p : people_)
      if (p.bhxh == b) return std::optional<Person>(p);
    return std::optional<Person>();
  }
  Result<std::optional<Person>> ByCitizenId(const CitizenId& id) override {
    for (const Person& p : people_)
      if (!p.citizen_id.empty() && p.citizen_id == id) return std::optional<Person>(p);
    return std::optional<Person>();
  }
  Status ByNameKey(const std::string& key, std::vector<Person>* out) override {
    out->clear();
    for (const Person& p : people_)
      if (NameKey(p.full_name) == key) out->push_back(p);
    return Status::Ok();
  }

 private:
  std::vector<Person> people_;
};

const Date kB1 = Date::FromYmd(2012, 3, 4);
const Date kB2 = Date::FromYmd(2012, 4, 3);

VectorSource Registry() {
  return VectorSource({
      P(9500000001, "Nguyễn Thị Mai", kB1, "31825", "095123456789"),
      P(9500000002, "Trần Văn Nam", kB1, "31825"),
      P(9500000003, "Lê Hồng Nhung", kB1, "31825"),
      P(9500000004, "Phạm Minh Tuấn", kB1, "31825"),
      P(9500000005, "Phạm Minh Tuấn", kB1, "31825"),  // a namesake born the same day
      P(9500000006, "Võ Thị Lan", kB1, "31840"),
      P(9500000007, "Đặng Quốc Bảo", kB2, "31825"),
  });
}

MatchQuery Q(const char* name, Date birth, const char* commune) {
  MatchQuery q;
  q.full_name = name;
  q.birth_date = birth;
  q.commune = UnitCode::Unchecked(commune);
  return q;
}

TEST(NameKey, FoldsDiacriticsCaseSpacingAndForm) {
  EXPECT_EQ(NameKey("  Nguyễn   THỊ mai "), "nguyen thi mai");
  EXPECT_EQ(NameKey("Đặng Quốc Bảo"), "dang quoc bao");
  // "ễ" decomposed (e + U+0302 + U+0303) folds like the composed one.
  EXPECT_EQ(NameKey("Nguye\xCC\x82\xCC\x83n"), "nguyen");
}

TEST(NameKey, MiddleNameVariants) {
  EXPECT_EQ(MiddleNameVariants("Nguyễn Thị Mai"), (std::vector<std::string>{"nguyen mai"}));
  EXPECT_EQ(MiddleNameVariants("Trần Nam"), (std::vector<std::string>{"tran thi nam", "tran van nam"}));
  EXPECT_EQ(MiddleNameVariants("Lê Thị Hồng Nhung"), (std::vector<std::string>{"le hong nhung"}));
  EXPECT_TRUE(MiddleNameVariants("Mai").empty());
  // "Văn" as a given name (the last word) is not a middle name.
  EXPECT_EQ(MiddleNameVariants("Trần Văn"), (std::vector<std::string>{"tran thi van", "tran van van"}));
}

TEST(MatchPerson, ByBhxhThenCccd) {
  VectorSource src = Registry();
  MatchQuery q = Q("Tên khác hẳn", kB2, "99999");
  q.bhxh = BhxhNumber::FromInt(9500000002);
  auto r = MatchPerson(q, &src);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->state, MatchState::kMatched);
  EXPECT_EQ(r->method, MatchMethod::kBhxh);
  EXPECT_EQ(r->bhxh.value(), 9500000002);

  // A BHXH number not in the registry falls through to the CCCD.
  q.bhxh = BhxhNumber::FromInt(9599999999);
  q.citizen_id = *CitizenId::Parse("095123456789");
  r = MatchPerson(q, &src);
  EXPECT_EQ(r->method, MatchMethod::kCitizenId);
  EXPECT_EQ(r->bhxh.value(), 9500000001);
}

TEST(MatchPerson, ExactNameUpToCaseAndSpacing) {
  VectorSource src = Registry();
  for (const char* name : {"Nguyễn Thị Mai", "NGUYỄN THỊ MAI", "  nguyễn  thị   mai", "Nguye\xCC\x82\xCC\x83n Thị Mai"}) {
    auto r = MatchPerson(Q(name, kB1, "31825"), &src);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->state, MatchState::kMatched) << name;
    EXPECT_EQ(r->method, MatchMethod::kName) << name;
    EXPECT_EQ(r->bhxh.value(), 9500000001) << name;
  }
}

TEST(MatchPerson, WithoutDiacriticsIsNormalisedMatch) {
  VectorSource src = Registry();
  auto r = MatchPerson(Q("Nguyen Thi Mai", kB1, "31825"), &src);
  EXPECT_EQ(r->state, MatchState::kMatched);
  EXPECT_EQ(r->method, MatchMethod::kNameFolded);
  EXPECT_EQ(r->bhxh.value(), 9500000001);
  r = MatchPerson(Q("dang quoc bao", kB2, "31825"), &src);
  EXPECT_EQ(r->method, MatchMethod::kNameFolded);
  EXPECT_EQ(r->bhxh.value(), 9500000007);
}

TEST(MatchPerson, ThiVanVariantsAreUncertain) {
  VectorSource src = Registry();
  // "Nguyễn Mai" on the list, "Nguyễn Thị Mai" in the registry.
  auto r = MatchPerson(Q("Nguyễn Mai", kB1, "31825"), &src);
  EXPECT_EQ(r->state, MatchState::kUncertain);
  ASSERT_EQ(r->candidates.size(), 1u);
  EXPECT_EQ(r->candidates[0].bhxh.value(), 9500000001);
  EXPECT_EQ(r->doubts[0], "tên khác chữ đệm Thị/Văn");
  // "Trần Nam" ↔ "Trần Văn Nam"; "Lê Thị Hồng Nhung" ↔ "Lê Hồng Nhung".
  r = MatchPerson(Q("Tran Nam", kB1, "31825"), &src);
  EXPECT_EQ(r->state, MatchState::kUncertain);
  EXPECT_EQ(r->candidates[0].bhxh.value(), 9500000002);
  r = MatchPerson(Q("Lê Thị Hồng Nhung", kB1, "31825"), &src);
  EXPECT_EQ(r->state, MatchState::kUncertain);
  EXPECT_EQ(r->candidates[0].bhxh.value(), 9500000003);
}

TEST(MatchPerson, NamesakesAndOtherCommuneAreUncertain) {
  VectorSource src = Registry();
  auto r = MatchPerson(Q("Phạm Minh Tuấn", kB1, "31825"), &src);
  EXPECT_EQ(r->state, MatchState::kUncertain);
  ASSERT_EQ(r->candidates.size(), 2u);
  EXPECT_EQ(r->doubts[0], "nhiều người cùng họ tên, ngày sinh và xã");
  r = MatchPerson(Q("Võ Thị Lan", kB1, "31825"), &src);
  EXPECT_EQ(r->state, MatchState::kUncertain);
  EXPECT_EQ(r->doubts[0], "cùng họ tên và ngày sinh, khác xã");
  // Same name and commune, another day of the same year (day and month swapped).
  r = MatchPerson(Q("Đặng Quốc Bảo", kB1, "31825"), &src);
  EXPECT_EQ(r->state, MatchState::kUncertain);
  EXPECT_EQ(r->doubts[0], "cùng họ tên và xã, cùng năm sinh, khác ngày sinh");
}

TEST(MatchPerson, NothingCloseIsUnmatched) {
  VectorSource src = Registry();
  auto r = MatchPerson(Q("Hồ Văn Tư", kB1, "31825"), &src);
  EXPECT_EQ(r->state, MatchState::kUnmatched);
  EXPECT_EQ(r->method, MatchMethod::kNone);
  // Same name, another year: not offered.
  r = MatchPerson(Q("Nguyễn Thị Mai", Date::FromYmd(1990, 3, 4), "31825"), &src);
  EXPECT_EQ(r->state, MatchState::kUnmatched);
}

}  // namespace
}  // namespace baophu::outreach
