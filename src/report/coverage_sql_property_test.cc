// Property test against an independent computation: random card histories (overlaps, gaps,
// same-day starts and ends, leap days, a commune merged on a leap day) are written to a real
// SQLite store; every insured cell of the report (unit × group, unplaced rows included) and
// every point of weekly series must equal what plain SQL computes from the store's own tables
// and the rule tables loaded into SQLite — a person counted once, in the best-priority group
// among the cards valid on the day, placed by the report's rules.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <random>
#include <tuple>

#include "report/coverage_report.h"
#include "report/coverage_series.h"
#include "report/registry_loader.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"

namespace baophu {
namespace {

Date D(int y, int m, int d) { return Date::FromYmd(y, m, d); }

// (unit code or "" for an unplaced row, the unit it hangs under, group id) → insured.
using Cells = std::map<std::tuple<std::string, std::string, int>, int64_t>;

// Where each person is counted on :d, as the report's rules say for this tree: the hamlet when
// valid and under the commune, else the commune when valid, else (unplaced) the parent of the
// commune's nearest version, else the country. Then the best group of the valid cards, then
// every unit valid on :d above the placement (recursive), and the counts.
constexpr const char* kCellsSql = R"sql(
WITH RECURSIVE
valid_unit AS (SELECT code, parent_code FROM unit WHERE valid_from <= :d AND :d <= valid_to),
card_group AS (
  SELECT c.bhxh,
         COALESCE((SELECT o.grp FROM t_object o
                   WHERE o.code = c.object_code AND o.valid_from <= c.valid_from AND c.valid_from <= o.valid_to), 9) AS grp
  FROM card c
  WHERE c.valid_from <= :d AND :d <= c.valid_to),
best AS (
  SELECT cg.bhxh, cg.grp FROM card_group cg JOIN t_group g ON g.id = cg.grp
  WHERE g.rank = (SELECT MIN(g2.rank) FROM card_group c2 JOIN t_group g2 ON g2.id = c2.grp WHERE c2.bhxh = cg.bhxh)
  GROUP BY cg.bhxh),
placed AS (
  SELECT p.bhxh,
    CASE
      WHEN p.commune_code IS NULL THEN 'VN'
      WHEN p.commune_code IN (SELECT code FROM valid_unit) THEN
        CASE WHEN p.hamlet_code IS NOT NULL AND EXISTS (SELECT 1 FROM valid_unit h
                  WHERE h.code = p.hamlet_code AND h.parent_code = p.commune_code)
             THEN p.hamlet_code ELSE p.commune_code END
      ELSE COALESCE(
        (SELECT u.parent_code FROM unit u WHERE u.code = p.commune_code AND u.valid_to < :d
         ORDER BY u.valid_to DESC LIMIT 1),
        (SELECT u.parent_code FROM unit u WHERE u.code = p.commune_code AND u.valid_from > :d
         ORDER BY u.valid_from LIMIT 1), 'VN')
    END AS at,
    p.commune_code IS NULL OR p.commune_code NOT IN (SELECT code FROM valid_unit) AS unplaced
  FROM person p),
up(at, unit) AS (
  SELECT code, code FROM valid_unit
  UNION ALL
  SELECT up.at, v.parent_code FROM up JOIN valid_unit v ON v.code = up.unit WHERE v.parent_code IS NOT NULL)
SELECT up.unit, '', b.grp, COUNT(*) FROM best b JOIN placed p ON p.bhxh = b.bhxh JOIN up ON up.at = p.at
GROUP BY up.unit, b.grp
UNION ALL
SELECT '', p.at, b.grp, COUNT(*) FROM best b JOIN placed p ON p.bhxh = b.bhxh WHERE p.unplaced
GROUP BY p.at, b.grp
)sql";

class CoverageSqlPropertyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "baophu_sqlprop_" + std::to_string(getpid());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto rules = RuleSet::LoadDefault();
    ASSERT_TRUE(rules.ok());
    rules_ = *rules;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // VN → 60 → 595 → Hòa Phú (23002, until 28/02/2020, merged into 22972 on the leap day),
  // Phan Rí Cửa (22972, a new version from 29/02/2020) with hamlet 22972.01, Chí Công (22996).
  void Fill(SQLiteStore* s, uint32_t seed) {
    const Date end = D(2020, 2, 28), leap = D(2020, 2, 29);
    for (const Unit& u : {MakeUnit("VN", "Việt Nam", UnitLevel::kCountry, ""),
                          MakeUnit("60", "Tỉnh Bình Thuận", UnitLevel::kProvince, "VN"),
                          MakeUnit("595", "Huyện Tuy Phong", UnitLevel::kDistrict, "60"),
                          MakeUnit("23002", "Xã Hòa Phú", UnitLevel::kCommune, "595", Date::Min(), end),
                          MakeUnit("22972", "Thị trấn Phan Rí Cửa", UnitLevel::kCommune, "595", Date::Min(), end),
                          MakeUnit("22972", "Thị trấn Phan Rí Cửa", UnitLevel::kCommune, "595", leap),
                          MakeUnit("22972.01", "Khu phố 1", UnitLevel::kHamlet, "22972"),
                          MakeUnit("22996", "Xã Chí Công", UnitLevel::kCommune, "595")})
      ASSERT_TRUE(s->UpsertUnit(u).ok());
    ASSERT_TRUE(s->UpsertSuccessor({UnitCode::Unchecked("23002"), Date::Min(), UnitCode::Unchecked("22972"),
                                    MergeType::kFull})
                    .ok());
    std::mt19937 rng(seed);
    const std::pair<const char*, const char*> homes[] = {
        {"23002", ""}, {"22972", ""}, {"22972", "22972.01"}, {"22996", ""}, {"", ""}, {"22996", "22972.01"}};
    const char* objects[] = {"DN", "HT", "CA", "CN", "HS", "SV", "GD", "GB", "TE", "ZZ", ""};
    // Days near which histories cluster: leap days, the merge, year ends.
    const Date anchors[] = {D(2020, 2, 28), D(2020, 2, 29), D(2020, 3, 1), D(2021, 1, 1), D(2023, 12, 31),
                            D(2024, 2, 29), D(2022, 6, 15)};
    ASSERT_TRUE(s->Begin().ok());
    for (int i = 1; i <= 600; ++i) {
      Person p;
      p.bhxh = BhxhNumber::FromInt(6000000000 + i);
      p.full_name = "Người " + std::to_string(i);
      auto [c, h] = homes[rng() % 6];
      p.commune = UnitCode::Unchecked(c);
      p.hamlet = UnitCode::Unchecked(h);
      ASSERT_TRUE(s->UpsertPerson(p).ok());
      const int n = static_cast<int>(rng() % 5);
      for (int k = 0; k < n; ++k) {
        Card card;
        card.bhxh = p.bhxh;
        card.card_code = "X";
        const char* o = objects[rng() % 11];
        if (*o) card.object = *ObjectCode::Parse(o);
        card.province_code = "60";
        card.facility_code = "60-001";
        Date base = anchors[rng() % 7];
        card.valid_from = base.AddDays(static_cast<int32_t>(rng() % 61) - 30);
        // Same-day cards, short ones, year-long ones; gaps and overlaps follow from the draws.
        const int32_t len[] = {0, 1, 30, 89, 91, 365, 366, 730};
        card.valid_to = card.valid_from.AddDays(len[rng() % 8]);
        auto r = s->UpsertCard(card);
        ASSERT_TRUE(r.ok()) << r.status().ToString();
      }
    }
    ASSERT_TRUE(s->Commit().ok());
  }

