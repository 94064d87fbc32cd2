// The kept matches of the roster rows: matched once, current after a card import, matched
// again after a change of the people or of the row, decisions applied when read, and a list
// unit that lets a commune's list read only its rows.
#include "outreach/match_store.h"

#include <gtest/gtest.h>

#include "outreach/lists.h"
#include "store/sqlite/test_fixture.h"

namespace baophu::outreach {
namespace {

using baophu::testing::D;
using baophu::testing::MakeCard;
using baophu::testing::MakePerson;

class MatchStoreTest : public baophu::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    AddUnits();
    auto o = OutreachStore::Open(path_);
    ASSERT_TRUE(o.ok()) << o.status().ToString();
    outreach_ = std::move(*o);
  }
  void TearDown() override {
    outreach_.reset();
    StoreTest::TearDown();
  }
  // A committed write of people (an import).
  void AddPeople(const std::vector<Person>& people) {
    ASSERT_TRUE(store_->Begin().ok());
    for (const Person& p : people) ASSERT_TRUE(store_->UpsertPerson(p).ok());
    ASSERT_TRUE(store_->Commit().ok());
  }
  RefreshReport Refresh() {
    auto r = RefreshMatches(store_.get(), outreach_.get());
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : RefreshReport();
  }
  MatchedRow Of(const std::string& row_key) {
    std::vector<MatchedRow> rows;
    EXPECT_TRUE(MatchRosterRows(store_.get(), outreach_.get(), 0, &rows).ok());
    for (MatchedRow& m : rows)
      if (m.row.row_key == row_key) return m;
    ADD_FAILURE() << "no row " << row_key;
    return {};
  }
  std::unique_ptr<OutreachStore> outreach_;
};

RosterRow Pupil(const std::string& key, const char* name, int64_t bhxh, const char* unit) {
  RosterRow r;
  r.kind = RosterKind::kPupils;
  r.group_code = "TH01";
  r.group_name = "Trường Tiểu học Phan Rí Cửa";
  r.subgroup = "5A";
  r.row_key = key;
  r.full_name = name;
  r.birth_date = D(2010, 5, 17);
  if (bhxh > 0) r.bhxh = BhxhNumber::FromInt(bhxh);
  r.unit = UnitCode::Unchecked(unit);
  return r;
}

TEST_F(MatchStoreTest, KeptMatchesFollowThePeopleNotTheCards) {
  AddPeople({MakePerson(6000000100, "Nguyễn Thị Mai", "22972")});
  ASSERT_TRUE(outreach_->UpsertRosterRow(Pupil("n:nguyen thi mai", "Nguyen Thi Mai", 0, "22972")).ok());
  ASSERT_TRUE(outreach_->UpsertRosterRow(Pupil("b:6000000101", "Trần Văn Bình", 6000000101, "22972")).ok());

  RefreshReport first = Refresh();
  EXPECT_TRUE(first.full);
  EXPECT_EQ(first.matched_rows, 2);
  EXPECT_EQ(Refresh().matched_rows, 0);  // current: nothing to do
  EXPECT_EQ(Of("n:nguyen thi mai").match.method, MatchMethod::kNameFolded);
  EXPECT_EQ(Of("n:nguyen thi mai").match.bhxh, BhxhNumber::FromInt(6000000100));
  EXPECT_EQ(Of("b:6000000101").match.state, MatchState::kUnmatched);

  // A card import leaves the people, and the matches, as they were.
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->UpsertCard(MakeCard(6000000100, D(2024, 1, 1), D(2024, 12, 31))).ok());
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(Refresh().matched_rows, 0);

  // New people: every row is matched again.
  Person twin = MakePerson(6000000102, "Nguyễn Thị Mai", "22972");
  AddPeople({MakePerson(6000000101, "Trần Văn Bình", "22972"), twin});
  RefreshReport again = Refresh();
  EXPECT_TRUE(again.full);
  EXPECT_EQ(again.matched_rows, 2);
  EXPECT_EQ(Of("b:6000000101").match.method, MatchMethod::kBhxh);
  MatchedRow doubtful = Of("n:nguyen thi mai");
  ASSERT_EQ(doubtful.match.state, MatchState::kUncertain);
  ASSERT_EQ(doubtful.match.candidates.size(), 2u);
  EXPECT_EQ(doubtful.match.candidates[0].full_name, "Nguyễn Thị Mai");
  EXPECT_EQ(doubtful.match.candidates[0].birth_date, D(2010, 5, 17));
  EXPECT_EQ(doubtful.match.doubts[0], "nhiều người cùng họ tên, ngày sinh và xã");
  std::vector<RosterRowMatch> uncertain;  // what the matches list reads
  ASSERT_TRUE(outreach_->ListRosterRowMatches(0, nullptr, true, &uncertain).ok());
  ASSERT_EQ(uncertain.size(), 1u);
  EXPECT_EQ(uncertain[0].row.row_key, "n:nguyen thi mai");
  const std::vector<std::string> here{"22972"};
  ASSERT_TRUE(outreach_->ListRosterRowMatches(1, &here, true, &uncertain).ok());
  ASSERT_EQ(uncertain.size(), 1u);

  // A decision applies when read; the kept match stays the matcher's.
  MatchDecisionRecord d;
  d.kind = RosterKind::kPupils;
  d.group_code = "TH01";
  d.row_key = "n:nguyen thi mai";
  d.bhxh = BhxhNumber::FromInt(6000000102);
  d.decided_by = "cô Lan";
  ASSERT_TRUE(outreach_->UpsertMatchDecision(d).ok());
  EXPECT_EQ(Of("n:nguyen thi mai").match.method, MatchMethod::kConfirmed);
  EXPECT_EQ(Of("n:nguyen thi mai").match.bhxh, BhxhNumber::FromInt(6000000102));
  auto kept = outreach_->FindRosterRowMatch(RosterKind::kPupils, "TH01", "n:nguyen thi mai");
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->match.state, static_cast<int>(MatchState::kUncertain));
  auto entry = MatchOfEntry(store_.get(), outreach_.get(), "r:1|TH01|n:nguyen thi mai");
  ASSERT_TRUE(entry.ok() && entry->has_value());
  EXPECT_EQ((*entry)->match.bhxh, BhxhNumber::FromInt(6000000102));

  // A changed row loses its match; only it is matched again.
  RosterRow moved = Pupil("b:6000000101", "Trần Văn Bình", 6000000101, "22972");
  moved.subgroup = "5B";
  ASSERT_EQ(*outreach_->UpsertRosterRow(moved), UpsertOutcome::kUpdated);
  RefreshReport pending = Refresh();
  EXPECT_FALSE(pending.full);
  EXPECT_EQ(pending.matched_rows, 1);
}

