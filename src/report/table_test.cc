#include "report/table.h"

#include <gtest/gtest.h>

namespace baophu {
namespace {

TEST(TableTest, VietnameseAndEnglishNumbersCsvPlain) {
  Table t("Tiêu đề", {"Tên", "Số tiền", "Ngày", "Tỷ lệ", "Có thẻ"});
  t.AddRow({Cell::Text("Trường Tiểu học"), Cell::Dong(Money{63180000}), Cell::Day(Date::FromYmd(2024, 9, 1)),
            Cell::Bp(450), Cell::Rate(9720)});
  t.AddNote("ghi chú");
  EXPECT_EQ(t.ToText(false),
            "Tiêu đề\n\n"
            "Tên             | Số tiền    | Ngày       | Tỷ lệ | Có thẻ\n"
            "----------------+------------+------------+-------+--------\n"
            "Trường Tiểu học | 63.180.000 | 01/09/2024 | 4,5 % | 97,20 %\n"
            "ghi chú\n");
  EXPECT_NE(t.ToText(true).find("63,180,000 | 01/09/2024 | 4.5 % | 97.20 %"), std::string::npos);
  EXPECT_EQ(t.ToCsv(), "Tên,Số tiền,Ngày,Tỷ lệ,Có thẻ\nTrường Tiểu học,63180000,2024-09-01,4.5,97.20\n");
  EXPECT_EQ(Table::FormatBp(10000, false), "100 %");
  EXPECT_EQ(Table::FormatBp(3, false), "0,03 %");
}

TEST(TableTest, WritesAnXlsxFile) {
  Table t("T", {"A", "B"});
  t.AddRow({Cell::Text("x"), Cell::Dong(Money{1})});
  std::string path = testing::TempDir() + "/table_test.xlsx";
  ASSERT_TRUE(t.WriteXlsx(path, "Kinh phí trường học").ok());
  std::FILE* f = std::fopen(path.c_str(), "rb");
  ASSERT_NE(f, nullptr);
  char magic[2] = {};
  EXPECT_EQ(std::fread(magic, 1, 2, f), 2u);
  std::fclose(f);
  EXPECT_EQ(std::string(magic, 2), "PK");  // a zip container
  std::remove(path.c_str());
  EXPECT_FALSE(t.WriteXlsx("/nonexistent-dir/x.xlsx", "S").ok());
}

}  // namespace
}  // namespace baophu
