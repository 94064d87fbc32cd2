// Fault injection on SQLite: a process that dies before committing, with uncommitted pages in the
// -wal file. (Injected write failures run on both backends: store/store_conformance_scan_test.cc.)
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/test_fixture.h"

namespace baophu::testing {
namespace {

class StoreFaultTest : public StoreTest {
 protected:
  // 100 people with one card each, committed: the state every test must get back to.
  void AddBaseline() {
    AddUnits();
    Transaction tx(store_.get());
    ASSERT_TRUE(tx.Begin().ok());
    for (int64_t b = 1; b <= 100; ++b) {
      ASSERT_TRUE(store_->UpsertPerson(MakePerson(b, "Đặng Thị Mai", "22972")).ok());
      Card c;
      c.bhxh = BhxhNumber::FromInt(b);
      c.card_code = "GD4601234567890";
      c.valid_from = D(2025, 1, 1);
      c.valid_to = D(2025, 12, 31);
      ASSERT_TRUE(store_->UpsertCard(c).ok());
    }
    ASSERT_TRUE(tx.Commit().ok());
  }
  void ExpectBaseline() {
    StoreCounts c = *store_->Counts();
    EXPECT_EQ(c.units, 6);
    EXPECT_EQ(c.persons, 100);
    EXPECT_EQ(c.cards, 100);
    EXPECT_EQ(c.households, 0);
    auto p = store_->FindPerson(BhxhNumber::FromInt(5));
    ASSERT_TRUE(p.ok());
    ASSERT_TRUE(p->has_value());
    EXPECT_EQ(**p, MakePerson(5, "Đặng Thị Mai", "22972"));
    std::vector<Card> cards;
    ASSERT_TRUE(store_->CardsOf(BhxhNumber::FromInt(5), &cards).ok());
    ASSERT_EQ(cards.size(), 1u);
    EXPECT_EQ(cards[0].valid_to, D(2025, 12, 31));
  }
};

TEST_F(StoreFaultTest, CrashBeforeCommitLeavesStoreAsBefore) {
  AddBaseline();
  store_.reset();  // SQLite connections must not cross fork(): the child opens its own
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    // A tiny page cache so that uncommitted pages spill into the -wal file before the "crash".
    auto s = SQLiteStore::Open(path_, SqliteStoreOptions{.cache_kib = 64});
    if (!s.ok() || !(*s)->Begin().ok()) _exit(2);
    for (int64_t b = 1; b <= 10000; ++b) {
      Person p = MakePerson(b, "Ngô Văn Tư", "22972");  // 1..100 updated, the rest inserted
      if (!(*s)->UpsertPerson(p).ok()) _exit(3);
    }
    _exit(0);  // no Commit, no destructors
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0);
  // The closed store had checkpointed and removed its -wal file; the dead child left uncommitted
  // frames in a new one, which recovery must ignore.
  struct stat wal {};
  ASSERT_EQ(stat((path_ + "-wal").c_str(), &wal), 0);
  EXPECT_GT(wal.st_size, 100 * 4096);
  Reopen();
  ExpectBaseline();
  // And the store takes writes again (the dead writer's lock is gone).
  ASSERT_TRUE(store_->Begin().ok());
  EXPECT_EQ(*store_->UpsertPerson(MakePerson(101, "Ngô Văn Tư", "22972")), UpsertOutcome::kInserted);
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(store_->Counts()->persons, 101);
}

}  // namespace
}  // namespace baophu::testing
