// National scale test on the post-2025 units (34 provinces, 3,321 communes): N people spread
// over the communes in proportion to their 2019 census population (mapped old → new), each with
// a card history over 2019-2026 (about 2.3 cards a person, ~92 % covered on a given day).
// Streaming: one household at a time is in memory, whatever N.
#include <algorithm>
#include <map>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <unordered_map>

#include "core/text.h"
#include "registry/model.h"
#include "demo/demo_calibrated.h"
#include "demo/demo_cards.h"
#include "demo/demo_people.h"
#include "demo/demo_scenarios.h"
#include "demo/vn_admin_source.h"

namespace baophu::demo {
namespace {

constexpr int64_t kDefaultPersons = 1000000;
constexpr int64_t kMaxPersons = 100000000;
constexpr double kFloorWeight = 5000;  // communes the census cannot be mapped to

struct NewCommune {
  std::string code;
  std::string province;  // new province code
  int old_province = 0;  // for BHXH numbers and card codes
  double weight = 0;
  double best_edge = -1;
  int64_t persons = 0;
};

constexpr Code2 kTE = C2("TE"), kHS = C2("HS"), kSV = C2("SV"), kGD = C2("GD"), kHN = C2("HN"),
                kCN = C2("CN"), kGB = C2("GB"), kHT = C2("HT"), kDN = C2("DN"), kHC = C2("HC"),
                kXK = C2("XK"), kCC = C2("CC"), kBT = C2("BT"), kDT = C2("DT"), kQN = C2("QN"),
                kCA = C2("CA");

Code2 CodeForAge(int age, DemoRng* rng) {
  uint32_t u = rng->Below(100);
  if (age < 6) return kTE;
  if (age <= 17) return u < 90 ? kHS : u < 95 ? kHN : kDT;
  if (age <= 22) return u < 50 ? kSV : u < 80 ? kGD : kDN;
  if (age < 60) {
    if (u < 30) return kDN;
    if (u < 37) return kHC;
    if (u < 75) return kGD;
    if (u < 81) return kHN;
    if (u < 85) return kCN;
    if (u < 91) return kDT;
    if (u < 93) return u == 91 ? kQN : kCA;
    if (u < 95) return kBT;
    if (u < 98) return kGB;
    return kXK;
  }
  if (u < 35) return kHT;
  if (u < 70) return kGD;
  if (u < 78) return kCC;
  if (u < 88) return kBT;
  if (u < 95) return kHN;
  return kCN;
}

class NationalGen {
 public:
  NationalGen(const RuleSet& rules, uint64_t seed, CsvOut* persons, CsvOut* cards)
      : rng_(MixSeed(seed, 84)), ids_(seed), persons_(persons), cards_(rules, cards) {}

  void Commune(const NewCommune& c) {
    FacilityCode(c.old_province, static_cast<int>(rng_.Below(200)) + 1, facility_);
    DemoPerson hh[kMaxHousehold];
    int64_t done = 0;
    uint64_t household = 0;
    while (done < c.persons) {
      int n = MakeHousehold(&rng_, kRef, static_cast<int>(std::min<int64_t>(kMaxHousehold, c.persons - done)), hh);
      ++household;
      for (int i = 0; i < n; ++i) {
        DemoPerson& p = hh[i];
        p.bhxh = ids_.NextBhxh(c.old_province);
        int age = AgeOn(p.birth, kRef);
        if (age >= 14 || rng_.PerMille(300)) p.cccd = ids_.NextCccd(c.old_province, p.sex, YearOf(p.birth));
        persons_->Digits(static_cast<uint64_t>(p.bhxh), 10).Comma();
        if (p.cccd) persons_->Digits(p.cccd, 12);
        persons_->Comma();
        WriteName(p, persons_);
        persons_->Comma().DateVn(p.birth).Comma().Str(p.sex == kMale ? "Nam" : "Nữ").Comma();
        persons_->Str(c.code).Comma().Comma().Str(c.code).Digits(household, 7).EndRow();
        Cards(p);
      }
      done += n;
    }
  }

  int64_t cards() const { return cards_.rows(); }

