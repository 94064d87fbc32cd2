// The index follows imports without a rebuild: after importing more persons and cards into a
// store whose registry is loaded, ApplyChanges gives, on every date and unit, the same reports,
// series and flows as a registry loaded afresh from the store.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "ingest/importer.h"
#include "report/coverage_report.h"
#include "report/coverage_series.h"
#include "report/registry_loader.h"
#include "store/sqlite/sqlite_store.h"

namespace baophu {
namespace {

Date D(int y, int m, int d) { return Date::FromYmd(y, m, d); }

class LiveUpdateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "baophu_live_" + std::to_string(getpid());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto s = SQLiteStore::Open(dir_ + "/s.db");
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    for (const Unit& u : {MakeUnit("VN", "Việt Nam", UnitLevel::kCountry, ""),
                          MakeUnit("60", "Tỉnh Bình Thuận", UnitLevel::kProvince, "VN"),
                          MakeUnit("595", "Huyện Tuy Phong", UnitLevel::kDistrict, "60"),
                          MakeUnit("22972", "Thị trấn Phan Rí Cửa", UnitLevel::kCommune, "595"),
                          MakeUnit("22993", "Xã Hòa Minh", UnitLevel::kCommune, "595"),
                          MakeUnit("22996", "Xã Chí Công", UnitLevel::kCommune, "595")})
      ASSERT_TRUE(store_->UpsertUnit(u).ok());
    auto rules = RuleSet::LoadDefault();
    ASSERT_TRUE(rules.ok());
    rules_ = *rules;
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Persons first..last in random communes (a re-listed person may move), and their cards.
  void WriteFiles(uint32_t seed, int first, int last, const std::string& tag) {
    std::mt19937 rng(seed);
    const char* communes[] = {"22972", "22993", "22996", ""};
    const char* objects[] = {"DN", "HS", "GD", "CN", "TE"};
    std::ofstream p(dir_ + "/persons_" + tag + ".csv"), c(dir_ + "/cards_" + tag + ".csv");
    p << "ma_so_bhxh,so_cccd,ho_ten,ngay_sinh,gioi_tinh,ma_xa\n";
    c << "ma_so_bhxh,ma_the,tu_ngay,den_ngay\n";
    for (int i = first; i <= last; ++i) {
      const int64_t bhxh = 6000000000 + i;
      char cccd[16];
      std::snprintf(cccd, sizeof cccd, "060090%06d", i);  // province 060, male born in 1990
      p << bhxh << "," << cccd << ",Người " << i << ",01/01/1990,Nam," << communes[rng() % 4] << "\n";
      for (int k = static_cast<int>(rng() % 4); k > 0; --k) {
        Date from = D(2020, 1, 1).AddDays(k * 370 + static_cast<int32_t>(rng() % 360));  // distinct starts
        Date to = from.AddDays(static_cast<int32_t>(rng() % 400));
        c << bhxh << "," << objects[rng() % 5] << "460" << bhxh << "," << from.ToVn() << "," << to.ToVn() << "\n";
      }
    }
  }
  ImportResult Import(ImportKind kind, const std::string& name) {
    ImportOptions o;
    o.collect_changes = true;
    auto r = ImportFile(store_.get(), rules_, kind, dir_ + "/" + name, o);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->rejected, 0) << (r->errors.empty() ? "" : r->errors[0].reason);
    return *r;
  }
  LoadedRegistry Load() {
    auto r = LoadRegistry(store_.get(), rules_);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::move(*r);
  }
  static std::string Everything(const LoadedRegistry& reg) {
    std::string out;
    for (Date d = D(2019, 12, 1); d <= D(2024, 6, 1); d = d.AddDays(23)) {
      CoverageQuery q;
      q.as_of = d;
      q.by_group = true;
      out += FormatCoverageCsv(*BuildCoverageReport(reg, q), reg.rules);
    }
    SeriesQuery s;
    s.unit_code = "595";
    s.from = D(2020, 1, 1);
    s.to = D(2024, 12, 31);
    out += FormatSeriesCsv(*BuildCoverageSeries(reg, s), reg.rules);
    FlowsQuery f;
    f.from = D(2021, 1, 1);
    f.to = D(2022, 6, 30);
    f.depth = 3;
    out += FormatFlowsCsv(*BuildCoverageFlows(reg, f), reg.rules);
    return out;
  }

