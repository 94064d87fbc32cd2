// Fuzzes the outreach list import (outreach::ImportListFile) end to end on in-memory SQLite stores
// holding two communes, a hamlet and two people. The first input byte chooses the list (bits 0-1:
// pupils, beneficiaries, members, responsibles), the mode (bit 2: accept the valid rows), whether
// the canonical header is put in front (bit 3), the file type (bit 4: the rest is an .xlsx file,
// else a CSV) and a commune account's scope (bit 5: only 31813); the rest is the file.
// ImportListFile must return a Result whose counts add up; nothing is written unless it commits.
#include <cstdint>
#include <memory>
#include <string>

#include "fuzz/fuzz_util.h"
#include "outreach/roster_import.h"
#include "store/outreach_store.h"
#include "store/store.h"

namespace {

using namespace baophu;

void Must(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz setup failed: %s\n", what);
    std::abort();
  }
}

std::unique_ptr<Store> NewStore() {
  auto s = Store::Open(":memory:");
  Must(s.ok(), "open :memory: store");
  std::unique_ptr<Store> store = std::move(*s);
  auto unit = [&](const char* code, const char* name, UnitLevel level, const char* parent) {
    Unit u{UnitCode::Unchecked(code), name, level, UnitCode::Unchecked(parent), Date::Min(), Date::Max()};
    Must(store->UpsertUnit(u).ok(), "unit");
  };
  unit("VN", "Việt Nam", UnitLevel::kCountry, "");
  unit("95", "Tỉnh Bạc Liêu", UnitLevel::kProvince, "VN");
  unit("31813", "Phường 2", UnitLevel::kCommune, "95");
  unit("31816", "Phường 3", UnitLevel::kCommune, "95");
  unit("3181301", "Khóm 1", UnitLevel::kHamlet, "31813");
  Person p;
  p.bhxh = BhxhNumber::FromInt(9500000105);
  p.citizen_id = *CitizenId::Parse("095211000105");
  p.full_name = "Lê Thị Giang";
  p.birth_date = Date::FromYmd(2011, 9, 9);
  p.sex = Sex::kFemale;
  p.commune = UnitCode::Unchecked("31813");
  Must(store->UpsertPerson(p).ok(), "person 1");
  p.bhxh = BhxhNumber::FromInt(9500000109);
  p.citizen_id = *CitizenId::Parse("095185000109");
  p.full_name = "Đặng Thị Mến";
  p.birth_date = Date::FromYmd(1985, 1, 13);
  p.commune = UnitCode::Unchecked("31816");
  Must(store->UpsertPerson(p).ok(), "person 2");
  return store;
}

const char* kHeaders[] = {
    "ma_truong,ten_truong,ma_dvhc,lop,ma_so_bhxh,so_cccd,ho_ten,ngay_sinh,dien_thoai\n",
    "loai_doi_tuong,ma_dvhc,ma_so_bhxh,so_cccd,ho_ten,ngay_sinh,tu_ngay,den_ngay\n",
    "ma_to_chuc,ten_to_chuc,ma_dvhc,ma_so_bhxh,so_cccd,ho_ten,ngay_sinh,dien_thoai\n",
    "pham_vi,ma_truong,lop,ma_thon,ma_to_chuc,nguoi_phu_trach\n",
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static baophu::fuzz::ScratchFile csv("list.csv"), xlsx("list.xlsx");
  if (size == 0 || size > 64 * 1024) return 0;
  const uint8_t flags = data[0];
  const auto kind = static_cast<outreach::ListImportKind>(flags & 3);
  ImportOptions opts;
  opts.accept_valid = (flags & 4) != 0;
  const bool as_xlsx = (flags & 16) != 0;
  if (flags & 32) opts.unit_scope = [](const std::string& code) { return code == "31813" || code == "3181301"; };
  std::string bytes;
  if ((flags & 8) && !as_xlsx) bytes = kHeaders[flags & 3];
  bytes.append(reinterpret_cast<const char*>(data) + 1, size - 1);
  baophu::fuzz::ScratchFile& file = as_xlsx ? xlsx : csv;
  const std::string& path = file.Write(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());

  std::unique_ptr<Store> store = NewStore();
  auto o = OutreachStore::Open(":memory:");
  Must(o.ok(), "open :memory: outreach store");
  auto r = outreach::ImportListFile(store.get(), o->get(), kind, path, opts);
  if (!r.ok()) {
    FUZZ_CHECK(!r.status().message().empty());
    return 0;
  }
  FUZZ_CHECK(r->rejected >= 0 && r->rejected <= r->read);
  FUZZ_CHECK(r->errors.empty() == (r->rejected == 0));
  for (size_t i = 1; i < r->errors.size(); ++i) FUZZ_CHECK(r->errors[i - 1].line <= r->errors[i].line);
  for (const RowError& e : r->errors) FUZZ_CHECK(!e.reason.empty());
  if (!r->committed) {
    FUZZ_CHECK(r->inserted == 0 && r->updated == 0);
    return 0;
  }
  FUZZ_CHECK(opts.accept_valid || r->rejected == 0);
  return 0;
}
