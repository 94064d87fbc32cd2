// CsvReader's bounds (issue 12, item 14) and the formula neutralisation of every CSV written.
#include "core/csv.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace baophu {
namespace {

std::string WriteTemp(const std::string& name, const std::string& text) {
  std::string path = (std::filesystem::temp_directory_path() / ("baophu_csv_test_" + name)).string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(CsvFormulaTest, TextCellsStartingAFormulaGetAQuote) {
  EXPECT_EQ(NeutraliseCsvFormula("=HYPERLINK(\"http://x\",\"y\")"), "'=HYPERLINK(\"http://x\",\"y\")");
  EXPECT_EQ(NeutraliseCsvFormula("+1+2"), "'+1+2");
  EXPECT_EQ(NeutraliseCsvFormula("-cmd"), "'-cmd");
  EXPECT_EQ(NeutraliseCsvFormula("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(NeutraliseCsvFormula("\t=1"), "'\t=1");
  EXPECT_EQ(NeutraliseCsvFormula("\r=1"), "'\r=1");
  // Numbers stay numbers; ordinary text is untouched.
  EXPECT_EQ(NeutraliseCsvFormula("-12"), "-12");
  EXPECT_EQ(NeutraliseCsvFormula("-3,5"), "-3,5");
  EXPECT_EQ(NeutraliseCsvFormula("+84.5"), "+84.5");
  EXPECT_EQ(NeutraliseCsvFormula("Nguyễn Văn A"), "Nguyễn Văn A");
  EXPECT_EQ(NeutraliseCsvFormula(""), "");
  EXPECT_EQ(NeutraliseCsvFormula("-"), "'-");
}

TEST(CsvFormulaTest, AppendCsvRecordNeutralisesAndQuotes) {
  std::string out;
  AppendCsvRecord({"=HYPERLINK(\"http://x\",\"y\")", "-7", "a"}, &out);
  EXPECT_EQ(out, "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-7,a\n");
}

TEST(CsvReaderTest, QuoteNeverClosedIsARowDefectWithItsLine) {
  std::string path = WriteTemp("open_quote.csv", "a,b\n1,2\n3,\"x\ny\n");
  auto r = CsvReader::Open(path, CsvLimits{1024, 16, true});
  ASSERT_TRUE(r.ok());
  std::vector<std::string> f;
  ASSERT_TRUE(r->Next(&f));
  ASSERT_TRUE(r->Next(&f));
  EXPECT_EQ(r->defect().field, -1);
  ASSERT_TRUE(r->Next(&f));
  EXPECT_EQ(r->line(), 3);
  EXPECT_EQ(r->defect().field, 1);
  EXPECT_EQ(r->defect().line, 3);
  EXPECT_EQ(r->defect().prefix, "x\ny\n");
  EXPECT_NE(r->defect().reason.find("không được đóng"), std::string::npos);
  EXPECT_FALSE(r->Next(&f));
  EXPECT_TRUE(r->status().ok());
  std::filesystem::remove(path);
}

TEST(CsvReaderTest, WithoutRowDefectsAnOpenQuoteStopsTheReader) {
  std::string path = WriteTemp("open_quote2.csv", "a,b\n3,\"x\n");
  auto r = CsvReader::Open(path);
  ASSERT_TRUE(r.ok());
  std::vector<std::string> f;
  ASSERT_TRUE(r->Next(&f));
  EXPECT_FALSE(r->Next(&f));
  EXPECT_NE(r->status().message().find("dòng 2, cột thứ 2"), std::string::npos) << r->status().message();
  std::filesystem::remove(path);
}

TEST(CsvReaderTest, LongFieldAndTooManyFieldsAreBoundedDefects) {
  // A field of 100 bytes against a bound of 10: 10 kept, the rest skipped; the next record is whole.
  std::string path = WriteTemp("long.csv", "a,b\n1," + std::string(100, 'z') + ",3\n1,2,3,4,5,6\n7,8\n");
  auto r = CsvReader::Open(path, CsvLimits{10, 4, true});
  ASSERT_TRUE(r.ok());
  std::vector<std::string> f;
  ASSERT_TRUE(r->Next(&f));
  ASSERT_TRUE(r->Next(&f));
  EXPECT_EQ(f.size(), 3u);
  EXPECT_EQ(f[1], std::string(10, 'z'));
  EXPECT_EQ(r->defect().field, 1);
  ASSERT_TRUE(r->Next(&f));
  EXPECT_EQ(f.size(), 4u);  // 6 fields, 4 kept
  EXPECT_EQ(r->defect().field, 4);
  EXPECT_NE(r->defect().reason.find("quá 4 cột"), std::string::npos);
  ASSERT_TRUE(r->Next(&f));
  EXPECT_EQ(r->defect().field, -1);
  EXPECT_EQ(f, (std::vector<std::string>{"7", "8"}));
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace baophu
