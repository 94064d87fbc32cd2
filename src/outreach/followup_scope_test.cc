// Issue 12, reproduction 2 (outreach follow-up): a list row of one commune naming a person of
// another. Its "deceased" takes the row off the lists, not the person off the other commune's
// lists; EntryPersonWithin tells the server such an entry is outside the user's units; a
// candidate living outside is not offered for confirmation.
#include <gtest/gtest.h>

#include "outreach/followup.h"
#include "outreach/match_confirm.h"
#include "store/sqlite/test_fixture.h"

namespace baophu::outreach {
namespace {

using baophu::testing::D;
using baophu::testing::MakePerson;

class FollowupScopeTest : public baophu::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    AddUnits();
    auto o = OutreachStore::Open(path_);
    ASSERT_TRUE(o.ok()) << o.status().ToString();
    outreach_ = std::move(*o);
    ASSERT_TRUE(store_->UpsertUnit(MakeUnit("23002", "Xã Hòa Phú", UnitLevel::kCommune, "60")).ok());
    ASSERT_TRUE(store_->Begin().ok());
    // 6000000100 lives in 22972 (the user's commune), 6000000200 in 23002 (another).
    ASSERT_TRUE(store_->UpsertPerson(MakePerson(6000000100, "Nguyễn Thị Mai", "22972")).ok());
    ASSERT_TRUE(store_->UpsertPerson(MakePerson(6000000200, "Trần Văn Bình", "23002")).ok());
    ASSERT_TRUE(store_->UpsertPerson(MakePerson(6000000201, "Lê Thị Hoa", "23002")).ok());
    ASSERT_TRUE(store_->Commit().ok());
  }
  void TearDown() override {
    outreach_.reset();
    StoreTest::TearDown();
  }
  // A pupil of commune 22972's school, named by `bhxh` (0: by name and birth date only).
  std::string AddPupil(int64_t bhxh, const char* name) {
    RosterRow r;
    r.kind = RosterKind::kPupils;
    r.group_code = "TH01";
    r.group_name = "Trường Tiểu học";
    r.subgroup = "5A";
    r.full_name = name;
    r.birth_date = D(2010, 5, 17);
    if (bhxh > 0) r.bhxh = BhxhNumber::FromInt(bhxh);
    r.row_key = bhxh > 0 ? "b:" + r.bhxh.ToString() : "n:" + NameKey(name) + "|2010-05-17";
    r.unit = UnitCode::Unchecked("22972");
    EXPECT_TRUE(outreach_->UpsertRosterRow(r).ok());
    return RosterEntryKey(r);
  }
  void Deceased(const std::string& key) {
    Assignment a;
    a.list = "pupils";
    a.entry_key = key;
    a.assignee = "Cô Lan";
    a.unit = UnitCode::Unchecked("22972");
    a.assigned_on = D(2021, 11, 10);
    ASSERT_TRUE(outreach_->UpsertAssignment(a).ok());
    OutcomeRecord o;
    o.list = "pupils";
    o.entry_key = key;
    o.date = D(2021, 11, 12);
    o.outcome = OutcomeKind::kDeceased;
    ASSERT_TRUE(RecordOutcome(outreach_.get(), o).ok());
  }
  std::unique_ptr<OutreachStore> outreach_;
};

const auto kScope = [](const std::string& code) { return code == "22972"; };

TEST_F(FollowupScopeTest, ARowsOutcomeMovesOnlyAPersonOfTheRowsUnit) {
  const std::string inside = AddPupil(6000000100, "Nguyễn Thị Mai");
  const std::string outside = AddPupil(6000000200, "Trần Văn Bình");
  Deceased(inside);
  Deceased(outside);
  LeftOut left;
  ASSERT_TRUE(LoadLeftOut(store_.get(), outreach_.get(), &left).ok());
  EXPECT_EQ(left.entries, (std::set<std::string>{inside, outside}));
  // 6000000200 stays on the lists of 23002.
  EXPECT_EQ(left.people, (std::set<int64_t>{6000000100}));

  auto in = EntryPersonWithin(store_.get(), outreach_.get(), inside, kScope);
  auto out = EntryPersonWithin(store_.get(), outreach_.get(), outside, kScope);
  auto person = EntryPersonWithin(store_.get(), outreach_.get(), "p:6000000200", kScope);
  auto nobody = EntryPersonWithin(store_.get(), outreach_.get(), "p:6000000999", kScope);
  ASSERT_TRUE(in.ok() && out.ok() && person.ok() && nobody.ok());
  EXPECT_TRUE(*in);
  EXPECT_FALSE(*out);
  EXPECT_FALSE(*person);
  EXPECT_TRUE(*nobody);
}

TEST_F(FollowupScopeTest, ACandidateOutsideTheScopeIsNotOffered) {
  // Same name and birth date in another commune: an uncertain match with that candidate.
  const std::string key = AddPupil(0, "Lê Thị Hoa");
  MatchChoice c;
  c.entry_key = key;
  c.bhxh = BhxhNumber::FromInt(6000000201);
  c.decided_by = "xa";
  c.scope = kScope;
  auto r = DecideMatch(store_.get(), outreach_.get(), c);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), NotOffered(c).message());
  // Without a scope (the command line) it is offered.
  c.scope = nullptr;
  EXPECT_TRUE(DecideMatch(store_.get(), outreach_.get(), c).ok());
}

}  // namespace
}  // namespace baophu::outreach
