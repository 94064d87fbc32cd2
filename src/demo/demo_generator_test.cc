// Generates the scenarios into temporary folders and checks them INDEPENDENTLY of the
// generator: the CSV files are read back with core/csv.h and the coverage is recomputed with
// plain loops (a person is insured on d when a card has from <= d <= to; two valid cards count
// once, in the group of best priority; rate = insured / denominator, half up to hundredths).
#include "demo/demo_generator.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "core/codes.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/text.h"
#include "rules/rule_set.h"

namespace baophu {
namespace {

namespace fs = std::filesystem;

std::string VnAdminDir() { return std::string(BAOPHU_SOURCE_DIR) + "/../shared/data/vn-admin"; }

const RuleSet& Rules() {
  static RuleSet* rules = [] {
    auto r = RuleSet::LoadDefault();
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return new RuleSet(std::move(*r));
  }();
  return *rules;
}

std::string TempDir(const std::string& name) {
  fs::path p = fs::temp_directory_path() / ("baophu_demo_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p.string();
}

std::vector<std::vector<std::string>> ReadAll(const std::string& path) {
  std::vector<std::vector<std::string>> rows;
  auto r = CsvReader::Open(path);
  EXPECT_TRUE(r.ok()) << path;
  if (!r.ok()) return rows;
  std::vector<std::string> f;
  r->Next(&f);  // header
  while (r->Next(&f)) rows.push_back(f);
  EXPECT_TRUE(r->status().ok());
  return rows;
}

std::string Slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

bool AllDigits(const std::string& s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

Date D(const std::string& s) {
  auto d = Date::Parse(s);
  EXPECT_TRUE(d.ok()) << s;
  return d.ok() ? *d : Date();
}

// What the files say, recomputed by hand.
struct Tally {
  std::map<std::string, std::array<int64_t, 10>> insured;  // commune → group → people
  std::map<std::string, int64_t> people;                    // commune → people
  std::map<std::string, int> household_size;
  int64_t persons = 0, cards = 0;
  std::vector<std::string> problems;  // structural errors found
};

Tally Check(const std::string& dir, Date as_of, const std::string& province) {
  Tally t;
  const RuleSet& rules = Rules();
  std::unordered_map<int64_t, std::string> commune_of;
  std::unordered_map<int64_t, int> best;  // bhxh → best rank on as_of
  std::unordered_set<std::string> starts;  // bhxh + from: the import's natural key
  for (const auto& f : ReadAll(dir + "/persons.csv")) {
    ++t.persons;
    if (f.size() != 8) { t.problems.push_back("persons: field count"); continue; }
    if (f[0].size() != 10 || !AllDigits(f[0]) || (!province.empty() && f[0].substr(0, 2) != province))
      t.problems.push_back("bad BHXH " + f[0]);
    int64_t b = std::stoll(f[0]);
    if (!commune_of.emplace(b, f[5]).second) t.problems.push_back("duplicate BHXH " + f[0]);
    if (!f[1].empty() && (f[1].size() != 12 || !AllDigits(f[1]) || f[1][0] != '0'))
      t.problems.push_back("bad CCCD " + f[1]);
    if (!IsValidUtf8(f[2]) || ToNfc(f[2]) != f[2] || f[2].find(' ') == std::string::npos)
      t.problems.push_back("bad name " + f[2]);
    if (!D(f[3]).valid()) t.problems.push_back("bad birth " + f[3]);
    if (f[4] != "Nam" && f[4] != "Nữ") t.problems.push_back("bad sex " + f[4]);
    if (f[7].size() < 12 || f[7].compare(0, f[5].size(), f[5]) != 0) t.problems.push_back("bad household " + f[7]);
    ++t.household_size[f[7]];
    ++t.people[f[5]];
  }
  for (const auto& f : ReadAll(dir + "/cards.csv")) {
    ++t.cards;
    if (f.size() != 5) { t.problems.push_back("cards: field count"); continue; }
    auto code = CardCode::Parse(f[1]);
    if (!code.ok() || f[1].size() != 15 || f[1].substr(5) != f[0] || f[1].substr(3, 2) != f[0].substr(0, 2)) {
      t.problems.push_back("bad card code " + f[1]);
      continue;
    }
    int64_t b = std::stoll(f[0]);
    if (!commune_of.count(b)) t.problems.push_back("card of an unknown person " + f[0]);
    if (!starts.insert(f[0] + f[2]).second) t.problems.push_back("two cards start the same day " + f[0] + " " + f[2]);
    Date from = D(f[2]), to = D(f[3]);
    if (!(from <= to)) t.problems.push_back("card from > to " + f[1] + " " + f[2] + " " + f[3]);
    const ObjectCodeRule* rule = rules.Find(code->object, from);
    if (!rule || rule->benefit_level != code->benefit_level) t.problems.push_back("bad object/level " + f[1]);
    if (f[4].size() != 5 || !AllDigits(f[4])) t.problems.push_back("bad facility " + f[4]);
    if (from <= as_of && as_of <= to) {
      int rank = rules.Rank(rules.ReportingGroupOf(code->object, from));
      auto [it, fresh] = best.emplace(b, rank);
      if (!fresh && rank < it->second) it->second = rank;
    }
  }
  for (const auto& [b, rank] : best) {
    ReportingGroupId g = rules.groups()[static_cast<size_t>(rank)].id;
    auto& row = t.insured[commune_of[b]];
    ++row[g];
    ++row[0];
  }
  for (const auto& [hh, n] : t.household_size)
    if (n < 1 || n > 8) t.problems.push_back("household size " + hh);
  return t;
}

std::map<std::string, int64_t> CensusByCode() {
  std::map<std::string, int64_t> m;
  auto rows = CsvReader::Open(VnAdminDir() + "/census2019_population_by_unit.csv");
  std::vector<std::string> f;
  rows->Next(&f);
  while (rows->Next(&f))
    if (!f[7].empty()) m[f[7]] = std::stoll(f[4]);
  return m;
}

int64_t Rate(int64_t n, int64_t d) { return RateHundredths(n, d); }

// --- Bạc Liêu ---------------------------------------------------------------------------------

class BacLieuTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(TempDir("baclieu"));
    DemoOptions o;
    o.scenario = "bac-lieu-2021";
    o.out_dir = *dir_;
    o.vn_admin_dir = VnAdminDir();
    auto t0 = std::chrono::steady_clock::now();
    auto s = GenerateDemo(Rules(), o);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    std::printf("bac-lieu-2021: %lld persons, %lld cards in %.1f s\n%s\n", static_cast<long long>(s->persons),
                static_cast<long long>(s->cards),
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), s->expected.c_str());
    summary_ = new DemoSummary(*s);
    tally_ = new Tally(Check(*dir_, Date::FromYmd(2021, 11, 10), "95"));
  }
  static void TearDownTestSuite() { fs::remove_all(*dir_); }
  static std::string* dir_;
  static DemoSummary* summary_;
  static Tally* tally_;
};
std::string* BacLieuTest::dir_;
DemoSummary* BacLieuTest::summary_;
Tally* BacLieuTest::tally_;

TEST_F(BacLieuTest, ReproducesTheDispatchFigures) {
  ASSERT_NE(tally_, nullptr);
  auto census = CensusByCode();
  // Group denominators: population.csv, per commune, summing to the commune's census.
  std::map<std::string, std::map<std::string, int64_t>> den;  // commune → group → people
  for (const auto& f : ReadAll(*dir_ + "/population.csv")) {
    EXPECT_EQ(f[1], "01/01/2021");
    den[f[0]][f[3]] += std::stoll(f[2]);
  }
  ASSERT_EQ(den.size(), 64u);
  std::map<std::string, int64_t> group_den;
  for (const auto& [commune, groups] : den) {
    int64_t s = 0;
    for (const auto& [g, v] : groups) { s += v; group_den[g] += v; }
    EXPECT_EQ(s, census.at(commune)) << commune;
    EXPECT_EQ(tally_->people.at(commune), census.at(commune)) << commune;
  }
  std::array<int64_t, 10> ins{};
  for (const auto& [commune, row] : tally_->insured)
    for (size_t g = 0; g < 10; ++g) ins[g] += row[g];
  EXPECT_EQ(census.at("95"), 907236);
  EXPECT_EQ(tally_->persons, 907236);
  EXPECT_EQ(Rate(ins[0], 907236), 6519);               // all groups / census
  EXPECT_EQ(Rate(ins[1], group_den["NLD"]), 6658);     // employees and employers
  EXPECT_EQ(Rate(ins[5], group_den["HSSV"]), 7009);    // pupils and students
  EXPECT_EQ(Rate(ins[6], group_den["HGD"]), 4628);     // household group
  for (size_t g : {2, 3, 4}) {                         // the others: realistic, >= 90 %
    const char* code = g == 2 ? "BHXH" : g == 3 ? "NSNN" : "NSHT";
    EXPECT_GE(Rate(ins[g], group_den[code]), 9000) << code;
    EXPECT_LE(Rate(ins[g], group_den[code]), 10000) << code;
  }
  // Communes vary around the province.
  int64_t lo = 10000, hi = 0;
  for (const auto& [commune, row] : tally_->insured) {
    lo = std::min(lo, Rate(row[0], census.at(commune)));
    hi = std::max(hi, Rate(row[0], census.at(commune)));
  }
  EXPECT_LT(lo, 6300);
  EXPECT_GT(hi, 6700);
  auto targets = ReadAll(*dir_ + "/targets.csv");
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_EQ(targets[0], (std::vector<std::string>{"95", "2021", "", "91"}));
  EXPECT_FALSE(fs::exists(*dir_ + "/units.csv"));
  EXPECT_EQ(summary_->files.size(), 4u);
}

TEST_F(BacLieuTest, RowsAreWellFormed) {
  ASSERT_NE(tally_, nullptr);
  for (size_t i = 0; i < tally_->problems.size() && i < 20; ++i) ADD_FAILURE() << tally_->problems[i];
  EXPECT_TRUE(tally_->problems.empty());
  EXPECT_EQ(tally_->cards, summary_->cards);
  EXPECT_GT(tally_->cards, tally_->persons);  // histories: renewals, lapses, group changes
}

// --- Tuy Phong --------------------------------------------------------------------------------

TEST(TuyPhongTest, ReproducesTheDistrictFigures) {
  std::string dir = TempDir("tuyphong");
  DemoOptions o;
  o.scenario = "tuy-phong-2019";
  o.out_dir = dir;
  o.vn_admin_dir = VnAdminDir();
  auto s = GenerateDemo(Rules(), o);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  std::printf("%s\n", s->expected.c_str());
  Tally t = Check(dir, Date::FromYmd(2019, 9, 30), "60");
  for (size_t i = 0; i < t.problems.size() && i < 20; ++i) ADD_FAILURE() << t.problems[i];
  EXPECT_TRUE(t.problems.empty());

  auto census = CensusByCode();
  auto pop = ReadAll(dir + "/population.csv");
  ASSERT_EQ(pop.size(), 1u);
  EXPECT_EQ(pop[0], (std::vector<std::string>{"23002", "01/04/2019", "6731", ""}));
  census["23002"] = 6731;
  auto units = ReadAll(dir + "/units.csv");
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0], (std::vector<std::string>{"23002", "Xã Hòa Phú", "Xã", "595", "", "31/12/2019", "22972"}));
  auto targets = ReadAll(dir + "/targets.csv");
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_EQ(targets[0], (std::vector<std::string>{"595", "2019", "", "85,45"}));

  int64_t district = 0, people = 0;
  std::vector<std::pair<int64_t, std::string>> missing;
  for (const auto& [commune, n] : t.people) {
    EXPECT_EQ(n, census.at(commune)) << commune;
    int64_t ins = t.insured[commune][0];
    district += ins;
    people += n;
    missing.push_back({n - ins, commune});
  }
  EXPECT_EQ(t.people.size(), 12u);
  EXPECT_EQ(people, 144800);
  EXPECT_EQ(Rate(district, 144800), 8177);
  EXPECT_EQ(Rate(t.insured["22996"][0], census.at("22996")), 6358);  // Chí Công
  EXPECT_EQ(Rate(t.insured["22993"][0], census.at("22993")), 6547);  // Hòa Minh
  EXPECT_EQ(Rate(t.insured["23002"][0], 6731), 6700);                // Hòa Phú
  EXPECT_EQ(Rate(t.insured["22972"][0], census.at("22972")), 6936);  // Phan Rí Cửa
  // The five communes with the most people to reach are the document's five.
  std::sort(missing.rbegin(), missing.rend());
  std::set<std::string> top5;
  for (size_t i = 0; i < 5; ++i) top5.insert(missing[i].second);
  EXPECT_EQ(top5, (std::set<std::string>{"22972", "22996", "22969", "22993", "23002"}));
  // Liên Hương is the lowest of the other communes, around 90 %.
  int64_t lh = Rate(t.insured["22969"][0], census.at("22969"));
  EXPECT_GE(lh, 8900);
  EXPECT_LE(lh, 9200);
  for (const auto& [commune, n] : t.people) {
    if (commune == "22972" || commune == "22996" || commune == "22993" || commune == "23002") continue;
    EXPECT_GE(Rate(t.insured[commune][0], n), lh) << commune;
  }

  // October 2019 campaign: clearly more new household and pupil cards than in October 2018.
  int gd18 = 0, gd19 = 0, hs18 = 0, hs19 = 0;
  for (const auto& f : ReadAll(dir + "/cards.csv")) {
    Date from = D(f[2]);
    if (from.month() != 10) continue;
    std::string oc = f[1].substr(0, 2);
    bool gd = oc == "GD", hs = oc == "HS" || oc == "SV";
    if (from.year() == 2018) { gd18 += gd; hs18 += hs; }
    if (from.year() == 2019) { gd19 += gd; hs19 += hs; }
  }
  std::printf("cards starting in October: GD 2018 %d, 2019 %d; HS/SV 2018 %d, 2019 %d\n", gd18, gd19, hs18, hs19);
  EXPECT_GT(gd19, gd18 * 3 / 2);
  EXPECT_GT(hs19, hs18 * 6 / 5);
  fs::remove_all(dir);
}

