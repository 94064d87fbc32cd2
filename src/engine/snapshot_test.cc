#include "engine/snapshot.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "engine/checksum.h"
#include "engine/interner.h"

namespace baophu {
namespace {

TEST(ChecksumTest, Xxh64KnownValues) {
  EXPECT_EQ(engine::Xxh64("", 0), 0xEF46DB3751D8E999ull);  // the reference implementation's value
  // Chunked: the same bytes fed in any pieces give the same value.
  std::vector<char> data(300000);
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 7 + i / 1000);
  engine::ChunkedChecksum a, b;
  a.Update(data.data(), data.size());
  for (size_t i = 0; i < data.size(); i += 999) b.Update(data.data() + i, std::min<size_t>(999, data.size() - i));
  EXPECT_EQ(a.Final(), b.Final());
}

// A snapshot from a build with another std::hash restores the names and rebuilds the table.
TEST(InternerTest, RestoreWithoutTableRebuildsIt) {
  engine::Interner a;
  for (int i = 0; i < 10000; ++i) a.Intern("H" + std::to_string(i));
  engine::Interner b;
  b.Restore(a.arena(), a.ends(), {});
  ASSERT_EQ(b.size(), 10000u);
  for (int i = 0; i < 10000; ++i) ASSERT_EQ(b.Find("H" + std::to_string(i)), i);
  EXPECT_EQ(b.Intern("new"), 10000u);
  engine::Interner c;
  c.Restore(a.arena(), a.ends(), a.table());  // a full table is taken as it is
  EXPECT_EQ(c.table(), a.table());
  EXPECT_EQ(c.Find("H9999"), 9999);
}

class SnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto rs = RuleSet::LoadDefault();
    ASSERT_TRUE(rs.ok()) << rs.status().ToString();
    rules_ = std::move(*rs);
    path_ = ::testing::TempDir() + "/baophu_snapshot_test_" + std::to_string(::getpid()) + ".snap";
  }
  void TearDown() override { std::remove(path_.c_str()); }

  Card RandomCard(int64_t bhxh) {
    static const char* kObjects[] = {"DN", "HT", "TE", "CN", "HS", "GD", "ZZ", "AK"};
    Card c;
    c.bhxh = BhxhNumber::FromInt(bhxh);
    c.object = *ObjectCode::Parse(kObjects[rng_() % 8]);
    c.benefit_level = 4;
    c.valid_from = kStart.AddDays(static_cast<int32_t>(rng_() % 700));
    c.valid_to = c.valid_from.AddDays(static_cast<int32_t>(rng_() % 400) - 20);
    return c;
  }

  std::unique_ptr<CoverageIndex> Build() {
    static const char* kCommunes[] = {"", "23002", "22972", "31825"};
    CoverageIndexBuilder b(rules_);
    for (int i = 0; i < 500; ++i) {
      Person p;
      p.bhxh = BhxhNumber::FromInt(1000000000 + i * 3);
      p.commune = UnitCode::Unchecked(kCommunes[rng_() % 4]);
      p.hamlet = UnitCode::Unchecked(rng_() % 3 ? "" : "t1");
      p.birth_date = Date::FromYmd(1980, 1, 1);
      p.sex = Sex::kMale;
      p.household_code = rng_() % 4 ? "H" + std::to_string(i / 3) : "";
      b.AddPerson(p);
      for (int k = 0; k < 3; ++k) b.AddCard(RandomCard(p.bhxh.value()));
    }
    return b.Finish();
  }

  void ExpectSame(const CoverageIndex& a, const CoverageIndex& b) {
    ASSERT_EQ(a.slot_count(), b.slot_count());
    EXPECT_EQ(a.person_count(), b.person_count());
    EXPECT_EQ(a.card_count(), b.card_count());
    for (CoverageIndex::Slot s = 0; s < a.slot_count(); ++s) {
      EXPECT_EQ(a.slot(s).commune, b.slot(s).commune);
      EXPECT_EQ(a.slot(s).hamlet, b.slot(s).hamlet);
      for (int d = -30; d < 1200; d += 3)
        for (const ReportingGroup& g : rules_.groups())
          ASSERT_EQ(a.Count(s, g.id, kStart.AddDays(d)), b.Count(s, g.id, kStart.AddDays(d))) << s << " " << d;
    }
  }

  std::vector<char> ReadFile() {
    std::ifstream in(path_, std::ios::binary);
    return std::vector<char>(std::istreambuf_iterator<char>(in), {});
  }
  void WriteFile(const std::vector<char>& data) {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
  }

  static constexpr Date kStart = Date::FromDays(19600);
  RuleSet rules_;
  std::string path_;
  std::mt19937 rng_{7};
};

