// ImportFile end to end on a real SQLite store: headers, every validation rule, all-or-nothing,
// re-imports, and the bad-input suite (a bad row in 1,000, a Windows-1258 file, an unknown
// object code).
#include "ingest/importer.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <xlsxwriter.h>

#include "ingest/ingest_test_util.h"
#include "ingest/sha256.h"
#include "store/sqlite/sqlite_store.h"

namespace baophu::testing {
namespace {

const char* kPersonsHeader = "ma_so_bhxh,so_cccd,ho_ten,ngay_sinh,gioi_tinh,ma_xa,ma_thon,ma_ho_gd\n";

// Person number i: BHXH 60000000ii, CCCD 0600000000ii, in commune 22972.
std::string PersonRow(int i, const char* birth = "17/05/2010") {
  char buf[160];
  std::snprintf(buf, sizeof buf, "60%08d,060%09d,Nguyễn Thị Ánh %d,%s,Nữ,22972,22972-T1,HGD%d\n", i, i, i, birth, i / 4);
  return buf;
}

class ImporterTest : public IngestTest {
 protected:
  void SetUp() override {
    IngestTest::SetUp();
    OpenStore();
  }
  int64_t Persons() { return store_->Counts()->persons; }
  int64_t Cards() { return store_->Counts()->cards; }
  // Imports persons 0..n-1 (a clean file) and checks it committed.
  void ImportPersons(int n) {
    std::string csv = kPersonsHeader;
    for (int i = 0; i < n; ++i) csv += PersonRow(i);
    auto r = Import(ImportKind::kPersons, Write("base_persons.csv", csv));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_TRUE(r->committed) << Describe(r->errors);
  }
};

TEST(ParseImportKindTest, Names) {
  EXPECT_EQ(*ParseImportKind("persons"), ImportKind::kPersons);
  EXPECT_EQ(*ParseImportKind("cards"), ImportKind::kCards);
  EXPECT_EQ(*ParseImportKind("population"), ImportKind::kPopulation);
  EXPECT_EQ(*ParseImportKind("targets"), ImportKind::kTargets);
  EXPECT_EQ(*ParseImportKind("units"), ImportKind::kUnits);
  EXPECT_FALSE(ParseImportKind("people").ok());
}

// --- headers ---------------------------------------------------------------------------------

TEST_F(ImporterTest, HeadersInEnglishOrVietnameseInAnyOrderExtraColumnsIgnored) {
  std::string p = Write("en.csv",
                        "sex;Full_Name;ghi chú;COMMUNE_CODE;birth_date;citizen_id;BHXH Number\n"
                        "F; Trần  Thị Bé ;x;22972;2010-05-17;;6000000001\n");
  auto r = Import(ImportKind::kPersons, p);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->errors.size(), 0u) << Describe(r->errors);
  EXPECT_EQ(r->inserted, 1);
  auto person = store_->FindPerson(BhxhNumber::FromInt(6000000001));
  ASSERT_TRUE(person.ok() && person->has_value());
  EXPECT_EQ((*person)->full_name, "Trần  Thị Bé");  // trimmed, inner spaces kept
  EXPECT_EQ((*person)->sex, Sex::kFemale);
  EXPECT_EQ((*person)->birth_date, D(2010, 5, 17));
  EXPECT_TRUE((*person)->citizen_id.empty());

  // Vietnamese with diacritics and capitals; NFD input ("Hùng" with a combining grave) is stored NFC.
  p = Write("vi.csv",
            "Mã số BHXH,Số CCCD,Họ tên,Ngày sinh,Giới tính,Mã xã\n"
            "6000000002,060000000002,Hu\xCC\x80ng,17/05/2010,Nam,22972\n");
  r = Import(ImportKind::kPersons, p);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->inserted, 1) << Describe(r->errors);
  EXPECT_EQ((*store_->FindPerson(BhxhNumber::FromInt(6000000002)))->full_name, "Hùng");
}

TEST_F(ImporterTest, MissingRequiredColumnNamesItAndItsAliases) {
  auto r = Import(ImportKind::kPersons, Write("p.csv", "ma_so_bhxh,so_cccd,ho_ten,gioi_tinh,ma_xa\n"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "Tệp 'p.csv' thiếu cột bắt buộc: 'ngay_sinh' (hoặc 'birth_date', 'ngay thang nam sinh'). Dòng tiêu đề "
            "phải là dòng đầu tiên; tên cột không phân biệt hoa thường, có dấu hay không dấu.");
  auto empty = Import(ImportKind::kPersons, Write("e.csv", "\n\n"));
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().message(), "Tệp 'e.csv' trống: không có dòng tiêu đề");
}

