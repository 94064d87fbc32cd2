// The Store conformance suite, part 1: units, successors, denominators, targets, people, cards,
// transactions and the import history — on SQLite and on PostgreSQL (backend_test_fixture.h).
#include <gtest/gtest.h>

#include "store/backend_test_fixture.h"

namespace baophu::testing {
namespace {

using Code = Status::Code;

Person FullPerson() {
  Person p = MakePerson(123456789, "Nguyễn Thị Ánh Tuyết", "22972");
  p.citizen_id = *CitizenId::Parse("060310001234");
  p.hamlet = UnitCode::Unchecked("22972-T1");
  p.household_code = "6011234567";
  return p;
}

TEST_P(StoreConformanceTest, UnitsRoundTripWithAReusedCode) {
  AddUnits();
  std::vector<Unit> units;
  ASSERT_TRUE(store_->ListUnits(&units).ok());
  ASSERT_EQ(units.size(), 6u);
  // Key order (code, valid_from): the two versions of 22972 first, oldest first.
  EXPECT_EQ(units[0].code.str(), "22972");
  EXPECT_EQ(units[0].name, "Thị trấn Phan Rí Cửa");
  EXPECT_EQ(units[0].parent.str(), "60");
  EXPECT_EQ(units[0].valid_from, Date::Min());
  EXPECT_EQ(units[0].valid_to, D(2025, 6, 30));
  EXPECT_EQ(units[1].code.str(), "22972");
  EXPECT_EQ(units[1].name, "Xã Phan Rí Cửa");
  EXPECT_EQ(units[1].parent.str(), "68");
  EXPECT_EQ(units[1].valid_from.days(), 20270);  // 2025-07-01
  EXPECT_EQ(units[1].valid_to, Date::Max());
  EXPECT_EQ(units[1].level, UnitLevel::kCommune);
  EXPECT_EQ(units[2].code.str(), "22972-T1");
  EXPECT_EQ(units[2].level, UnitLevel::kHamlet);
  EXPECT_EQ(units[3].code.str(), "60");
  EXPECT_EQ(units[4].code.str(), "68");
  EXPECT_EQ(units[5].code.str(), "VN");
  EXPECT_TRUE(units[5].parent.empty());
  EXPECT_EQ(units[5].level, UnitLevel::kCountry);
  // One code row per code: 22972, 22972-T1, 60, 68, VN.
  EXPECT_EQ(RawInt("SELECT COUNT(*) FROM unit_code"), 5);
  // Open-ended windows store the sentinel day numbers (see migrations.h).
  EXPECT_EQ(RawInt("SELECT valid_from FROM unit WHERE code = 'VN'"), -719162);
  EXPECT_EQ(RawInt("SELECT valid_to FROM unit WHERE code = 'VN'"), 2932896);
}

TEST_P(StoreConformanceTest, UnitUpsertOutcomes) {
  AddUnits();
  Unit u = MakeUnit("68", "Tỉnh Lâm Đồng", UnitLevel::kProvince, "VN");
  EXPECT_EQ(*store_->UpsertUnit(u), UpsertOutcome::kUnchanged);
  u.name = "Tỉnh Lâm Đồng (mới)";
  EXPECT_EQ(*store_->UpsertUnit(u), UpsertOutcome::kUpdated);
  EXPECT_EQ(*store_->UpsertUnit(u), UpsertOutcome::kUnchanged);
  u.valid_to = D(2030, 12, 31);
  EXPECT_EQ(*store_->UpsertUnit(u), UpsertOutcome::kUpdated);
  EXPECT_EQ(RawText("SELECT name FROM unit WHERE code = '68'"), "Tỉnh Lâm Đồng (mới)");
  EXPECT_EQ(store_->Counts()->units, 6);
}

TEST_P(StoreConformanceTest, UnitWithUnknownParentIsNotFoundAndLeavesNoCode) {
  AddUnits();
  auto r = store_->UpsertUnit(MakeUnit("99999", "Xã Ma", UnitLevel::kCommune, "999"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kNotFound);
  EXPECT_EQ(r.status().message(),
            "đơn vị cấp trên mã '999' của đơn vị '99999' (Xã Ma) chưa có trong danh mục; hãy nhập đơn vị cấp "
            "trên trước");
  EXPECT_EQ(RawInt("SELECT COUNT(*) FROM unit_code WHERE code = '99999'"), 0);
}

TEST_P(StoreConformanceTest, SuccessorsRoundTripAndOutcomes) {
  AddUnits();
  UnitSuccessor s{UnitCode::Unchecked("22972"), Date::Min(), UnitCode::Unchecked("22972"), MergeType::kFull};
  EXPECT_EQ(*store_->UpsertSuccessor(s), UpsertOutcome::kInserted);
  EXPECT_EQ(*store_->UpsertSuccessor(s), UpsertOutcome::kUnchanged);
  s.type = MergeType::kPartial;
  EXPECT_EQ(*store_->UpsertSuccessor(s), UpsertOutcome::kUpdated);
  std::vector<UnitSuccessor> all;
  ASSERT_TRUE(store_->ListSuccessors(&all).ok());
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].from_code.str(), "22972");
  EXPECT_EQ(all[0].from_valid_from, Date::Min());
  EXPECT_EQ(all[0].to_code.str(), "22972");
  EXPECT_EQ(all[0].type, MergeType::kPartial);

