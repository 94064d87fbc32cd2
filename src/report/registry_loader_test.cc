#include "report/registry_loader.h"

#include <gtest/gtest.h>

#include "report/coverage_report.h"
#include "report/report_test_util.h"

namespace baophu {
namespace {

using namespace baophu::testing;

// An in-memory Store holding what LoadRegistry reads; writes and lookups are not needed here.
class MemStore : public Store {
 public:
  std::vector<Unit> units;
  std::vector<UnitSuccessor> successors;
  std::vector<Population> population;
  std::vector<Target> targets;
  std::vector<Person> persons;
  std::vector<Card> cards;
  Status fail_cards = Status::Ok();

  int SchemaVersion() override { return 1; }
  Status Begin() override { return Status::Ok(); }
  Status Commit() override { return Status::Ok(); }
  Status Rollback() override { return Status::Ok(); }
  Result<UpsertOutcome> UpsertUnit(const Unit&) override { return Status::Unsupported("mem"); }
  Result<UpsertOutcome> UpsertSuccessor(const UnitSuccessor&) override { return Status::Unsupported("mem"); }
  Result<UpsertOutcome> UpsertPopulation(const Population&) override { return Status::Unsupported("mem"); }
  Result<UpsertOutcome> UpsertTarget(const Target&) override { return Status::Unsupported("mem"); }
  Result<UpsertOutcome> UpsertPerson(const Person&) override { return Status::Unsupported("mem"); }
  Result<UpsertOutcome> UpsertCard(const Card&) override { return Status::Unsupported("mem"); }
  Status ListUnits(std::vector<Unit>* out) override {
    *out = units;
    return Status::Ok();
  }
  Status ListSuccessors(std::vector<UnitSuccessor>* out) override {
    *out = successors;
    return Status::Ok();
  }
  Status ListPopulation(std::vector<Population>* out) override {
    *out = population;
    return Status::Ok();
  }
  Status ListTargets(std::vector<Target>* out) override {
    *out = targets;
    return Status::Ok();
  }
  Status ScanPersons(const std::function<Status(const Person&)>& fn) override {
    for (const Person& p : persons) BAOPHU_RETURN_IF_ERROR(fn(p));
    return Status::Ok();
  }
  Status ScanCards(const std::function<Status(const Card&)>& fn) override {
    if (!fail_cards.ok()) return fail_cards;
    for (const Card& c : cards) BAOPHU_RETURN_IF_ERROR(fn(c));
    return Status::Ok();
  }
  Result<std::optional<Person>> FindPerson(BhxhNumber) override { return Status::Unsupported("mem"); }
  Result<std::optional<BhxhNumber>> FindByCitizenId(const CitizenId&) override { return Status::Unsupported("mem"); }
  Status CardsOf(BhxhNumber, std::vector<Card>*) override { return Status::Unsupported("mem"); }
  Result<StoreCounts> Counts() override { return Status::Unsupported("mem"); }
  Result<int64_t> Generation() override { return int64_t{0}; }
  Result<int64_t> InstanceId() override { return int64_t{1}; }
  Status LogImport(const std::string&, const std::string&, const std::string&, const std::string&) override {
    return Status::Ok();
  }
};

Person P(int64_t bhxh, const char* commune, const char* hamlet = "") {
  Person p;
  p.bhxh = BhxhNumber::FromInt(bhxh);
  p.full_name = "Nguyễn Văn " + std::to_string(bhxh);
  p.commune = UnitCode::Unchecked(commune);
  p.hamlet = UnitCode::Unchecked(hamlet);
  return p;
}

Card C(int64_t bhxh, const char* object, Date from, Date to) {
  Card c;
  c.bhxh = BhxhNumber::FromInt(bhxh);
  c.object = ObjectCode::Parse(object).value();
  c.card_code = std::string(object) + "4950000000000";
  c.valid_from = from;
  c.valid_to = to;
  return c;
}

MemStore BacLieuStore() {
  MemStore s;
  s.units = {U("VN", "Việt Nam", UnitLevel::kCountry, ""), U("95", "Tỉnh Bạc Liêu", UnitLevel::kProvince, "VN"),
             U("954", "Thành phố Bạc Liêu", UnitLevel::kDistrict, "95"),
             U("31813", "Phường 2", UnitLevel::kCommune, "954"), U("31816", "Phường 3", UnitLevel::kCommune, "954")};
  s.population = {Population{UnitCode::Unchecked("31813"), D(2021, 1, 1), kAllGroups, 4, "test"},
                  Population{UnitCode::Unchecked("31816"), D(2021, 1, 1), kAllGroups, 4, "test"}};
  s.targets = {Target{UnitCode::Unchecked("95"), 2021, kAllGroups, 9100}};
  s.persons = {P(9500000001, "31813"), P(9500000002, "31813"), P(9500000003, "31816"), P(9500000004, ""),
               P(9500000005, "31816")};
  const Date y0 = D(2021, 1, 1), y1 = D(2021, 12, 31);
  s.cards = {
      C(9500000001, "DN", y0, y1),
      // Two valid cards on one day: counted once, in the group of higher priority (NLD before HSSV).
      C(9500000002, "HS", y0, y1), C(9500000002, "DN", D(2021, 6, 1), y1),
      C(9500000003, "GD", y0, D(2021, 11, 9)),   // expired the day before
      C(9500000004, "GD", y0, y1),               // no commune: unplaced under VN
      C(9500000005, "GD", D(2021, 11, 10), y1),  // starts on the day
      C(9500000099, "GD", y0, y1),               // nobody: an orphan
  };
  return s;
}

TEST(RegistryLoader, LoadsTreeIndexAndFigures) {
  MemStore store = BacLieuStore();
  auto reg = LoadRegistry(&store, Rules());
  ASSERT_TRUE(reg.ok()) << reg.status().ToString();
  EXPECT_EQ(reg->tree.size(), 5u);
  EXPECT_EQ(reg->population.size(), 2u);
  EXPECT_EQ(reg->targets.size(), 1u);
  EXPECT_EQ(reg->orphan_cards, 1);
  ASSERT_NE(reg->index, nullptr);

  auto r = BuildCoverageReport(*reg, Q("VN", D(2021, 11, 10), -1, true));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto find = [&](const std::string& code, ReportingGroupId g) -> int64_t {
    for (const CoverageRow& row : r->rows)
      if (row.unit_code == code && row.group == g && !row.unplaced) return row.insured;
    return -1;
  };
  // 31813: persons 1 and 2, both NLD on 10/11/2021. 31816: person 5 only (3 expired).
  EXPECT_EQ(find("31813", kAllGroups), 2);
  EXPECT_EQ(find("31813", kNLD), 2);
  EXPECT_EQ(find("31813", kHSSV), 0);
  EXPECT_EQ(find("31816", kHGD), 1);
  EXPECT_EQ(find("954", kAllGroups), 3);
  EXPECT_EQ(find("VN", kAllGroups), 4);  // + person 4 without a commune
  // 954: 3 of 4 + 4 = 8 → 37,50 %; ceil(9100 × 8 / 10000) = ceil(7.28) = 8 − 3 = 5.
  for (const CoverageRow& row : r->rows) {
    if (row.unit_code == "954" && row.group == kAllGroups) {
      EXPECT_EQ(row.denominator, 8);
      EXPECT_EQ(row.rate_hundredths, 3750);
      EXPECT_EQ(row.gap_people, 5);
    }
  }
}

TEST(RegistryLoader, PassesStoreErrorsOn) {
  MemStore store = BacLieuStore();
  store.fail_cards = Status::IOError("đĩa hỏng");
  auto reg = LoadRegistry(&store, Rules());
  ASSERT_FALSE(reg.ok());
  EXPECT_EQ(reg.status().code(), Status::Code::kIOError);

  MemStore bad = BacLieuStore();
  bad.units.push_back(U("31819", "Phường 5", UnitLevel::kCommune, "999"));  // parent unknown
  auto reg2 = LoadRegistry(&bad, Rules());
  ASSERT_FALSE(reg2.ok());
  EXPECT_EQ(reg2.status().code(), Status::Code::kNotFound);
}

}  // namespace
}  // namespace baophu