// --- persons: every rule -----------------------------------------------------------------------

TEST_F(ImporterTest, PersonRowRules) {
  std::string csv = kPersonsHeader;
  csv += "600000001,,A,01/01/2000,Nam,22972,,\n";             // line 2: 9-digit BHXH
  csv += "6000000002,12345,B,01/01/2000,Nam,22972,,\n";       // line 3: CCCD not 12 digits
  csv += "6000000003,,,01/01/2000,Nam,22972,,\n";             // line 4: no name
  csv += "6000000004,,D,31/02/2000,Nam,22972,,\n";            // line 5: no such day
  csv += "6000000005,,E,01/01/2000,X,22972,,\n";              // line 6: sex
  csv += "6000000006,,F,01/01/2000,Nữ,99999,,\n";             // line 7: unknown commune
  csv += "6000000007,,G,01/01/2000,Nữ,60,,\n";                // line 8: a province, not a commune
  csv += "6000000008,,H,01/01/2000,Nữ,22972,T9,\n";           // line 9: unknown hamlet
  csv += "6000000009,,I,01/01/1800,Nữ,22972,,\n";             // line 10: implausible year
  csv += "6000000010,,J,44510,1,23002,,\n";                   // line 11: fine (serial date, old commune)
  auto r = Import(ImportKind::kPersons, Write("rules.csv", csv));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->read, 10);
  EXPECT_EQ(r->rejected, 9);
  EXPECT_FALSE(r->committed);
  EXPECT_EQ(Describe(r->errors),
            "rules.csv:2 [ma_so_bhxh] '600000001': mã số BHXH phải gồm đúng 10 chữ số: '600000001'\n"
            "rules.csv:3 [so_cccd] '12345': số CCCD phải gồm đúng 12 chữ số: '12345'\n"
            "rules.csv:4 [ho_ten] '': thiếu họ tên\n"
            "rules.csv:5 [ngay_sinh] '31/02/2000': ngày không hợp lệ '31/02/2000' (cần dd/mm/yyyy hoặc yyyy-mm-dd)\n"
            "rules.csv:6 [gioi_tinh] 'X': giới tính phải là Nam/Nữ, M/F hoặc 1/0\n"
            "rules.csv:7 [ma_xa] '99999': mã xã '99999' không có trong danh mục đơn vị hành chính\n"
            "rules.csv:8 [ma_xa] '60': mã '60' không phải đơn vị cấp xã\n"
            "rules.csv:9 [ma_thon] 'T9': mã thôn 'T9' không có trong danh mục đơn vị hành chính\n"
            "rules.csv:10 [ngay_sinh] '01/01/1800': năm sinh 1800 không hợp lý\n");
  EXPECT_EQ(Persons(), 0);

  auto ok = Import(ImportKind::kPersons, Write("rules.csv", csv), {.accept_valid = true});
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(ok->committed);
  EXPECT_EQ(ok->inserted, 1);
  EXPECT_EQ((*store_->FindPerson(BhxhNumber::FromInt(6000000010)))->birth_date, D(2021, 11, 10));
}

TEST_F(ImporterTest, SamePersonWithTwoBirthDatesRejectsBothRowsExactDuplicatesAreFine) {
  std::string csv = kPersonsHeader;
  csv += PersonRow(1);                // line 2
  csv += PersonRow(2, "01/01/2001");  // line 3
  csv += PersonRow(1);                // line 4: exact duplicate of line 2, fine
  csv += PersonRow(2, "02/01/2001");  // line 5: conflicts with line 3
  auto r = Import(ImportKind::kPersons, Write("dup.csv", csv), {.accept_valid = true});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Describe(r->errors),
            "dup.csv:3 [ngay_sinh] '01/01/2001': mã số BHXH 6000000002 có ngày sinh khác nhau ở các dòng 3 và 5 "
            "của tệp\n"
            "dup.csv:5 [ngay_sinh] '02/01/2001': mã số BHXH 6000000002 có ngày sinh khác nhau ở các dòng 3 và 5 "
            "của tệp\n");
  EXPECT_EQ(r->rejected, 2);
  EXPECT_EQ(r->inserted, 1);   // line 2
  EXPECT_EQ(r->unchanged, 1);  // line 4, the same person again
  EXPECT_EQ(Persons(), 1);
}