 private:
  static constexpr int32_t kRef = 20270;    // 2025-07-01
  static constexpr int32_t kFrom = 17897;   // 2019-01-01
  static constexpr int32_t kTo = 20818;     // 2026-12-31
  static constexpr int32_t kLate = 20089;   // 2025-01-01

  // Cards are keyed by (person, first day): a second card starting the same day moves a day.
  void Card(const DemoPerson& p, Code2 code, int32_t from, int32_t to) {
    for (int i = 0; i < nstarts_; ++i)
      if (starts_[i] == from) {
        ++from;
        i = -1;
      }
    if (from > to) return;
    if (nstarts_ < 16) starts_[nstarts_++] = from;
    cards_.Write(p.bhxh, code, from, to, facility_);
  }

  void Cards(const DemoPerson& p) {
    nstarts_ = 0;
    if (rng_.PerMille(25)) return;  // never insured
    int32_t start = std::max(kFrom, p.birth);
    if (rng_.PerMille(120) && start < kLate) start += static_cast<int32_t>(rng_.Below(static_cast<uint32_t>(kLate - start)));
    int32_t end = kTo;
    if (rng_.PerMille(45)) end = 18993 + static_cast<int32_t>(rng_.Below(kRef - 18993));  // lapsed since 2022
    if (end <= start) return;
    uint32_t u = rng_.Below(1000);
    int k = u < 300 ? 1 : u < 630 ? 2 : u < 840 ? 3 : u < 945 ? 4 : 5;
    int32_t cuts[6];
    cuts[0] = start;
    cuts[k] = end + 1;
    for (int i = 1; i < k; ++i) cuts[i] = start + 1 + static_cast<int32_t>(rng_.Below(static_cast<uint32_t>(end - start)));
    for (int i = 2; i < k; ++i)  // insertion sort of the k-1 cut points
      for (int j = i; j > 1 && cuts[j - 1] > cuts[j]; --j) std::swap(cuts[j - 1], cuts[j]);
    const int32_t te_end = TeCardEnd(p.birth);
    for (int i = 0; i < k; ++i) {
      int32_t s = cuts[i], e = cuts[i + 1] - 1;
      if (i > 0 && rng_.PerMille(200)) s += rng_.Range(30, 150);  // a lapse before renewing
      if (s > e) continue;
      Code2 code = CodeForAge(AgeOn(p.birth, s), &rng_);
      if (code == kTE) {
        if (e <= te_end) {
          Card(p, kTE, s, e);
          continue;
        }
        Card(p, kTE, s, te_end);
        s = te_end + 1;
        code = kHS;
      }
      Card(p, code, s, e);
      if (code == kHN && AgeOn(p.birth, s) <= 15 && rng_.PerMille(300))
        Card(p, kHS, s, std::min(e, s + 364));  // a pupil of a poor household: both cards
    }
  }

  DemoRng rng_;
  IdIssuer ids_;
  CsvOut* persons_;
  CardWriter cards_;
  char facility_[6] = "00001";
  int32_t starts_[16];
  int nstarts_ = 0;
};

}  // namespace

Result<DemoSummary> GenerateNational(const RuleSet& rules, const DemoOptions& opts) {
  const int64_t n = opts.persons == 0 ? kDefaultPersons : opts.persons;
  if (n < 1 || n > kMaxPersons)
    return Status::InvalidArgument("--persons phải từ 1 đến " + FormatIntVn(kMaxPersons));
  auto wards = CsvTable::Read(opts.vn_admin_dir + "/post2025_wards.csv");
  if (!wards.ok()) return wards.status();
  auto mapping = CsvTable::Read(opts.vn_admin_dir + "/mapping_2025_old_to_new_wards.csv");
  if (!mapping.ok()) return mapping.status();
  auto census = ReadCensusByCode(opts.vn_admin_dir);
  if (!census.ok()) return census.status();

  std::vector<NewCommune> communes(wards->size());
  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < wards->size(); ++i) {
    communes[i].code = wards->Get(i, "code");
    communes[i].province = wards->Get(i, "province_code");
    index[communes[i].code] = i;
  }
  // Old unit → number of edges, to split a divided unit's population equally.
  std::unordered_map<std::string, int> edges;
  auto old_key = [&](size_t r) {
    const std::string& w = mapping->Get(r, "old_ward_code");
    return w.empty() ? mapping->Get(r, "old_district_code") : w;
  };
  for (size_t r = 0; r < mapping->size(); ++r) ++edges[old_key(r)];
  for (size_t r = 0; r < mapping->size(); ++r) {
    auto it = index.find(mapping->Get(r, "new_ward_code"));
    if (it == index.end()) continue;
    NewCommune& c = communes[it->second];
    std::string key = old_key(r);
    auto pop = census->find(key);
    double w = pop == census->end() ? 0 : static_cast<double>(pop->second);
    if (mapping->Get(r, "merge_type") != "full") w /= edges[key];
    c.weight += w;
    if (w > c.best_edge) {
      c.best_edge = w;
      c.old_province = std::atoi(mapping->Get(r, "old_province_code").c_str());
    }
  }
  std::vector<double> weights;
  for (NewCommune& c : communes) {
    if (c.weight <= 0) c.weight = kFloorWeight;
    if (c.old_province == 0) c.old_province = std::atoi(c.province.c_str());
    weights.push_back(c.weight);
  }
  auto counts = Apportion(n, weights, {});
  for (size_t i = 0; i < communes.size(); ++i) communes[i].persons = counts[i];

