// OutreachStore on SQLite and on PostgreSQL (backend_test_fixture.h): upserts by natural key say
// what they did, outcomes get their sequence, transactions are all-or-nothing, the kept matches
// (schema version 7) are dropped when their row changes and listed by unit, and the person
// generation they are stamped with grows with the people only.
#include "store/outreach_store.h"

#include <gtest/gtest.h>

#include "store/backend_test_fixture.h"

namespace baophu::testing {
namespace {

class OutreachStoreTest : public StoreConformanceTest {
 protected:
  void SetUp() override {
    StoreConformanceTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto s = OutreachStore::Open(uri_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    outreach_ = std::move(*s);
  }
  void TearDown() override {
    outreach_.reset();
    StoreConformanceTest::TearDown();
  }
  std::unique_ptr<OutreachStore> outreach_;
};

RosterRow Row() {
  RosterRow r;
  r.kind = RosterKind::kPupils;
  r.group_code = "THBL01";
  r.group_name = "Trường THCS Phường 2";
  r.subgroup = "6A";
  r.row_key = "n:nguyen mai|2012-03-04";
  r.full_name = "Nguyễn Mai";
  r.birth_date = Date::FromYmd(2012, 3, 4);
  r.phone = "0912345678";
  return r;
}

RosterRow RowWithKey(const std::string& key) {
  RosterRow r = Row();
  r.row_key = key;
  return r;
}

RosterMatchRecord Match(int state, int64_t bhxh, const std::string& unit) {
  RosterMatchRecord m;
  m.state = state;
  m.method = 2;
  m.bhxh = BhxhNumber::FromInt(bhxh);
  m.list_unit = unit;
  m.candidates = state == kRosterMatchUncertain ? "9500000111\n9500000112" : "";
  return m;
}

std::vector<std::string> Keys(const std::vector<RosterRowMatch>& rows) {
  std::vector<std::string> out;
  for (const RosterRowMatch& r : rows) out.push_back(r.row.row_key);
  return out;
}

TEST_P(OutreachStoreTest, RosterRowsUpsertByNaturalKey) {
  RosterRow r = Row();
  EXPECT_EQ(*outreach_->UpsertRosterRow(r), UpsertOutcome::kInserted);
  EXPECT_EQ(*outreach_->UpsertRosterRow(r), UpsertOutcome::kUnchanged);
  r.subgroup = "6B";
  EXPECT_EQ(*outreach_->UpsertRosterRow(r), UpsertOutcome::kUpdated);
  std::vector<RosterRow> rows;
  ASSERT_TRUE(outreach_->ListRosterRows(0, &rows).ok());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], r);
  ASSERT_TRUE(outreach_->ListRosterRows(static_cast<int>(RosterKind::kMembers), &rows).ok());
  EXPECT_TRUE(rows.empty());
}

TEST_P(OutreachStoreTest, RosterRowKeepsEveryField) {
  AddUnits();
  RosterRow r = Row();
  r.unit = UnitCode::Unchecked("22972");
  r.bhxh = BhxhNumber::FromInt(9500000103);
  r.citizen_id = *CitizenId::Parse("060310001234");
  r.valid_from = Date::Min();
  r.valid_to = D(2025, 12, 31);
  ASSERT_EQ(*outreach_->UpsertRosterRow(r), UpsertOutcome::kInserted);
  EXPECT_EQ(*outreach_->UpsertRosterRow(r), UpsertOutcome::kUnchanged);
  std::vector<RosterRow> rows;
  ASSERT_TRUE(outreach_->ListRosterRows(static_cast<int>(RosterKind::kPupils), &rows).ok());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], r);
}

TEST_P(OutreachStoreTest, RollbackWritesNothing) {
  ASSERT_TRUE(outreach_->Begin().ok());
  ASSERT_TRUE(outreach_->UpsertRosterRow(Row()).ok());
  ASSERT_TRUE(outreach_->Rollback().ok());
  std::vector<RosterRow> rows;
  ASSERT_TRUE(outreach_->ListRosterRows(0, &rows).ok());
  EXPECT_TRUE(rows.empty());
  ASSERT_TRUE(outreach_->Begin().ok());
  ASSERT_TRUE(outreach_->UpsertRosterRow(Row()).ok());
  ASSERT_TRUE(outreach_->Commit().ok());
  ASSERT_TRUE(outreach_->ListRosterRows(0, &rows).ok());
  EXPECT_EQ(rows.size(), 1u);
}