TEST_F(ImporterTest, OneCccdOnTwoNumbersIsRejectedInTheFileAndAgainstTheStore) {
  ImportPersons(1);  // 6000000000 holds 060000000000
  std::string csv = kPersonsHeader;
  csv += "6000000005,060000000009,A,01/01/2000,Nam,22972,,\n";  // line 2
  csv += "6000000006,060000000009,B,01/01/2000,Nam,22972,,\n";  // line 3: same CCCD, other number
  csv += "6000000007,060000000000,C,01/01/2000,Nam,22972,,\n";  // line 4: the store's person's CCCD
  auto r = Import(ImportKind::kPersons, Write("cccd.csv", csv));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Describe(r->errors),
            "cccd.csv:2 [so_cccd] '060000000009': số CCCD này thuộc nhiều mã số BHXH khác nhau ở các dòng 2 và 3 "
            "của tệp\n"
            "cccd.csv:3 [so_cccd] '060000000009': số CCCD này thuộc nhiều mã số BHXH khác nhau ở các dòng 2 và 3 "
            "của tệp\n"
            "cccd.csv:4 [so_cccd] '060000000000': số CCCD này đã thuộc mã số BHXH 6000000000 trong cơ sở dữ liệu\n");
}

// --- the bad-input suite ---------------------------------------------------------------------

TEST_F(ImporterTest, OneBadRowInAThousandRefusesTheFileUnlessAcceptValid) {
  std::string csv = kPersonsHeader;
  for (int i = 0; i < 1000; ++i) csv += PersonRow(i, i == 500 ? "17/13/2010" : "17/05/2010");
  std::string p = Write("nguoi.csv", csv);
  auto r = Import(ImportKind::kPersons, p);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->committed);
  EXPECT_EQ(r->read, 1000);
  EXPECT_EQ(r->rejected, 1);
  EXPECT_EQ(r->inserted + r->updated + r->unchanged, 0);
  ASSERT_EQ(r->errors.size(), 1u);
  EXPECT_EQ(r->errors[0].file, "nguoi.csv");
  EXPECT_EQ(r->errors[0].line, 502);  // row i is on line i + 2 (the header is line 1)
  EXPECT_EQ(r->errors[0].column, "ngay_sinh");
  EXPECT_EQ(r->errors[0].value, "17/13/2010");
  EXPECT_EQ(Persons(), 0);

  auto ok = Import(ImportKind::kPersons, p, {.accept_valid = true});
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(ok->committed);
  EXPECT_EQ(ok->inserted, 999);
  EXPECT_EQ(ok->rejected, 1);
  EXPECT_EQ(Persons(), 999);
  EXPECT_EQ(store_->Counts()->households, 250);  // HGD0..HGD249, 4 people each
}

TEST_F(ImporterTest, Windows1258FileIsRefusedWhole) {
  std::string p = Write("cp1258.csv", std::string(kPersonsHeader) + PersonRow(1) + "6000000002,,Nguy\xEA\xF1n,01/01/2000,Nam,22972,,\n");
  auto r = Import(ImportKind::kPersons, p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kUnsupported);
  EXPECT_EQ(r.status().message(),
            "Tệp 'cp1258.csv' không phải UTF-8 (dòng 3 có byte 0xEA): hãy lưu lại bằng 'CSV UTF-8' trong Excel (có thể "
            "tệp đang ở mã Windows-1258, TCVN3 hoặc VNI)");
  EXPECT_EQ(Persons(), 0);
}

TEST_F(ImporterTest, ReimportIsAllUnchangedAndAChangedRowUpdates) {
  std::string csv = kPersonsHeader;
  for (int i = 0; i < 1000; ++i) csv += PersonRow(i);
  auto first = Import(ImportKind::kPersons, Write("p.csv", csv));
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->inserted, 1000);
  auto again = Import(ImportKind::kPersons, Write("p.csv", csv));
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->committed);
  EXPECT_EQ(again->read, 1000);
  EXPECT_EQ(again->unchanged, 1000);
  EXPECT_EQ(again->inserted + again->updated + again->rejected, 0);
  // Both imports are in the history, with the file's SHA-256 and the counts.
  auto db = sqlite::Db::Open(Path("test.db"));
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(*(*db)->QueryInt("SELECT COUNT(*) FROM import_log WHERE kind = 'persons' AND file = 'p.csv'"), 2);
  Sha256 sha;
  sha.Update(csv);
  EXPECT_EQ(*(*db)->QueryText("SELECT sha256 FROM import_log ORDER BY id DESC LIMIT 1"), sha.HexDigest());
  EXPECT_EQ(*(*db)->QueryText("SELECT counts_json FROM import_log ORDER BY id DESC LIMIT 1"),
            "{\"read\":1000,\"inserted\":0,\"updated\":0,\"unchanged\":1000,\"rejected\":0,\"warnings\":0}");

  std::string changed = kPersonsHeader;
  for (int i = 0; i < 1000; ++i) changed += i == 7 ? PersonRow(i, "18/05/2010") : PersonRow(i);
  auto upd = Import(ImportKind::kPersons, Write("p2.csv", changed));
  ASSERT_TRUE(upd.ok());
  EXPECT_EQ(upd->updated, 1);
  EXPECT_EQ(upd->unchanged, 999);
  EXPECT_EQ((*store_->FindPerson(BhxhNumber::FromInt(6000000007)))->birth_date, D(2010, 5, 18));
}

