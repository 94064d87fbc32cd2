// Randomized property test: an index maintained incrementally must agree, on every slot ×
// group × day, with a naive recomputation from the raw cards and with an index built from
// scratch from the same people and cards.
#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <map>
#include <random>
#include <tuple>
#include <vector>

#include "engine/coverage_index.h"

namespace baophu {
namespace {

using Cell = std::tuple<std::string, std::string, int>;  // commune, hamlet, group

struct Model {
  std::map<int64_t, Person> people;
  std::map<std::pair<int64_t, int32_t>, Card> cards;  // (bhxh, valid_from)
};

// The plain loop: for each person, the best-ranked card valid on d.
std::map<Cell, int64_t> NaiveCounts(const Model& m, const RuleSet& rules, Date d) {
  std::map<int64_t, ReportingGroupId> best;
  for (const auto& [key, c] : m.cards) {
    if (!m.people.count(key.first)) continue;
    if (!(c.valid_from <= d && d <= c.valid_to)) continue;
    ReportingGroupId g = rules.ReportingGroupOf(c.object, c.valid_from);
    auto it = best.find(key.first);
    if (it == best.end() || rules.Rank(g) < rules.Rank(it->second)) best[key.first] = g;
  }
  std::map<Cell, int64_t> out;
  for (const auto& [bhxh, g] : best) {
    const Person& p = m.people.at(bhxh);
    std::string commune = p.commune.str();
    std::string hamlet = commune.empty() ? "" : p.hamlet.str();
    ++out[{commune, hamlet, g}];
  }
  return out;
}

// Flows by the definitions of coverage_index.h, day by day: each person's best group on every
// day of a window wide enough to hold every card, runs read off the days.
using FlowCell = std::tuple<int64_t, int64_t, int64_t>;  // new, renewed, lapsed
std::map<Cell, FlowCell> NaiveFlows(const Model& m, const RuleSet& rules, Date from, Date to, Date w0, Date w1) {
  std::map<Cell, FlowCell> out;
  for (const auto& [bhxh, p] : m.people) {
    std::vector<int> rank;  // per day of the window, -1 = uninsured
    for (Date d = w0; d <= w1; d = d.AddDays(1)) {
      int best = -1;
      for (auto it = m.cards.lower_bound({bhxh, INT32_MIN}); it != m.cards.end() && it->first.first == bhxh; ++it) {
        const Card& c = it->second;
        if (c.valid_from <= d && d <= c.valid_to) {
          int r = rules.Rank(rules.ReportingGroupOf(c.object, c.valid_from));
          if (best < 0 || r < best) best = r;
        }
      }
      rank.push_back(best);
    }
    struct R {
      int start, end;
    };
    std::vector<R> runs;
    for (int i = 0; i < static_cast<int>(rank.size()); ++i) {
      if (rank[i] < 0) continue;
      if (!runs.empty() && runs.back().end == i - 1)
        runs.back().end = i;
      else
        runs.push_back({i, i});
    }
    const int a = from - w0, b = to - w0;
    int news = -1, renews = -1, lapses = -1;
    for (size_t i = 0; i < runs.size(); ++i) {
      if (runs[i].start >= a && runs[i].start <= b) {
        bool renewal = i > 0 && runs[i].start - runs[i - 1].end - 1 <= CoverageIndex::kRenewalGapDays;
        int& kind = renewal ? renews : news;
        if (kind < 0) kind = rank[runs[i].start];
      }
      if (runs[i].end >= a && runs[i].end <= b && lapses < 0) {
        bool renewed = i + 1 < runs.size() && runs[i + 1].start - runs[i].end - 1 <= CoverageIndex::kRenewalGapDays;
        if (!renewed) lapses = rank[runs[i].end];
      }
    }
    std::string commune = p.commune.str();
    std::string hamlet = commune.empty() ? "" : p.hamlet.str();
    auto cell = [&](int r) -> FlowCell& { return out[{commune, hamlet, rules.groups()[r].id}]; };
    if (news >= 0) ++std::get<0>(cell(news));
    if (renews >= 0) ++std::get<1>(cell(renews));
    if (lapses >= 0) ++std::get<2>(cell(lapses));
  }
  return out;
}

std::map<Cell, FlowCell> IndexFlows(const CoverageIndex& idx, Date from, Date to) {
  std::map<Cell, FlowCell> out;
  idx.ForEachFlow(from, to, {}, [&](CoverageIndex::Slot s, ReportingGroupId g, const CoverageIndex::Flows& f) {
    auto k = idx.slot(s);
    out[{k.commune, k.hamlet, g}] = {f.new_people, f.renewed, f.lapsed};
  });
  return out;
}

std::map<Cell, int64_t> IndexCounts(const CoverageIndex& idx, Date d) {
  std::map<Cell, int64_t> out;
  idx.ForEachCount(d, [&](CoverageIndex::Slot s, ReportingGroupId g, int64_t n) {
    auto k = idx.slot(s);
    out[{k.commune, k.hamlet, g}] = n;
  });
  return out;
}

class Generator {
 public:
  explicit Generator(uint32_t seed) : rng_(seed) {}
  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(int percent) { return Uniform(0, 99) < percent; }