TEST_P(OutreachStoreTest, AssignmentsOutcomesDecisions) {
  Assignment a{
      "pupils", "r:1|THBL01|b:9500000103", "Cô Hạnh", UnitCode::Unchecked("31813"), Date::FromYmd(2021, 11, 10),
      "class"};
  EXPECT_EQ(*outreach_->UpsertAssignment(a), UpsertOutcome::kInserted);
  EXPECT_EQ(*outreach_->UpsertAssignment(a), UpsertOutcome::kUnchanged);
  a.assignee = "Thầy Phúc";
  EXPECT_EQ(*outreach_->UpsertAssignment(a), UpsertOutcome::kUpdated);
  std::vector<Assignment> as;
  ASSERT_TRUE(outreach_->ListAssignments(&as).ok());
  ASSERT_EQ(as.size(), 1u);
  EXPECT_EQ(as[0].assignee, "Thầy Phúc");
  EXPECT_EQ(as[0].unit.str(), "31813");
  EXPECT_EQ(as[0].assigned_on, Date::FromYmd(2021, 11, 10));
  OutcomeRecord o{"pupils", a.entry_key, 0, Date::FromYmd(2021, 11, 12), OutcomeKind::kContacted, "Gọi", "hanh"};
  EXPECT_EQ(*outreach_->AppendOutcome(o), 1);
  o.outcome = OutcomeKind::kPromised;
  EXPECT_EQ(*outreach_->AppendOutcome(o), 2);  // 1, 2 … per entry
  o.entry_key = "p:9500000111";
  EXPECT_EQ(*outreach_->AppendOutcome(o), 1);
  std::vector<OutcomeRecord> out;
  ASSERT_TRUE(outreach_->ListOutcomes(&out).ok());
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].entry_key, "p:9500000111");  // by list, entry, seq
  EXPECT_EQ(out[2].seq, 2);
  EXPECT_EQ(out[2].outcome, OutcomeKind::kPromised);
  EXPECT_EQ(out[2].note, "Gọi");
  EXPECT_EQ(out[2].date, Date::FromYmd(2021, 11, 12));
  MatchDecisionRecord d{RosterKind::kPupils,       "THBL01", "n:nguyen mai|2012-03-04", BhxhNumber::FromInt(9500000111),
                        MatchDecision::kConfirmed, "hanh"};
  EXPECT_EQ(*outreach_->UpsertMatchDecision(d), UpsertOutcome::kInserted);
  EXPECT_EQ(*outreach_->UpsertMatchDecision(d), UpsertOutcome::kUnchanged);
  d.decision = MatchDecision::kRejected;
  EXPECT_EQ(*outreach_->UpsertMatchDecision(d), UpsertOutcome::kUpdated);
  std::vector<MatchDecisionRecord> ds;
  ASSERT_TRUE(outreach_->ListMatchDecisions(&ds).ok());
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].decision, MatchDecision::kRejected);
  EXPECT_EQ(ds[0].bhxh.value(), 9500000111);
  Responsible r{ResponsibleScope::kClass, "THBL01|6A", "Cô Hạnh"};
  EXPECT_EQ(*outreach_->UpsertResponsible(r), UpsertOutcome::kInserted);
  EXPECT_EQ(*outreach_->UpsertResponsible(r), UpsertOutcome::kUnchanged);
  r.assignee = "Thầy Phúc";
  EXPECT_EQ(*outreach_->UpsertResponsible(r), UpsertOutcome::kUpdated);
  std::vector<Responsible> rs;
  ASSERT_TRUE(outreach_->ListResponsibles(&rs).ok());
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_EQ(rs[0].assignee, "Thầy Phúc");
}