TEST_F(ImporterTest, CardWithUnknownObjectCodeImportsWithAWarning) {
  ImportPersons(3);
  std::string p = Write("the.csv",
                        "ma_so_bhxh,ma_the,tu_ngay,den_ngay,ma_kcb_bd\n"
                        "6000000000,HS4606000000000,01/01/2024,31/12/2024,60001\n"
                        "6000000001,ZX4606000000001,01/01/2024,31/12/2024,60001\n");
  auto r = Import(ImportKind::kCards, p);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->committed);
  EXPECT_EQ(r->inserted, 2);
  EXPECT_EQ(r->errors.size(), 0u) << Describe(r->errors);
  EXPECT_EQ(Describe(r->warnings),
            "the.csv:3 [ma_the] 'ZX4606000000001': mã đối tượng 'ZX' chưa có trong bảng quy định: thẻ được tính là "
            "\"chưa phân loại\"\n");
  std::vector<Card> cards;
  ASSERT_TRUE(store_->CardsOf(BhxhNumber::FromInt(6000000001), &cards).ok());
  ASSERT_EQ(cards.size(), 1u);
  EXPECT_EQ(cards[0].object.str(), "ZX");
  EXPECT_EQ(cards[0].benefit_level, 4);
  EXPECT_EQ(cards[0].province_code, "60");
  EXPECT_EQ(cards[0].valid_to, D(2024, 12, 31));
}

// --- cards: every rule -------------------------------------------------------------------------

TEST_F(ImporterTest, CardRowRules) {
  ImportPersons(3);
  std::string csv = "ma_so_bhxh,ma_the,tu_ngay,den_ngay,ma_doi_tuong,muc_huong\n";
  csv += "6000000000,HS4606000000001,01/01/2024,31/12/2024,,\n";  // 2: code's number differs
  csv += "6000000000,6000000000,01/01/2024,31/12/2024,,\n";       // 3: 10 digits need an object code
  csv += "6000000000,6000000000,01/01/2024,31/12/2024,HS,6\n";    // 4: level 6
  csv += "6000000000,HS4606000000000,31/12/2024,01/01/2024,,\n";  // 5: to before from
  csv += "6000000000,HS46000000000,01/01/2024,31/12/2024,,\n";    // 6: 13 characters
  csv += "6000000000,HS4606000000000,01/01/2024,31/12/2024,GD,\n";  // 7: object differs from code
  csv += "6000000099,HS4606000000099,01/01/2024,31/12/2024,,\n";  // 8: no such person
  csv += "6000000001,6000000001,2024-01-01,2024-12-31,hs,4\n";    // 9: fine (lower case accepted)
  csv += "6000000002,HS4606000000002,01/01/2024,31/12/2024,,\n";  // 10: conflicts with 11
  csv += "6000000002,HS4606000000002,01/01/2024,30/06/2024,,\n";  // 11
  auto r = Import(ImportKind::kCards, Write("the.csv", csv));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Describe(r->errors),
            "the.csv:2 [ma_the] 'HS4606000000001': 10 số cuối của mã thẻ (6000000001) khác mã số BHXH của dòng "
            "(6000000000)\n"
            "the.csv:3 [ma_doi_tuong] '': thiếu mã đối tượng (bắt buộc khi mã thẻ chỉ có 10 số)\n"
            "the.csv:4 [muc_huong] '6': mức hưởng phải là một chữ số từ 1 đến 5\n"
            "the.csv:5 [den_ngay] '01/01/2024': ngày hết hạn 01/01/2024 trước ngày bắt đầu 31/12/2024\n"
            "the.csv:6 [ma_the] 'HS46000000000': mã thẻ phải có 15 ký tự (ví dụ HS4010120878811) hoặc là mã số "
            "BHXH 10 số\n"
            "the.csv:7 [ma_doi_tuong] 'GD': mã đối tượng khác với mã trong mã thẻ (HS)\n"
            "the.csv:8 [ma_so_bhxh] '6000000099': chưa có người mang mã số BHXH này trong cơ sở dữ liệu: hãy nhập "
            "danh sách người (persons) trước\n"
            "the.csv:10 [tu_ngay] '01/01/2024': thẻ của mã số BHXH 6000000002 bắt đầu cùng ngày nhưng khác nội "
            "dung ở các dòng 10 và 11 của tệp\n"
            "the.csv:11 [tu_ngay] '01/01/2024': thẻ của mã số BHXH 6000000002 bắt đầu cùng ngày nhưng khác nội "
            "dung ở các dòng 10 và 11 của tệp\n");
  EXPECT_EQ(r->read, 10);
  EXPECT_EQ(r->rejected, 9);
  EXPECT_EQ(Cards(), 0);
}

