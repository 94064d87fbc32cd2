// Tuy Phong (Bình Thuận), first nine months of 2019: district 81,77 % of the population (census
// row 144,800, which includes Xã Hòa Phú, merged into Phan Rí Cửa on 01/01/2020); Chí Công
// 63,58 %, Hòa Minh 65,47 %, Hòa Phú 67,00 %, Phan Rí Cửa 69,36 %; target 85,45 %. Liên Hương
// comes next, so the five communes with the most people to reach are the document's five.
// October 2019 is an outreach campaign: many new household and pupil cards start then.
#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>

#include "core/text.h"
#include "demo/demo_calibrated.h"
#include "demo/demo_scenarios.h"
#include "demo/vn_admin_source.h"

namespace baophu::demo {
namespace {

constexpr int kProvince = 60;
constexpr const char* kDistrict = "595";
constexpr const char* kHoaPhu = "23002";

struct Fixed {
  const char* code;
  int64_t hundredths;
};
// The document's figures, and Liên Hương's (ours: the lowest of the other communes).
constexpr Fixed kFixed[] = {{"22996", 6358}, {"22993", 6547}, {"23002", 6700}, {"22972", 6936}, {"22969", 9050}};
constexpr int64_t kDistrictRate = 8177;

struct Commune {
  std::string code;
  int64_t population = 0;
  int64_t insured = 0;
  int64_t fixed = -1;  // hundredths, or -1
};

// Splits a commune's insured count over the six groups (1..6) with plausible shares of its
// population; the household group takes the rest.
std::array<int64_t, 7> SplitGroups(int64_t pop, int64_t insured) {
  double r = static_cast<double>(insured) / static_cast<double>(pop);
  std::array<int64_t, 7> q{};
  auto share = [&](double s) { return static_cast<int64_t>(static_cast<double>(pop) * s); };
  q[3] = share(0.160);                              // children under 6, poor, policy
  q[2] = share(0.024);                              // pensioners
  q[4] = share(0.033);                              // near-poor
  q[1] = share(0.070 * std::min(1.0, r + 0.05));    // employees
  q[5] = share(0.185 * std::min(0.95, r - 0.05));   // pupils and students (lagging)
  int64_t others = q[1] + q[2] + q[3] + q[4] + q[5];
  if (others > insured) {  // only for very low rates: scale down
    for (int g = 1; g <= 5; ++g) q[static_cast<size_t>(g)] = q[static_cast<size_t>(g)] * insured / others;
    others = q[1] + q[2] + q[3] + q[4] + q[5];
  }
  q[6] = insured - others;
  return q;
}

}  // namespace

Result<DemoSummary> GenerateTuyPhong2019(const RuleSet& rules, const DemoOptions& opts) {
  auto wards = CsvTable::Read(opts.vn_admin_dir + "/pre2025_wards.csv");
  if (!wards.ok()) return wards.status();
  auto census_t = CsvTable::Read(opts.vn_admin_dir + "/census2019_population_by_unit.csv");
  if (!census_t.ok()) return census_t.status();
  auto census = ReadCensusByCode(opts.vn_admin_dir);
  if (!census.ok()) return census.status();

  std::vector<Commune> communes;
  for (size_t i = 0; i < wards->size(); ++i) {
    if (wards->Get(i, "district_code") != kDistrict) continue;
    Commune c;
    c.code = wards->Get(i, "code");
    auto p = census->find(c.code);
    if (p == census->end()) return Status::NotFound("không có dân số điều tra 2019 cho xã " + c.code);
    c.population = p->second;
    communes.push_back(c);
  }
  // Xã Hòa Phú is not in the pre-2025 list; its census row has no code.
  int64_t hoa_phu = 0;
  for (size_t i = 0; i < census_t->size(); ++i)
    if (census_t->Get(i, "district_name_2019") == "Huyện Tuy Phong" && census_t->Get(i, "ward_name_2019") == "Xã Hòa Phú")
      hoa_phu = std::strtoll(census_t->Get(i, "population_total").c_str(), nullptr, 10);
  communes.push_back(Commune{kHoaPhu, hoa_phu, 0, -1});
  int64_t total = 0;
  for (const Commune& c : communes) total += c.population;
  auto dist = census->find(kDistrict);
  if (communes.size() != 12 || hoa_phu == 0 || dist == census->end() || dist->second != total)
    return Status::Corruption("dữ liệu vn-admin của huyện Tuy Phong không khớp (12 xã, tổng = dòng huyện)");
  if (opts.persons != 0 && opts.persons != total)
    return Status::InvalidArgument("kịch bản tuy-phong-2019 sinh đúng dân số điều tra (" + FormatIntVn(total) +
                                   " người); bỏ --persons");

  // Insured on 30/09/2019 per commune.
  const int64_t district_insured = InsuredFor(kDistrictRate, total);
  int64_t left = district_insured;
  std::vector<size_t> free_idx;
  for (size_t i = 0; i < communes.size(); ++i) {
    for (const Fixed& f : kFixed)
      if (communes[i].code == f.code) communes[i].fixed = f.hundredths;
    if (communes[i].fixed >= 0) {
      communes[i].insured = InsuredFor(communes[i].fixed, communes[i].population);
      left -= communes[i].insured;
    } else {
      free_idx.push_back(i);
    }
  }
  DemoRng rng(MixSeed(opts.seed, 5951));
  std::vector<double> w;
  std::vector<int64_t> caps;
  for (size_t i : free_idx) {
    w.push_back(static_cast<double>(communes[i].population) * (0.97 + 0.025 * rng.Below(1001) / 1000.0));
    caps.push_back(communes[i].population * 995 / 1000);
  }
  auto q = Apportion(left, w, caps);
  for (size_t k = 0; k < free_idx.size(); ++k) communes[free_idx[k]].insured = q[k];

  DemoSummary sum;
  const std::string dir = opts.out_dir + "/";
  CsvOut units, persons, cards_out, pop, targets;
  BAOPHU_RETURN_IF_ERROR(units.Open(dir + "units.csv", "ma_dvhc,ten,cap,ma_cha,hieu_luc_tu,hieu_luc_den,ma_ke_nhiem"));
  units.Str("23002,Xã Hòa Phú,Xã,595,,31/12/2019,22972").EndRow();
  BAOPHU_RETURN_IF_ERROR(units.Close());
  BAOPHU_RETURN_IF_ERROR(persons.Open(dir + "persons.csv", kPersonsHeader));
  BAOPHU_RETURN_IF_ERROR(cards_out.Open(dir + "cards.csv", kCardsHeader));
  CardWriter cards(rules, &cards_out);
  IdIssuer ids(opts.seed);
  CalibratedParams params;
  params.province = kProvince;
  params.as_of = Days(2019, 9, 30);
  params.data_end = Days(2019, 12, 31);
  params.campaign_from = Days(2019, 10, 1);
  params.seed = opts.seed;
  params.pupil_calendar_per_mille = 450;
  for (size_t i = 0; i < communes.size(); ++i) {
    CommuneSpec spec;
    spec.code = communes[i].code;
    spec.population = communes[i].population;
    spec.quota = SplitGroups(communes[i].population, communes[i].insured);
    FacilityCode(kProvince, 40 + static_cast<int>(i), spec.facility);
    BAOPHU_RETURN_IF_ERROR(GenerateCalibratedCommune(params, spec, MixSeed(opts.seed, 200 + i), &ids,
                                                     &persons, &cards));
  }
  sum.persons = persons.rows();
  sum.cards = cards.rows();
  BAOPHU_RETURN_IF_ERROR(persons.Close());
  BAOPHU_RETURN_IF_ERROR(cards_out.Close());
  BAOPHU_RETURN_IF_ERROR(pop.Open(dir + "population.csv", "ma_dvhc,ngay,dan_so,nhom"));
  pop.Str(kHoaPhu).Str(",01/04/2019,").Int(hoa_phu).Comma().EndRow();
  BAOPHU_RETURN_IF_ERROR(pop.Close());
  BAOPHU_RETURN_IF_ERROR(targets.Open(dir + "targets.csv", "ma_dvhc,nam,nhom,chi_tieu"));
  targets.Str("595,2019,,").Quoted("85,45").EndRow();
  BAOPHU_RETURN_IF_ERROR(targets.Close());
  sum.files = {dir + "units.csv", dir + "persons.csv", dir + "cards.csv", dir + "population.csv", dir + "targets.csv"};

  sum.expected = "Kết quả mong đợi — báo cáo đến 30/09/2019, huyện Tuy Phong (595), chỉ tiêu 85,45 %:\n";
  sum.expected += "  toàn huyện: " + RateText(district_insured, total) + "\n";
  for (const Commune& c : communes) {
    if (c.fixed < 0) continue;
    sum.expected += "  xã " + c.code + ": " + RateText(c.insured, c.population) + "\n";
  }
  sum.expected.pop_back();
  return sum;
}

}  // namespace baophu::demo
