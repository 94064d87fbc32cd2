// The money imports through the ordinary machinery: Vietnamese headers, every rejected row with
// its line, column, value and reason, references that must exist, all-or-nothing, and
// re-imports that change nothing.
#include "ingest/ingest_test_util.h"

namespace baophu::testing {
namespace {

class MoneyImportTest : public IngestTest {};

TEST_F(MoneyImportTest, EmployersDeclarationsAndPaymentsWithVietnameseHeaders) {
  OpenStore();
  auto e = Import(ImportKind::kEmployers, Write("dn.csv",
                                                "Mã số thuế,Tên đơn vị,Mã ĐVHC,Ngành\n"
                                                "0100000001,Công ty TNHH Biển Xanh,22972,doanh nghiệp\n"
                                                "0100000002-001,\"Chi nhánh Hòa Phú, Công ty Gạo\",,doanh nghiệp\n"));
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->inserted, 2);
  auto d = Import(ImportKind::kDeclarations, Write("tk.csv",
                                                   "Mã số thuế,Tháng,Số lao động,Quỹ lương,BHXH phải đóng\n"
                                                   "0100000001,01/2025,20,\"100.000.000\",17.500.000\n"
                                                   "0100000001,2025-02,21,105.000.000 đ,\n"));
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->inserted, 2);
  EXPECT_EQ(d->rejected, 0);
  std::vector<EmployerDeclaration> ds;
  ASSERT_TRUE(store_->ListDeclarations(&ds).ok());
  ASSERT_EQ(ds.size(), 2u);
  EXPECT_EQ(ds[0].salary_fund.dong, 100000000);
  EXPECT_EQ(ds[0].social_due.dong, 17500000);
  EXPECT_EQ(ds[1].month, 2);
  // Re-import: nothing changes.
  auto again = Import(ImportKind::kDeclarations, Path("tk.csv"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->unchanged, 2);
  EXPECT_EQ(again->inserted + again->updated, 0);
}

TEST_F(MoneyImportTest, BadRowsAreListedAndNothingIsWritten) {
  OpenStore();
  ASSERT_TRUE(Import(ImportKind::kEmployers, Write("dn.csv", "ma_so_thue,ten_don_vi\n0100000001,Công ty A\n")).ok());
  auto p = Import(ImportKind::kEmployerPayments, Write("nop.csv",
                                                       "ma_so_thue,ngay_nop,so_tien,so_chung_tu\n"
                                                       "0100000001,10/02/2025,4.500.000,UNC1\n"
                                                       "0100000009,10/02/2025,1.000,UNC2\n"
                                                       "01000,31/02/2025,-5,UNC3\n"
                                                       "0100000001,10/02/2025,4.000.000,UNC1\n"));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_FALSE(p->committed);
  EXPECT_EQ(p->rejected, 4);  // line 2 and 5: one key with two amounts; 3: unknown; 4: three errors
  ASSERT_GE(p->errors.size(), 5u);
  EXPECT_EQ(p->errors[0].line, 2);
  bool unknown = false, tax = false;
  for (const RowError& err : p->errors) {
    unknown |= err.line == 3 && err.reason.find("chưa có trong cơ sở dữ liệu") != std::string::npos;
    tax |= err.line == 4 && err.column == "ma_so_thue" && err.value == "01000";
  }
  EXPECT_TRUE(unknown);
  EXPECT_TRUE(tax);
  std::vector<EmployerPayment> ps;
  ASSERT_TRUE(store_->ListEmployerPayments(&ps).ok());
  EXPECT_TRUE(ps.empty());
}

// A scoped account (a province or commune on the web) writes only the employers, schools and
// sponsors of its units, and only the declarations, payments ... of those.
TEST_F(MoneyImportTest, AScopedAccountImportsOnlyTheRecordsOfItsUnits) {
  OpenStore();
  ASSERT_TRUE(Import(ImportKind::kEmployers, Write("dn.csv",
                                                   "ma_so_thue,ten_don_vi,ma_dvhc\n"
                                                   "0100000001,Công ty A,22972\n"
                                                   "0100000002,Công ty B,23002\n"))
                  ->committed);
  ImportOptions scoped;
  scoped.unit_scope = [](const std::string& code) { return code == "22972"; };
  auto e = Import(ImportKind::kEmployers, Write("dn2.csv",
                                                "ma_so_thue,ten_don_vi,ma_dvhc\n"
                                                "0100000003,Công ty C,22972\n"
                                                "0100000004,Công ty D,23002\n"
                                                "0100000005,Công ty E,\n"
                                                "0100000002,Công ty B chuyển về,22972\n"),
                  scoped);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_FALSE(e->committed);
  EXPECT_EQ(Describe(e->errors),
            "dn2.csv:3 [ma_dvhc] '23002': đơn vị '23002' nằm ngoài địa bàn được giao cho tài khoản này\n"
            "dn2.csv:4 [ma_dvhc] '': không có mã xã: tài khoản này chỉ được nhập dữ liệu trong địa bàn được giao\n"
            "dn2.csv:5 [ma_dvhc] '22972': mã '0100000002' đã có trong cơ sở dữ liệu, thuộc đơn vị '23002' nằm "
            "ngoài địa bàn được giao cho tài khoản này\n");
  auto d = Import(ImportKind::kDeclarations, Write("tk.csv",
                                                   "ma_so_thue,thang,so_lao_dong,quy_luong\n"
                                                   "0100000001,01/2025,20,100.000.000\n"
                                                   "0100000002,01/2025,5,20.000.000\n"),
                  scoped);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(Describe(d->errors),
            "tk.csv:3 [ma_so_thue] '0100000002': đơn vị sử dụng lao động mã '0100000002': đơn vị '23002' nằm ngoài "
            "địa bàn được giao cho tài khoản này\n");
  EXPECT_FALSE(d->committed);
  scoped.accept_valid = true;
  d = Import(ImportKind::kDeclarations, Path("tk.csv"), scoped);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->inserted, 1);
}