TEST_F(ImporterTest, CardOutsideThePersonsCommuneIsOnlyAWarning) {
  std::string csv = kPersonsHeader;
  csv += "6000000001,,A,01/01/2000,Nam,23002,,\n";  // Hòa Phú, gone since 01/01/2020
  ASSERT_TRUE(Import(ImportKind::kPersons, Write("p.csv", csv))->committed);
  auto r = Import(ImportKind::kCards, Write("c.csv",
                                            "ma_so_bhxh,ma_the,tu_ngay,den_ngay\n"
                                            "6000000001,GD4606000000001,01/01/2019,31/12/2019\n"
                                            "6000000001,GD4606000000001,01/01/2024,31/12/2024\n"));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->committed);
  EXPECT_EQ(r->inserted, 2);
  EXPECT_EQ(Describe(r->warnings),
            "c.csv:3 [tu_ngay] '01/01/2024': xã 23002 của người này không có hiệu lực trong thời hạn thẻ 01/01/2024 – "
            "31/12/2024\n");
}

// A scoped import (a province or commune account on the web): rows outside the user's units are
// rejected with their reason, whatever the kind; nothing is written unless accept_valid.
TEST_F(ImporterTest, RowsOutsideTheUnitScopeAreRejected) {
  std::string csv = kPersonsHeader;
  csv += "6000000001,,A,01/01/2000,Nam,22972,,\n";  // inside
  csv += "6000000002,,B,01/01/2000,Nữ,23002,,\n";  // another commune
  csv += "6000000003,,C,01/01/2000,Nam,,,\n";       // no commune: cannot be shown to be inside
  ImportOptions scoped;
  scoped.unit_scope = [](const std::string& code) { return code == "22972"; };
  auto r = Import(ImportKind::kPersons, Write("p.csv", csv), scoped);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->committed);
  EXPECT_EQ(Describe(r->errors),
            "p.csv:3 [ma_xa] '23002': đơn vị '23002' nằm ngoài địa bàn được giao cho tài khoản này\n"
            "p.csv:4 [ma_xa] '': không có mã xã: tài khoản này chỉ được nhập dữ liệu trong địa bàn được giao\n");
  EXPECT_EQ(Persons(), 0);
  // Unscoped (an administrator), the same people go in; then a scoped card import may only
  // touch the people inside.
  ASSERT_TRUE(Import(ImportKind::kPersons, Write("p.csv", csv))->committed);
  r = Import(ImportKind::kCards, Write("c.csv",
                                       "ma_so_bhxh,ma_the,tu_ngay,den_ngay\n"
                                       "6000000001,GD4606000000001,01/01/2024,31/12/2024\n"
                                       "6000000002,GD4606000000002,01/01/2024,31/12/2024\n"),
             scoped);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Describe(r->errors),
            "c.csv:3 [ma_so_bhxh] '6000000002': mã số BHXH này không thuộc đơn vị được giao cho tài khoản này (hoặc "
            "chưa có trong cơ sở dữ liệu: hãy nhập danh sách người (persons) trước)\n");
  scoped.accept_valid = true;
  r = Import(ImportKind::kCards, Write("c.csv",
                                       "ma_so_bhxh,ma_the,tu_ngay,den_ngay\n"
                                       "6000000001,GD4606000000001,01/01/2024,31/12/2024\n"
                                       "6000000002,GD4606000000002,01/01/2024,31/12/2024\n"),
             scoped);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->inserted, 1);
  EXPECT_EQ(Cards(), 1);
  r = Import(ImportKind::kPopulation, Write("ds.csv", "ma_dvhc,ngay,dan_so,nhom\n23002,01/04/2019,500,\n"), scoped);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Describe(r->errors), "ds.csv:2 [ma_dvhc] '23002': đơn vị '23002' nằm ngoài địa bàn được giao cho tài khoản này\n");
}

