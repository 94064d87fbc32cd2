// The server's live updates (issue 12, items 7 and 3 of "What to build"): a store changed by
// another process is noticed by CatchUpWithStore and the registry reloaded; an import stamped
// on top of a state the registry does not reflect is not applied in place (reload instead).
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "server/server_context.h"
#include "store/sqlite/sqlite_store.h"

namespace baophu {
namespace {

class ServerWatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "baophu_watch_" + std::to_string(getpid());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto s = SQLiteStore::Open(dir_ + "/s.db");
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    writer_ = std::move(*s);  // "another process": a connection the server does not know
    for (const Unit& u : {MakeUnit("VN", "Việt Nam", UnitLevel::kCountry, ""),
                          MakeUnit("95", "Tỉnh Bạc Liêu", UnitLevel::kProvince, "VN"),
                          MakeUnit("31942", "Phường 1", UnitLevel::kCommune, "95")})
      ASSERT_TRUE(writer_->UpsertUnit(u).ok());
    AddPerson(9500000001);
    ServerOptions o;
    o.db = dir_ + "/s.db";
    o.snapshot_path = dir_ + "/s.snap";
    o.upload_dir = dir_ + "/uploads";
    o.watch_ms = 0;  // the test calls CatchUpWithStore itself
    o.quiet = true;
    ctx_ = std::make_unique<ServerContext>(o);
    ASSERT_TRUE(ctx_->Init().ok());
  }
  void TearDown() override {
    ctx_.reset();
    writer_.reset();
    std::filesystem::remove_all(dir_);
  }
  CommitStamp AddPerson(int64_t bhxh) {
    Person p;
    p.bhxh = BhxhNumber::FromInt(bhxh);
    p.full_name = "Người " + std::to_string(bhxh);
    p.commune = UnitCode::Unchecked("31942");
    EXPECT_TRUE(writer_->Begin().ok());
    EXPECT_TRUE(writer_->UpsertPerson(p).ok());
    EXPECT_TRUE(writer_->Commit().ok());
    return writer_->LastCommit();
  }
  void WaitForReload() {  // bounded by the test's timeout, not asserted on time
    while (ctx_->reloading()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  StoreState Served() { return ctx_->registry()->reg.state(); }

  std::string dir_;
  std::unique_ptr<SQLiteStore> writer_;
  std::unique_ptr<ServerContext> ctx_;
};

TEST_F(ServerWatchTest, AChangeByAnotherProcessIsNoticedAndReloaded) {
  EXPECT_FALSE(ctx_->CatchUpWithStore());  // nothing changed
  EXPECT_EQ(ctx_->registry()->reg.index->person_count(), 1);
  AddPerson(9500000002);
  EXPECT_TRUE(ctx_->CatchUpWithStore());
  WaitForReload();
  EXPECT_EQ(ctx_->registry()->reg.index->person_count(), 2);
  const StoreState now = *writer_->State(false);
  EXPECT_EQ(Served().generation, now.generation);
  EXPECT_EQ(Served().write_token, now.write_token);
  EXPECT_FALSE(ctx_->CatchUpWithStore());  // caught up
}

TEST_F(ServerWatchTest, AnImportOnTopOfAnUnseenCommitIsReloadedNotAppliedInPlace) {
  AddPerson(9500000002);                          // the CLI import the server did not see
  const CommitStamp web = AddPerson(9500000003);  // then "the web commit"
  Person p;
  p.bhxh = BhxhNumber::FromInt(9500000003);
  p.commune = UnitCode::Unchecked("31942");
  {
    std::lock_guard<std::mutex> lock(ctx_->import_mutex());
    ctx_->ApplyImport(web, {p}, {});
  }
  WaitForReload();
  // Reloaded from the store: both people, and the state the store is in.
  EXPECT_EQ(ctx_->registry()->reg.index->person_count(), 3);
  EXPECT_EQ(Served().generation, web.after.generation);
  EXPECT_EQ(Served().write_token, web.after.write_token);
}

}  // namespace
}  // namespace baophu
