#include "outreach/list_access.h"

#include <gtest/gtest.h>

namespace baophu::outreach {
namespace {

ListEntry E(const char* group, const char* sub, const char* name) {
  ListEntry e;
  e.group_code = group;
  e.subgroup = sub;
  e.full_name = name;
  e.citizen_id = "095082000102";
  e.phone = "0912345678";
  return e;
}

TEST(ListAccess, TeacherSeesTheirClassOnly) {
  OutreachList l;
  l.kind = ListKind::kPupils;
  l.entries = {E("THBL01", "6A", "Cường"), E("THBL01", "6B", "Ôn"), E("THBL02", "6A", "Khác")};
  l.sections = {{"THBL01", "Trường", ""}, {"THBL01", "Trường", "6A"}, {"THBL01", "Trường", "6B"}};
  std::vector<Responsible> resp = {{ResponsibleScope::kClass, "THBL01|6A", "Cô Hạnh"},
                                   {ResponsibleScope::kClass, "THBL01|6B", "Thầy Phúc"},
                                   {ResponsibleScope::kOrganisation, "THBL02", "Cô Hạnh"}};
  RestrictToResponsible(&l, resp, ResponsibleScope::kClass, {"hanh", "Cô Hạnh"});
  ASSERT_EQ(l.entries.size(), 1u);
  EXPECT_EQ(l.entries[0].full_name, "Cường");
  ASSERT_EQ(l.sections.size(), 1u);
  EXPECT_EQ(l.sections[0].subgroup, "6A");
}

TEST(ListAccess, NobodyResponsibleSeesNothing) {
  OutreachList l;
  l.entries = {E("MTTQ_BL", "", "An")};
  RestrictToResponsible(&l, {}, ResponsibleScope::kOrganisation, {"ai_do"});
  EXPECT_TRUE(l.entries.empty());
}

TEST(ListAccess, MasksByRole) {
  EXPECT_TRUE(VisibleFields(Role::kCommune).citizen_id);
  EXPECT_TRUE(VisibleFields(Role::kCommune).phone);
  EXPECT_FALSE(VisibleFields(Role::kSchool).citizen_id);
  EXPECT_TRUE(VisibleFields(Role::kSchool).phone);
  EXPECT_TRUE(VisibleFields(Role::kProvince).citizen_id);
  EXPECT_FALSE(VisibleFields(Role::kProvince).phone);
  OutreachList l;
  l.entries = {E("THBL01", "6A", "Cường")};
  MaskEntries(&l, VisibleFields(Role::kSchool));
  EXPECT_EQ(l.entries[0].citizen_id, "095******102");
  EXPECT_EQ(l.entries[0].phone, "0912345678");
  MaskEntries(&l, VisibleFields(Role::kProvince));
  EXPECT_EQ(l.entries[0].phone, "091****678");
}

// A roster row identified by its CCCD carries it in its key: masked for the roles that do not
// see CCCD numbers, and found again among the keys the user may act on.
TEST(ListAccess, EntryKeysHideTheCccdAndAreFoundAgain) {
  EXPECT_EQ(MaskEntryKey("r:3|HND_P2|c:095073829268"), "r:3|HND_P2|c:095******268");
  EXPECT_EQ(MaskEntryKey("r:3|HND_P2|b:9512345678"), "r:3|HND_P2|b:9512345678");
  EXPECT_EQ(MaskEntryKey("p:9512345678"), "p:9512345678");
  OutreachList l;
  l.entries = {E("THBL01", "6A", "Cường")};
  l.entries[0].entry_key = "r:0|THBL01|c:095073829268";
  MaskEntries(&l, VisibleFields(Role::kSchool));
  EXPECT_EQ(l.entries[0].entry_key, "r:0|THBL01|c:095******268");
  const std::vector<std::string> mine = {"r:0|THBL01|c:095073829268", "r:0|THBL01|c:095111111111"};
  EXPECT_EQ(UnmaskEntryKey("r:0|THBL01|c:095******268", mine), "r:0|THBL01|c:095073829268");
  EXPECT_EQ(UnmaskEntryKey("r:0|THBL01|c:095******999", mine), "");  // not among the user's
  EXPECT_EQ(UnmaskEntryKey("r:0|THBL01|b:9512345678", mine), "r:0|THBL01|b:9512345678");
  // Two keys that mask alike: the shown key names neither.
  EXPECT_EQ(UnmaskEntryKey("r:0|THBL01|c:095******268", {"r:0|THBL01|c:095073829268", "r:0|THBL01|c:095000000268"}), "");
}

}  // namespace
}  // namespace baophu::outreach
