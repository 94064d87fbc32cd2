#include "demo/demo_money.h"

#include <cstdio>
#include <iterator>

#include "demo/demo_rng.h"
#include "demo/demo_writer.h"

namespace baophu::demo {
namespace {

constexpr const char* kEmployerKinds[] = {
    "Công ty TNHH Thủy sản", "Công ty CP Chế biến Tôm",      "Công ty TNHH Muối",   "Hợp tác xã Nông nghiệp",
    "Công ty TNHH Xây dựng", "Doanh nghiệp tư nhân Vận tải", "Công ty CP Điện gió", "Công ty TNHH May mặc"};
constexpr const char* kPlaces[] = {"Bạc Liêu", "Hòa Bình", "Vĩnh Lợi",   "Giá Rai",    "Đông Hải",  "Phước Long",
                                   "Hồng Dân", "Nhà Mát",  "Hiệp Thành", "Vĩnh Trạch", "Long Điền", "Ninh Quới"};
constexpr const char* kSchoolKinds[] = {"Trường Mầm non", "Trường Tiểu học", "Trường THCS", "Trường THPT"};
constexpr int kEmployers = 24, kSchools = 30, kHardshipHouseholds = 150;

std::string Code(const char* prefix, int n, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%0*d", prefix, width, n);
  return buf;
}

}  // namespace

Status WriteBacLieuMoney(const std::vector<std::string>& communes, uint64_t seed, const std::string& dir,
                         std::vector<std::string>* files) {
  if (communes.empty()) return Status::Internal("demo: không có xã nào");
  DemoRng rng(MixSeed(seed, 6006));
  auto pick = [&](uint64_t n) { return static_cast<size_t>(rng.Below(n)); };

  // Employers (region IV): every sixth evades (nothing paid since July, reminded on 15/09/2021),
  // the next is late with September, the next paid August only in part and late; the rest pay
  // on time, the last one on a salary fund under the regional minimum wage (evasion too).
  CsvOut emp, decl, pay, rem;
  BAOPHU_RETURN_IF_ERROR(emp.Open(dir + "/employers.csv", "ma_so_thue,ten_don_vi,ma_dvhc,nganh,vung"));
  BAOPHU_RETURN_IF_ERROR(decl.Open(dir + "/declarations.csv", "ma_so_thue,thang,so_lao_dong,quy_luong"));
  BAOPHU_RETURN_IF_ERROR(pay.Open(dir + "/employer_payments.csv", "ma_so_thue,ngay_nop,so_tien,so_chung_tu"));
  BAOPHU_RETURN_IF_ERROR(rem.Open(dir + "/reminders.csv", "ma_so_thue,ngay_van_ban,so_van_ban"));
  for (int i = 0; i < kEmployers; ++i) {
    std::string tax = Code("19000", 10000 + i * 37, 5);
    const char* kind = kEmployerKinds[pick(std::size(kEmployerKinds))];
    const char* place = kPlaces[pick(std::size(kPlaces))];
    emp.Str(tax).Comma().Str(kind).Ch(' ').Str(place).Ch(' ').Int(i + 1).Comma().Str(communes[pick(communes.size())]);
    emp.Comma().Str(kind[0] == 'H' ? "hợp tác xã" : "doanh nghiệp").Comma().Str("4").EndRow();
    int64_t employees = 8 + static_cast<int64_t>(rng.Below(120));
    int64_t salary = 5000000 + static_cast<int64_t>(rng.Below(40)) * 100000;
    if (i == kEmployers - 1) salary = 3000000;  // declares under the region IV minimum wage: evasion
    int behaviour = i % 6;
    for (int m = 7; m <= 10; ++m) {
      int64_t fund = employees * salary;
      int64_t due = (fund * 450 + 5000) / 10000;
      decl.Str(tax).Comma().Str(Code("", m, 2)).Str("/2021").Comma().Int(employees).Comma().Int(fund).EndRow();
      if (m == 10) continue;  // October is not due before 30/11/2021
      int next = m + 1;
      std::string paid_on = "25/" + Code("", next, 2) + "/2021";
      std::string ref = "UNC-" + tax.substr(5) + "-" + Code("", m, 2);
      if (behaviour == 0 && m >= 7) continue;  // evasion: nothing since July
      if (behaviour == 1 && m == 9) continue;  // late: September unpaid
      if (behaviour == 2 && m == 8) {          // August half paid, late
        pay.Str(tax).Comma().Str("15/10/2021").Comma().Int(due / 2).Comma().Str(ref).EndRow();
        continue;
      }
      pay.Str(tax).Comma().Str(paid_on).Comma().Int(due).Comma().Str(ref).EndRow();
    }
    if (behaviour == 0)
      rem.Str(tax).Comma().Str("15/09/2021").Comma().Str("Số ").Int(100 + i).Str("/BHXH-QLT").EndRow();
  }
  for (CsvOut* f : {&emp, &decl, &pay, &rem}) BAOPHU_RETURN_IF_ERROR(f->Close());
  for (const char* f : {"employers", "declarations", "employer_payments", "reminders"})
    files->push_back(dir + "/" + f + ".csv");

  // Schools: school year 2021–2022, 12 months from 01/09/2021.
  CsvOut sch, pup;
  BAOPHU_RETURN_IF_ERROR(
      sch.Open(dir + "/schools.csv", "ma_truong,ten_truong,ma_dvhc,phong_y_te,nhan_vien_y_te,hop_dong_kcb"));
  BAOPHU_RETURN_IF_ERROR(
      pup.Open(dir + "/school_pupils.csv", "ma_truong,tu_ngay,so_thang,so_hoc_sinh,so_hoc_sinh_co_the"));
  for (int i = 0; i < kSchools; ++i) {
    std::string code = Code("BL", i + 1, 3);
    const char* kind = kSchoolKinds[i % 4];
    bool room = rng.Below(100) < 85, staff = rng.Below(100) < 75, contract = rng.Below(100) < 10;
    sch.Str(code).Comma().Str(kind).Ch(' ').Str(kPlaces[pick(std::size(kPlaces))]).Ch(' ').Int(i + 1).Comma();
    sch.Str(communes[pick(communes.size())]).Comma().Str(room ? "có" : "không").Comma().Str(staff ? "có" : "không");
    sch.Comma().Str(contract ? "có" : "không").EndRow();
    int64_t pupils = 250 + static_cast<int64_t>(rng.Below(1250));
    int64_t insured = pupils * (700 + static_cast<int64_t>(rng.Below(300))) / 1000;
    pup.Str(code).Comma().Str("01/09/2021").Comma().Str("12").Comma().Int(pupils).Comma().Int(insured).EndRow();
  }
  BAOPHU_RETURN_IF_ERROR(sch.Close());
  BAOPHU_RETURN_IF_ERROR(pup.Close());
  files->push_back(dir + "/schools.csv");
  files->push_back(dir + "/school_pupils.csv");

  // A sponsor campaign (directive 5312: donors buy cards for households hit by COVID-19).
  CsvOut spo, fund, hard;
  BAOPHU_RETURN_IF_ERROR(spo.Open(dir + "/sponsors.csv", "ma_nha_tai_tro,ten,loai,ma_dvhc"));
  BAOPHU_RETURN_IF_ERROR(fund.Open(dir + "/sponsor_funds.csv", "ma_nha_tai_tro,ngay,loai,so_tien,so_chung_tu"));
  BAOPHU_RETURN_IF_ERROR(hard.Open(dir + "/hardship.csv", "ma_ho_gd,ngay,thu_nhap_binh_quan,ghi_chu"));
  struct SponsorRow {
    const char* code;
    const char* name;
    const char* kind;
    int64_t pledged, paid;
  };
  const SponsorRow sponsors[] = {
      {"NTT01", "Công ty CP Điện gió Bạc Liêu", "doanh nghiệp", 60000000, 40000000},
      {"NTT02", "Ngân hàng Chính sách xã hội tỉnh", "tổ chức", 30000000, 30000000},
      {"NTT03", "Hội Doanh nhân trẻ tỉnh", "tổ chức", 20000000, 5000000},
      {"NTT04", "Ông Lâm Văn Phước", "cá nhân", 0, 3000000},
  };
  for (const SponsorRow& s : sponsors) {
    spo.Str(s.code).Comma().Str(s.name).Comma().Str(s.kind).Comma().Str(communes.front()).EndRow();
    if (s.pledged)
      fund.Str(s.code)
          .Comma()
          .Str("01/11/2021")
          .Comma()
          .Str("cam kết")
          .Comma()
          .Int(s.pledged)
          .Comma()
          .Str("CK-")
          .Str(s.code)
          .EndRow();
    fund.Str(s.code)
        .Comma()
        .Str("08/11/2021")
        .Comma()
        .Str("đã nộp")
        .Comma()
        .Int(s.paid)
        .Comma()
        .Str("PT-")
        .Str(s.code)
        .EndRow();
  }
  // Hardship households of the first commune (the provincial capital's ward): income per head.
  for (int h = 1; h <= kHardshipHouseholds; ++h) {
    int64_t income = 400000 + static_cast<int64_t>(rng.Below(80)) * 10000;
    hard.Str(communes.front()).Digits(static_cast<uint64_t>(h), 7).Comma().Str("01/10/2021").Comma().Int(income);
    hard.Comma().Str(income < 600000 ? "mất thu nhập do COVID-19" : "khó khăn").EndRow();
  }
  for (CsvOut* f : {&spo, &fund, &hard}) BAOPHU_RETURN_IF_ERROR(f->Close());
  for (const char* f : {"sponsors", "sponsor_funds", "hardship"}) files->push_back(dir + "/" + f + ".csv");
  return Status::Ok();
}

}  // namespace baophu::demo
