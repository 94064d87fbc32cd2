// Fault injection on the snapshot write (issue 12, "the regime"): every write, the fsync, the
// close and the rename of WriteSnapshot fail in turn (EIO, ENOSPC); each time the call reports
// the failure, the previous snapshot file stays byte for byte what it was and still loads with
// its own store state, and no temporary file is left behind.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "engine/snapshot.h"

namespace baophu {
namespace {

// Writes at most kChunk bytes per call (so that a snapshot takes many writes, each one a
// place to fail) and fails the chosen call: the Nth write, the fsync, the close or the rename.
class FaultyOps : public SnapshotFileOps {
 public:
  static constexpr size_t kChunk = 4096;
  int64_t fail_write = -1;  // 0-based index of the write call that fails
  int fail_errno = EIO;
  bool fail_fsync = false, fail_close = false, fail_rename = false;
  int64_t writes = 0;

  ssize_t Write(int fd, const void* p, size_t n) override {
    if (writes++ == fail_write) {
      errno = fail_errno;
      return -1;
    }
    return SnapshotFileOps::Write(fd, p, std::min(n, kChunk));
  }
  int Fsync(int fd) override {
    if (fail_fsync) {
      errno = EIO;
      return -1;
    }
    return SnapshotFileOps::Fsync(fd);
  }
  int Close(int fd) override {
    int rc = SnapshotFileOps::Close(fd);
    if (fail_close) {
      errno = EIO;
      return -1;
    }
    return rc;
  }
  int Rename(const char* from, const char* to) override {
    if (fail_rename) {
      errno = ENOSPC;
      return -1;
    }
    return SnapshotFileOps::Rename(from, to);
  }
};

class SnapshotFaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto rs = RuleSet::LoadDefault();
    ASSERT_TRUE(rs.ok()) << rs.status().ToString();
    rules_ = std::move(*rs);
    dir_ = ::testing::TempDir() + "/baophu_snapshot_fault_" + std::to_string(::getpid());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = dir_ + "/index.snap";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<CoverageIndex> Build(int people) {
    std::mt19937 rng(11);
    CoverageIndexBuilder b(rules_);
    for (int i = 0; i < people; ++i) {
      Person p;
      p.bhxh = BhxhNumber::FromInt(1000000000 + i * 7);
      p.commune = UnitCode::Unchecked(i % 2 ? "23002" : "31825");
      p.birth_date = Date::FromYmd(1980, 1, 1);
      p.household_code = "H" + std::to_string(i / 4);
      b.AddPerson(p);
      Card c;
      c.bhxh = p.bhxh;
      c.object = *ObjectCode::Parse(i % 3 ? "GD" : "HS");
      c.benefit_level = 4;
      c.valid_from = Date::FromDays(19600 + static_cast<int32_t>(rng() % 500));
      c.valid_to = c.valid_from.AddDays(364);
      b.AddCard(c);
    }
    return b.Finish();
  }
  std::vector<char> Bytes() {
    std::ifstream in(path_, std::ios::binary);
    return std::vector<char>(std::istreambuf_iterator<char>(in), {});
  }

  RuleSet rules_;
  std::string dir_, path_;
};

TEST_F(SnapshotFaultTest, EveryFailedWriteFsyncCloseOrRenameLeavesTheOldSnapshotWhole) {
  const SnapshotSource old_source{1, 5, 77, 99};
  auto old_index = Build(300);
  ASSERT_TRUE(WriteSnapshot(*old_index, path_, old_source).ok());
  const std::vector<char> old_bytes = Bytes();
  ASSERT_FALSE(old_bytes.empty());
  // Owner-only: the index holds personal data.
  struct stat st;
  ASSERT_EQ(::stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  auto new_index = Build(3000);
  const SnapshotSource new_source{1, 6, 78, 100};
  FaultyOps count;
  {  // how many write calls a whole new snapshot takes (written elsewhere, then removed)
    ASSERT_TRUE(WriteSnapshot(*new_index, dir_ + "/count.snap", new_source, &count).ok());
    std::filesystem::remove(dir_ + "/count.snap");
  }
  ASSERT_GT(count.writes, 20);  // chunked: many places to fail

  auto expect_old_intact = [&](const std::string& what) {
    EXPECT_EQ(Bytes(), old_bytes) << what;
    EXPECT_FALSE(std::filesystem::exists(path_ + ".tmp")) << what;
    SnapshotSource src;
    auto loaded = LoadSnapshot(path_, rules_, &src);
    ASSERT_TRUE(loaded.ok()) << what << ": " << loaded.status().ToString();
    EXPECT_EQ(src.store_generation, old_source.store_generation) << what;
    EXPECT_EQ(src.write_token, old_source.write_token) << what;
    EXPECT_EQ((*loaded)->card_count(), old_index->card_count()) << what;
  };
  int failures = 0;
  for (int err : {EIO, ENOSPC}) {
    for (int64_t n = 0; n < count.writes; ++n) {
      FaultyOps ops;
      ops.fail_write = n;
      ops.fail_errno = err;
      Status s = WriteSnapshot(*new_index, path_, new_source, &ops);
      const std::string what = "write " + std::to_string(n) + " errno " + std::to_string(err);
      ASSERT_FALSE(s.ok()) << what;
      EXPECT_EQ(s.code(), Status::Code::kIOError) << what;
      if (err == ENOSPC) {
        EXPECT_NE(s.message().find(std::strerror(ENOSPC)), std::string::npos) << s.message();
      }
      expect_old_intact(what);
      ++failures;
    }
  }
  for (int which = 0; which < 3; ++which) {
    FaultyOps ops;
    ops.fail_fsync = which == 0;
    ops.fail_close = which == 1;
    ops.fail_rename = which == 2;
    Status s = WriteSnapshot(*new_index, path_, new_source, &ops);
    const std::string what = which == 0 ? "fsync" : which == 1 ? "close" : "rename";
    ASSERT_FALSE(s.ok()) << what;
    expect_old_intact(what);
    ++failures;
  }
  EXPECT_EQ(failures, 2 * count.writes + 3);

  // With no fault the new snapshot replaces the old one and loads as written.
  FaultyOps ok;
  ASSERT_TRUE(WriteSnapshot(*new_index, path_, new_source, &ok).ok());
  SnapshotSource src;
  auto loaded = LoadSnapshot(path_, rules_, &src);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(src.store_generation, 6);
  EXPECT_EQ(src.write_token, 78);
  EXPECT_EQ(src.fingerprint, 100);
  EXPECT_EQ((*loaded)->card_count(), new_index->card_count());
}

}  // namespace
}  // namespace baophu
