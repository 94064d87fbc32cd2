// Scale: a persons file and a cards file of N rows each (default 50,000 for the fast tier;
// BAOPHU_INGEST_SCALE_PEOPLE=1000000 for the slow tier), imported into a fresh SQLite store,
// then imported again. Prints rows per second; asserts exact counts only (STYLE.md).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "ingest/ingest_test_util.h"

namespace baophu::testing {
namespace {

using ImportScaleTest = IngestTest;

double Seconds(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

TEST_F(ImportScaleTest, PersonsAndCards) {
  int64_t n = 50000;
  if (const char* e = std::getenv("BAOPHU_INGEST_SCALE_PEOPLE")) n = std::atoll(e);
  OpenStore();
  {
    std::ofstream p(Path("persons.csv"), std::ios::binary), c(Path("cards.csv"), std::ios::binary);
    p << "ma_so_bhxh,so_cccd,ho_ten,ngay_sinh,gioi_tinh,ma_xa,ma_thon,ma_ho_gd\n";
    c << "ma_so_bhxh,ma_the,tu_ngay,den_ngay,ma_kcb_bd\n";
    char buf[256];
    for (int64_t i = 0; i < n; ++i) {
      int day = static_cast<int>(i % 28) + 1, month = static_cast<int>(i % 12) + 1, year = 1940 + static_cast<int>(i % 80);
      std::snprintf(buf, sizeof buf, "%010lld,%012lld,Nguyễn Thị Ánh Tuyết %lld,%02d/%02d/%d,%s,22972,22972-T1,HGD%lld\n",
                    static_cast<long long>(6000000000 + i), static_cast<long long>(60000000000 + i),
                    static_cast<long long>(i), day, month, year, i % 2 ? "Nam" : "Nữ", static_cast<long long>(i / 4));
      p << buf;
      std::snprintf(buf, sizeof buf, "%010lld,%s4%02d%010lld,01/01/2025,31/12/2025,60001\n",
                    static_cast<long long>(6000000000 + i), i % 3 ? "GD" : "HS", 60,
                    static_cast<long long>(6000000000 + i));
      c << buf;
    }
  }
  for (const char* pass : {"first", "again"}) {
    auto t0 = std::chrono::steady_clock::now();
    auto r = Import(ImportKind::kPersons, Path("persons.csv"));
    double ps = Seconds(t0);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->rejected, 0) << r->errors[0].reason;
    EXPECT_EQ(std::string(pass) == "first" ? r->inserted : r->unchanged, n);
    t0 = std::chrono::steady_clock::now();
    auto c = Import(ImportKind::kCards, Path("cards.csv"));
    double cs = Seconds(t0);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    ASSERT_EQ(c->rejected, 0) << c->errors[0].reason;
    EXPECT_EQ(std::string(pass) == "first" ? c->inserted : c->unchanged, n);
    std::printf("[ scale    ] %s: %lld persons in %.2f s (%.0f/s), %lld cards in %.2f s (%.0f/s), total %.2f s\n", pass,
                static_cast<long long>(n), ps, n / ps, static_cast<long long>(n), cs, n / cs, ps + cs);
  }
  EXPECT_EQ(store_->Counts()->persons, n);
  EXPECT_EQ(store_->Counts()->cards, n);
}

}  // namespace
}  // namespace baophu::testing