// A written row waits for its match (pending); a changed row loses its kept match; the lists
// by unit read the rows of those units and of no unit, uncertain ones only when asked.
TEST_P(OutreachStoreTest, KeptMatchesFollowTheirRows) {
  auto stamp = outreach_->GetMatchStamp();
  ASSERT_TRUE(stamp.ok()) << stamp.status().ToString();
  EXPECT_EQ(stamp->person_generation, -1);
  EXPECT_TRUE(stamp->pending);
  ASSERT_TRUE(outreach_->SetMatchStamp({7, false}).ok());
  EXPECT_EQ(outreach_->GetMatchStamp()->person_generation, 7);
  EXPECT_FALSE(outreach_->GetMatchStamp()->pending);

  for (const char* key : {"b:1", "b:2", "b:3", "b:4"}) ASSERT_TRUE(outreach_->UpsertRosterRow(RowWithKey(key)).ok());
  EXPECT_TRUE(outreach_->GetMatchStamp()->pending);
  const int pupils = static_cast<int>(RosterKind::kPupils);
  std::vector<RosterRow> unmatched;
  ASSERT_TRUE(outreach_->ListUnmatchedRosterRows(&unmatched).ok());
  EXPECT_EQ(unmatched.size(), 4u);

  ASSERT_TRUE(outreach_->PutRosterMatch(RosterKind::kPupils, "THBL01", "b:1", Match(2, 1, "22972")).ok());
  ASSERT_TRUE(outreach_->PutRosterMatch(RosterKind::kPupils, "THBL01", "b:2", Match(1, 2, "31813")).ok());
  ASSERT_TRUE(outreach_->PutRosterMatch(RosterKind::kPupils, "THBL01", "b:3", Match(1, 3, "")).ok());
  ASSERT_TRUE(outreach_->SetMatchStamp({8, false}).ok());
  ASSERT_TRUE(outreach_->ListUnmatchedRosterRows(&unmatched).ok());
  ASSERT_EQ(unmatched.size(), 1u);
  EXPECT_EQ(unmatched[0].row_key, "b:4");

  std::vector<std::string> units;
  ASSERT_TRUE(outreach_->ListMatchUnits(pupils, &units).ok());
  EXPECT_EQ(units, (std::vector<std::string>{"", "22972", "31813"}));
  ASSERT_TRUE(outreach_->ListMatchUnits(static_cast<int>(RosterKind::kMembers), &units).ok());
  EXPECT_TRUE(units.empty());

  std::vector<RosterRowMatch> rows;
  ASSERT_TRUE(outreach_->ListRosterRowMatches(pupils, nullptr, false, &rows).ok());
  EXPECT_EQ(Keys(rows), (std::vector<std::string>{"b:1", "b:2", "b:3", "b:4"}));
  EXPECT_TRUE(rows[0].has_match);
  EXPECT_EQ(rows[0].match, Match(2, 1, "22972"));
  EXPECT_FALSE(rows[3].has_match);
  // Uncertain or missing.
  ASSERT_TRUE(outreach_->ListRosterRowMatches(0, nullptr, true, &rows).ok());
  EXPECT_EQ(Keys(rows), (std::vector<std::string>{"b:2", "b:3", "b:4"}));
  EXPECT_EQ(rows[0].match.candidates, "9500000111\n9500000112");
  // By unit: 31813 and the rows of no unit, in key order.
  const std::vector<std::string> wanted = {"31813"};
  ASSERT_TRUE(outreach_->ListRosterRowMatches(pupils, &wanted, false, &rows).ok());
  EXPECT_EQ(Keys(rows), (std::vector<std::string>{"b:2", "b:3"}));
  const std::vector<std::string> commune = {"22972"};
  ASSERT_TRUE(outreach_->ListRosterRowMatches(pupils, &commune, true, &rows).ok());
  EXPECT_EQ(Keys(rows), (std::vector<std::string>{"b:3"}));
  EXPECT_EQ(outreach_->ListRosterRowMatches(0, &commune, false, &rows).code(), Status::Code::kInvalidArgument);

  auto found = outreach_->FindRosterRowMatch(RosterKind::kPupils, "THBL01", "b:2");
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_TRUE(found->has_match);
  EXPECT_EQ(found->match.bhxh.value(), 2);
  EXPECT_EQ(outreach_->FindRosterRowMatch(RosterKind::kPupils, "THBL01", "b:9").status().code(),
            Status::Code::kNotFound);

  // Unchanged: the match stays and nothing waits; changed: the match goes.
  ASSERT_EQ(*outreach_->UpsertRosterRow(RowWithKey("b:1")), UpsertOutcome::kUnchanged);
  EXPECT_FALSE(outreach_->GetMatchStamp()->pending);
  RosterRow moved = RowWithKey("b:1");
  moved.subgroup = "7A";
  ASSERT_EQ(*outreach_->UpsertRosterRow(moved), UpsertOutcome::kUpdated);
  EXPECT_TRUE(outreach_->GetMatchStamp()->pending);
  EXPECT_EQ(outreach_->GetMatchStamp()->person_generation, 8);
  found = outreach_->FindRosterRowMatch(RosterKind::kPupils, "THBL01", "b:1");
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_match);
  EXPECT_EQ(found->row.subgroup, "7A");
  // The unit stays listed (a superset).
  ASSERT_TRUE(outreach_->ListMatchUnits(0, &units).ok());
  EXPECT_EQ(units, (std::vector<std::string>{"", "22972", "31813"}));
}