  // A version that does not exist (22972 from 2020-01-01) and a target code nobody knows.
  auto bad_from = store_->UpsertSuccessor({UnitCode::Unchecked("22972"), D(2020, 1, 1), UnitCode::Unchecked("68"),
                                           MergeType::kFull});
  EXPECT_EQ(bad_from.status().code(), Code::kNotFound);
  EXPECT_EQ(bad_from.status().message(),
            "không có đơn vị mã '22972' hiệu lực từ ngày 01/01/2020 để ghi đơn vị kế thừa '68'");
  auto bad_to = store_->UpsertSuccessor({UnitCode::Unchecked("60"), Date::Min(), UnitCode::Unchecked("77"),
                                         MergeType::kFull});
  EXPECT_EQ(bad_to.status().code(), Code::kNotFound);
  EXPECT_EQ(bad_to.status().message(), "đơn vị kế thừa mã '77' (của đơn vị '60') chưa có trong danh mục");
  EXPECT_EQ(store_->Counts()->successors, 1);
}

TEST_P(StoreConformanceTest, PopulationAndTargetsRoundTripAndOutcomes) {
  AddUnits();
  Population p{UnitCode::Unchecked("22972"), D(2019, 4, 1), kAllGroups, 18734, "census2019"};
  EXPECT_EQ(*store_->UpsertPopulation(p), UpsertOutcome::kInserted);
  EXPECT_EQ(*store_->UpsertPopulation(p), UpsertOutcome::kUnchanged);
  p.source = "import:dan_so_2019.xlsx";
  EXPECT_EQ(*store_->UpsertPopulation(p), UpsertOutcome::kUpdated);
  Population pupils{UnitCode::Unchecked("22972"), D(2019, 4, 1), 3, 2150, "import:hs.csv"};
  EXPECT_EQ(*store_->UpsertPopulation(pupils), UpsertOutcome::kInserted);

  std::vector<Population> all;
  ASSERT_TRUE(store_->ListPopulation(&all).ok());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].unit.str(), "22972");
  EXPECT_EQ(all[0].date.days(), 17987);  // 2019-04-01
  EXPECT_EQ(all[0].group, 0);
  EXPECT_EQ(all[0].population, 18734);
  EXPECT_EQ(all[0].source, "import:dan_so_2019.xlsx");
  EXPECT_EQ(all[1].group, 3);
  EXPECT_EQ(all[1].population, 2150);

  Target t{UnitCode::Unchecked("68"), 2025, kAllGroups, 9100};
  EXPECT_EQ(*store_->UpsertTarget(t), UpsertOutcome::kInserted);
  EXPECT_EQ(*store_->UpsertTarget(t), UpsertOutcome::kUnchanged);
  t.target_hundredths = 9250;
  EXPECT_EQ(*store_->UpsertTarget(t), UpsertOutcome::kUpdated);
  std::vector<Target> targets;
  ASSERT_TRUE(store_->ListTargets(&targets).ok());
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_EQ(targets[0].unit.str(), "68");
  EXPECT_EQ(targets[0].year, 2025);
  EXPECT_EQ(targets[0].group, 0);
  EXPECT_EQ(targets[0].target_hundredths, 9250);

  auto bad = store_->UpsertTarget({UnitCode::Unchecked("42"), 2025, kAllGroups, 9000});
  EXPECT_EQ(bad.status().code(), Code::kNotFound);
  EXPECT_EQ(bad.status().message(), "mã đơn vị '42' của chỉ tiêu năm 2025 chưa có trong danh mục đơn vị hành chính");
  auto bad_pop = store_->UpsertPopulation({UnitCode::Unchecked("42"), D(2019, 4, 1), kAllGroups, 1, "x"});
  EXPECT_EQ(bad_pop.status().code(), Code::kNotFound);
  EXPECT_EQ(bad_pop.status().message(),
            "mã đơn vị '42' của số dân ngày 01/04/2019 chưa có trong danh mục đơn vị hành chính");
  StoreCounts c = *store_->Counts();
  EXPECT_EQ(c.population, 2);
  EXPECT_EQ(c.targets, 1);
}