// Issue 12: an employer's roster or a school's roster naming a person stored outside the user's
// units is rejected without naming that person's commune; a number not yet stored goes in.
TEST_F(MoneyImportTest, AScopedRosterDoesNotNamePeopleOutsideTheScope) {
  OpenStore();
  ASSERT_TRUE(
      Import(ImportKind::kEmployers, Write("dn.csv", "ma_so_thue,ten_don_vi,ma_dvhc\n0100000001,Công ty A,22972\n"))
          ->committed);
  ASSERT_TRUE(Import(ImportKind::kPersons, Write("p.csv",
                                                 "ma_so_bhxh,so_cccd,ho_ten,ngay_sinh,gioi_tinh,ma_xa\n"
                                                 "6000000001,,A,01/01/1990,Nam,22972\n"
                                                 "6000000002,,B,01/01/1990,Nữ,23002\n"))
                  ->committed);
  ImportOptions scoped;
  scoped.unit_scope = [](const std::string& code) { return code == "22972"; };
  auto r = Import(ImportKind::kRoster,
                  Write("ld.csv",
                        "ma_so_thue,ma_so_bhxh,tu_ngay\n"
                        "0100000001,6000000001,01/01/2025\n"
                        "0100000001,6000000002,01/01/2025\n"
                        "0100000001,6000000003,01/01/2025\n"),
                  scoped);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Describe(r->errors),
            "ld.csv:3 [ma_so_bhxh] '6000000002': mã số BHXH này không thuộc đơn vị được giao cho tài khoản này\n");
}

TEST_F(MoneyImportTest, SchoolsPupilsSponsorsFundsHardship) {
  OpenStore();
  auto s = Import(ImportKind::kSchools, Write("truong.csv",
                                              "Mã trường,Tên trường,Mã ĐVHC,Phòng y tế,Nhân viên y tế,Hợp đồng KCB\n"
                                              "TH01,Trường Tiểu học Phan Rí Cửa 1,22972,có,có,không\n"
                                              "TH02,Trường Tiểu học Hòa Phú,,x,,\n"
                                              "TH03,Trường Mầm non Sao Mai,,có,có,có lẽ\n"));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->rejected, 1);
  EXPECT_EQ(s->errors.at(0).column, "Hợp đồng KCB");
  ImportOptions accept;
  accept.accept_valid = true;
  s = Import(ImportKind::kSchools, Path("truong.csv"), accept);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->inserted, 2);
  auto c = Import(ImportKind::kSchoolPupils, Write("hs.csv",
                                                   "ma_truong,tu_ngay,so_thang,so_hoc_sinh,so_hoc_sinh_co_the\n"
                                                   "TH01,01/09/2024,12,1.100,1.000\n"
                                                   "TH02,01/09/2024,5,300,200\n"
                                                   "TH03,01/09/2024,12,300,200\n"
                                                   "TH01,01/01/2025,6,100,200\n"));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->rejected, 3);  // 5 months; TH03 unknown; more insured than pupils
  auto sp = Import(ImportKind::kSponsors,
                   Write("ntt.csv", "ma_nha_tai_tro,ten,loai\nNT01,Công ty Xây dựng Minh Phát,doanh nghiệp\n"));
  ASSERT_TRUE(sp.ok());
  auto f =
      Import(ImportKind::kSponsorFunds, Write("tt.csv",
                                              "ma_nha_tai_tro,ngay,loai,so_tien\nNT01,01/07/2024,cam kết,10.000.000\n"
                                              "NT01,10/07/2024,đã nộp,6.000.000\nNT01,10/07/2024,quà,1\n"));
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->rejected, 1);
  auto h =
      Import(ImportKind::kHardship,
             Write("hkk.csv", "Mã hộ GĐ,Ngày,Thu nhập bình quân,Ghi chú\nHH01,01/07/2024,650.000,mất việc do COVID\n"));
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_EQ(h->inserted, 1);
}

TEST_F(MoneyImportTest, KindNamesInBothLanguages) {
  EXPECT_EQ(*ParseImportKind("employers"), ImportKind::kEmployers);
  EXPECT_EQ(*ParseImportKind("to_khai"), ImportKind::kDeclarations);
  EXPECT_EQ(*ParseImportKind("sponsor-funds"), ImportKind::kSponsorFunds);
  EXPECT_STREQ(ImportKindName(ImportKind::kSchoolPupils), "school-pupils");
  EXPECT_FALSE(ParseImportKind("money").ok());
}

}  // namespace
}  // namespace baophu::testing
