// Staged imports are bounded: dropped when idle, capped per user, their folders deleted.
#include "server/staged_imports.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace baophu {
namespace {

namespace fs = std::filesystem;
using std::chrono::minutes;

struct FakeClock {
  std::chrono::steady_clock::time_point now{};
  StagedImports::Clock fn() {
    return [this] { return now; };
  }
};

StagedImport Staged(const fs::path& root, const std::string& id, const std::string& user, size_t bytes) {
  StagedImport s;
  s.id = id;
  s.username = user;
  fs::create_directories(root / id);
  s.path = (root / id / "f.csv").string();
  std::ofstream(s.path) << std::string(bytes, 'x');
  s.bytes = bytes;
  return s;
}

class StagedImportsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("staged-test-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path root_;
};

TEST_F(StagedImportsTest, AnIdleImportIsDroppedWithItsFolder) {
  FakeClock clock;
  StagedImports staged(StagedImportLimits{minutes(120), 8, 1 << 20}, clock.fn());
  staged.Add(Staged(root_, "a", "u", 10));
  staged.Add(Staged(root_, "b", "u", 10));
  clock.now += minutes(100);
  ASSERT_NE(staged.Find("b"), nullptr);  // used at 100 min: its idle time starts again
  clock.now += minutes(20);              // a: 120 min unused; b: 20
  EXPECT_EQ(staged.Sweep(), 1u);
  EXPECT_EQ(staged.Find("a"), nullptr);
  EXPECT_FALSE(fs::exists(root_ / "a"));
  EXPECT_TRUE(fs::exists(root_ / "b" / "f.csv"));
  clock.now += minutes(120);
  EXPECT_EQ(staged.Sweep(), 1u);
  EXPECT_EQ(staged.size(), 0u);
  EXPECT_FALSE(fs::exists(root_ / "b"));
}

TEST_F(StagedImportsTest, AFolderInUseStaysUntilTheRequestEnds) {
  FakeClock clock;
  StagedImports staged(StagedImportLimits{minutes(1), 8, 1 << 20}, clock.fn());
  staged.Add(Staged(root_, "a", "u", 10));
  auto held = staged.Find("a");  // a commit running
  clock.now += minutes(5);
  EXPECT_EQ(staged.Sweep(), 1u);
  EXPECT_TRUE(fs::exists(held->path));
  held.reset();
  EXPECT_FALSE(fs::exists(root_ / "a"));
}

TEST_F(StagedImportsTest, AUserPastTheCapsLosesTheOldestFirst) {
  FakeClock clock;
  StagedImports staged(StagedImportLimits{minutes(120), 3, 100}, clock.fn());
  for (const char* id : {"a", "b", "c", "d"}) {  // count cap 3: a goes
    staged.Add(Staged(root_, id, "u", 10));
    clock.now += minutes(1);
  }
  staged.Add(Staged(root_, "other", "v", 10));  // another user's count is theirs
  EXPECT_EQ(staged.Find("a"), nullptr);
  EXPECT_FALSE(fs::exists(root_ / "a"));
  EXPECT_NE(staged.Find("b"), nullptr);
  EXPECT_NE(staged.Find("other"), nullptr);
  // Bytes cap 100: b, c, d hold 30; e of 80 makes 110 → b goes (c, d, e = 100).
  staged.Add(Staged(root_, "e", "u", 80));
  EXPECT_EQ(staged.Find("b"), nullptr);
  EXPECT_NE(staged.Find("c"), nullptr);
  EXPECT_NE(staged.Find("e"), nullptr);
  EXPECT_EQ(staged.size(), 4u);  // c, d, e, other
}

}  // namespace
}  // namespace baophu
