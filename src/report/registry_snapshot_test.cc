// LoadRegistry with a snapshot: used only while it holds the store's current state, and the
// index loaded from it answers exactly as the one built from the store.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "report/coverage_report.h"
#include "report/coverage_series.h"
#include "report/registry_loader.h"
#include "store/sqlite/sqlite_backup.h"
#include "store/sqlite/sqlite_store.h"

#include <sqlite3.h>

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

  void AddCard(int64_t bhxh, Date from) {  // one committed change: one generation
    ASSERT_TRUE(store_->Begin().ok());
    ASSERT_TRUE(store_->UpsertCard(CardOf(bhxh, "GD", from)).ok());
    ASSERT_TRUE(store_->Commit().ok());
  }
  // Replaces the store's file by `from` the way an operator might (cp), bypassing baophu.
  void CopyOver(const std::string& from) {
    store_.reset();
    for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(dir_ + "/s.db" + ext);
    std::filesystem::copy_file(from, dir_ + "/s.db");
    auto s = SQLiteStore::Open(dir_ + "/s.db");
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }
  int64_t Generation() { return *store_->Generation(); }

  std::string dir_;
  std::unique_ptr<SQLiteStore> store_;
};

TEST(SnapshotTrustTest, EveryPartMustMatch) {
  const StoreState store{7, 12, 345, 678};
  std::string why;
  EXPECT_TRUE(SnapshotMatches({7, 12, 345, 678}, store, &why));
  EXPECT_FALSE(SnapshotMatches({8, 12, 345, 678}, store, &why));  // another store
  EXPECT_NE(why.find("kho dữ liệu khác"), std::string::npos);
  EXPECT_FALSE(SnapshotMatches({7, 11, 345, 678}, store, &why));  // an older state
  EXPECT_NE(why.find("thay đổi"), std::string::npos);
  EXPECT_FALSE(SnapshotMatches({7, 12, 346, 678}, store, &why));  // restored, then written to
  EXPECT_NE(why.find("khôi phục"), std::string::npos);
  EXPECT_FALSE(SnapshotMatches({7, 12, 345, 679}, store, &why));  // rows added by another program
  EXPECT_NE(why.find("chương trình khác"), std::string::npos);
  // Unknown parts never match, even when the store does not know them either.
  EXPECT_FALSE(SnapshotMatches({7, 12, 0, 678}, {7, 12, 0, 678}, &why));
  EXPECT_FALSE(SnapshotMatches({7, 12, 345, 0}, {7, 12, 345, 0}, &why));
  EXPECT_FALSE(SnapshotMatches({-1, -1, 0, 0}, {-1, -1, 0, 0}, &why));
}

// Issue 12, item 8: a backup, more imports, the snapshot rewritten, the backup put back (here
// by a plain copy of the file, as an operator might), written to until the generation climbs
// back to the snapshot's: the old snapshot must not be used.
TEST_F(RegistrySnapshotTest, RestoredStoreWrittenBackToTheSameGenerationDoesNotTrustTheOldSnapshot) {
  const std::string backup = dir_ + "/backup.db";
  StoreState backed_up;
  ASSERT_TRUE(BackupSqliteStore(dir_ + "/s.db", backup, &backed_up).ok());
  EXPECT_EQ(backed_up.generation, Generation());
  struct stat st;
  ASSERT_EQ(::stat(backup.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);  // owner-only: personal data
  // Refuses to overwrite.
  EXPECT_FALSE(BackupSqliteStore(dir_ + "/s.db", backup).ok());

  AddCard(9500000003, D(2021, 3, 1));
  AddCard(9500000006, D(2021, 3, 1));
  auto written = Load(/*write=*/true);
  ASSERT_TRUE(written.ok());
  ASSERT_TRUE(std::filesystem::exists(dir_ + "/s.snap"));
  const int64_t snapshot_generation = written->store_generation;

  CopyOver(backup);
  AddCard(9500000009, D(2021, 8, 1));  // other cards (not yet valid on the report's date)
  AddCard(9500000012, D(2021, 8, 1));
  ASSERT_EQ(Generation(), snapshot_generation);  // the counter climbed back to the snapshot's

  auto after = Load(false);
  ASSERT_TRUE(after.ok());
  EXPECT_FALSE(after->index_from_snapshot) << "the old snapshot was trusted";
  EXPECT_NE(after->snapshot_note.find("khôi phục"), std::string::npos) << after->snapshot_note;
  auto rebuilt = LoadRegistry(store_.get(), *RuleSet::LoadDefault());
  ASSERT_TRUE(rebuilt.ok());
  EXPECT_EQ(Report(*after), Report(*rebuilt));
  EXPECT_NE(Report(*after), Report(*written));
}

// baophu restore: the restored store equals the backup, and no snapshot written before (of the
// target's state) is trusted afterwards.
TEST_F(RegistrySnapshotTest, RestoreGivesTheBackupBackAndDistrustsEarlierSnapshots) {
  const std::string backup = dir_ + "/backup.db";
  ASSERT_TRUE(BackupSqliteStore(dir_ + "/s.db", backup).ok());
  auto at_backup = LoadRegistry(store_.get(), *RuleSet::LoadDefault());
  ASSERT_TRUE(at_backup.ok());
  const StoreCounts counts = *store_->Counts();

  AddCard(9500000003, D(2021, 3, 1));
  auto written = Load(/*write=*/true);
  ASSERT_TRUE(written.ok());
  const int64_t before = Generation();

  StoreState restored;
  Status st = RestoreSqliteStore(backup, dir_ + "/s.db", &restored);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_GT(restored.generation, before);  // moves on: a running server's watch notices
  EXPECT_EQ(Generation(), restored.generation);
  const StoreCounts now = *store_->Counts();
  EXPECT_EQ(now.persons, counts.persons);
  EXPECT_EQ(now.cards, counts.cards);
  auto after = Load(false);
  ASSERT_TRUE(after.ok());
  EXPECT_FALSE(after->index_from_snapshot);
  EXPECT_EQ(Report(*after), Report(*at_backup));

  // Not a store, or a newer schema: refused, the store untouched.
  {
    std::ofstream junk(dir_ + "/junk.db");
    junk << "not a database";
  }
  EXPECT_FALSE(RestoreSqliteStore(dir_ + "/junk.db", dir_ + "/s.db").ok());
  EXPECT_EQ(Generation(), restored.generation);
}

// A program that bypasses baophu adds a card (no generation bump, no new token): the
// structural fingerprint tells the snapshot from the store.
TEST_F(RegistrySnapshotTest, RowsAddedBehindBaophusBackAreSeenByTheFingerprint) {
  ASSERT_TRUE(Load(/*write=*/true).ok());
  auto trusted = Load(false);
  ASSERT_TRUE(trusted.ok());
  ASSERT_TRUE(trusted->index_from_snapshot) << trusted->snapshot_note;
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ + "/s.db").c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw,
                         "INSERT INTO card (bhxh, valid_from, valid_to, card_code, object_code, benefit_level, "
                         "province_code, facility_code) VALUES (9500000003, 18700, 19000, 'GD4950000000000', 'GD', "
                         "4, '95', '95-001')",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
  auto after = Load(false);
  ASSERT_TRUE(after.ok());
  EXPECT_FALSE(after->index_from_snapshot);
  EXPECT_NE(after->snapshot_note.find("chương trình khác"), std::string::npos) << after->snapshot_note;
  EXPECT_EQ(after->index->card_count(), trusted->index->card_count() + 1);
}

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