TEST_F(SnapshotTest, RoundTripGivesTheSameCountsBeforeAndAfterUpdates) {
  auto idx = Build();
  // Updates before the write: a late person, a move, replaced and removed cards (side buffers,
  // dead cards and the late-people map all go through the file).
  Person late;
  late.bhxh = BhxhNumber::FromInt(2000000000);
  late.commune = UnitCode::Unchecked("99999");
  late.household_code = "NEW";
  ASSERT_TRUE(idx->ApplyPerson(late).ok());
  for (int i = 0; i < 200; ++i) ASSERT_TRUE(idx->ApplyCard(RandomCard(1000000000 + (i % 500) * 3)).ok());
  ASSERT_TRUE(idx->ApplyCard(RandomCard(2000000000)).ok());
  ASSERT_TRUE(WriteSnapshot(*idx, path_).ok());
  auto loaded = LoadSnapshot(path_, rules_);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ExpectSame(*idx, **loaded);
  EXPECT_EQ(idx->MemoryBytes(), (*loaded)->MemoryBytes());

  // The same further updates give the same answers.
  for (int i = 0; i < 300; ++i) {
    Card c = RandomCard(1000000000 + static_cast<int64_t>(rng_() % 500) * 3);
    ASSERT_TRUE(idx->ApplyCard(c).ok());
    ASSERT_TRUE((*loaded)->ApplyCard(c).ok());
  }
  Card late_card = RandomCard(2000000000);
  ASSERT_TRUE(idx->ApplyCard(late_card).ok());
  ASSERT_TRUE((*loaded)->ApplyCard(late_card).ok());
  Person moved;
  moved.bhxh = BhxhNumber::FromInt(1000000003);
  moved.commune = UnitCode::Unchecked("22972");
  moved.household_code = "H1";
  ASSERT_TRUE(idx->ApplyPerson(moved).ok());
  ASSERT_TRUE((*loaded)->ApplyPerson(moved).ok());
  ExpectSame(*idx, **loaded);
}

TEST_F(SnapshotTest, EmptyIndexRoundTrips) {
  auto idx = CoverageIndexBuilder(rules_).Finish();
  ASSERT_TRUE(WriteSnapshot(*idx, path_).ok());
  auto loaded = LoadSnapshot(path_, rules_);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ((*loaded)->person_count(), 0);
  EXPECT_EQ((*loaded)->slot_count(), 1u);
}

TEST_F(SnapshotTest, EveryFlippedByteIsCorruption) {
  auto idx = Build();
  ASSERT_TRUE(WriteSnapshot(*idx, path_).ok());
  const std::vector<char> good = ReadFile();
  ASSERT_GT(good.size(), 1000u);
  // Every byte of the first 1 KB (magic, header, section heads), then a stride through the rest.
  std::vector<size_t> at;
  for (size_t i = 0; i < 1024 && i < good.size(); ++i) at.push_back(i);
  for (size_t i = 1024; i < good.size(); i += 61) at.push_back(i);
  at.push_back(good.size() - 1);
  for (size_t i : at) {
    std::vector<char> bad = good;
    bad[i] = static_cast<char>(bad[i] ^ 0x20);
    WriteFile(bad);
    auto r = LoadSnapshot(path_, rules_);
    ASSERT_FALSE(r.ok()) << "byte " << i;
    // The version field is the one place a flip reads as "a newer format".
    if (i < 8 || i >= 12) {
      ASSERT_EQ(r.status().code(), Status::Code::kCorruption) << "byte " << i << ": " << r.status().ToString();
    }
  }
}

TEST_F(SnapshotTest, TruncatedIsCorruption) {
  auto idx = Build();
  ASSERT_TRUE(WriteSnapshot(*idx, path_).ok());
  const std::vector<char> good = ReadFile();
  for (size_t n = 0; n < good.size(); n += (n < 200 ? 1 : 131)) {
    WriteFile(std::vector<char>(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(n)));
    auto r = LoadSnapshot(path_, rules_);
    ASSERT_FALSE(r.ok()) << n;
    ASSERT_EQ(r.status().code(), Status::Code::kCorruption) << n << ": " << r.status().ToString();
  }
  std::vector<char> longer = good;
  longer.push_back(0);
  WriteFile(longer);
  EXPECT_EQ(LoadSnapshot(path_, rules_).status().code(), Status::Code::kCorruption);
}

TEST_F(SnapshotTest, MissingFileIsIOErrorAndAFailedWriteKeepsTheOldSnapshot) {
  EXPECT_EQ(LoadSnapshot(path_ + ".none", rules_).status().code(), Status::Code::kIOError);
  auto idx = Build();
  ASSERT_TRUE(WriteSnapshot(*idx, path_).ok());
  EXPECT_EQ(WriteSnapshot(*idx, "/nonexistent-dir/x.snap").code(), Status::Code::kIOError);
  EXPECT_TRUE(LoadSnapshot(path_, rules_).ok());
}

}  // namespace
}  // namespace baophu
