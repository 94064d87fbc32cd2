// LoadRegistry with a snapshot: used only while it holds the store's current state, and the
// index loaded from it answers exactly as the one built from the store.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "report/coverage_report.h"
#include "report/coverage_series.h"
#include "report/registry_loader.h"
#include "store/sqlite/sqlite_store.h"

namespace baophu {
namespace {

Date D(int y, int m, int d) { return Date::FromYmd(y, m, d); }

class RegistrySnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "baophu_regsnap_" + std::to_string(getpid());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto s = SQLiteStore::Open(dir_ + "/s.db");
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    for (const Unit& u : {MakeUnit("VN", "Việt Nam", UnitLevel::kCountry, ""),
                          MakeUnit("95", "Tỉnh Bạc Liêu", UnitLevel::kProvince, "VN"),
                          MakeUnit("31942", "Phường 1", UnitLevel::kCommune, "95"),
                          MakeUnit("31945", "Phường 2", UnitLevel::kCommune, "95")})
      ASSERT_TRUE(store_->UpsertUnit(u).ok());
    ASSERT_TRUE(store_->Begin().ok());
    for (int i = 1; i <= 50; ++i) {
      Person p;
      p.bhxh = BhxhNumber::FromInt(9500000000 + i);
      p.full_name = "Người " + std::to_string(i);
      p.commune = UnitCode::Unchecked(i % 2 ? "31942" : "31945");
      ASSERT_TRUE(store_->UpsertPerson(p).ok());
      if (i % 3) {
        ASSERT_TRUE(store_->UpsertCard(CardOf(p.bhxh.value(), i % 5 ? "GD" : "HS", D(2021, 1, i % 28 + 1))).ok());
      }
    }
    ASSERT_TRUE(store_->Commit().ok());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  static Card CardOf(int64_t bhxh, const char* object, Date from) {
    Card c;
    c.bhxh = BhxhNumber::FromInt(bhxh);
    c.card_code = std::string(object) + "4950000000000";
    c.object = *ObjectCode::Parse(object);
    c.benefit_level = 4;
    c.province_code = "95";
    c.valid_from = from;
    c.valid_to = from.AddDays(364);
    c.facility_code = "95-001";
    return c;
  }
  Result<LoadedRegistry> Load(bool write) {
    auto rules = RuleSet::LoadDefault();
    EXPECT_TRUE(rules.ok());
    RegistryOptions o;
    o.snapshot_path = dir_ + "/s.snap";
    o.write_snapshot = write;
    return LoadRegistry(store_.get(), std::move(*rules), o);
  }
  static std::string Report(const LoadedRegistry& reg) {
    CoverageQuery q;
    q.as_of = D(2021, 6, 30);
    q.by_group = true;
    auto r = BuildCoverageReport(reg, q);
    EXPECT_TRUE(r.ok());
    return FormatCoverageCsv(*r, reg.rules);
  }

  std::string dir_;
  std::unique_ptr<SQLiteStore> store_;
};

TEST_F(RegistrySnapshotTest, UsedOnlyWhileCurrent) {
  auto built = Load(/*write=*/true);  // no snapshot yet: built, then written
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  EXPECT_FALSE(built->index_from_snapshot);
  EXPECT_TRUE(std::filesystem::exists(dir_ + "/s.snap"));

  auto loaded = Load(false);
  ASSERT_TRUE(loaded.ok());
  EXPECT_TRUE(loaded->index_from_snapshot) << loaded->snapshot_note;
  EXPECT_EQ(Report(*loaded), Report(*built));
  EXPECT_NE(Report(*loaded).find("\nVN,Việt Nam"), std::string::npos);

  // A new card: the snapshot is stale, the index is built again and sees the card.
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->UpsertCard(CardOf(9500000003, "GD", D(2021, 3, 1))).ok());
  ASSERT_TRUE(store_->Commit().ok());
  auto fresh = Load(false);
  ASSERT_TRUE(fresh.ok());
  EXPECT_FALSE(fresh->index_from_snapshot);
  EXPECT_NE(fresh->snapshot_note.find("đã cũ"), std::string::npos);
  EXPECT_EQ(fresh->index->card_count(), built->index->card_count() + 1);

  // A damaged snapshot is never used: the registry is built from the store.
  {
    std::FILE* f = std::fopen((dir_ + "/s.snap").c_str(), "r+b");
    ASSERT_NE(f, nullptr);
    std::fseek(f, 200, SEEK_SET);
    std::fputc(0x5A, f);
    std::fclose(f);
  }
  auto damaged = Load(false);
  ASSERT_TRUE(damaged.ok());
  EXPECT_FALSE(damaged->index_from_snapshot);
  EXPECT_NE(damaged->snapshot_note.find("không dùng snapshot"), std::string::npos);
}

}  // namespace
}  // namespace baophu