  Person RandomPerson(int64_t bhxh) {
    static const char* kCommunes[] = {"", "23002", "22972", "31825"};
    static const char* kHamlets[] = {"", "t1", "t2"};
    Person p;
    p.bhxh = BhxhNumber::FromInt(bhxh);
    p.commune = UnitCode::Unchecked(kCommunes[Uniform(0, 3)]);
    p.hamlet = UnitCode::Unchecked(kHamlets[Uniform(0, 2)]);
    p.birth_date = Date::FromYmd(1950 + Uniform(0, 70), 1 + Uniform(0, 11), 1 + Uniform(0, 27));
    p.sex = static_cast<Sex>(Uniform(0, 2));
    p.household_code = Chance(70) ? "H" + std::to_string(Uniform(0, 50)) : "";
    return p;
  }

  // Days clustered around month starts and the leap day so that cards touch and overlap.
  Date RandomDay() {
    switch (Uniform(0, 3)) {
      case 0:
        return Date::FromYmd(2024, 2, 28 + Uniform(0, 1)).AddDays(Uniform(-1, 1));
      case 1:
        return Date::FromYmd(2023 + Uniform(0, 2), 1 + Uniform(0, 11), 1);
      default:
        return kStart.AddDays(Uniform(0, kSpan));
    }
  }

  Card RandomCard(int64_t bhxh) {
    static const char* kObjects[] = {"DN", "HT", "TE", "CN", "HS", "GD", "ZZ", "AK"};
    Card c;
    c.bhxh = BhxhNumber::FromInt(bhxh);
    c.object = *ObjectCode::Parse(kObjects[Uniform(0, 7)]);
    c.benefit_level = Uniform(1, 5);
    c.valid_from = RandomDay();
    switch (Uniform(0, 5)) {
      case 0:
        c.valid_to = c.valid_from;
        break;  // one day
      case 1:
        c.valid_to = c.valid_from.AddDays(-1);
        break;  // empty window
      case 2:
        c.valid_to = c.valid_from.AddMonths(12).AddDays(-1);
        break;
      case 3:
        c.valid_to = RandomDay();
        break;  // maybe before from
      default:
        c.valid_to = c.valid_from.AddDays(Uniform(0, 200));
        break;
    }
    return c;
  }

  static constexpr Date kStart = Date::FromDays(19600);  // 2023-08-30
  static constexpr int kSpan = 700;
  std::mt19937 rng_;
};

class CoverageIndexPropertyTest : public ::testing::TestWithParam<uint32_t> {
 protected:
  void SetUp() override {
    auto rs = RuleSet::LoadDefault();
    ASSERT_TRUE(rs.ok()) << rs.status().ToString();
    rules_ = std::move(*rs);
  }

  using Accumulation = CoverageIndexBuilder::ChangeAccumulation;
  std::unique_ptr<CoverageIndex> BuildFromScratch(const Model& m, Generator* gen,
                                                  Accumulation how = Accumulation::kAuto) {
    std::vector<Person> people;
    for (const auto& [b, p] : m.people) people.push_back(p);
    std::vector<Card> cards;
    for (const auto& [k, c] : m.cards) cards.push_back(c);
    std::shuffle(people.begin(), people.end(), gen->rng_);
    std::shuffle(cards.begin(), cards.end(), gen->rng_);
    CoverageIndexBuilder b(rules_);
    b.set_change_accumulation(how);
    size_t i = 0, j = 0;
    while (i < people.size() || j < cards.size()) {  // interleaved: cards may come first
      if (j < cards.size() && (i == people.size() || gen->Chance(60)))
        b.AddCard(cards[j++]);
      else
        b.AddPerson(people[i++]);
    }
    int64_t orphans = -1;
    auto idx = b.Finish(&orphans);
    EXPECT_EQ(orphans, 0);
    return idx;
  }

