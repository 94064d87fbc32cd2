// Bạc Liêu, dispatch 5312/UBND-KGVX: as of 10/11/2021 the province stands at 65,19 % (all
// groups, against the census 907,236), employees 66,58 %, pupils and students 70,09 %,
// household group 46,28 %; target 91 %. Group denominators (people who must take part) are
// written per commune on 01/01/2021 and sum, per commune, to its census population.
#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>

#include "core/date.h"
#include "core/text.h"
#include "demo/demo_calibrated.h"
#include "demo/demo_money.h"
#include "demo/demo_outreach.h"
#include "demo/demo_scenarios.h"
#include "demo/vn_admin_source.h"

namespace baophu::demo {
namespace {

constexpr int kProvince = 95;
constexpr int kGroups = 6;  // ReportingGroupId 1..6: NLD BHXH NSNN NSHT HSSV HGD
constexpr const char* kGroupCodes[kGroups + 1] = {"", "NLD", "BHXH", "NSNN", "NSHT", "HSSV", "HGD"};

// The document's figures, in hundredths of a percent.
constexpr int64_t kAll = 6519, kNld = 6658, kHssv = 7009, kHgd = 4628, kTarget = 91;

// Share (per ten thousand) of a commune's people who must take part in each group, before a
// ±10 % commune-specific variation; household group = the rest. Urban wards and towns have
// more employees and pensioners, rural communes more state-budget beneficiaries.
constexpr int kShareUrban[kGroups + 1] = {0, 1200, 400, 1500, 450, 2000, 0};
constexpr int kShareRural[kGroups + 1] = {0, 600, 250, 2000, 450, 2000, 0};
// Relative coverage of the three groups the document does not report (per thousand), scaled
// together to close the provincial total.
constexpr double kFreeBase[kGroups + 1] = {0, 0, 950, 975, 930, 0, 0};

struct Commune {
  std::string code;
  int district_index = 0;
  bool urban = false;
  int64_t population = 0;
  std::array<int64_t, kGroups + 1> den{};
  std::array<int64_t, kGroups + 1> quota{};
};

}  // namespace

Result<DemoSummary> GenerateBacLieu2021(const RuleSet& rules, const DemoOptions& opts) {
  auto wards = CsvTable::Read(opts.vn_admin_dir + "/pre2025_wards.csv");
  if (!wards.ok()) return wards.status();
  auto census = ReadCensusByCode(opts.vn_admin_dir);
  if (!census.ok()) return census.status();

  std::vector<Commune> communes;
  std::vector<std::string> districts;
  int64_t total = 0;
  for (size_t i = 0; i < wards->size(); ++i) {
    if (wards->Get(i, "province_code") != "95") continue;
    Commune c;
    c.code = wards->Get(i, "code");
    const std::string& d = wards->Get(i, "district_code");
    auto it = std::find(districts.begin(), districts.end(), d);
    c.district_index = static_cast<int>(it - districts.begin());
    if (it == districts.end()) districts.push_back(d);
    const std::string& type = wards->Get(i, "unit_type");
    c.urban = type == "Phường" || type == "Thị trấn";
    auto p = census->find(c.code);
    if (p == census->end())
      return Status::NotFound("không có dân số điều tra 2019 cho xã " + c.code);
    c.population = p->second;
    total += c.population;
    communes.push_back(std::move(c));
  }
  auto prov = census->find("95");
  if (communes.size() != 64 || prov == census->end() || prov->second != total)
    return Status::Corruption("dữ liệu vn-admin của tỉnh Bạc Liêu không khớp (64 xã, tổng dân số = dòng tỉnh)");
  if (opts.persons != 0 && opts.persons != total)
    return Status::InvalidArgument("kịch bản bac-lieu-2021 sinh đúng dân số điều tra (" + FormatIntVn(total) +
                                   " người); bỏ --persons");

  // Group denominators per commune.
  DemoRng rng(MixSeed(opts.seed, 9521));
  std::array<int64_t, kGroups + 1> den{};
  for (Commune& c : communes) {
    int64_t used = 0;
    for (int g = 1; g < kGroups; ++g) {
      int share = (c.urban ? kShareUrban : kShareRural)[g];
      int64_t v = c.population * share * (900 + rng.Below(201)) / 10000000;
      c.den[static_cast<size_t>(g)] = v;
      used += v;
    }
    c.den[kGroups] = c.population - used;
    for (int g = 1; g <= kGroups; ++g) den[static_cast<size_t>(g)] += c.den[static_cast<size_t>(g)];
  }

  // Provincial insured counts: the document's four figures exactly, the other three groups
  // closing the total.
  std::array<int64_t, kGroups + 1> ins{};
  const int64_t all = InsuredFor(kAll, total);
  ins[1] = InsuredFor(kNld, den[1]);
  ins[5] = InsuredFor(kHssv, den[5]);
  ins[6] = InsuredFor(kHgd, den[6]);
  int64_t free = all - ins[1] - ins[5] - ins[6];
  double wsum = 0;
  for (int g : {2, 3, 4}) wsum += kFreeBase[g] * static_cast<double>(den[static_cast<size_t>(g)]);
  int64_t given = 0;
  for (int g : {2, 4}) {
    ins[static_cast<size_t>(g)] = static_cast<int64_t>(static_cast<double>(free) * kFreeBase[g] *
                                                        static_cast<double>(den[static_cast<size_t>(g)]) / wsum);
    given += ins[static_cast<size_t>(g)];
  }
  ins[3] = free - given;
  for (int g : {2, 3, 4}) {
    size_t k = static_cast<size_t>(g);
    if (ins[k] > den[k] || ins[k] * 10 < den[k] * 9)
      return Status::Internal("demo bac-lieu-2021: tỷ lệ nhóm " + std::string(kGroupCodes[g]) + " không hợp lý");
  }

  // Spread each group's provincial count over the communes: proportional to the commune's
  // denominator, times a commune factor (some communes lag) and a group factor.
  std::vector<double> commune_factor(communes.size());
  for (double& f : commune_factor) f = 0.85 + 0.30 * rng.Below(1001) / 1000.0;
  for (int g = 1; g <= kGroups; ++g) {
    size_t k = static_cast<size_t>(g);
    std::vector<double> w(communes.size());
    std::vector<int64_t> caps(communes.size());
    for (size_t i = 0; i < communes.size(); ++i) {
      double gf = 0.93 + 0.14 * rng.Below(1001) / 1000.0;
      w[i] = static_cast<double>(communes[i].den[k]) * commune_factor[i] * gf;
      caps[i] = communes[i].den[k];
    }
    auto q = Apportion(ins[k], w, caps);
    for (size_t i = 0; i < communes.size(); ++i) communes[i].quota[k] = q[i];
  }

  // Files.
  DemoSummary sum;
  const std::string dir = opts.out_dir + "/";
  CsvOut persons, cards_out, pop, targets;
  BAOPHU_RETURN_IF_ERROR(persons.Open(dir + "persons.csv", kPersonsHeader));
  BAOPHU_RETURN_IF_ERROR(cards_out.Open(dir + "cards.csv", kCardsHeader));
  CardWriter cards(rules, &cards_out);
  IdIssuer ids(opts.seed);
  CalibratedParams params;
  params.province = kProvince;
  params.as_of = Days(2021, 11, 10);
  params.data_end = params.as_of;
  params.seed = opts.seed;
  for (size_t i = 0; i < communes.size(); ++i) {
    CommuneSpec spec;
    spec.code = communes[i].code;
    spec.population = communes[i].population;
    spec.quota = communes[i].quota;
    FacilityCode(kProvince, 10 + communes[i].district_index, spec.facility);
    BAOPHU_RETURN_IF_ERROR(GenerateCalibratedCommune(params, spec, MixSeed(opts.seed, 100 + i), &ids,
                                                     &persons, &cards));
  }
  sum.persons = persons.rows();
  sum.cards = cards.rows();
  BAOPHU_RETURN_IF_ERROR(persons.Close());
  BAOPHU_RETURN_IF_ERROR(cards_out.Close());

  BAOPHU_RETURN_IF_ERROR(pop.Open(dir + "population.csv", "ma_dvhc,ngay,dan_so,nhom"));
  for (const Commune& c : communes)
    for (int g = 1; g <= kGroups; ++g)
      pop.Str(c.code).Comma().Str("01/01/2021").Comma().Int(c.den[static_cast<size_t>(g)]).Comma().Str(kGroupCodes[g]).EndRow();
  BAOPHU_RETURN_IF_ERROR(pop.Close());
  BAOPHU_RETURN_IF_ERROR(targets.Open(dir + "targets.csv", "ma_dvhc,nam,nhom,chi_tieu"));
  targets.Str("95,2021,,").Int(kTarget).EndRow();
  BAOPHU_RETURN_IF_ERROR(targets.Close());
  sum.files = {dir + "persons.csv", dir + "cards.csv", dir + "population.csv", dir + "targets.csv"};
  // Money (employers, schools, sponsors): its own random stream, the files above do not change.
  std::vector<std::string> commune_codes;
  for (const Commune& c : communes) commune_codes.push_back(c.code);
  BAOPHU_RETURN_IF_ERROR(WriteBacLieuMoney(commune_codes, opts.seed, opts.out_dir, &sum.money_files));
  // Outreach lists: read back from the files above (they do not change either).
  BAOPHU_RETURN_IF_ERROR(WriteBacLieuOutreach(rules, opts.out_dir, &sum.outreach_files));

  sum.expected = "Kết quả mong đợi — báo cáo đến 10/11/2021, tỉnh Bạc Liêu (95), chỉ tiêu 91 %:\n";
  sum.expected += "  toàn tỉnh (dân số điều tra 2019): " + RateText(all, total) + "\n";
  for (int g = 1; g <= kGroups; ++g) {
    size_t k = static_cast<size_t>(g);
    sum.expected += std::string("  ") + kGroupCodes[g] + ": " + RateText(ins[k], den[k]) + "\n";
  }
  sum.expected.pop_back();
  return sum;
}

}  // namespace baophu::demo