TEST_P(StoreConformanceTest, PersonRoundTripAndOutcomes) {
  AddUnits();
  Person p = FullPerson();
  EXPECT_EQ(*store_->UpsertPerson(p), UpsertOutcome::kInserted);
  EXPECT_EQ(*store_->UpsertPerson(p), UpsertOutcome::kUnchanged);

  auto found = store_->FindPerson(BhxhNumber::FromInt(123456789));
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(**found, p);
  EXPECT_EQ((*found)->bhxh.ToString(), "0123456789");
  EXPECT_EQ((*found)->birth_date.days(), 14746);  // 2010-05-17
  EXPECT_EQ(RawText("SELECT name_fold FROM person"), "nguyen thi anh tuyet");
  EXPECT_EQ(RawText("SELECT commune_code FROM household WHERE code = '6011234567'"), "22972");

  auto by_cccd = store_->FindByCitizenId(*CitizenId::Parse("060310001234"));
  ASSERT_TRUE(by_cccd.ok());
  ASSERT_TRUE(by_cccd->has_value());
  EXPECT_EQ((*by_cccd)->value(), 123456789);
  EXPECT_FALSE(store_->FindByCitizenId(*CitizenId::Parse("060310009999"))->has_value());
  EXPECT_FALSE(store_->FindPerson(BhxhNumber::FromInt(42))->has_value());

  p.full_name = "Nguyễn Thị Ánh Tuyết Hồng";
  EXPECT_EQ(*store_->UpsertPerson(p), UpsertOutcome::kUpdated);
  EXPECT_EQ(RawText("SELECT name_fold FROM person"), "nguyen thi anh tuyet hong");
  // Every field counts: one change each is an update.
  Person q = p;
  q.birth_date = Date();  // unknown → NULL
  EXPECT_EQ(*store_->UpsertPerson(q), UpsertOutcome::kUpdated);
  EXPECT_EQ(*store_->UpsertPerson(q), UpsertOutcome::kUnchanged);
  EXPECT_EQ(RawInt("SELECT COUNT(*) FROM person WHERE birth_date IS NULL"), 1);
  q.sex = Sex::kMale;
  EXPECT_EQ(*store_->UpsertPerson(q), UpsertOutcome::kUpdated);
  q.citizen_id = CitizenId();
  EXPECT_EQ(*store_->UpsertPerson(q), UpsertOutcome::kUpdated);
  q.hamlet = UnitCode();
  EXPECT_EQ(*store_->UpsertPerson(q), UpsertOutcome::kUpdated);
  q.household_code = "";
  EXPECT_EQ(*store_->UpsertPerson(q), UpsertOutcome::kUpdated);
  EXPECT_EQ(**store_->FindPerson(q.bhxh), q);

  StoreCounts c = *store_->Counts();
  EXPECT_EQ(c.persons, 1);
  EXPECT_EQ(c.households, 1);  // households are kept when nobody points at them any more
}

