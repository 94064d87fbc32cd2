// Fuzzes ImportFile end to end on an in-memory SQLite store that already holds a few units, two
// people and a card. The first input byte chooses the import (bit 0: persons / cards), the mode
// (bit 1: accept the valid rows), whether the canonical header is put in front (bit 2) and the
// file type (bit 3: the rest is an .xlsx file, else a CSV); the rest is the file. ImportFile must
// return a Result, and the store must be unchanged unless it reports a commit: all or nothing.
#include <cstdint>
#include <memory>
#include <string>

#include "fuzz/fuzz_util.h"
#include "ingest/importer.h"
#include "rules/rule_set.h"
#include "store/store.h"

namespace {

using namespace baophu;

const RuleSet& Rules() {
  static const RuleSet* rules = [] {
    auto r = RuleSet::LoadDefault();
    if (!r.ok()) {
      std::fprintf(stderr, "rules: %s\n", r.status().ToString().c_str());
      std::abort();
    }
    return new RuleSet(std::move(*r));
  }();
  return *rules;
}

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
  auto unit = [&](const char* code, const char* name, UnitLevel level, const char* parent, Date from, Date to) {
    Unit u{UnitCode::Unchecked(code), name, level, UnitCode::Unchecked(parent), from, to};
    Must(store->UpsertUnit(u).ok(), "unit");
  };
  const Date end = Date::FromYmd(2025, 6, 30), start = Date::FromYmd(2025, 7, 1);
  unit("VN", "Việt Nam", UnitLevel::kCountry, "", Date::Min(), Date::Max());
  unit("60", "Tỉnh Bình Thuận", UnitLevel::kProvince, "VN", Date::Min(), end);
  unit("68", "Tỉnh Lâm Đồng", UnitLevel::kProvince, "VN", Date::Min(), Date::Max());
  unit("22972", "Thị trấn Phan Rí Cửa", UnitLevel::kCommune, "60", Date::Min(), end);
  unit("22972", "Xã Phan Rí Cửa", UnitLevel::kCommune, "68", start, Date::Max());
  unit("23002", "Xã Hòa Phú", UnitLevel::kCommune, "60", Date::Min(), Date::FromYmd(2019, 12, 31));
  unit("22972-T1", "Khu phố 1", UnitLevel::kHamlet, "22972", Date::Min(), Date::Max());
  Person p;
  p.bhxh = BhxhNumber::FromInt(6000000001);
  p.citizen_id = *CitizenId::Parse("060000000001");
  p.full_name = "Nguyễn Thị Ánh";
  p.birth_date = Date::FromYmd(2010, 5, 17);
  p.sex = Sex::kFemale;
  p.commune = UnitCode::Unchecked("22972");
  Must(store->UpsertPerson(p).ok(), "person 1");
  p.bhxh = BhxhNumber::FromInt(6000000002);
  p.citizen_id = *CitizenId::Parse("060000000002");
  p.full_name = "Trần Văn Bình";
  p.sex = Sex::kMale;
  p.commune = UnitCode::Unchecked("23002");
  Must(store->UpsertPerson(p).ok(), "person 2");
  Card c;
  c.bhxh = BhxhNumber::FromInt(6000000001);
  c.card_code = "HS4600000000001";
  c.object = *ObjectCode::Parse("HS");
  c.benefit_level = 4;
  c.province_code = "60";
  c.valid_from = Date::FromYmd(2021, 1, 1);
  c.valid_to = Date::FromYmd(2021, 12, 31);
  Must(store->UpsertCard(c).ok(), "card");
  return store;
}

// Every person and card, in key order, as text: equal snapshots mean an unchanged registry.
std::string Snapshot(Store* store) {
  std::string s;
  Status st = store->ScanPersons([&](const Person& p) {
    s += p.bhxh.ToString() + '|' + p.citizen_id.str() + '|' + p.full_name + '|' + p.birth_date.ToIso() + '|' +
         std::to_string(static_cast<int>(p.sex)) + '|' + p.commune.str() + '|' + p.hamlet.str() + '|' +
         p.household_code + '\n';
    return Status::Ok();
  });
  FUZZ_CHECK(st.ok());
  st = store->ScanCards([&](const Card& c) {
    s += c.bhxh.ToString() + '|' + c.card_code + '|' + c.object.str() + std::to_string(c.benefit_level) + '|' +
         c.province_code + '|' + c.valid_from.ToIso() + '|' + c.valid_to.ToIso() + '|' + c.facility_code + '\n';
    return Status::Ok();
  });
  FUZZ_CHECK(st.ok());
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static baophu::fuzz::ScratchFile csv("in.csv"), xlsx("in.xlsx");
  if (size == 0 || size > 64 * 1024) return 0;
  const uint8_t flags = data[0];
  const ImportKind kind = (flags & 1) ? ImportKind::kCards : ImportKind::kPersons;
  ImportOptions opts;
  opts.accept_valid = (flags & 2) != 0;
  const bool as_xlsx = (flags & 8) != 0;
  std::string bytes;
  if ((flags & 4) && !as_xlsx) {
    bytes = kind == ImportKind::kPersons ? "ma_so_bhxh,so_cccd,ho_ten,ngay_sinh,gioi_tinh,ma_xa,ma_thon,ma_ho_gd\n"
                                         : "ma_so_bhxh,ma_the,tu_ngay,den_ngay,ma_kcb_bd,ma_doi_tuong,muc_huong\n";
  }
  bytes.append(reinterpret_cast<const char*>(data) + 1, size - 1);
  baophu::fuzz::ScratchFile& file = as_xlsx ? xlsx : csv;
  const std::string& path = file.Write(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());

  std::unique_ptr<Store> store = NewStore();
  const std::string before = Snapshot(store.get());
  auto r = ImportFile(store.get(), Rules(), kind, path, opts);
  const std::string after = Snapshot(store.get());
  if (!r.ok()) {
    FUZZ_CHECK(!r.status().message().empty());
    FUZZ_CHECK(after == before);
    return 0;
  }
  FUZZ_CHECK(r->rejected >= 0 && r->rejected <= r->read);
  FUZZ_CHECK(r->errors.empty() == (r->rejected == 0));
  for (size_t i = 1; i < r->errors.size(); ++i) FUZZ_CHECK(r->errors[i - 1].line <= r->errors[i].line);
  if (!r->committed) {
    FUZZ_CHECK(r->rejected > 0 && !opts.accept_valid);
    FUZZ_CHECK(r->inserted == 0 && r->updated == 0 && r->unchanged == 0);
    FUZZ_CHECK(after == before);
    return 0;
  }
  // Committed: every row read was either rejected or written exactly once.
  FUZZ_CHECK(opts.accept_valid || r->rejected == 0);
  FUZZ_CHECK(r->inserted + r->updated + r->unchanged + r->rejected == r->read);
  if (r->inserted + r->updated == 0) FUZZ_CHECK(after == before);
  return 0;
}
