#include <gtest/gtest.h>

#include "core/codes.h"
#include "core/date.h"
#include "core/text.h"

namespace baophu {
namespace {

TEST(DateTest, ParsesTheThreeForms) {
  EXPECT_EQ(Date::Parse("10/11/2021")->ToIso(), "2021-11-10");
  EXPECT_EQ(Date::Parse("2021-11-10")->ToVn(), "10/11/2021");
  EXPECT_EQ(Date::Parse("1/2/2020")->ToIso(), "2020-02-01");
  // Excel serial 44510 = 2021-11-10 (serial 25569 = 1970-01-01, 44510 - 25569 = 18941 days).
  EXPECT_EQ(Date::Parse("44510")->ToIso(), "2021-11-10");
  EXPECT_EQ(Date::Parse("44510.75")->ToIso(), "2021-11-10");
  EXPECT_EQ(Date::Parse("29/02/2020")->ToIso(), "2020-02-29");
}

TEST(DateTest, RejectsImpossibleDays) {
  EXPECT_FALSE(Date::Parse("29/02/2021").ok());
  EXPECT_FALSE(Date::Parse("31/04/2021").ok());
  EXPECT_FALSE(Date::Parse("2021-13-01").ok());
  EXPECT_FALSE(Date::Parse("").ok());
  EXPECT_FALSE(Date::Parse("ngày 10").ok());
  EXPECT_FALSE(Date::ParseOption("44510").ok());
}

TEST(DateTest, Arithmetic) {
  Date d = *Date::Parse("2021-11-10");
  EXPECT_EQ(d.Weekday(), 2);  // a Wednesday
  EXPECT_EQ(d.AddMonths(3).ToIso(), "2022-02-10");
  EXPECT_EQ(Date::FromYmd(2024, 1, 31).AddMonths(1).ToIso(), "2024-02-29");
  EXPECT_EQ(Date::FromYmd(2021, 1, 1) - Date::FromYmd(2020, 1, 1), 366);
}

TEST(CodesTest, CardCode) {
  auto c = CardCode::Parse("HS4010120878811");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->object.str(), "HS");
  EXPECT_EQ(c->benefit_level, 4);
  EXPECT_EQ(c->province_code, "01");
  EXPECT_EQ(c->bhxh.ToString(), "0120878811");
  EXPECT_EQ(c->ToString(), "HS4010120878811");
  EXPECT_FALSE(CardCode::Parse("HS6010120878811").ok());
  EXPECT_FALSE(CardCode::Parse("hs4010120878811").ok());
  EXPECT_FALSE(CardCode::Parse("HS401012087881").ok());
}

TEST(CodesTest, Numbers) {
  EXPECT_EQ(BhxhNumber::Parse("0012345678")->ToString(), "0012345678");
  EXPECT_FALSE(BhxhNumber::Parse("12345678").ok());
  EXPECT_TRUE(CitizenId::Parse("")->empty());
  EXPECT_FALSE(CitizenId::Parse("12345").ok());
  EXPECT_EQ(CitizenId::Parse(" 001234567890 ")->str(), "001234567890");
}

TEST(TextTest, FoldFindsPlaceNamesWithoutDiacritics) {
  EXPECT_EQ(FoldForSearch("Phan Rí Cửa"), "phan ri cua");
  EXPECT_EQ(FoldForSearch("  ĐẶNG   Thị  Hòa "), "dang thi hoa");
  EXPECT_EQ(FoldForSearch("Hoà"), FoldForSearch("Hòa"));
}

TEST(TextTest, NfcComposes) {
  // "ệ" written as e + combining circumflex + combining dot below.
  std::string decomposed = "Vi\x65\xCC\x82\xCC\xA3t";
  EXPECT_EQ(ToNfc(decomposed), "Việt");
  EXPECT_TRUE(IsValidUtf8("Việt"));
  EXPECT_FALSE(IsValidUtf8("Vi\xEA\x74"));  // Windows-1258 byte for ê
}

TEST(TextTest, CollationIsVietnamese) {
  Collator c;
  EXPECT_LT(c.Compare("Dũng", "Đức"), 0);  // đ sorts after d
  EXPECT_LT(c.Compare("An", "Ăn"), 0);
  EXPECT_LT(c.Compare("Ăn", "Ân"), 0);
  EXPECT_LT(c.SortKey("Dũng"), c.SortKey("Đức"));
}

TEST(TextTest, Numbers) {
  EXPECT_EQ(FormatIntVn(1234567), "1.234.567");
  EXPECT_EQ(FormatIntVn(999), "999");
  EXPECT_EQ(FormatIntVn(-1000), "-1.000");
  EXPECT_EQ(FormatHundredthsVn(6519), "65,19");
  EXPECT_EQ(FormatHundredthsPlain(6519), "65.19");
  EXPECT_EQ(FormatHundredthsVn(10000), "100,00");
  // 591427 / 907236 = 0.651900... → 65,19 %
  EXPECT_EQ(RateHundredths(591427, 907236), 6519);
  // Half up: 1 / 8 = 12.5 % exactly → 1250; 1/3 = 33.333 → 3333; 2/3 → 6667.
  EXPECT_EQ(RateHundredths(1, 3), 3333);
  EXPECT_EQ(RateHundredths(2, 3), 6667);
  EXPECT_EQ(RateHundredths(1, 0), -1);
}

}  // namespace
}  // namespace baophu