  // The rule tables in SQLite, beside the store's tables (temp: the store's file is not changed).
  void LoadRulesInto(sqlite::Db* db) {
    ASSERT_TRUE(db->Exec("CREATE TEMP TABLE t_group (id INTEGER PRIMARY KEY, rank INTEGER NOT NULL);"
                         "CREATE TEMP TABLE t_object (code TEXT, grp INTEGER, valid_from INTEGER, valid_to INTEGER);")
                    .ok());
    for (const ReportingGroup& g : rules_.groups())
      ASSERT_TRUE(db->Exec(("INSERT INTO t_group VALUES (" + std::to_string(g.id) + ", " +
                            std::to_string(rules_.Rank(g.id)) + ")")
                               .c_str())
                      .ok());
    for (const ObjectCodeRule& r : rules_.object_codes())
      ASSERT_TRUE(db->Exec(("INSERT INTO t_object VALUES ('" + r.code.str() + "', " + std::to_string(r.reporting_group) +
                            ", " + std::to_string(r.valid_from.days()) + ", " + std::to_string(r.valid_to.days()) + ")")
                               .c_str())
                      .ok());
  }

  Cells SqlCells(sqlite::Db* db, Date d) {
    Cells out;
    auto q = db->Prepare(kCellsSql);
    EXPECT_TRUE(q.ok()) << q.status().ToString();
    if (!q.ok()) return out;
    (*q)->BindInt(1, d.days());  // every :d is the one parameter
    while ((*q)->Step() == SQLITE_ROW) {
      std::string unit((*q)->Text(0)), under((*q)->Text(1));
      out[{unit, under, static_cast<int>((*q)->Int(2))}] += (*q)->Int(3);
    }
    return out;
  }