TEST_P(OutreachStoreTest, PersonsByNameFoldFindsTheExactFold) {
  AddUnits();
  ASSERT_TRUE(store_->UpsertPerson(MakePerson(200, "Nguyễn Mai", "22972")).ok());
  ASSERT_TRUE(store_->UpsertPerson(MakePerson(100, "NGUYỄN MAI", "22972")).ok());
  ASSERT_TRUE(store_->UpsertPerson(MakePerson(300, "Nguyễn Mai Anh", "22972")).ok());
  std::vector<Person> out;
  ASSERT_TRUE(outreach_->PersonsByNameFold("nguyen mai", &out).ok());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].bhxh.value(), 100);  // by number
  EXPECT_EQ(out[1].full_name, "Nguyễn Mai");
  EXPECT_EQ(out[1].commune.str(), "22972");
  EXPECT_EQ(out[1].birth_date, D(2010, 5, 17));
}

// The matches depend on the people only: a card leaves the person generation, a person raises
// it (in a transaction and alone), an unchanged person does not.
TEST_P(OutreachStoreTest, PersonGenerationGrowsWithPeopleOnly) {
  AddUnits();
  const int64_t g0 = *store_->PersonGeneration();
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->UpsertPerson(MakePerson(123456789, "Nguyễn Mai", "22972")).ok());
  ASSERT_TRUE(store_->Commit().ok());
  const int64_t g1 = *store_->PersonGeneration();
  EXPECT_EQ(g1, g0 + 1);
  const int64_t data = *store_->Generation();
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->UpsertCard(MakeCard(123456789, D(2024, 1, 1), D(2024, 12, 31))).ok());
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(*store_->Generation(), data + 1);
  EXPECT_EQ(*store_->PersonGeneration(), g1);
  EXPECT_EQ(*store_->UpsertPerson(MakePerson(123456789, "Nguyễn Mai", "22972")), UpsertOutcome::kUnchanged);
  EXPECT_EQ(*store_->PersonGeneration(), g1);
  ASSERT_TRUE(store_->UpsertPerson(MakePerson(123456789, "Nguyễn Thị Mai", "22972")).ok());
  EXPECT_EQ(*store_->PersonGeneration(), g1 + 1);
  // A rolled-back change counts for nothing.
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->UpsertPerson(MakePerson(123456780, "Trần Văn B", "22972")).ok());
  ASSERT_TRUE(store_->Rollback().ok());
  EXPECT_EQ(*store_->PersonGeneration(), g1 + 1);
}

// A read transaction around point lookups sees the people and ends cleanly.
TEST_P(OutreachStoreTest, ReadTransactionAroundLookups) {
  AddUnits();
  ASSERT_TRUE(store_->UpsertPerson(MakePerson(123456789, "Nguyễn Mai", "22972")).ok());
  ASSERT_TRUE(store_->BeginRead().ok());
  auto p = store_->FindPerson(BhxhNumber::FromInt(123456789));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_TRUE(p->has_value());
  EXPECT_EQ((*p)->full_name, "Nguyễn Mai");
  EXPECT_FALSE(store_->FindPerson(BhxhNumber::FromInt(1))->has_value());
  ASSERT_TRUE(store_->EndRead().ok());
  ASSERT_TRUE(store_->EndRead().ok());  // a second end is nothing
  ASSERT_TRUE(store_->UpsertPerson(MakePerson(123456780, "Trần Văn B", "22972")).ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, OutreachStoreTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         BackendName);

}  // namespace
}  // namespace baophu::testing
