// ImportListFile with a unit scope (a province or commune account importing from the web) on a
// real SQLite store: rows outside the scope, rows without a commune, stored rows of another
// commune, and responsibles of schools not wholly inside are rejected with their reason.
#include "outreach/roster_import.h"

#include <gtest/gtest.h>

#include "ingest/ingest_test_util.h"

namespace baophu::testing {
namespace {

using outreach::ImportListFile;
using outreach::ListImportKind;

std::string Describe(const std::vector<RowError>& errors) {
  std::string s;
  for (const RowError& e : errors)
    s += e.file + ":" + std::to_string(e.line) + " [" + e.column + "] '" + e.value + "': " + e.reason + "\n";
  return s;
}

const char* kPupils = "ma_truong,ten_truong,lop,ma_dvhc,ma_so_bhxh,so_cccd,ho_ten,ngay_sinh,dien_thoai\n";

class RosterImportTest : public IngestTest {
 protected:
  void SetUp() override {
    IngestTest::SetUp();
    OpenStore();
    auto o = OutreachStore::Open(Path("test.db"));
    ASSERT_TRUE(o.ok()) << o.status().ToString();
    out_ = std::move(*o);
    scoped_.unit_scope = [](const std::string& code) { return code == "22972" || code == "22972-T1"; };
  }
  void TearDown() override {
    out_.reset();
    IngestTest::TearDown();
  }
  Result<ImportResult> Import(ListImportKind kind, const std::string& name, const std::string& csv,
                              const ImportOptions& opts) {
    return ImportListFile(store_.get(), out_.get(), kind, Write(name, csv), opts);
  }
  std::unique_ptr<OutreachStore> out_;
  ImportOptions scoped_;
};

TEST_F(RosterImportTest, AScopedImportKeepsToTheUsersUnits) {
  // An administrator (no scope) imports two schools: S1 in 22972, S2 in 23002.
  auto r = Import(ListImportKind::kPupils, "all.csv",
                  std::string(kPupils) + "S1,Trường Một,1A,22972,,,Lê Văn An,01/02/2015,\n" +
                      "S2,Trường Hai,2A,23002,,,Lê Thị Bình,03/04/2014,\n",
                  {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->committed) << Describe(r->errors);

  // The commune of 22972: its own row, a row of 23002, S2's stored pupil moved to 22972.
  r = Import(ListImportKind::kPupils, "p.csv",
             std::string(kPupils) + "S1,Trường Một,1B,22972,,,Trần Văn Cường,05/06/2015,\n" +
                 "S3,Trường Ba,3A,23002,,,Ngô Văn Dũng,07/08/2013,\n" +
                 "S2,Trường Hai,2A,22972,,,Lê Thị Bình,03/04/2014,\n",
             scoped_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Describe(r->errors),
            "p.csv:3 [ma_dvhc] '23002': đơn vị '23002' nằm ngoài địa bàn được giao cho tài khoản này\n"
            "p.csv:4 [ma_dvhc] '22972': dòng này trùng một dòng của danh sách 'S2' ngoài địa bàn được giao cho tài "
            "khoản này\n");
  EXPECT_FALSE(r->committed);

  // A member's row without a commune cannot be shown to be inside.
  r = Import(ListImportKind::kMembers, "m.csv",
             "ma_to_chuc,ten_to_chuc,ma_dvhc,ma_so_bhxh,so_cccd,ho_ten,ngay_sinh\n"
             "HOI,Hội Nông dân,,,,Phạm Văn Em,09/10/1960\n",
             scoped_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Describe(r->errors),
            "m.csv:2 [ma_dvhc] '': không có mã xã: tài khoản này chỉ được nhập dữ liệu trong địa bàn được giao\n");

  // Responsibles: a class of S1 and the hamlet are the commune's; S2 has a pupil elsewhere; S9
  // has no roster yet.
  r = Import(ListImportKind::kResponsibles, "r.csv",
             "pham_vi,ma_truong,lop,ma_thon,ma_to_chuc,nguoi_phu_trach\n"
             "lớp,S1,1A,,,Cô Hạnh\n"
             "lớp,S2,2A,,,Thầy Phúc\n"
             "lớp,S9,1A,,,Cô Giang\n"
             "thôn,,,22972-T1,,Anh Hải\n",
             scoped_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Describe(r->errors),
            "r.csv:3 [ma_truong] 'S2': trường 'S2' có người ngoài địa bàn được giao cho tài khoản này\n"
            "r.csv:4 [ma_truong] 'S9': trường 'S9' chưa có danh sách học sinh: hãy nhập danh sách trước\n");
  ImportOptions valid = scoped_;
  valid.accept_valid = true;
  r = Import(
      ListImportKind::kResponsibles, "r.csv",
      "pham_vi,ma_truong,lop,ma_thon,ma_to_chuc,nguoi_phu_trach\nlớp,S1,1A,,,Cô Hạnh\nthôn,,,22972-T1,,Anh Hải\n",
      valid);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->inserted, 2);
}

// Issue 12, reproduction 1: a commune's pupils file naming the BHXH number or the CCCD of a
// person of another commune. Each such row is rejected with the reason an unknown number gets,
// which names neither the person's commune nor the BHXH number behind the CCCD.
TEST_F(RosterImportTest, AScopedImportRefusesPeopleOutsideTheUsersUnits) {
  auto person = [&](int64_t bhxh, const char* cccd, const char* commune) {
    Person p;
    p.bhxh = BhxhNumber::FromInt(bhxh);
    p.citizen_id = *CitizenId::Parse(cccd);
    p.full_name = "Người Thử";
    p.birth_date = D(2015, 1, 1);
    p.commune = UnitCode::Unchecked(commune);
    ASSERT_TRUE(store_->UpsertPerson(p).ok());
  };
  person(100000001, "079000000001", "22972");  // in the user's commune
  person(100000002, "079000000002", "23002");  // outside it
  const std::string file = std::string(kPupils) +
                           "S1,Trường Một,1A,22972,0100000001,,Lê Văn An,01/02/2015,\n"
                           "S1,Trường Một,1A,22972,0100000002,,Lê Văn Bảo,01/02/2015,\n"
                           "S1,Trường Một,1A,22972,,079000000002,Lê Văn Cần,01/02/2015,\n"
                           "S1,Trường Một,1A,22972,0100000099,,Lê Văn Danh,01/02/2015,\n"
                           "S1,Trường Một,1A,22972,,079000000099,Lê Văn Đức,01/02/2015,\n"
                           "S1,Trường Một,1A,22972,,079000000001,Lê Văn Em,01/02/2015,\n";
  auto r = Import(ListImportKind::kPupils, "p.csv", file, scoped_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const std::string bhxh = outreach::NotInUnits(true), cccd = outreach::NotInUnits(false);
  EXPECT_EQ(Describe(r->errors), "p.csv:3 [ma_so_bhxh] '0100000002': " + bhxh + "\n" +
                                     "p.csv:4 [so_cccd] '079000000002': " + cccd + "\n" +
                                     "p.csv:5 [ma_so_bhxh] '0100000099': " + bhxh + "\n" +
                                     "p.csv:6 [so_cccd] '079000000099': " + cccd + "\n");
  for (const RowError& e : r->errors) {
    EXPECT_EQ(e.reason.find("23002"), std::string::npos) << e.reason;
    EXPECT_EQ(e.reason.find("0100000002"), std::string::npos) << e.reason;
  }
  EXPECT_EQ(r->rejected, 4);
  EXPECT_FALSE(r->committed);

  // The valid rows only: the person of 22972, by BHXH number and by CCCD.
  ImportOptions valid = scoped_;
  valid.accept_valid = true;
  r = Import(ListImportKind::kPupils, "p.csv", file, valid);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->inserted, 2);
  std::vector<RosterRow> rows;
  ASSERT_TRUE(out_->ListRosterRows(0, &rows).ok());
  ASSERT_EQ(rows.size(), 2u);
  for (const RosterRow& row : rows) EXPECT_NE(row.bhxh, BhxhNumber::FromInt(100000002));

  // Without a scope (the command line, an administrator) the numbers are not checked.
  r = Import(ListImportKind::kPupils, "p.csv", file, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rejected, 0) << Describe(r->errors);
}

}  // namespace
}  // namespace baophu::testing
