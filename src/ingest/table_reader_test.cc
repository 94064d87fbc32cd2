// The readers under the importers: CSV quirks, the hand-written .xlsx reader (fixtures written
// with libxlsxwriter), SHA-256 and the UTF-8 check.
#include "ingest/table_reader.h"

#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include "ingest/file_scan.h"
#include "ingest/ingest_test_util.h"
#include "ingest/sha256.h"
#include "ingest/xlsx_reader.h"

namespace baophu::testing {
namespace {

using Rows = std::vector<TableRow>;

Rows ReadAll(const std::string& path, const std::string& sheet = "") {
  auto t = OpenTable(path, sheet);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  Rows rows;
  if (!t.ok()) return rows;
  TableRow r;
  while ((*t)->Next(&r)) rows.push_back(r);
  EXPECT_TRUE((*t)->status().ok()) << (*t)->status().ToString();
  return rows;
}

using Cells = std::vector<std::string>;

using TableReaderTest = IngestTest;

TEST_F(TableReaderTest, CsvWithBomSemicolonsQuotedNewlinesAndCrlf) {
  std::string p = Write("a.csv",
                        "\xEF\xBB\xBFma_so_bhxh;ho_ten;ghi_chu\r\n"
                        "0123456789;\"Nguyễn Văn A\";\"dòng 1\r\ndòng 2\"\r\n"
                        "0123456780;\"Trần \"\"Bé\"\"\";x;y\r\n");
  Rows rows = ReadAll(p);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].cells, (Cells{"ma_so_bhxh", "ho_ten", "ghi_chu"}));  // BOM stripped
  EXPECT_EQ(rows[1].line, 2);
  EXPECT_EQ(rows[1].cells, (Cells{"0123456789", "Nguyễn Văn A", "dòng 1\r\ndòng 2"}));
  EXPECT_EQ(rows[2].line, 4);  // the quoted newline made record 2 span lines 2-3
  EXPECT_EQ(rows[2].cells, (Cells{"0123456780", "Trần \"Bé\"", "x", "y"}));
}

TEST_F(TableReaderTest, CsvCommasWithoutBomAndNoFinalNewline) {
  Rows rows = ReadAll(Write("b.csv", "a,b\n1,\"2,5\"\n\n3,4"));
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1].cells, (Cells{"1", "2,5"}));
  EXPECT_TRUE(rows[2].Blank());
  EXPECT_EQ(rows[3].line, 4);
  EXPECT_EQ(rows[3].cells, (Cells{"3", "4"}));
}

TEST_F(TableReaderTest, SheetOptionOnCsvAndXlsFilesAreRefused) {
  auto t = OpenTable(Write("c.csv", "a\n"), "Trang 2");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().message(), "Tệp 'c.csv' không phải .xlsx nên không có trang tính 'Trang 2'");
  auto x = OpenTable(Write("old.xls", "\xD0\xCF\x11\xE0"), "");
  ASSERT_FALSE(x.ok());
  EXPECT_EQ(x.status().code(), Status::Code::kUnsupported);
}

// Two sheets: "Người" with shared strings, numbers and a date; "Thẻ" selected by name.
std::string WriteWorkbook(const std::string& path, bool constant_memory) {
  lxw_workbook_options options = {};
  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;  // inline strings when true
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  lxw_format* date_fmt = workbook_add_format(wb);
  format_set_num_format(date_fmt, "dd/mm/yyyy");
  lxw_worksheet* s1 = workbook_add_worksheet(wb, "Người");
  worksheet_write_string(s1, 0, 0, "Mã số BHXH", nullptr);
  worksheet_write_string(s1, 0, 1, "Họ tên", nullptr);
  worksheet_write_string(s1, 0, 2, "Ngày sinh", nullptr);
  worksheet_write_string(s1, 0, 4, "Số", nullptr);  // column E; D left empty
  worksheet_write_number(s1, 1, 0, 123456789, nullptr);  // leading zero lost in a number cell
  worksheet_write_string(s1, 1, 1, "Nguyễn Thị Ánh", nullptr);
  lxw_datetime dt = {2021, 11, 10, 0, 0, 0};
  worksheet_write_datetime(s1, 1, 2, &dt, date_fmt);
  worksheet_write_number(s1, 1, 4, 85.45, nullptr);
  worksheet_write_boolean(s1, 1, 3, 1, nullptr);
  // Row 3 empty; row 4 has a formula with a cached string and an entity.
  worksheet_write_string(s1, 3, 1, "A & B <c>", nullptr);
  worksheet_write_formula_str(s1, 3, 0, "=\"x\"&\"y\"", nullptr, "xy");
  lxw_worksheet* s2 = workbook_add_worksheet(wb, "Thẻ");
  worksheet_write_string(s2, 0, 0, "ma_the", nullptr);
  worksheet_write_string(s2, 1, 0, "HS4010120878811", nullptr);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  return path;
}