// Issue 12, reproduction 3: an account scoped to one commune imports a persons row with the BHXH
// number (or the CCCD) of a person stored in another commune, and its own commune as ma_xa. The
// row is rejected: the person is not moved, the household kept, and no reason names the other
// person's commune or the number behind the CCCD. A new number with a commune inside goes in;
// a card of a person outside, or of nobody, gets the same reason.
TEST_F(ImporterTest, AScopedImportDoesNotTouchPeopleOutsideTheScope) {
  ASSERT_TRUE(Import(ImportKind::kPersons, Write("p.csv", std::string(kPersonsHeader) +
                                                              "6000000001,060000000001,A,01/01/2000,Nam,22972,,H1\n"
                                                              "6000000002,060000000002,B,01/01/2000,Nữ,23002,,H2\n"))
                  ->committed);
  ImportOptions scoped;
  scoped.unit_scope = [](const std::string& code) { return code == "22972"; };
  const std::string csv = std::string(kPersonsHeader) +
                          "6000000002,,B,01/01/2000,Nữ,22972,,H9\n"             // 2: B moved in
                          "6000000003,060000000002,C,01/01/2001,Nam,22972,,\n"  // 3: B's CCCD on a new number
                          "6000000004,060000000001,D,01/01/2001,Nam,22972,,\n"  // 4: A's CCCD: A is inside
                          "6000000005,,E,01/01/2001,Nam,22972,,H1\n";           // 5: new, inside
  auto r = Import(ImportKind::kPersons, Write("q.csv", csv), scoped);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Describe(r->errors),
            "q.csv:2 [ma_so_bhxh] '6000000002': mã số BHXH này không thuộc đơn vị được giao cho tài khoản này\n"
            "q.csv:3 [so_cccd] '060000000002': số CCCD này đã gắn với một mã số BHXH khác trong cơ sở dữ liệu\n"
            "q.csv:4 [so_cccd] '060000000001': số CCCD này đã thuộc mã số BHXH 6000000001 trong cơ sở dữ liệu\n");
  for (const RowError& e : r->errors) EXPECT_EQ(e.reason.find("23002"), std::string::npos) << e.reason;
  scoped.accept_valid = true;
  r = Import(ImportKind::kPersons, Write("q.csv", csv), scoped);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->inserted, 1);
  auto b = store_->FindPerson(BhxhNumber::FromInt(6000000002));
  ASSERT_TRUE(b.ok() && b->has_value());
  EXPECT_EQ((*b)->commune.str(), "23002");
  EXPECT_EQ((*b)->household_code, "H2");

  // Cards: a holder outside and an unknown number get the same reason.
  r = Import(ImportKind::kCards,
             Write("c.csv",
                   "ma_so_bhxh,ma_the,tu_ngay,den_ngay\n"
                   "6000000002,GD4606000000002,01/01/2024,31/12/2024\n"
                   "6000000099,GD4606000000099,01/01/2024,31/12/2024\n"),
             scoped);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->errors.size(), 2u) << Describe(r->errors);
  EXPECT_EQ(r->errors[0].reason, r->errors[1].reason);
  EXPECT_EQ(r->errors[0].reason.find("23002"), std::string::npos);
}

// --- population, targets, units ---------------------------------------------------------------

TEST_F(ImporterTest, PopulationRules) {
  auto r = Import(ImportKind::kPopulation, Write("ds.csv",
                                                 "ma_dvhc,ngay,dan_so,nhom\n"
                                                 "22972,01/04/2019,\"12.345\",\n"    // 2: Thị trấn Phan Rí Cửa
                                                 "22972,01/07/2025,20000,HSSV\n"     // 3: Xã Phan Rí Cửa, pupils
                                                 "23002,01/01/2021,500,\n"           // 4: gone by then
                                                 "22972,01/04/2019,-5,\n"            // 5: negative
                                                 "22972,01/04/2019,100,XYZ\n"));     // 6: unknown group
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Describe(r->errors),
            "ds.csv:4 [ma_dvhc] '23002': đơn vị '23002' không có hiệu lực vào ngày 01/01/2021\n"
            "ds.csv:5 [dan_so] '-5': cần một số nguyên không âm: '-5'\n"
            "ds.csv:6 [nhom] 'XYZ': nhóm báo cáo không có trong bảng quy định: 'XYZ' (các nhóm: NLD, BHXH, NSNN, "
            "NSHT, HSSV, HGD, KXD; để trống = tất cả)\n");
  r = Import(ImportKind::kPopulation, Write("ds.csv", "ma_dvhc,ngay,dan_so,nhom\n"
                                                      "22972,01/04/2019,\"12.345\",\n"
                                                      "22972,01/07/2025,20000,HSSV\n"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->inserted, 2);
  std::vector<Population> pop;
  ASSERT_TRUE(store_->ListPopulation(&pop).ok());
  ASSERT_EQ(pop.size(), 2u);
  EXPECT_EQ(pop[0].population + pop[1].population, 12345 + 20000);
}

