// outreach_bench: how long each outreach list takes for one unit, from the loaded engine (the
// registry is loaded once, as the server holds it). Prints, per list, the entries and the
// median and slowest of `reps` runs, without the names read from the store (the engine and the
// rosters) and with them (what the CLI and the API answer); and the engine pass alone
// (ForEachPerson over the unit).
// Usage: outreach_bench DB UNIT AS_OF [REPS] [--with-rosters]
//   e.g. outreach_bench var/baophu.db 31813 10/11/2021 20
// --with-rosters: the lists of a commune the size of a real one, on a copy of DB (VACUUM INTO,
// DB untouched): rosters made from the commune's own people — every person aged 3–18 a pupil
// (four schools by age, classes by grade), one in 16 a beneficiary, three in ten adults members
// of five organisations — identified as people write them (mostly by BHXH number, some by CCCD,
// some by name and birth date with or without diacritics, 1 % with a birth date a day off, 2 %
// not in the registry), imported
// through the import command's code (rows checked, then matched), and the import's time printed.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "core/allocator.h"
#include "core/text.h"
#include "outreach/lists.h"
#include "outreach/roster_import.h"
#include "store/sqlite/sqlite_db.h"
#include "rules/money_rules.h"

using namespace baophu;  // NOLINT: a benchmark's main