  // The report's insured cells, keyed like SqlCells (zeros left out).
  static Cells ReportCells(const LoadedRegistry& reg, Date d) {
    CoverageQuery q;
    q.as_of = d;
    q.depth = 9;  // down to hamlets
    q.by_group = true;
    auto r = BuildCoverageReport(reg, q);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    Cells out;
    std::vector<std::string> path;  // unit codes by depth
    for (const CoverageRow& row : r->rows) {
      if (!row.unplaced) {
        path.resize(static_cast<size_t>(row.depth));
        path.push_back(row.unit_code);
      }
      if (row.group == kAllGroups || row.insured == 0) continue;
      if (row.unplaced)
        out[{"", path[static_cast<size_t>(row.depth) - 1], row.group}] += row.insured;
      else
        out[{row.unit_code, "", row.group}] += row.insured;
    }
    return out;
  }

  std::string dir_;
  RuleSet rules_;
};

TEST_F(CoverageSqlPropertyTest, ReportAndSeriesEqualPlainSql) {
  for (uint32_t seed : {11u, 12u, 13u}) {
    const std::string path = dir_ + "/s" + std::to_string(seed) + ".db";
    {
      auto store = SQLiteStore::Open(path);
      ASSERT_TRUE(store.ok());
      Fill(store->get(), seed);
    }
    auto store = SQLiteStore::Open(path);
    ASSERT_TRUE(store.ok());
    auto reg = LoadRegistry(store->get(), rules_);
    ASSERT_TRUE(reg.ok()) << reg.status().ToString();
    auto db = sqlite::Db::Open(path);
    ASSERT_TRUE(db.ok());
    LoadRulesInto(db->get());

    // Every day around the merge and the leap days, and random others.
    std::vector<Date> days;
    for (Date d = D(2020, 2, 20); d <= D(2020, 3, 5); d = d.AddDays(1)) days.push_back(d);
    for (Date d = D(2024, 2, 27); d <= D(2024, 3, 2); d = d.AddDays(1)) days.push_back(d);
    std::mt19937 rng(seed);
    for (int k = 0; k < 20; ++k) days.push_back(D(2019, 6, 1).AddDays(static_cast<int32_t>(rng() % 2200)));
    int64_t cells = 0;
    for (Date d : days) {
      SCOPED_TRACE("seed " + std::to_string(seed) + ", " + d.ToVn());
      Cells want = SqlCells(db->get(), d);
      EXPECT_EQ(ReportCells(*reg, d), want);
      cells += static_cast<int64_t>(want.size());
    }
    EXPECT_GT(cells, 500);  // the data exercise many cells

    // Weekly series of every unit and group against the same SQL on each of their dates.
    SeriesQuery sq;
    sq.from = D(2019, 12, 1);
    sq.to = D(2024, 6, 30);
    sq.week_start = 6;  // Saturdays: 29/02/2020 is one
    auto dates = SeriesDates(sq);
    ASSERT_TRUE(dates.ok());
    std::vector<Cells> sql_on;
    for (Date d : *dates) sql_on.push_back(SqlCells(db->get(), d));
    for (const char* unit : {"VN", "595", "22972", "22972.01", "23002", "22996"})
      for (const ReportingGroup& g : rules_.groups()) {
        sq.unit_code = unit;
        sq.group = g.id;
        auto s = BuildCoverageSeries(*reg, sq);
        ASSERT_TRUE(s.ok()) << unit << ": " << s.status().ToString();
        for (size_t k = 0; k < dates->size(); ++k) {
          const SeriesPoint& p = s->points[k];
          if (!p.unit_valid) continue;  // Hòa Phú after the merge
          auto it = sql_on[k].find({unit, "", g.id});
          EXPECT_EQ(p.insured, it == sql_on[k].end() ? 0 : it->second)
              << unit << " group " << g.code << " on " << p.date.ToVn() << ", seed " << seed;
        }
      }
  }
}

}  // namespace
}  // namespace baophu