TEST_F(ImporterTest, TargetsInHundredths) {
  auto r = Import(ImportKind::kTargets, Write("ct.csv",
                                              "ma_dvhc;nam;nhom;chi_tieu\n"
                                              "22972;2024;;91\n"
                                              "22972;2025;;\"85,45\"\n"
                                              "60;2024;HSSV;85.5\n"
                                              "23002;2021;;90\n"       // 5: gone in 2021
                                              "22972;2024;NLD;101\n"));  // 6: above 100 %
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Describe(r->errors),
            "ct.csv:5 [ma_dvhc] '23002': đơn vị '23002' không tồn tại trong năm 2021\n"
            "ct.csv:6 [chi_tieu] '101': chỉ tiêu phải là phần trăm từ 0 đến 100, tối đa 2 chữ số thập phân (ví dụ "
            "91 hoặc 85,45): '101'\n");
  r = Import(ImportKind::kTargets, Write("ct.csv", "ma_dvhc;nam;nhom;chi_tieu\n"
                                                   "22972;2024;;91\n22972;2025;;\"85,45\"\n60;2024;HSSV;85.5\n"));
  ASSERT_TRUE(r.ok());
  std::vector<Target> t;
  ASSERT_TRUE(store_->ListTargets(&t).ok());
  ASSERT_EQ(t.size(), 3u);
  std::map<std::pair<std::string, int>, int> by;
  for (const Target& x : t) by[{x.unit.str(), x.year}] = x.target_hundredths;
  EXPECT_EQ((by[{"22972", 2024}]), 9100);
  EXPECT_EQ((by[{"22972", 2025}]), 8545);
  EXPECT_EQ((by[{"60", 2024}]), 8550);
}

TEST_F(ImporterTest, UnitsWithSuccessorsParentsAndOverlaps) {
  std::string csv = "ma_dvhc,ten,cap,ma_cha,hieu_luc_tu,hieu_luc_den,ma_ke_nhiem\n";
  csv += "22972-T2,Khu phố 2,thôn,22972,01/01/2020,31/12/2024,22972-T3\n";  // 2: successor later in the file
  csv += "22972-T3,Khu phố 3,Thôn,22972,01/01/2025,,\n";                   // 3
  csv += "22972-T4,Khu phố 4,thôn,X1,01/01/2020,,\n";                      // 4: unknown parent
  csv += "22972-T1,Khu phố 1 mới,thôn,22972,01/01/2020,,\n";               // 5: overlaps the store's version
  csv += "22972-T5,Khu phố 5,làng xã,22972,01/01/2020,,\n";                // 6: level
  auto r = Import(ImportKind::kUnits, Write("dv.csv", csv), {.accept_valid = true});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Describe(r->errors),
            "dv.csv:4 [ma_cha] 'X1': mã đơn vị cấp trên 'X1' không có trong danh mục lẫn trong tệp\n"
            "dv.csv:5 [hieu_luc_tu] '01/01/2020': hai phiên bản của đơn vị 22972-T1 có thời gian hiệu lực chồng lên "
            "nhau (phiên bản trước kết thúc 31/12/9999)\n"
            "dv.csv:6 [cap] 'làng xã': cấp phải là Tỉnh, Huyện, Xã hoặc Thôn (hoặc 1, 2, 3, 4)\n");
  EXPECT_EQ(r->inserted, 2);
  std::vector<UnitSuccessor> succ;
  ASSERT_TRUE(store_->ListSuccessors(&succ).ok());
  ASSERT_EQ(succ.size(), 1u);
  EXPECT_EQ(succ[0].from_code.str(), "22972-T2");
  EXPECT_EQ(succ[0].to_code.str(), "22972-T3");
  EXPECT_EQ(succ[0].type, MergeType::kFull);

  // Again: both rows unchanged, successor included.
  auto again = Import(ImportKind::kUnits, Write("dv2.csv", "ma_dvhc,ten,cap,ma_cha,hieu_luc_tu,hieu_luc_den,ma_ke_nhiem\n"
                                                           "22972-T2,Khu phố 2,thôn,22972,01/01/2020,31/12/2024,22972-T3\n"
                                                           "22972-T3,Khu phố 3,Thôn,22972,01/01/2025,,\n"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->unchanged, 2);
}