void ExpectFirstSheet(const Rows& rows) {
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].line, 1);
  EXPECT_EQ(rows[0].cells, (Cells{"Mã số BHXH", "Họ tên", "Ngày sinh", "", "Số"}));
  EXPECT_EQ(rows[1].line, 2);
  // 10/11/2021 is Excel serial 44510; 85.45 keeps its two decimals; TRUE is "1".
  EXPECT_EQ(rows[1].cells, (Cells{"123456789", "Nguyễn Thị Ánh", "44510", "1", "85.45"}));
  EXPECT_EQ(rows[1].numeric, (std::vector<bool>{true, false, true, false, true}));
  EXPECT_EQ(rows[2].line, 4);  // empty row 3 is not in the sheet XML
  EXPECT_EQ(rows[2].cells, (Cells{"xy", "A & B <c>"}));
}

TEST_F(TableReaderTest, XlsxSharedStringsNumbersDatesAndSecondSheet) {
  std::string p = WriteWorkbook(Path("book.xlsx"), false);
  ExpectFirstSheet(ReadAll(p));
  Rows cards = ReadAll(p, "Thẻ");
  ASSERT_EQ(cards.size(), 2u);
  EXPECT_EQ(cards[1].cells, (Cells{"HS4010120878811"}));
  EXPECT_EQ(ReadAll(p, "the").size(), 2u);  // the name matches without case or diacritics too

  auto missing = XlsxSheetReader::Open(p, "Dân số");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(), "Tệp 'book.xlsx' không có trang tính 'Dân số'; các trang có: 'Người', 'Thẻ'");
}

TEST_F(TableReaderTest, XlsxInlineStrings) {
  ExpectFirstSheet(ReadAll(WriteWorkbook(Path("inline.xlsx"), true)));
}

TEST_F(TableReaderTest, XlsxThatIsNotAZipIsRefused) {
  auto t = OpenTable(Write("fake.xlsx", "ma_so_bhxh,ho_ten\n"), "");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), Status::Code::kCorruption);
  EXPECT_EQ(t.status().message(),
            "Tệp 'fake.xlsx' không phải tệp .xlsx hợp lệ (không đọc được dạng nén zip): hãy mở trong Excel và lưu "
            "lại dưới dạng 'Excel Workbook (.xlsx)'");
}

TEST_F(TableReaderTest, XlsxManyRowsStreamAcrossChunks) {
  // 30,000 rows × 3 cells is several MiB of sheet XML: rows are cut across 1 MiB chunks.
  lxw_workbook* wb = workbook_new(Path("big.xlsx").c_str());
  lxw_worksheet* s = workbook_add_worksheet(wb, nullptr);
  for (int r = 0; r < 30000; ++r) {
    worksheet_write_number(s, r, 0, r, nullptr);
    worksheet_write_string(s, r, 1, ("Tên số " + std::to_string(r)).c_str(), nullptr);
    worksheet_write_number(s, r, 2, r * 0.5, nullptr);
  }
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  Rows rows = ReadAll(Path("big.xlsx"));
  ASSERT_EQ(rows.size(), 30000u);
  for (int r = 0; r < 30000; r += 997) {
    EXPECT_EQ(rows[r].line, r + 1);
    EXPECT_EQ(rows[r].cells[1], "Tên số " + std::to_string(r));
  }
  EXPECT_EQ(rows[29999].cells, (Cells{"29999", "Tên số 29999", "14999.5"}));
}

TEST(ColumnLettersTest, Letters) {
  EXPECT_EQ(ColumnLetters(0), "A");
  EXPECT_EQ(ColumnLetters(25), "Z");
  EXPECT_EQ(ColumnLetters(26), "AA");
  EXPECT_EQ(ColumnLetters(701), "ZZ");
  EXPECT_EQ(ColumnLetters(702), "AAA");
}

TEST(Sha256Test, KnownVectors) {
  Sha256 a;
  EXPECT_EQ(a.HexDigest(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  Sha256 b;
  b.Update("abc");
  EXPECT_EQ(b.HexDigest(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Sha256 c;  // 56 bytes, fed in uneven pieces: padding spills into a second block
  std::string m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  c.Update(m.substr(0, 7));
  c.Update(m.substr(7));
  EXPECT_EQ(c.HexDigest(), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  Sha256 d;
  std::string million(1000000, 'a');
  d.Update(million);
  EXPECT_EQ(d.HexDigest(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Utf8ValidatorTest, AcceptsUtf8RejectsLegacyVietnamese) {
  auto valid = [](std::string_view s) {
    Utf8Validator v;
    for (char c : s)
      if (!v.Feed(static_cast<uint8_t>(c))) return false;
    return v.AtBoundary();
  };
  EXPECT_TRUE(valid("Nguyễn Thị Ánh Tuyết, đ, 😀"));
  EXPECT_FALSE(valid("Nguy\xEA\xF1n"));      // Windows-1258 "Nguyên" with a combining tone
  EXPECT_FALSE(valid("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(valid("\xED\xA0\x80"));      // a surrogate
  EXPECT_FALSE(valid("\xE1\xBB"));          // cut short
  EXPECT_FALSE(valid("\xF4\x90\x80\x80"));  // above U+10FFFF
}

}  // namespace
}  // namespace baophu::testing