TEST_F(MatchStoreTest, ListUnitIsTheRowsCommuneElseThePersons) {
  AddPeople({MakePerson(6000000100, "Nguyễn Thị Mai", "22972")});
  RosterRow member = Pupil("b:6000000100", "Nguyễn Thị Mai", 6000000100, "");
  member.kind = RosterKind::kMembers;
  member.group_code = "HPN";
  member.subgroup = "";
  RosterRow stranger = member;
  stranger.row_key = "b:6000000199";
  stranger.bhxh = BhxhNumber::FromInt(6000000199);
  ASSERT_TRUE(outreach_->UpsertRosterRow(member).ok());
  ASSERT_TRUE(outreach_->UpsertRosterRow(stranger).ok());
  Refresh();
  std::vector<std::string> units;
  ASSERT_TRUE(outreach_->ListMatchUnits(static_cast<int>(RosterKind::kMembers), &units).ok());
  EXPECT_EQ(units, (std::vector<std::string>{"", "22972"}));
  // A commune's rows, and those listed under no unit (checked row by row by the list).
  std::vector<RosterRowMatch> rows;
  const std::vector<std::string> other{"99999"};
  ASSERT_TRUE(outreach_->ListRosterRowMatches(static_cast<int>(RosterKind::kMembers), &other, false, &rows).ok());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].row.row_key, "b:6000000199");
  const std::vector<std::string> here{"22972"};
  ASSERT_TRUE(outreach_->ListRosterRowMatches(static_cast<int>(RosterKind::kMembers), &here, false, &rows).ok());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].match.list_unit, "22972");
  EXPECT_TRUE(rows[0].has_match);
}

TEST(MatchStoreCodec, CandidatesSurviveTabsInNames) {
  RosterRow row;
  MatchResult m;
  m.state = MatchState::kUncertain;
  Person p;
  p.bhxh = BhxhNumber::FromInt(6000000100);
  p.full_name = "Lê\tThị Hồng";
  p.commune = UnitCode::Unchecked("22972");
  m.candidates.push_back(p);
  m.doubts.push_back("tên khác chữ đệm Thị/Văn");
  MatchResult back = DecodeMatch(EncodeMatch(row, m, UnitCode()));
  EXPECT_EQ(back.state, MatchState::kUncertain);
  ASSERT_EQ(back.candidates.size(), 1u);
  EXPECT_EQ(back.candidates[0].full_name, "Lê Thị Hồng");
  EXPECT_FALSE(back.candidates[0].birth_date.valid());
  EXPECT_EQ(back.candidates[0].commune.str(), "22972");
  EXPECT_EQ(back.doubts[0], "tên khác chữ đệm Thị/Văn");
}

}  // namespace
}  // namespace baophu::outreach
