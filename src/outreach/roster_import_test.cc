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
            "p.csv:4 [ma_dvhc] '22972': người này đã có trong danh sách 'S2' của đơn vị '23002', ngoài địa bàn được "
            "giao cho tài khoản này\n");
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

}  // namespace
}  // namespace baophu::testing
