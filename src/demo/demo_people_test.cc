#include "demo/demo_people.h"

#include <gtest/gtest.h>

#include <set>

#include "core/text.h"
#include "demo/demo_dates.h"

namespace baophu::demo {
namespace {

TEST(DemoPeopleTest, HouseholdsFollowTheAgePyramid) {
  DemoRng rng(42);
  const int32_t ref = Days(2021, 11, 10);
  DemoPerson hh[kMaxHousehold];
  int64_t n = 0, households = 0, by_band[20] = {};
  while (n < 200000) {
    int k = MakeHousehold(&rng, ref, kMaxHousehold, hh);
    ASSERT_GE(k, 1);
    ASSERT_LE(k, 8);
    ++households;
    for (int i = 0; i < k; ++i) {
      int a = AgeOn(hh[i].birth, ref);
      ASSERT_GE(a, 0);
      ++by_band[std::min(19, a / 5)];
      std::string name = FullName(hh[i]);
      ASSERT_TRUE(IsValidUtf8(name));
      ASSERT_EQ(ToNfc(name), name);
    }
    n += k;
  }
  std::printf("mean household %.2f; per mille by band:", static_cast<double>(n) / households);
  for (int b = 0; b < 20; ++b) std::printf(" %lld", static_cast<long long>(by_band[b] * 1000 / n));
  std::printf("\n");
  // Under 5 and 5-9 near the census (8.1 % and 8.6 %); elderly present.
  EXPECT_GT(by_band[0] * 1000 / n, 60);
  EXPECT_LT(by_band[0] * 1000 / n, 110);
  EXPECT_GT((by_band[12] + by_band[13] + by_band[14]) * 1000 / n, 60);
}

TEST(DemoPeopleTest, IdentifiersAreUniqueAndWellFormed) {
  IdIssuer ids(3);
  std::set<int64_t> bhxh;
  std::set<uint64_t> cccd;
  for (int i = 0; i < 100000; ++i) {
    int64_t b = ids.NextBhxh(95);
    EXPECT_EQ(b / 100000000, 95);
    EXPECT_TRUE(bhxh.insert(b).second);
    uint64_t c = ids.NextCccd(95, i % 2 ? kMale : kFemale, 1990 + i % 3);
    EXPECT_EQ(c / 1000000000, 95u);  // 095 C YY NNNNNN
    EXPECT_TRUE(cccd.insert(c).second);
  }
  EXPECT_EQ(ids.NextCccd(60, kFemale, 2005) / 1000000, 60305u);  // 060 3 05: a woman born 2005
}

TEST(DemoPeopleTest, TeCardEndsAtSixYears) {
  EXPECT_EQ(TeCardEnd(Days(2015, 3, 14)), Days(2021, 9, 30));   // born before 30 Sep
  EXPECT_EQ(TeCardEnd(Days(2015, 9, 30)), Days(2021, 9, 30));
  EXPECT_EQ(TeCardEnd(Days(2015, 10, 2)), Days(2021, 10, 31));  // end of the 72nd month
  EXPECT_EQ(TeCardEnd(Days(2016, 2, 29)), Days(2022, 9, 30));
  EXPECT_EQ(AddMonths(Days(2020, 1, 31), 1), Days(2020, 2, 29));
}

}  // namespace
}  // namespace baophu::demo