namespace {

using Clock = std::chrono::steady_clock;

std::string Csv(std::string_view s) {
  if (s.find_first_of(",\"\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// The person's identity columns as a list would carry them (ma_so_bhxh, so_cccd, ho_ten, ngay_sinh).
std::string Identity(const Person& p, int64_t i) {
  const std::string birth = p.birth_date.valid() ? p.birth_date.ToVn() : "";
  switch (i % 10) {
    case 6:
    case 7:
      if (!p.citizen_id.empty()) return ",," + p.citizen_id.str() + "," + Csv(p.full_name) + "," + birth;
      [[fallthrough]];
    default: return "," + p.bhxh.ToString() + ",," + Csv(p.full_name) + "," + birth;
    case 8: return ",,," + Csv(p.full_name) + "," + birth;
    case 9: return ",,," + Csv(FoldForSearch(p.full_name)) + "," + birth;  // "nguyen thi mai"
  }
}

// Copies `db` (VACUUM INTO), writes the commune's rosters as CSV files beside the copy and
// imports them; returns the copy's path.
Result<std::string> WithRosters(const std::string& db, const std::string& unit, Date as_of) {
  const std::string copy = db + ".outreach-bench.db";
  for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(copy + ext);
  {
    auto src = sqlite::Db::Open(db);
    if (!src.ok()) return src.status();
    BAOPHU_RETURN_IF_ERROR((*src)->Exec(("VACUUM INTO '" + copy + "'").c_str()));
  }
  auto store = Store::Open(copy);
  if (!store.ok()) return store.status();
  auto out = OutreachStore::Open(copy);
  if (!out.ok()) return out.status();
  std::vector<Person> people;
  BAOPHU_RETURN_IF_ERROR((*store)->ScanPersons([&](const Person& p) {
    if (p.commune.str() == unit) people.push_back(p);
    return Status::Ok();
  }));
  if (people.empty()) return Status::NotFound("không có người nào ở xã " + unit);
  const std::string dir = copy + ".rosters";
  std::filesystem::create_directories(dir);
  std::ofstream pupils(dir + "/hoc_sinh.csv"), benef(dir + "/doi_tuong.csv"), members(dir + "/hoi_vien.csv"),
      resp(dir + "/phu_trach.csv");
  pupils << "ma_truong,ten_truong,lop,ma_dvhc,ma_so_bhxh,so_cccd,ho_ten,ngay_sinh,dien_thoai\n";
  benef << "loai_doi_tuong,ma_dvhc,ma_so_bhxh,so_cccd,ho_ten,ngay_sinh,tu_ngay,den_ngay\n";
  members << "ma_to_chuc,ten_to_chuc,ma_dvhc,ma_so_bhxh,so_cccd,ho_ten,ngay_sinh,dien_thoai\n";
  resp << "pham_vi,ma_truong,lop,ma_thon,ma_to_chuc,nguoi_phu_trach\n";
  const char* schools[][2] = {{"MN", "Trường Mầm non"}, {"TH", "Trường Tiểu học"}, {"THCS", "Trường THCS"},
                              {"THPT", "Trường THPT"}};
  const char* orgs[][2] = {{"HND", "Hội Nông dân"}, {"HPN", "Hội Liên hiệp Phụ nữ"}, {"DTN", "Đoàn Thanh niên"},
                           {"HCCB", "Hội Cựu chiến binh"}, {"CDCS", "Công đoàn cơ sở"}};
  const char* types[] = {"Hộ nghèo", "Hộ cận nghèo", "Trẻ em dưới 6 tuổi", "Chính sách"};
  std::set<std::string> classes;
  int64_t n_pupils = 0, n_benef = 0, n_members = 0;
  for (size_t k = 0; k < people.size(); ++k) {
    const Person& p = people[k];
    const int64_t i = static_cast<int64_t>(k) * 7 + p.bhxh.value() % 7;  // spreads the identities
    const int age = p.birth_date.valid() ? as_of.year() - p.birth_date.year() : 40;
    const bool outsider = i % 50 == 0;  // not in the registry: another number and spelling
    Person shown = p;
    if (outsider) {
      shown.bhxh = BhxhNumber::FromInt(p.bhxh.value() + 1);
      shown.citizen_id = CitizenId();
      shown.full_name = p.full_name + " Anh";
    }
    std::string id = outsider ? ",,," + Csv(shown.full_name) + "," + shown.birth_date.ToVn() : Identity(shown, i);
    // 1 % written by name with a birth date a day off (a typing slip): the matcher's doubt,
    // "same name and commune, same birth year, another day", for a person to confirm.
    if (!outsider && i % 100 == 1 && p.birth_date.valid() && p.birth_date.AddDays(1).year() == p.birth_date.year())
      id = ",,," + Csv(p.full_name) + "," + p.birth_date.AddDays(1).ToVn();
    if (age >= 3 && age <= 18) {
      const int s = age <= 5 ? 0 : age <= 10 ? 1 : age <= 14 ? 2 : 3;
      const std::string code = std::string(schools[s][0]) + unit;
      const std::string cls = std::to_string(age) + static_cast<char>('A' + i % 4);
      pupils << code << "," << schools[s][1] << " " << unit << "," << cls << "," << unit << id << ",\n";
      if (classes.insert(code + "," + cls).second)
        resp << "lớp," << code << "," << cls << ",,,Giáo viên lớp " << cls << "\n";
      ++n_pupils;
    }
    if (i % 16 == 3) {
      benef << types[(i / 16) % 4] << "," << unit << id << ",01/01/" << as_of.year() << ",31/12/" << as_of.year() << "\n";
      ++n_benef;
    }
    if (age >= 18 && i % 10 < 3) {
      const int o = static_cast<int>((i / 10) % 5);
      members << orgs[o][0] << unit << "," << orgs[o][1] << " " << unit << "," << unit << id << ",\n";
      ++n_members;
    }
  }
  for (int o = 0; o < 5; ++o) resp << "tổ chức,,,," << orgs[o][0] << unit << ",Cán bộ " << orgs[o][1] << "\n";
  pupils.close();
  benef.close();
  members.close();
  resp.close();
  std::printf("rosters of %s: %lld pupils, %lld beneficiaries, %lld members (from %zu people)\n", unit.c_str(),
              static_cast<long long>(n_pupils), static_cast<long long>(n_benef), static_cast<long long>(n_members),
              people.size());
  for (auto [kind, file] : {std::pair{outreach::ListImportKind::kPupils, "hoc_sinh.csv"},
                            std::pair{outreach::ListImportKind::kBeneficiaries, "doi_tuong.csv"},
                            std::pair{outreach::ListImportKind::kMembers, "hoi_vien.csv"},
                            std::pair{outreach::ListImportKind::kResponsibles, "phu_trach.csv"}}) {
    auto t0 = Clock::now();
    auto r = outreach::ImportListFile(store->get(), out->get(), kind, dir + "/" + file, ImportOptions());
    if (!r.ok()) return r.status();
    if (r->rejected > 0)
      return Status::InvalidArgument(std::string(file) + ": " + std::to_string(r->rejected) + " dòng bị từ chối: " +
                                     r->errors[0].reason);
    std::printf("import %-14s %7lld rows, checked and matched in %.0f ms\n", file, static_cast<long long>(r->read),
                std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  return copy;
}

}  // namespace

int main(int argc, char** argv) {
  KeepLargeAllocations();  // as baophu (cli/main.cc) does: what the server answers with
  if (argc < 4) {
    std::fprintf(stderr, "usage: outreach_bench DB UNIT AS_OF [REPS]\n");
    return 2;
  }
  std::string db = argv[1];
  const std::string unit = argv[2];
  auto as_of = Date::Parse(argv[3]);
  int reps = 20;
  bool with_rosters = false;
  for (int i = 4; i < argc; ++i) {
    if (std::string(argv[i]) == "--with-rosters") with_rosters = true;
    else reps = std::atoi(argv[i]);
  }
  if (!as_of.ok() || reps < 1) return 2;
  if (with_rosters) {
    auto copy = WithRosters(db, unit, *as_of);
    if (!copy.ok()) {
      std::fprintf(stderr, "%s\n", copy.status().ToString().c_str());
      return 1;
    }
    db = *copy;
  }
  auto store = Store::Open(db);
  auto out = OutreachStore::Open(db);
  auto rules = RuleSet::LoadDefault();
  auto money = MoneyRules::LoadDefault();
  if (!store.ok() || !out.ok() || !rules.ok() || !money.ok()) {
    std::fprintf(stderr, "cannot open %s or the rules\n", db.c_str());
    return 1;
  }
  auto reg = LoadRegistry(store->get(), std::move(*rules));
  if (!reg.ok()) {
    std::fprintf(stderr, "%s\n", reg.status().ToString().c_str());
    return 1;
  }
  auto ms = [](Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
  auto slots = SlotsOf(*reg, unit, *as_of);
  if (!slots.ok()) return 1;
  int64_t people = 0;
  std::vector<double> scan;
  for (int i = 0; i < reps; ++i) {
    auto t0 = Clock::now();
    int64_t n = 0;
    reg->index->ForEachPerson(*slots, [&](const CoverageIndex::PersonView&) { ++n; });
    scan.push_back(ms(Clock::now() - t0));
    people = n;
  }
  std::sort(scan.begin(), scan.end());
  std::printf("registry: %lld people; unit %s: %lld people in %zu slots\n", static_cast<long long>(reg->index->person_count()),
              unit.c_str(), static_cast<long long>(people), slots->size());
  std::printf("%-14s %8s %10s %10s %14s %10s\n", "list", "entries", "median ms", "max ms", "+names median", "max ms");
  std::printf("%-14s %8s %10.2f %10.2f\n", "engine pass", "-", scan[scan.size() / 2], scan.back());
  outreach::ListContext ctx;
  ctx.reg = &*reg;
  ctx.store = store->get();
  ctx.outreach = out->get();
  ctx.money = &*money;
  for (outreach::ListKind k : {outreach::ListKind::kExpired, outreach::ListKind::kExpiring, outreach::ListKind::kHouseholds,
                               outreach::ListKind::kPupils, outreach::ListKind::kBeneficiaries,
                               outreach::ListKind::kMembers, outreach::ListKind::kMatches}) {
    outreach::ListRequest req;
    req.kind = k;
    req.unit = unit;
    req.as_of = *as_of;
    std::vector<double> t[2];
    size_t entries = 0;
    for (int names = 0; names < 2; ++names) {
      req.with_names = names == 1;
      for (int i = 0; i < reps; ++i) {
        auto t0 = Clock::now();
        auto list = outreach::BuildList(ctx, req);
        t[names].push_back(ms(Clock::now() - t0));
        if (!list.ok()) {
          std::fprintf(stderr, "%s\n", list.status().ToString().c_str());
          return 1;
        }
        entries = list->entries.size();
      }
      std::sort(t[names].begin(), t[names].end());
    }
    std::printf("%-14s %8zu %10.2f %10.2f %14.2f %10.2f\n", outreach::ListKindKey(k), entries, t[0][t[0].size() / 2],
                t[0].back(), t[1][t[1].size() / 2], t[1].back());
  }
  return 0;
}