  std::string dir_;
  std::unique_ptr<SQLiteStore> store_;
  RuleSet rules_;
};

TEST_F(LiveUpdateTest, ApplyingAnImportEqualsARebuild) {
  WriteFiles(1, 1, 300, "a");
  Import(ImportKind::kPersons, "persons_a.csv");
  Import(ImportKind::kCards, "cards_a.csv");
  LoadedRegistry live = Load();
  const std::string before = Everything(live);

  // Persons 200..450: 101 re-listed (some move commune), 150 new; their cards, some the same.
  WriteFiles(2, 200, 450, "b");
  ImportResult persons = Import(ImportKind::kPersons, "persons_b.csv");
  ImportResult cards = Import(ImportKind::kCards, "cards_b.csv");
  EXPECT_EQ(persons.changed_persons.size(), static_cast<size_t>(persons.inserted + persons.updated));
  EXPECT_EQ(cards.changed_cards.size(), static_cast<size_t>(cards.inserted + cards.updated));
  EXPECT_GT(persons.updated, 0);
  ASSERT_TRUE(ApplyChanges(&live, persons.commit, persons.changed_persons, {}).ok());
  ASSERT_TRUE(ApplyChanges(&live, cards.commit, {}, cards.changed_cards).ok());

  LoadedRegistry rebuilt = Load();
  const std::string after = Everything(rebuilt);
  EXPECT_NE(after, before);  // the import mattered
  EXPECT_EQ(Everything(live), after);
  EXPECT_EQ(live.index->card_count(), rebuilt.index->card_count());
  EXPECT_EQ(live.store_generation, rebuilt.store_generation);
  EXPECT_EQ(live.store_token, rebuilt.store_token);

  // The same files again change nothing and collect nothing.
  ImportResult again = Import(ImportKind::kCards, "cards_b.csv");
  EXPECT_TRUE(again.changed_cards.empty());
}

// Issue 12, item 7: a CLI import the server never applied, then a web commit. The web commit's
// rows applied on top must not claim the store's generation (which includes the CLI import):
// ApplyChanges refuses, leaves the index as it was, and a reload counts both.
TEST_F(LiveUpdateTest, ApplyChangesRefusesToClaimAGenerationItDidNotApply) {
  WriteFiles(1, 1, 300, "a");
  Import(ImportKind::kPersons, "persons_a.csv");
  LoadedRegistry live = Load();
  const StoreState loaded = live.state();
  ASSERT_NE(loaded.write_token, 0);

  WriteFiles(2, 1, 300, "b");  // the cards of the same people: the "CLI import"
  ImportResult cli = Import(ImportKind::kCards, "cards_b.csv");
  ASSERT_GT(cli.inserted, 0);
  EXPECT_EQ(cli.commit.before, loaded);
  WriteFiles(3, 1, 300, "c");  // then "one card through the web"
  ImportResult web = Import(ImportKind::kCards, "cards_c.csv");
  ASSERT_GT(web.inserted + web.updated, 0);
  EXPECT_EQ(web.commit.before, cli.commit.after);

  const int64_t cards_before = live.index->card_count();
  Status st = ApplyChanges(&live, web.commit, {}, web.changed_cards);
  EXPECT_EQ(st.code(), Status::Code::kConflict) << st.ToString();
  EXPECT_EQ(live.state(), loaded);                    // claims nothing new
  EXPECT_EQ(live.index->card_count(), cards_before);  // and changed nothing

  // Applying both in order is allowed, and then equals a rebuild.
  ASSERT_TRUE(ApplyChanges(&live, cli.commit, {}, cli.changed_cards).ok());
  ASSERT_TRUE(ApplyChanges(&live, web.commit, {}, web.changed_cards).ok());
  LoadedRegistry rebuilt = Load();
  EXPECT_EQ(live.state(), rebuilt.state());
  EXPECT_EQ(Everything(live), Everything(rebuilt));
}

}  // namespace
}  // namespace baophu