// --- xlsx end to end ---------------------------------------------------------------------------

TEST_F(ImporterTest, PersonsFromXlsxReportSheetRowsAndColumnLetters) {
  lxw_workbook* wb = workbook_new(Path("nguoi.xlsx").c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Danh sách");
  lxw_format* date_fmt = workbook_add_format(wb);
  format_set_num_format(date_fmt, "dd/mm/yyyy");
  const char* header[] = {"Mã số BHXH", "Số CCCD", "Họ tên", "Ngày sinh", "Giới tính", "Mã xã"};
  for (int c = 0; c < 6; ++c) worksheet_write_string(ws, 2, c, header[c], nullptr);  // header on row 3
  // Row 4: numbers where Excel dropped the leading zeros of the BHXH number and the CCCD.
  worksheet_write_number(ws, 3, 0, 123456789, nullptr);
  worksheet_write_number(ws, 3, 1, 60000000001, nullptr);
  worksheet_write_string(ws, 3, 2, "Lê Văn Tám", nullptr);
  lxw_datetime dt = {2010, 5, 17, 0, 0, 0};
  worksheet_write_datetime(ws, 3, 3, &dt, date_fmt);
  worksheet_write_string(ws, 3, 4, "Nam", nullptr);
  worksheet_write_number(ws, 3, 5, 22972, nullptr);
  // Row 5: a bad date.
  worksheet_write_string(ws, 4, 0, "0123456780", nullptr);
  worksheet_write_string(ws, 4, 2, "Lê Thị Chín", nullptr);
  worksheet_write_string(ws, 4, 3, "30/02/2010", nullptr);
  worksheet_write_string(ws, 4, 4, "Nữ", nullptr);
  worksheet_write_string(ws, 4, 5, "22972", nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);

  auto r = Import(ImportKind::kPersons, Path("nguoi.xlsx"), {.accept_valid = true});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Describe(r->errors),
            "nguoi.xlsx:5 [Ngày sinh (D)] '30/02/2010': ngày không hợp lệ '30/02/2010' (cần dd/mm/yyyy hoặc "
            "yyyy-mm-dd)\n");
  EXPECT_EQ(r->inserted, 1);
  auto p = store_->FindPerson(BhxhNumber::FromInt(123456789));
  ASSERT_TRUE(p.ok() && p->has_value());
  EXPECT_EQ((*p)->citizen_id.str(), "060000000001");
  EXPECT_EQ((*p)->birth_date, D(2010, 5, 17));

  auto bad_sheet = Import(ImportKind::kPersons, Path("nguoi.xlsx"), {.sheet = "Sheet1"});
  ASSERT_FALSE(bad_sheet.ok());
  EXPECT_EQ(bad_sheet.status().message(), "Tệp 'nguoi.xlsx' không có trang tính 'Sheet1'; các trang có: 'Danh sách'");
}

// --- all-or-nothing under a failing store -------------------------------------------------------

TEST_F(ImporterTest, AWriteFailingMidImportLeavesTheStoreAsBefore) {
  ImportPersons(10);
  store_.reset();
  auto s = SQLiteStore::Open(Path("test.db"));
  ASSERT_TRUE(s.ok());
  SQLiteStore* sqlite = s->get();
  store_ = std::move(*s);
  std::string csv = kPersonsHeader;
  for (int i = 0; i < 100; ++i) csv += PersonRow(i, "01/01/2001");  // every row an update
  sqlite->SetFailAfterWrites(50);
  auto r = Import(ImportKind::kPersons, Write("p.csv", csv));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kIOError);
  sqlite->SetFailAfterWrites(-1);
  EXPECT_EQ(Persons(), 10);
  EXPECT_EQ((*store_->FindPerson(BhxhNumber::FromInt(6000000000)))->birth_date, D(2010, 5, 17));
}

TEST_F(ImporterTest, ErrorsCsvHasABomAndTheVietnameseHeader) {
  std::vector<RowError> errors = {{"a.csv", 3, "ngay_sinh", "31/02/2000", "ngày không hợp lệ, \"sai\""}};
  ASSERT_TRUE(WriteErrorsCsv(errors, Path("loi.csv")).ok());
  std::ifstream in(Path("loi.csv"), std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(),
            "\xEF\xBB\xBFtep,dong,cot,gia_tri,ly_do\n"
            "a.csv,3,ngay_sinh,31/02/2000,\"ngày không hợp lệ, \"\"sai\"\"\"\n");
}

}  // namespace
}  // namespace baophu::testing