TEST_P(StoreConformanceTest, ScanPersonsStreamsInKeyOrderAndStopsEarly) {
  AddUnits();
  for (int64_t b : {5000000003LL, 1LL, 42LL, 5000000001LL}) {
    ASSERT_TRUE(store_->UpsertPerson(MakePerson(b, "Trần Văn An", "22972")).ok());
  }
  std::vector<int64_t> seen;
  ASSERT_TRUE(store_->ScanPersons([&](const Person& p) {
    seen.push_back(p.bhxh.value());
    return Status::Ok();
  }).ok());
  EXPECT_EQ(seen, (std::vector<int64_t>{1, 42, 5000000001, 5000000003}));

  seen.clear();
  Status st = store_->ScanPersons([&](const Person& p) {
    seen.push_back(p.bhxh.value());
    return seen.size() == 2 ? Status::Internal("đủ rồi") : Status::Ok();
  });
  EXPECT_EQ(st.code(), Code::kInternal);
  EXPECT_EQ(st.message(), "đủ rồi");
  EXPECT_EQ(seen.size(), 2u);
  // An abandoned scan holds no lock: a write transaction still goes through.
  ASSERT_TRUE(store_->Begin().ok());
  EXPECT_EQ(*store_->UpsertPerson(MakePerson(7, "Lê Văn Bảy", "22972")), UpsertOutcome::kInserted);
  ASSERT_TRUE(store_->Commit().ok());
}

TEST_P(StoreConformanceTest, PersonWithUnknownCommuneIsNotFound) {
  AddUnits();
  Person p = MakePerson(123456789, "Phạm Văn Dũng", "99999");
  p.household_code = "HGD-1";
  auto r = store_->UpsertPerson(p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kNotFound);
  EXPECT_EQ(r.status().message(),
            "mã xã '99999' của người có mã số BHXH 0123456789 chưa có trong danh mục đơn vị hành chính");

  // Commune known, hamlet not: the household row written first is taken back.
  p.commune = UnitCode::Unchecked("22972");
  p.hamlet = UnitCode::Unchecked("T9");
  r = store_->UpsertPerson(p);
  EXPECT_EQ(r.status().code(), Code::kNotFound);
  EXPECT_EQ(r.status().message(),
            "mã thôn 'T9' của người có mã số BHXH 0123456789 chưa có trong danh mục đơn vị hành chính");
  StoreCounts c = *store_->Counts();
  EXPECT_EQ(c.persons, 0);
  EXPECT_EQ(c.households, 0);
}

TEST_P(StoreConformanceTest, CitizenIdHeldByAnotherPersonIsAConflict) {
  AddUnits();
  Person a = FullPerson();
  ASSERT_TRUE(store_->UpsertPerson(a).ok());
  Person b = MakePerson(987654321, "Võ Thị Bình", "22972");
  b.citizen_id = a.citizen_id;
  b.household_code = "HGD-2";
  auto r = store_->UpsertPerson(b);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kConflict);
  EXPECT_EQ(r.status().message(),
            "số CCCD 060310001234 đã thuộc người có mã số BHXH 0123456789, không thể ghi cho người có mã số "
            "BHXH 0987654321");
  EXPECT_EQ(store_->Counts()->households, 1);  // HGD-2 was taken back
}

TEST_P(StoreConformanceTest, CardRoundTripAndOutcomes) {
  AddUnits();
  ASSERT_TRUE(store_->UpsertPerson(FullPerson()).ok());
  Card c1 = MakeCard(123456789, D(2024, 1, 1), D(2024, 12, 31));
  Card c2 = MakeCard(123456789, D(2025, 1, 1), D(2025, 12, 31));
  EXPECT_EQ(*store_->UpsertCard(c2), UpsertOutcome::kInserted);
  EXPECT_EQ(*store_->UpsertCard(c1), UpsertOutcome::kInserted);
  EXPECT_EQ(*store_->UpsertCard(c1), UpsertOutcome::kUnchanged);
  c1.facility_code = "60-045";
  EXPECT_EQ(*store_->UpsertCard(c1), UpsertOutcome::kUpdated);
  c1.valid_to = D(2024, 9, 30);
  EXPECT_EQ(*store_->UpsertCard(c1), UpsertOutcome::kUpdated);

  std::vector<Card> cards;
  ASSERT_TRUE(store_->CardsOf(BhxhNumber::FromInt(123456789), &cards).ok());
  ASSERT_EQ(cards.size(), 2u);
  EXPECT_EQ(cards[0], c1);  // by valid_from
  EXPECT_EQ(cards[1], c2);
  EXPECT_EQ(cards[0].object.str(), "HS");

  // A card given only by its 10-digit number: no object code, level or province; end unknown.
  Card bare;
  bare.bhxh = BhxhNumber::FromInt(123456789);
  bare.card_code = "0123456789";
  bare.valid_from = D(2026, 1, 1);
  EXPECT_EQ(*store_->UpsertCard(bare), UpsertOutcome::kInserted);
  EXPECT_EQ(*store_->UpsertCard(bare), UpsertOutcome::kUnchanged);
  std::vector<Card> scanned;
  ASSERT_TRUE(store_->ScanCards([&](const Card& c) {
    scanned.push_back(c);
    return Status::Ok();
  }).ok());
  ASSERT_EQ(scanned.size(), 3u);
  EXPECT_EQ(scanned[0], c1);
  EXPECT_EQ(scanned[1], c2);
  EXPECT_EQ(scanned[2], bare);
  EXPECT_TRUE(scanned[2].object.empty());
  EXPECT_FALSE(scanned[2].valid_to.valid());
  EXPECT_EQ(store_->Counts()->cards, 3);
}

