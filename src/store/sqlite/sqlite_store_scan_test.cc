// The store's generation counter and the lean, two-connection scan the coverage index is built
// from (Store::ScanIndexInputs).
#include <gtest/gtest.h>

#include <mutex>
#include <thread>
#include <tuple>
#include <vector>

#include "store/sqlite/test_fixture.h"

namespace baophu::testing {
namespace {

TEST_F(StoreTest, GenerationRisesWithEveryCommittedChangeOnly) {
  EXPECT_EQ(*store_->Generation(), 0);
  AddUnits();  // autocommit writes: each is its own commit
  const int64_t g0 = *store_->Generation();
  EXPECT_GE(g0, 6);  // six units and their codes, outside a transaction

  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->UpsertPerson(MakePerson(100, "Lê Văn A", "22972")).ok());
  ASSERT_TRUE(store_->UpsertCard(MakeCard(100, D(2024, 1, 1), D(2024, 12, 31))).ok());
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(*store_->Generation(), g0 + 1);  // one per transaction, not per row

  ASSERT_TRUE(store_->Begin().ok());  // the same rows again: nothing changes
  ASSERT_TRUE(store_->UpsertPerson(MakePerson(100, "Lê Văn A", "22972")).ok());
  ASSERT_TRUE(store_->LogImport("persons", "a.csv", "00", "{}").ok());  // history is not data
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(*store_->Generation(), g0 + 1);

  ASSERT_TRUE(store_->Begin().ok());  // rolled back: nothing happened
  ASSERT_TRUE(store_->UpsertCard(MakeCard(100, D(2025, 1, 1), D(2025, 12, 31))).ok());
  ASSERT_TRUE(store_->Rollback().ok());
  EXPECT_EQ(*store_->Generation(), g0 + 1);

  Reopen();  // it is in the file
  EXPECT_EQ(*store_->Generation(), g0 + 1);
}

using PersonTuple = std::tuple<int64_t, std::string, std::string, std::string, int32_t, int>;
using CardTuple = std::tuple<int64_t, int32_t, int32_t, std::string, int>;

void Collect(Store* store, std::vector<PersonTuple>* people, std::vector<CardTuple>* cards,
             std::vector<std::thread::id>* threads) {
  std::mutex mu;
  auto s = store->ScanIndexInputs(
      [&](const PersonIndexRow& p) {
        people->emplace_back(p.bhxh, std::string(p.commune), std::string(p.hamlet), std::string(p.household),
                             p.birth.days(), static_cast<int>(p.sex));
        std::lock_guard l(mu);
        threads->push_back(std::this_thread::get_id());
        return Status::Ok();
      },
      [&](const CardIndexRow& c) {
        cards->emplace_back(c.bhxh, c.valid_from.days(), c.valid_to.days(), std::string(c.object_code),
                            c.benefit_level);
        std::lock_guard l(mu);
        threads->push_back(std::this_thread::get_id());
        return Status::Ok();
      });
  ASSERT_TRUE(s.ok()) << s.ToString();
}

TEST_F(StoreTest, IndexScanGivesWhatTheFullScansGive) {
  AddUnits();
  ASSERT_TRUE(store_->Begin().ok());
  for (int64_t b = 1; b <= 300; ++b) {
    Person p = MakePerson(b * 7919 % 1000003, "Trần Thị B", "22972");
    if (b % 3 == 0) p.hamlet = UnitCode::Unchecked("22972-T1");
    if (b % 5 == 0) p.commune = UnitCode();
    if (b % 4 == 0) p.birth_date = Date();
    if (b % 2 == 0) p.household_code = "HGD-" + std::to_string(b / 10);
    ASSERT_TRUE(store_->UpsertPerson(p).ok());
    for (int k = 0; k < b % 4; ++k) {
      Card c = MakeCard(p.bhxh.value(), D(2020 + k, 1, 1), D(2020 + k, 12, 31));
      if (k == 2) c.valid_to = Date();
      if (k == 1) c.object = ObjectCode();
      ASSERT_TRUE(store_->UpsertCard(c).ok());
    }
  }
  ASSERT_TRUE(store_->Commit().ok());

  std::vector<PersonTuple> want_people;
  std::vector<CardTuple> want_cards;
  ASSERT_TRUE(store_
                  ->ScanPersons([&](const Person& p) {
                    want_people.emplace_back(p.bhxh.value(), p.commune.str(), p.hamlet.str(), p.household_code,
                                             p.birth_date.days(), static_cast<int>(p.sex));
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_TRUE(store_
                  ->ScanCards([&](const Card& c) {
                    want_cards.emplace_back(c.bhxh.value(), c.valid_from.days(), c.valid_to.days(),
                                            c.object.empty() ? std::string() : c.object.str(), c.benefit_level);
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(want_people.size(), 300u);
  ASSERT_GT(want_cards.size(), 400u);

  std::vector<PersonTuple> people;
  std::vector<CardTuple> cards;
  std::vector<std::thread::id> threads;
  Collect(store_.get(), &people, &cards, &threads);
  EXPECT_EQ(people, want_people);
  EXPECT_EQ(cards, want_cards);

  // Inside a transaction the scan uses the one connection (it must see the uncommitted rows).
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->UpsertPerson(MakePerson(2000000, "Mới", "22972")).ok());
  people.clear();
  cards.clear();
  Collect(store_.get(), &people, &cards, &threads);
  EXPECT_EQ(people.size(), 301u);
  EXPECT_EQ(cards, want_cards);
  ASSERT_TRUE(store_->Rollback().ok());
}

TEST_F(StoreTest, IndexScanStopsOnTheCallbacksError) {
  AddUnits();
  ASSERT_TRUE(store_->UpsertPerson(MakePerson(100, "Lê Văn A", "22972")).ok());
  ASSERT_TRUE(store_->UpsertCard(MakeCard(100, D(2024, 1, 1), D(2024, 12, 31))).ok());
  auto s = store_->ScanIndexInputs([](const PersonIndexRow&) { return Status::Ok(); },
                                   [](const CardIndexRow&) { return Status::Corruption("dừng"); });
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  // The store is usable afterwards: no read transaction left open.
  EXPECT_TRUE(store_->Begin().ok());
  EXPECT_TRUE(store_->Rollback().ok());
}

}  // namespace
}  // namespace baophu::testing