TEST(TuyPhongTest, RejectsAnotherPopulation) {
  DemoOptions o;
  o.scenario = "tuy-phong-2019";
  o.persons = 1000;
  o.out_dir = TempDir("tuyphong_bad");
  o.vn_admin_dir = VnAdminDir();
  EXPECT_FALSE(GenerateDemo(Rules(), o).ok());
  fs::remove_all(o.out_dir);
}

// --- National ---------------------------------------------------------------------------------

TEST(NationalTest, SmallRunIsConsistentAndDeterministic) {
  std::string a = TempDir("national_a"), b = TempDir("national_b"), c = TempDir("national_c");
  DemoOptions o;
  o.scenario = "national";
  o.persons = 20000;
  o.seed = 7;
  o.vn_admin_dir = VnAdminDir();
  o.out_dir = a;
  auto s = GenerateDemo(Rules(), o);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->persons, 20000);
  Tally t = Check(a, Date::FromYmd(2025, 7, 1), "");
  for (size_t i = 0; i < t.problems.size() && i < 20; ++i) ADD_FAILURE() << t.problems[i];
  EXPECT_TRUE(t.problems.empty());
  EXPECT_EQ(t.persons, 20000);
  EXPECT_EQ(t.cards, s->cards);
  double per_person = static_cast<double>(t.cards) / 20000;
  int64_t covered = 0;
  for (const auto& [commune, row] : t.insured) covered += row[0];
  std::printf("national 20000: %.2f cards/person, %.2f %% covered on 01/07/2025\n", per_person,
              100.0 * static_cast<double>(covered) / 20000);
  EXPECT_GT(per_person, 2.0);
  EXPECT_LT(per_person, 2.7);
  EXPECT_GT(covered, 20000 * 88 / 100);
  EXPECT_LT(covered, 20000 * 96 / 100);
  // Population rows = the people generated in each commune; the provinces' rows and the
  // country's add up to the same people.
  int64_t commune_sum = 0, province_sum = 0, country = -1;
  for (const auto& f : ReadAll(a + "/population.csv")) {
    EXPECT_EQ(f[1], "01/07/2025");
    if (f[0] == "VN") {
      country = std::stoll(f[2]);
    } else if (f[0].size() == 2) {
      province_sum += std::stoll(f[2]);
    } else {
      EXPECT_EQ(std::stoll(f[2]), t.people[f[0]]) << f[0];
      commune_sum += std::stoll(f[2]);
    }
  }
  EXPECT_EQ(commune_sum, 20000);
  EXPECT_EQ(province_sum, 20000);
  EXPECT_EQ(country, 20000);
  EXPECT_EQ(ReadAll(a + "/targets.csv").size(), 68u);  // 34 provinces × 2025, 2026

  o.out_dir = b;
  ASSERT_TRUE(GenerateDemo(Rules(), o).ok());
  o.seed = 8;
  o.out_dir = c;
  ASSERT_TRUE(GenerateDemo(Rules(), o).ok());
  for (const char* f : {"/persons.csv", "/cards.csv", "/population.csv", "/targets.csv"}) {
    EXPECT_EQ(Slurp(a + f), Slurp(b + f)) << f;
  }
  EXPECT_NE(Slurp(a + "/persons.csv"), Slurp(c + "/persons.csv"));
  for (const auto& d : {a, b, c}) fs::remove_all(d);
}

TEST(DemoGeneratorTest, UnknownScenario) {
  DemoOptions o;
  o.scenario = "ha-noi";
  o.out_dir = "/tmp";
  auto s = GenerateDemo(Rules(), o);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace baophu
