// Scale test: builds an index of synthetic people (1 million by default; set
// BAOPHU_ENGINE_SCALE_PEOPLE to change) with 2.3 cards each over 10,000 communes and prints the
// figures: build time, bytes per person and card, as-of count over all slots, update latency.
// Printed, not asserted (timings belong to benchmarks, not to unit tests).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "engine/coverage_index.h"
#include "engine/day_series.h"
#include "engine/snapshot.h"

namespace baophu {
namespace {

using Clock = std::chrono::steady_clock;
double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

TEST(CoverageIndexScaleTest, BuildQueryUpdate) {
  auto rs = RuleSet::LoadDefault();
  ASSERT_TRUE(rs.ok());
  const RuleSet& rules = *rs;
  int64_t n_people = 1'000'000;
  if (const char* e = std::getenv("BAOPHU_ENGINE_SCALE_PEOPLE")) n_people = std::atoll(e);
  const int kCommunes = 10'000;
  std::vector<UnitCode> communes;
  for (int i = 0; i < kCommunes; ++i) communes.push_back(UnitCode::Unchecked(std::to_string(10000 + i)));
  const char* kObjects[] = {"DN", "HC", "HT", "TE", "HN", "CN", "HS", "SV", "GD", "GD", "GD", "ZZ"};
  std::vector<ObjectCode> objects;
  for (const char* o : kObjects) objects.push_back(*ObjectCode::Parse(o));
  std::mt19937_64 rng(42);
  auto uniform = [&](int lo, int hi) { return static_cast<int>(lo + rng() % static_cast<uint64_t>(hi - lo + 1)); };
  const Date start = Date::FromYmd(2020, 1, 1);

  // BHXH numbers in a shuffled order, so the build's sort has work to do.
  std::vector<int64_t> ids(static_cast<size_t>(n_people));
  for (int64_t i = 0; i < n_people; ++i) ids[static_cast<size_t>(i)] = 1'000'000'000 + i * 7;
  std::shuffle(ids.begin(), ids.end(), rng);

  // Generated in batches; only the builder's calls are timed (the store scan's own cost is
  // the store's).
  Clock::duration adds{};
  CoverageIndexBuilder b(rules);
  Person p;
  Card c;
  c.benefit_level = 4;
  int64_t n_cards = 0;
  std::vector<Person> batch_people;
  std::vector<Card> batch_cards;
  const int64_t kBatch = 1 << 16;
  for (int64_t i0 = 0; i0 < n_people; i0 += kBatch) {
    batch_people.clear();
    batch_cards.clear();
    for (int64_t i = i0; i < std::min(n_people, i0 + kBatch); ++i) {
      p.bhxh = BhxhNumber::FromInt(ids[static_cast<size_t>(i)]);
      p.commune = communes[static_cast<size_t>(uniform(0, kCommunes - 1))];
      p.birth_date = Date::FromDays(uniform(-10000, 19000));
      p.sex = static_cast<Sex>(uniform(1, 2));
      p.household_code = "HGD" + std::to_string(ids[static_cast<size_t>(i)] / 28);  // ~4 people each
      batch_people.push_back(p);
      // 2 or 3 yearly cards (2.3 on average), mostly back to back, some gaps and overlaps.
      int k = uniform(0, 9) < 3 ? 3 : 2;
      Date from = start.AddDays(uniform(0, 1400));
      for (int j = 0; j < k; ++j) {
        c.bhxh = p.bhxh;
        c.object = objects[static_cast<size_t>(uniform(0, static_cast<int>(objects.size()) - 1))];
        c.valid_from = from;
        c.valid_to = from.AddDays(364);
        batch_cards.push_back(c);
        ++n_cards;
        int r = uniform(0, 9);
        from = c.valid_to.AddDays(r < 7 ? 1 : r < 9 ? uniform(2, 120) : -uniform(1, 100));
      }
    }
    auto a0 = Clock::now();
    for (const Person& bp : batch_people) b.AddPerson(bp);
    for (const Card& bc : batch_cards) b.AddCard(bc);
    adds += Clock::now() - a0;
  }
  auto t1 = Clock::now();
  auto idx = b.Finish();
  auto t2 = Clock::now();
  auto mem = idx->Memory();
  std::printf("people %lld, cards %lld, slots %zu\n", static_cast<long long>(idx->person_count()),
              static_cast<long long>(idx->card_count()), idx->slot_count());
  std::printf("build: adds %.0f ms + Finish %.0f ms = %.0f ms\n", Ms(adds), Ms(t2 - t1), Ms(adds + (t2 - t1)));
  std::printf("MemoryBytes %.1f MB: %.2f B/person (person columns %.2f B/person, card column %.2f B/card)\n",
              idx->MemoryBytes() / 1e6, static_cast<double>(idx->MemoryBytes()) / idx->person_count(),
              static_cast<double>(mem.person_columns) / idx->person_count(),
              static_cast<double>(mem.card_columns) / idx->card_count());
  std::printf("series %.1f MB (%lld change days, %.2f B/person), lookup tables %.1f MB\n", mem.series / 1e6,
              static_cast<long long>(mem.change_days), static_cast<double>(mem.series) / idx->person_count(),
              mem.lookup / 1e6);
  EXPECT_EQ(idx->person_count(), n_people);
  EXPECT_EQ(idx->card_count(), n_cards);

  // Snapshot: write, load, spot-check.
  {
    const std::string path = ::testing::TempDir() + "/baophu_scale_test.snap";
    auto w0 = Clock::now();
    ASSERT_TRUE(WriteSnapshot(*idx, path).ok());
    auto w1 = Clock::now();
    auto loaded = LoadSnapshot(path, rules);
    auto w2 = Clock::now();
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    std::FILE* f = std::fopen(path.c_str(), "rb");
    std::fseek(f, 0, SEEK_END);
    long size = std::ftell(f);
    std::fclose(f);
    std::printf("snapshot: write %.0f ms (fsync included), load %.0f ms, %.1f MB (%.1f B/person)\n", Ms(w1 - w0),
                Ms(w2 - w1), size / 1e6, static_cast<double>(size) / n_people);
    for (CoverageIndex::Slot s = 0; s < idx->slot_count(); s += 97)
      for (const ReportingGroup& g : rules.groups())
        ASSERT_EQ(idx->Count(s, g.id, start.AddDays(900)), (*loaded)->Count(s, g.id, start.AddDays(900)));
    std::remove(path.c_str());
  }

  // As-of over every slot × group.
  std::vector<double> times;
  int64_t insured = 0;
  for (int i = 0; i < 20; ++i) {
    Date d = start.AddDays(200 + i * 97);
    int64_t sum = 0;
    auto q0 = Clock::now();
    idx->ForEachCount(d, [&](CoverageIndex::Slot, ReportingGroupId, int64_t n) { sum += n; });
    times.push_back(Ms(Clock::now() - q0));
    if (i == 10) insured = sum;
  }
  std::sort(times.begin(), times.end());
  std::printf("ForEachCount over %zu slots x %zu groups: median %.2f ms, max %.2f ms (insured on one day: %lld)\n",
              idx->slot_count(), rules.groups().size(), times[times.size() / 2], times.back(),
              static_cast<long long>(insured));
  {
    Date d = start.AddDays(1000);
    auto q0 = Clock::now();
    int64_t sum = 0;
    for (CoverageIndex::Slot s = 0; s < idx->slot_count(); ++s)
      for (const ReportingGroup& g : rules.groups()) sum += idx->Count(s, g.id, d);
    std::printf("Count() over all slots x groups: %.2f ms (sum %lld)\n", Ms(Clock::now() - q0),
                static_cast<long long>(sum));
  }

  // 261 Mondays (2021-01-04 .. 2025-12-29): the country, and a "province" of 1,000 slots.
  {
    std::vector<Date> mondays;
    for (int i = 0; i < 261; ++i) mondays.push_back(Date::FromYmd(2021, 1, 4).AddDays(7 * i));
    std::vector<int64_t> out(mondays.size());
    std::vector<CoverageIndex::Slot> province;
    for (CoverageIndex::Slot s = 1; s <= 1000 && s < idx->slot_count(); ++s) province.push_back(s);
    std::vector<double> country_ms, province_ms;
    for (int i = 0; i < 20; ++i) {
      auto q0 = Clock::now();
      idx->SeriesOver({}, kAllGroups, mondays, out.data());
      auto q1 = Clock::now();
      idx->SeriesOver(province, kAllGroups, mondays, out.data());
      auto q2 = Clock::now();
      country_ms.push_back(Ms(q1 - q0));
      province_ms.push_back(Ms(q2 - q1));
    }
    std::sort(country_ms.begin(), country_ms.end());
    std::sort(province_ms.begin(), province_ms.end());
    std::printf("261-Monday series, all groups: country median %.3f ms, 1,000-slot province median %.2f ms\n",
                country_ms[10], province_ms[10]);
    auto f0 = Clock::now();
    int64_t news = 0;
    idx->ForEachFlow(
        Date::FromYmd(2022, 3, 7), Date::FromYmd(2022, 3, 13), {},
        [&](CoverageIndex::Slot, ReportingGroupId, const CoverageIndex::Flows& f) { news += f.new_people; });
    std::printf("ForEachFlow, one week, every slot: %.0f ms (%lld new)\n", Ms(Clock::now() - f0),
                static_cast<long long>(news));
  }

  // One new card, then the query that must see it.
  const int kUpdates = 2000;
  std::vector<double> lat;
  for (int i = 0; i < kUpdates; ++i) {
    c.bhxh = BhxhNumber::FromInt(ids[static_cast<size_t>(uniform(0, static_cast<int>(n_people) - 1))]);
    c.object = objects[static_cast<size_t>(uniform(0, static_cast<int>(objects.size()) - 1))];
    c.valid_from = start.AddDays(uniform(1500, 2000));
    c.valid_to = c.valid_from.AddDays(364);
    auto u0 = Clock::now();
    ASSERT_TRUE(idx->ApplyCard(c).ok());
    int64_t n = idx->Count(1, 1, c.valid_from);
    lat.push_back(Ms(Clock::now() - u0));
    ASSERT_GE(n, 0);
  }
  std::sort(lat.begin(), lat.end());
  std::printf("ApplyCard + Count: median %.4f ms, p99 %.4f ms, max %.4f ms\n", lat[lat.size() / 2],
              lat[lat.size() * 99 / 100], lat.back());
  lat.clear();
  for (int i = 0; i < kUpdates; ++i) {
    p.bhxh = BhxhNumber::FromInt(ids[static_cast<size_t>(uniform(0, static_cast<int>(n_people) - 1))]);
    p.commune = communes[static_cast<size_t>(uniform(0, kCommunes - 1))];
    auto u0 = Clock::now();
    ASSERT_TRUE(idx->ApplyPerson(p).ok());
    lat.push_back(Ms(Clock::now() - u0));
  }
  std::sort(lat.begin(), lat.end());
  std::printf("ApplyPerson (move): median %.4f ms, p99 %.4f ms, max %.4f ms\n", lat[lat.size() / 2],
              lat[lat.size() * 99 / 100], lat.back());
  EXPECT_LE(idx->card_count(), n_cards + kUpdates);  // a random card may replace one of the same key
}

// The writer's worst case: one very large series (the slot of people without a commune at
// national scale) with a change on every day of 80 years, whose side buffer fills and merges.
TEST(CoverageIndexScaleTest, LargeSeriesUpdateStall) {
  constexpr int kDays = 80 * 365;
  std::vector<engine::DayDelta> d;
  for (int i = 0; i < kDays; ++i) d.push_back({i, i % 2 ? -1 : 2});
  engine::DaySeries s;
  s.AssignSorted(d.data(), d.data() + d.size());
  std::mt19937 rng(1);
  std::vector<double> lat;
  for (int i = 0; i < 300'000; ++i) {
    auto t0 = Clock::now();
    s.Add(static_cast<int32_t>(rng() % kDays), 1);
    lat.push_back(Ms(Clock::now() - t0));
  }
  std::sort(lat.begin(), lat.end());
  auto q0 = Clock::now();
  int64_t v = 0;
  for (int i = 0; i < 100'000; ++i) v += s.At(static_cast<int32_t>(rng() % kDays));
  double at_us = Ms(Clock::now() - q0) / 100;  // 100,000 calls: total ms / 100 = µs per call
  std::printf("Add to a %d-day series: median %.4f ms, p99.9 %.3f ms, max %.3f ms; At %.3f us (%lld)\n", kDays,
              lat[lat.size() / 2], lat[lat.size() * 999 / 1000], lat.back(), at_us, static_cast<long long>(v));
  EXPECT_EQ(s.At(kDays), kDays / 2 + 300'000);
}

}  // namespace
}  // namespace baophu
