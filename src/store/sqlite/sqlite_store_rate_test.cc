// The person-upsert rate inside one transaction (target: 100,000 per second on a 2-core
// machine). Prints the figures; no timing assertion (STYLE.md), only exact counts.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <ctime>

#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/test_fixture.h"

namespace baophu::testing {
namespace {

constexpr int64_t kPersons = 200000;

// A realistic row: a name with diacritics, a CCCD, a commune and hamlet, four people a household.
Person Nth(int64_t i, const char* name) {
  Person p = MakePerson(6000000000 + i, name, "22972");
  char cccd[13];
  std::snprintf(cccd, sizeof cccd, "060%09lld", static_cast<long long>(i));
  p.citizen_id = *CitizenId::Parse(cccd);
  p.hamlet = UnitCode::Unchecked("22972-T1");
  p.household_code = "HGD" + std::to_string(i / 4);
  p.birth_date = Date::FromDays(static_cast<int32_t>(i % 30000));
  return p;
}

double Pass(SQLiteStore* store, const char* name, UpsertOutcome expected, const char* label) {
  std::vector<Person> people;
  people.reserve(kPersons);
  for (int64_t i = 0; i < kPersons; ++i) people.push_back(Nth(i, name));
  auto t0 = std::chrono::steady_clock::now();
  std::clock_t c0 = std::clock();
  EXPECT_TRUE(store->Begin().ok());
  int64_t as_expected = 0;
  for (const Person& p : people) {
    auto r = store->UpsertPerson(p);
    if (r.ok() && *r == expected) ++as_expected;
  }
  EXPECT_TRUE(store->Commit().ok());
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
  EXPECT_EQ(as_expected, kPersons);
  double rate = static_cast<double>(kPersons) / secs;
  // CPU time too: on a shared machine the wall clock also measures the neighbours.
  std::printf("[ rate     ] %lld person upserts (%s) in %.3f s: %.0f per second (CPU %.3f s: %.0f per CPU-second)\n",
              static_cast<long long>(kPersons), label, secs, rate, cpu, static_cast<double>(kPersons) / cpu);
  return rate;
}

TEST_F(StoreTest, PersonUpsertRate) {
  AddUnits();
  Pass(store_.get(), "Nguyễn Thị Ánh Tuyết", UpsertOutcome::kInserted, "inserted");
  Pass(store_.get(), "Nguyễn Thị Ánh Tuyết", UpsertOutcome::kUnchanged, "unchanged");
  Pass(store_.get(), "Trần Văn Hùng", UpsertOutcome::kUpdated, "updated");
  StoreCounts c = *store_->Counts();
  EXPECT_EQ(c.persons, kPersons);
  EXPECT_EQ(c.households, kPersons / 4);  // 200,000 / 4 = 50,000
}

}  // namespace
}  // namespace baophu::testing
