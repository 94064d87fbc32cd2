#include "outreach/match_confirm.h"

#include <gtest/gtest.h>

namespace baophu::outreach {
namespace {

TEST(MatchConfirm, ParsesTheEntryKeyOfARosterRow) {
  // The row key of a name + birth date contains a '|' of its own.
  auto d = ParseRosterEntryKey("r:1|THBL01|n:nguyen mai|2012-03-04");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->kind, RosterKind::kPupils);
  EXPECT_EQ(d->group_code, "THBL01");
  EXPECT_EQ(d->row_key, "n:nguyen mai|2012-03-04");
  d = ParseRosterEntryKey("r:3|DTN_BL|b:9500000101");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->kind, RosterKind::kMembers);
  EXPECT_EQ(d->row_key, "b:9500000101");
}

TEST(MatchConfirm, RefusesWhatIsNotARosterRow) {
  for (const char* key : {"p:9500000101", "", "r:", "r:1|THBL01", "r:4|X|b:1", "r:0|X|b:1", "r:12|X|b:1", "r:1||b:1",
                          "r:1|X|", "r:x|X|b:1"}) {
    auto d = ParseRosterEntryKey(key);
    EXPECT_FALSE(d.ok()) << key;
    if (!d.ok()) {
      EXPECT_EQ(d.status().code(), Status::Code::kInvalidArgument) << key;
    }
  }
}

}  // namespace
}  // namespace baophu::outreach