  // Every day of the window plus the dates far outside it, cell by cell.
  void ExpectSame(const Model& m, const CoverageIndex& inc, const CoverageIndex& fresh) {
    EXPECT_EQ(inc.person_count(), static_cast<int64_t>(m.people.size()));
    EXPECT_EQ(inc.card_count(), static_cast<int64_t>(m.cards.size()));
    EXPECT_EQ(fresh.card_count(), static_cast<int64_t>(m.cards.size()));
    std::map<std::pair<std::string, std::string>, CoverageIndex::Slot> fresh_slots;
    for (CoverageIndex::Slot s = 0; s < fresh.slot_count(); ++s) {
      auto k = fresh.slot(s);
      fresh_slots[{k.commune, k.hamlet}] = s;
    }
    std::vector<Date> days = {Date::FromYmd(2000, 1, 1), Date::FromYmd(2030, 1, 1)};
    for (int i = -40; i <= Generator::kSpan + 400; ++i) days.push_back(Generator::kStart.AddDays(i));
    for (Date d : days) {
      auto want = NaiveCounts(m, rules_, d);
      ASSERT_EQ(IndexCounts(inc, d), want) << d.ToIso();
      for (CoverageIndex::Slot s = 0; s < inc.slot_count(); ++s) {
        auto k = inc.slot(s);
        auto fs = fresh_slots.find({k.commune, k.hamlet});
        for (const ReportingGroup& g : rules_.groups()) {
          int64_t n = inc.Count(s, g.id, d);
          auto w = want.find({k.commune, k.hamlet, g.id});
          ASSERT_EQ(n, w == want.end() ? 0 : w->second) << d.ToIso() << " " << k.commune << "/" << k.hamlet;
          ASSERT_EQ(n, fs == fresh_slots.end() ? 0 : fresh.Count(fs->second, g.id, d));
        }
      }
    }
  }

  // Series and country totals against Count; flows against the day-by-day definition.
  void ExpectSameSeriesAndFlows(const Model& m, const CoverageIndex& idx, Generator* gen) {
    std::vector<Date> dates;
    for (int i = -40; i <= Generator::kSpan + 400; i += 7) dates.push_back(Generator::kStart.AddDays(i));
    std::vector<int64_t> country(dates.size()), one(dates.size()), want(dates.size(), 0);
    idx.SeriesOver({}, kAllGroups, dates, country.data());
    for (CoverageIndex::Slot s = 0; s < idx.slot_count(); ++s) {
      for (const ReportingGroup& g : rules_.groups()) {
        idx.Series(s, g.id, dates, one.data());
        for (size_t i = 0; i < dates.size(); ++i) {
          ASSERT_EQ(one[i], idx.Count(s, g.id, dates[i]));
          want[i] += one[i];
        }
      }
    }
    ASSERT_EQ(country, want);
    const Date w0 = Generator::kStart.AddDays(-400), w1 = Generator::kStart.AddDays(Generator::kSpan + 900);
    for (int k = 0; k < 3; ++k) {
      Date from = Generator::kStart.AddDays(gen->Uniform(-60, Generator::kSpan + 100));
      Date to = from.AddDays(k == 0 ? 0 : gen->Uniform(1, 200));
      ASSERT_EQ(IndexFlows(idx, from, to), NaiveFlows(m, rules_, from, to, w0, w1))
          << from.ToIso() << ".." << to.ToIso();
    }
  }