  DemoSummary sum;
  const std::string dir = opts.out_dir + "/";
  CsvOut persons, cards_out, pop, targets;
  BAOPHU_RETURN_IF_ERROR(persons.Open(dir + "persons.csv", kPersonsHeader));
  BAOPHU_RETURN_IF_ERROR(cards_out.Open(dir + "cards.csv", kCardsHeader));
  NationalGen gen(rules, opts.seed, &persons, &cards_out);
  for (const NewCommune& c : communes) gen.Commune(c);
  sum.persons = persons.rows();
  sum.cards = gen.cards();
  BAOPHU_RETURN_IF_ERROR(persons.Close());
  BAOPHU_RETURN_IF_ERROR(cards_out.Close());

  BAOPHU_RETURN_IF_ERROR(pop.Open(dir + "population.csv", "ma_dvhc,ngay,dan_so,nhom"));
  for (const NewCommune& c : communes)
    if (c.persons > 0) pop.Str(c.code).Str(",01/07/2025,").Int(c.persons).Comma().EndRow();
  // Provinces and the country too: `units load-vn` gives them census figures carried to
  // 01/07/2025, which would not match a scaled-down population.
  std::map<std::string, int64_t> by_province;
  int64_t country = 0;
  for (const NewCommune& c : communes) {
    by_province[c.province] += c.persons;
    country += c.persons;
  }
  for (const auto& [code, n] : by_province) pop.Str(code).Str(",01/07/2025,").Int(n).Comma().EndRow();
  pop.Str(kCountryCode).Str(",01/07/2025,").Int(country).Comma().EndRow();
  BAOPHU_RETURN_IF_ERROR(pop.Close());
  BAOPHU_RETURN_IF_ERROR(targets.Open(dir + "targets.csv", "ma_dvhc,nam,nhom,chi_tieu"));
  std::vector<std::string> provinces;
  for (const NewCommune& c : communes) provinces.push_back(c.province);
  std::sort(provinces.begin(), provinces.end());
  provinces.erase(std::unique(provinces.begin(), provinces.end()), provinces.end());
  for (const std::string& p : provinces) {
    targets.Str(p).Str(",2025,,95").EndRow();
    targets.Str(p).Str(",2026,,").Quoted("95,5").EndRow();
  }
  BAOPHU_RETURN_IF_ERROR(targets.Close());
  sum.files = {dir + "persons.csv", dir + "cards.csv", dir + "population.csv", dir + "targets.csv"};
  sum.expected = "Toàn quốc (đơn vị sau 01/07/2025): " + FormatIntVn(sum.persons) + " người ở " +
                 FormatIntVn(static_cast<int64_t>(communes.size())) + " xã, " + FormatIntVn(sum.cards) +
                 " thẻ 2019–2026; tỷ lệ bao phủ khoảng 92 %; chỉ tiêu 95 % (2025), 95,5 % (2026).";
  return sum;
}

}  // namespace baophu::demo
