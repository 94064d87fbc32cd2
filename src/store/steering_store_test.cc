// SteeringStore on SQLite and on PostgreSQL (backend_test_fixture.h): campaigns with units, groups and assignees
// round-trip and are replaced on upsert; unknown units and campaigns are refused; conditions, agencies and their weekly
// reports upsert by their natural keys.
#include "store/steering_store.h"

#include <gtest/gtest.h>

#include "store/backend_test_fixture.h"

namespace baophu::testing {
namespace {

class SteeringStoreTest : public StoreConformanceTest {
 protected:
  void SetUp() override {
    StoreConformanceTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    AddUnits();
    auto s = SteeringStore::Open(uri_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    steering_ = std::move(*s);
  }
  void TearDown() override {
    steering_.reset();
    StoreConformanceTest::TearDown();
  }
  std::unique_ptr<SteeringStore> steering_;
};

TEST_P(SteeringStoreTest, CampaignsRoundTripAndUpsert) {
  Campaign c{"TPH-2019-10", "Tháng cao điểm", D(2019, 10, 1), D(2019, 10, 31), {"22972"}, {5, 6}, 5329};
  ASSERT_TRUE(steering_->PutCampaign(c).ok());
  c.groups = {6};
  c.target_new = 6000;
  ASSERT_TRUE(steering_->PutCampaign(c).ok());
  std::vector<Campaign> all;
  ASSERT_TRUE(steering_->ListCampaigns(&all).ok());
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].units, std::vector<std::string>{"22972"});
  EXPECT_EQ(all[0].groups, std::vector<ReportingGroupId>{6});
  EXPECT_EQ(all[0].target_new, 6000);
  EXPECT_EQ(all[0].from, D(2019, 10, 1));
  ASSERT_TRUE(steering_->PutAssignee({"TPH-2019-10", "Hội Phụ nữ", false, "22972", 1400}).ok());
  ASSERT_TRUE(steering_->PutAssignee({"TPH-2019-10", "Nguyễn Văn A", true, "22972", 50}).ok());
  std::vector<CampaignAssignee> as;
  ASSERT_TRUE(steering_->ListAssignees("TPH-2019-10", &as).ok());
  ASSERT_EQ(as.size(), 2u);
  EXPECT_TRUE(as[1].person);
  EXPECT_EQ(as[0].target_new, 1400);
}

TEST_P(SteeringStoreTest, RefusesUnknownUnitsAndCampaignsWithoutWriting) {
  Campaign c{"X", "X", D(2019, 10, 1), D(2019, 10, 31), {"22972", "99999"}, {}, 0};
  EXPECT_EQ(steering_->PutCampaign(c).code(), Status::Code::kNotFound);
  std::vector<Campaign> all;
  ASSERT_TRUE(steering_->ListCampaigns(&all).ok());
  EXPECT_TRUE(all.empty());  // the transaction rolled back
  EXPECT_EQ(steering_->PutAssignee({"NOPE", "A", false, "22972", 1}).code(), Status::Code::kNotFound);
  c.units = {"22972"};
  c.to = D(2019, 9, 1);
  EXPECT_EQ(steering_->PutCampaign(c).code(), Status::Code::kInvalidArgument);
}

TEST_P(SteeringStoreTest, ConditionsAgenciesAndReports) {
  ASSERT_TRUE(steering_->PutCondition({"60", "covid", D(2021, 10, 15), 2, "note"}).ok());
  ASSERT_TRUE(steering_->PutCondition({"60", "covid", D(2021, 10, 15), 3, "changed"}).ok());
  std::vector<AreaCondition> conds;
  ASSERT_TRUE(steering_->ListConditions(&conds).ok());
  ASSERT_EQ(conds.size(), 1u);
  EXPECT_EQ(conds[0].level, 3);
  ASSERT_TRUE(steering_->PutAgency({"DH", "Đại học", "60", D(2021, 10, 11), 2}).ok());
  EXPECT_EQ(steering_->PutAgencyReport({"NOPE", D(2021, 10, 17), 5, 1, -1, D(2021, 10, 18)}).code(),
            Status::Code::kNotFound);
  ASSERT_TRUE(steering_->PutAgencyReport({"DH", D(2021, 10, 17), 5, 100, 200, D(2021, 10, 18)}).ok());
  ASSERT_TRUE(steering_->PutAgencyReport({"DH", D(2021, 10, 17), 5, 120, 200, D(2021, 10, 19)}).ok());
  std::vector<AgencyReport> reps;
  ASSERT_TRUE(steering_->ListAgencyReports(&reps).ok());
  ASSERT_EQ(reps.size(), 1u);
  EXPECT_EQ(reps[0].insured, 120);
  EXPECT_EQ(reps[0].submitted_on, D(2021, 10, 19));
}

INSTANTIATE_TEST_SUITE_P(Backends, SteeringStoreTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         BackendName);

}  // namespace
}  // namespace baophu::testing