  RuleSet rules_;
};

TEST_P(CoverageIndexPropertyTest, IncrementalMatchesNaiveAndRebuilt) {
  Generator gen(GetParam());
  Model m;
  const int kPeople = 300;
  // Initial load through the builder, with repeated people and repeated card keys.
  CoverageIndexBuilder b(rules_);
  for (int i = 0; i < kPeople; ++i) {
    int64_t bhxh = 1000000000 + gen.Uniform(0, 5 * kPeople);
    Person p = gen.RandomPerson(bhxh);
    m.people[bhxh] = p;
    b.AddPerson(p);
  }
  std::vector<int64_t> ids;
  for (const auto& [bhxh, p] : m.people) ids.push_back(bhxh);
  for (int i = 0; i < 2 * kPeople; ++i) {
    Card c = gen.RandomCard(ids[gen.Uniform(0, static_cast<int>(ids.size()) - 1)]);
    m.cards[{c.bhxh.value(), c.valid_from.days()}] = c;
    b.AddCard(c);
  }
  auto idx = b.Finish();
  ExpectSame(m, *idx, *BuildFromScratch(m, &gen));
  ExpectSameSeriesAndFlows(m, *idx, &gen);

  for (int batch = 0; batch < 8; ++batch) {
    for (int op = 0; op < 60; ++op) {
      int64_t bhxh = ids[gen.Uniform(0, static_cast<int>(ids.size()) - 1)];
      int kind = gen.Uniform(0, 9);
      if (kind == 0) {  // a newcomer
        int64_t nb = 2000000000 + static_cast<int64_t>(ids.size());
        Person p = gen.RandomPerson(nb);
        ASSERT_TRUE(idx->ApplyPerson(p).ok());
        m.people[nb] = p;
        ids.push_back(nb);
      } else if (kind == 1) {  // a move (or an unchanged upsert)
        Person p = gen.RandomPerson(bhxh);
        ASSERT_TRUE(idx->ApplyPerson(p).ok());
        m.people[bhxh] = p;
      } else if (kind <= 3 && !m.cards.empty()) {  // remove a card
        auto it = m.cards.lower_bound({bhxh, INT32_MIN});
        if (it == m.cards.end()) it = m.cards.begin();
        ASSERT_TRUE(idx->RemoveCard(it->second.bhxh, it->second.valid_from).ok());
        m.cards.erase(it);
      } else if (kind <= 5) {  // replace an existing card: new end or object code
        auto it = m.cards.lower_bound({bhxh, INT32_MIN});
        if (it == m.cards.end()) continue;
        Card c = gen.RandomCard(it->second.bhxh.value());
        c.valid_from = it->second.valid_from;
        if (gen.Chance(50)) c.object = it->second.object;
        ASSERT_TRUE(idx->ApplyCard(c).ok());
        it->second = c;
      } else {  // a new card
        Card c = gen.RandomCard(bhxh);
        ASSERT_TRUE(idx->ApplyCard(c).ok());
        m.cards[{c.bhxh.value(), c.valid_from.days()}] = c;
      }
    }
    SCOPED_TRACE("batch " + std::to_string(batch));
    // Rebuilds alternate the two ways of gathering the series' day changes.
    ExpectSame(m, *idx, *BuildFromScratch(m, &gen, batch % 2 ? Accumulation::kDenseGrid : Accumulation::kSortedKeys));
    if (HasFatalFailure()) return;
    ExpectSameSeriesAndFlows(m, *idx, &gen);
    if (HasFatalFailure()) return;
  }
}

// The dense grid and the sorted keys give the same index, and each matches the naive count.
TEST_P(CoverageIndexPropertyTest, GridAndSortedKeysBuildTheSameIndex) {
  Generator gen(GetParam());
  Model m;
  for (int i = 0; i < 400; ++i) {
    int64_t bhxh = 1000000000 + gen.Uniform(0, 2000);
    m.people[bhxh] = gen.RandomPerson(bhxh);
  }
  std::vector<int64_t> ids;
  for (const auto& [bhxh, p] : m.people) ids.push_back(bhxh);
  for (int i = 0; i < 900; ++i) {
    Card c = gen.RandomCard(ids[gen.Uniform(0, static_cast<int>(ids.size()) - 1)]);
    m.cards[{c.bhxh.value(), c.valid_from.days()}] = c;
  }
  auto grid = BuildFromScratch(m, &gen, Accumulation::kDenseGrid);
  auto keys = BuildFromScratch(m, &gen, Accumulation::kSortedKeys);
  ExpectSame(m, *grid, *keys);
  if (HasFatalFailure()) return;
  ExpectSame(m, *keys, *grid);
  if (HasFatalFailure()) return;
  ExpectSameSeriesAndFlows(m, *grid, &gen);
}

INSTANTIATE_TEST_SUITE_P(Seeds, CoverageIndexPropertyTest, ::testing::Values(1u, 2u, 3u, 20240229u));

}  // namespace
}  // namespace baophu
