// Fuzzes the money imports (employers, declarations, payments, reminders, roster, schools, pupil
// counts, pupils' lists, sponsors, sponsor funds, hardship) end to end on an in-memory SQLite store holding one
// employer, one school and one sponsor. Byte 0: the low nibble picks the kind (mod 11), bit 4
// accepts the valid rows, bit 5 puts the kind's canonical header in front; the rest is the CSV.
// ImportFile must return a Result, the money tables must be unchanged unless it reports a commit,
// and the counts must add up.
#include <cstdint>
#include <memory>
#include <string>

#include "fuzz/fuzz_util.h"
#include "ingest/importer.h"
#include "rules/rule_set.h"
#include "store/store.h"

namespace {

using namespace baophu;

constexpr ImportKind kKinds[] = {ImportKind::kEmployers,    ImportKind::kDeclarations, ImportKind::kEmployerPayments,
                                 ImportKind::kReminders,    ImportKind::kRoster,       ImportKind::kSchools,
                                 ImportKind::kSchoolPupils, ImportKind::kSponsors,     ImportKind::kSponsorFunds,
                                 ImportKind::kHardship,     ImportKind::kSchoolRoster};
constexpr const char* kHeaders[] = {
    "ma_so_thue,ten_don_vi,ma_dvhc,nganh\n",
    "ma_so_thue,thang,so_lao_dong,quy_luong,bhxh_phai_dong,bhtn_phai_dong\n",
    "ma_so_thue,ngay_nop,so_tien,so_chung_tu\n",
    "ma_so_thue,ngay_van_ban,so_van_ban\n",
    "ma_so_thue,ma_so_bhxh,tu_ngay\n",
    "ma_truong,ten_truong,ma_dvhc,phong_y_te,nhan_vien_y_te,hop_dong_kcb\n",
    "ma_truong,tu_ngay,so_thang,so_hoc_sinh,so_hoc_sinh_co_the\n",
    "ma_nha_tai_tro,ten,loai,ma_dvhc\n",
    "ma_nha_tai_tro,ngay,loai,so_tien,so_chung_tu\n",
    "ma_ho_gd,ngay,thu_nhap_binh_quan,ghi_chu\n",
    "ma_truong,ma_so_bhxh\n",
};

const RuleSet& Rules() {
  static const RuleSet* rules = [] {
    auto r = RuleSet::LoadDefault();
    if (!r.ok()) std::abort();
    return new RuleSet(std::move(*r));
  }();
  return *rules;
}

void Must(bool ok) {
  if (!ok) std::abort();
}

std::unique_ptr<Store> NewStore() {
  auto s = Store::Open(":memory:");
  Must(s.ok());
  std::unique_ptr<Store> store = std::move(*s);
  Must(store
           ->UpsertUnit(
               {UnitCode::Unchecked("VN"), "Việt Nam", UnitLevel::kCountry, UnitCode(), Date::Min(), Date::Max()})
           .ok());
  Must(store
           ->UpsertUnit({UnitCode::Unchecked("95"), "Tỉnh Bạc Liêu", UnitLevel::kProvince, UnitCode::Unchecked("VN"),
                         Date::Min(), Date::Max()})
           .ok());
  Must(store->UpsertEmployer({"1900000001", "Công ty A", UnitCode::Unchecked("95"), "doanh nghiệp"}).ok());
  Must(store->UpsertSchool({"TH01", "Trường Tiểu học A", UnitCode(), true, true, false}).ok());
  Must(store->UpsertSponsor({"NT01", "Ông B", "cá nhân", UnitCode()}).ok());
  return store;
}

// Every money row, as text: equal snapshots mean unchanged money tables.
std::string Snapshot(Store* store) {
  std::string s;
  std::vector<EmployerDeclaration> d;
  std::vector<EmployerPayment> p;
  std::vector<EmployerReminder> r;
  std::vector<RosterEntry> ro;
  std::vector<Employer> e;
  std::vector<School> sc;
  std::vector<SchoolPupilCount> c;
  std::vector<Sponsor> sp;
  std::vector<SponsorFund> f;
  std::vector<HouseholdHardship> h;
  std::vector<SchoolPupil> pl;
  FUZZ_CHECK(store->ListEmployers(&e).ok() && store->ListDeclarations(&d).ok() &&
             store->ListEmployerPayments(&p).ok() && store->ListReminders(&r).ok() && store->ListRoster(&ro).ok() &&
             store->ListSchools(&sc).ok() && store->ListSchoolPupilCounts(&c).ok() && store->ListSponsors(&sp).ok() &&
             store->ListSponsorFunds(&f).ok() && store->ListHardship(&h).ok() && store->ListSchoolPupils(&pl).ok());
  for (const auto& x : e) s += x.tax_code + '|' + x.name + '|' + x.unit.str() + '|' + x.sector + '\n';
  for (const auto& x : d)
    s += x.tax_code + std::to_string(x.year * 100 + x.month) + std::to_string(x.salary_fund.dong) + '\n';
  for (const auto& x : p) s += x.tax_code + x.date.ToIso() + x.reference + std::to_string(x.amount.dong) + '\n';
  for (const auto& x : r) s += x.tax_code + x.date.ToIso() + x.reference + '\n';
  for (const auto& x : ro) s += x.tax_code + x.bhxh.ToString() + x.from.ToIso() + '\n';
  for (const auto& x : sc) s += x.code + x.name + std::to_string(x.medical_room + 2 * x.practitioner) + '\n';
  for (const auto& x : c) s += x.school_code + x.period_from.ToIso() + std::to_string(x.insured_pupils) + '\n';
  for (const auto& x : sp) s += x.code + x.name + x.kind + '\n';
  for (const auto& x : f) s += x.sponsor_code + x.date.ToIso() + std::to_string(x.amount.dong) + '\n';
  for (const auto& x : h) s += x.household_code + x.as_of.ToIso() + std::to_string(x.income_per_head.dong) + '\n';
  for (const auto& x : pl) s += x.school_code + x.bhxh.ToString() + '\n';
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static baophu::fuzz::ScratchFile csv("money.csv");
  if (size == 0 || size > 64 * 1024) return 0;
  const uint8_t flags = data[0];
  const size_t k = (flags & 0x0F) % std::size(kKinds);
  ImportOptions opts;
  opts.accept_valid = (flags & 0x10) != 0;
  std::string bytes = (flags & 0x20) ? kHeaders[k] : "";
  bytes.append(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string& path = csv.Write(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());

  std::unique_ptr<Store> store = NewStore();
  const std::string before = Snapshot(store.get());
  auto r = ImportFile(store.get(), Rules(), kKinds[k], path, opts);
  const std::string after = Snapshot(store.get());
  if (!r.ok()) {
    FUZZ_CHECK(!r.status().message().empty());
    FUZZ_CHECK(after == before);
    return 0;
  }
  FUZZ_CHECK(r->rejected >= 0 && r->rejected <= r->read);
  FUZZ_CHECK(r->errors.empty() == (r->rejected == 0));
  if (!r->committed) {
    FUZZ_CHECK(r->rejected > 0 && !opts.accept_valid);
    FUZZ_CHECK(after == before);
    return 0;
  }
  FUZZ_CHECK(r->inserted + r->updated + r->unchanged + r->rejected == r->read);
  if (r->inserted + r->updated == 0) FUZZ_CHECK(after == before);
  return 0;
}