TEST_P(StoreConformanceTest, CardForUnknownPersonIsNotFound) {
  AddUnits();
  auto r = store_->UpsertCard(MakeCard(123456789, D(2025, 1, 1), D(2025, 12, 31)));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kNotFound);
  EXPECT_EQ(r.status().message(),
            "thẻ của mã số BHXH 0123456789 không có người trong sổ (mã thẻ HS4600123456789); hãy nhập người trước");
  EXPECT_EQ(store_->Counts()->cards, 0);
}

TEST_P(StoreConformanceTest, TransactionGuardRollsBackUnlessCommitted) {
  AddUnits();
  {
    Transaction tx(store_.get());
    ASSERT_TRUE(tx.Begin().ok());
    ASSERT_TRUE(store_->UpsertPerson(MakePerson(1, "A", "22972")).ok());
  }  // no Commit: rolled back
  EXPECT_EQ(store_->Counts()->persons, 0);
  {
    Transaction tx(store_.get());
    ASSERT_TRUE(tx.Begin().ok());
    ASSERT_TRUE(store_->UpsertPerson(MakePerson(1, "A", "22972")).ok());
    EXPECT_EQ(store_->Begin().code(), Code::kInternal);  // not nested
    ASSERT_TRUE(tx.Commit().ok());
  }
  EXPECT_EQ(store_->Counts()->persons, 1);
  EXPECT_TRUE(store_->Rollback().ok());  // nothing open: nothing to do
}

TEST_P(StoreConformanceTest, LogImportRecordsHistory) {
  ASSERT_TRUE(store_->LogImport("persons", "ds_nguoi.xlsx", "ab12", R"({"inserted":3})").ok());
  ASSERT_TRUE(store_->LogImport("cards", "the.csv", "cd34", R"({"inserted":5})").ok());
  EXPECT_EQ(RawInt("SELECT COUNT(*) FROM import_log"), 2);
  EXPECT_EQ(RawInt("SELECT id FROM import_log WHERE file = 'the.csv'"), 2);
  EXPECT_EQ(RawText("SELECT counts_json FROM import_log WHERE id = 1"), R"({"inserted":3})");
  EXPECT_EQ(RawText("SELECT substr(imported_at, 11, 1) || substr(imported_at, 20) FROM import_log WHERE id = 1"), "TZ");
}

// Name search: the folded name's prefix first (in name order), then the text inside a name.
TEST_P(StoreConformanceTest, SearchPersonsByNamePrefixThenContains) {
  AddUnits();
  int64_t b = 1;
  for (const char* name : {"Trần Văn An", "Nguyễn An Bình", "Trần Thị Ánh", "Lê Văn Trần", "Trần An"}) {
    ASSERT_TRUE(store_->UpsertPerson(MakePerson(b++, name, "22972")).ok());
  }
  std::vector<Person> found;
  ASSERT_TRUE(store_->SearchPersonsByName("tran", 10, &found).ok());
  std::vector<std::string> names;
  for (const Person& p : found) names.push_back(p.full_name);
  // Prefix matches by folded name ("tran an" < "tran thi anh" < "tran van an"), then "le van tran".
  EXPECT_EQ(names, (std::vector<std::string>{"Trần An", "Trần Thị Ánh", "Trần Văn An", "Lê Văn Trần"}));
  ASSERT_TRUE(store_->SearchPersonsByName("an", 2, &found).ok());
  ASSERT_EQ(found.size(), 2u);  // no name starts with "an": the first two that contain it
  EXPECT_EQ(found[0].full_name, "Lê Văn Trần");
  EXPECT_EQ(found[1].full_name, "Nguyễn An Bình");
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreConformanceTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         BackendName);

}  // namespace
}  // namespace baophu::testing
