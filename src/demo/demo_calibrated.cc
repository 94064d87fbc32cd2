#include "demo/demo_calibrated.h"

#include <algorithm>
#include <vector>

#include "demo/demo_dates.h"

namespace baophu::demo {
namespace {

constexpr Code2 kTE = C2("TE"), kHS = C2("HS"), kSV = C2("SV"), kGD = C2("GD"), kHN = C2("HN"),
                kCN = C2("CN"), kGB = C2("GB"), kHT = C2("HT"), kDN = C2("DN"), kHC = C2("HC"),
                kCH = C2("CH"), kXK = C2("XK"), kHX = C2("HX"), kTN = C2("TN"), kNO = C2("NO"),
                kTB = C2("TB"), kCC = C2("CC"), kBT = C2("BT"), kKC = C2("KC"), kCB = C2("CB"),
                kTS = C2("TS"), kDT = C2("DT"), kQN = C2("QN"), kCA = C2("CA");

struct Assign {
  Code2 code = 0;   // card valid on as_of; 0 = uninsured
  Code2 extra = 0;  // a second, lower-priority card valid on as_of
};

int32_t SchoolYearStart(int32_t day) {
  int y, m, d;
  Ymd(day, &y, &m, &d);
  return m >= 10 ? Days(y, 10, 1) : Days(y - 1, 10, 1);
}

class CommuneGen {
 public:
  CommuneGen(const CalibratedParams& p, const CommuneSpec& spec, uint64_t seed, CardWriter* cards)
      : p_(p), spec_(spec), rng_(seed), cards_(cards) {
    Ymd(p.as_of, &ay_, &am_, &ad_);
  }

  void MakePeople(IdIssuer* ids) {
    people_.reserve(static_cast<size_t>(spec_.population));
    DemoPerson hh[kMaxHousehold];
    int32_t household = 0;
    while (static_cast<int64_t>(people_.size()) < spec_.population) {
      int left = static_cast<int>(std::min<int64_t>(kMaxHousehold, spec_.population - static_cast<int64_t>(people_.size())));
      int n = MakeHousehold(&rng_, p_.as_of, left, hh);
      hh_start_.push_back(static_cast<int32_t>(people_.size()));
      for (int i = 0; i < n; ++i) {
        hh[i].household = household;
        hh[i].bhxh = ids->NextBhxh(p_.province);
        int age = AgeOn(hh[i].birth, p_.as_of);
        if (age >= 14 || rng_.PerMille(250)) hh[i].cccd = ids->NextCccd(p_.province, hh[i].sex, YearOf(hh[i].birth));
        people_.push_back(hh[i]);
        age_.push_back(static_cast<int8_t>(age));
      }
      ++household;
    }
    hh_start_.push_back(static_cast<int32_t>(people_.size()));
    assign_.assign(people_.size(), Assign{});
  }

  Status AssignQuotas() {
    const auto& q = spec_.quota;
    // State budget (3): children under 6 first, then poor households, then individuals.
    std::vector<int32_t> pool;
    for (size_t i = 0; i < people_.size(); ++i)
      if (TeCardEnd(people_[i].birth) >= p_.as_of) pool.push_back(static_cast<int32_t>(i));
    Shuffle(pool.data(), pool.size(), &rng_);
    // A few children under 6 stay uninsured, unless the commune has almost no one uninsured.
    int64_t uninsured = spec_.population;
    for (int g = 1; g <= 6; ++g) uninsured -= q[static_cast<size_t>(g)];
    int64_t leave = std::min<int64_t>(static_cast<int64_t>(pool.size()) / 70, uninsured / 4);
    int64_t te = std::min<int64_t>(q[3], static_cast<int64_t>(pool.size()) - leave);
    for (int64_t k = 0; k < te; ++k) assign_[static_cast<size_t>(pool[static_cast<size_t>(k)])].code = kTE;
    int64_t rest = q[3] - te;
    rest -= FillHouseholds(kHN, rest * 55 / 100);
    rest -= FillIndividuals(rest, [&](size_t i) -> Code2 {
      int a = age_[i];
      if (a < 6) return 0;
      static constexpr Code2 kOld[] = {kCC, kBT, kKC, kCB, kTS, kBT};
      static constexpr Code2 kAdult[] = {kDT, kDT, kBT, kQN, kCA, kTS, kDT};
      static constexpr Code2 kYoung[] = {kDT, kBT, kTS, kDT};
      if (a >= 60) return kOld[rng_.Below(6)];
      if (a >= 18) return a <= 40 && rng_.PerMille(300) ? kAdult[3 + rng_.Below(2)] : kAdult[rng_.Below(7)];
      return kYoung[rng_.Below(4)];
    }, 60);
    if (rest != 0) return Short(3, rest);
    // State budget supports (4): near-poor households, then average-income farm households.
    rest = q[4];
    rest -= FillHouseholds(kCN, rest * 85 / 100);
    rest -= FillIndividuals(rest, [&](size_t i) -> Code2 { return age_[i] >= 6 ? kGB : 0; }, 0);
    if (rest != 0) return Short(4, rest);
    // Social insurance (2): pensioners, then benefit recipients.
    rest = q[2];
    rest -= FillIndividuals(rest, [&](size_t i) -> Code2 {
      bool retired = people_[i].sex == kMale ? age_[i] >= 60 : age_[i] >= 55;
      return retired ? kHT : 0;
    }, 0);
    rest -= FillIndividuals(rest, [&](size_t i) -> Code2 {
      if (age_[i] < 25 || age_[i] > 59) return 0;
      uint32_t u = rng_.Below(10);
      return u < 6 ? kTN : u < 8 ? kNO : kTB;
    }, 0);
    if (rest != 0) return Short(2, rest);
    // Employees (1).
    rest = q[1];
    auto worker = [&](size_t i) -> Code2 {
      uint32_t u = rng_.Below(100);
      return u < 65 ? kDN : u < 85 ? kHC : u < 90 ? kCH : u < 95 ? kXK : kHX;
    };
    rest -= FillIndividuals(rest, [&](size_t i) -> Code2 { return age_[i] >= 18 && age_[i] <= 59 ? worker(i) : 0; }, 0);
    rest -= FillIndividuals(rest, [&](size_t i) -> Code2 { return age_[i] >= 16 && age_[i] <= 70 ? worker(i) : 0; }, 0);
    if (rest != 0) return Short(1, rest);
    // Pupils and students (5).
    rest = q[5];
    rest -= FillIndividuals(rest, [&](size_t i) -> Code2 {
      int a = age_[i];
      return a >= 6 && a <= 17 ? kHS : a >= 18 && a <= 22 ? kSV : 0;
    }, 0);
    rest -= FillIndividuals(rest, [&](size_t i) -> Code2 { return age_[i] >= 23 && age_[i] <= 26 ? kSV : 0; }, 0);
    if (rest != 0) return Short(5, rest);
    // Household group (6): whole households where possible.
    rest = q[6];
    rest -= FillHouseholds(kGD, rest, /*partial=*/true);
    if (rest != 0) return Short(6, rest);
    AddOverlaps();
    return Status::Ok();
  }

  void Write(CsvOut* persons) {
    const std::string& xa = spec_.code;
    for (size_t i = 0; i < people_.size(); ++i) {
      const DemoPerson& pp = people_[i];
      persons->Digits(static_cast<uint64_t>(pp.bhxh), 10).Comma();
      if (pp.cccd) persons->Digits(pp.cccd, 12);
      persons->Comma();
      WriteName(pp, persons);
      persons->Comma().DateVn(pp.birth).Comma().Str(pp.sex == kMale ? "Nam" : "Nữ").Comma();
      persons->Str(xa).Comma().Comma().Str(xa).Digits(static_cast<uint64_t>(pp.household) + 1, 7).EndRow();
      facility_ = rng_.PerMille(120) ? province_facility_ : spec_.facility;
      nstarts_ = 0;
      if (assign_[i].code)
        EmitInsured(pp, assign_[i]);
      else
        EmitUninsured(pp);
    }
  }

  void SetProvinceFacility() {
    province_facility_[0] = static_cast<char>('0' + p_.province / 10);
    province_facility_[1] = static_cast<char>('0' + p_.province % 10);
  }

 private:
  Status Short(int group, int64_t missing) {
    return Status::Internal("demo: xã " + spec_.code + " thiếu " + std::to_string(missing) +
                            " người cho nhóm " + std::to_string(group));
  }

  // Gives `code` to every unassigned member of whole households (in random order) while they
  // fit in `want`; with `partial`, the last household is split. Returns the number assigned.
  int64_t FillHouseholds(Code2 code, int64_t want, bool partial = false) {
    std::vector<int32_t> order(hh_start_.size() - 1);
    for (size_t h = 0; h < order.size(); ++h) order[h] = static_cast<int32_t>(h);
    Shuffle(order.data(), order.size(), &rng_);
    int64_t got = 0;
    for (int32_t h : order) {
      if (got >= want) break;
      int64_t free = 0;
      for (int32_t i = hh_start_[static_cast<size_t>(h)]; i < hh_start_[static_cast<size_t>(h) + 1]; ++i)
        free += assign_[static_cast<size_t>(i)].code == 0 && age_[static_cast<size_t>(i)] >= 6;
      if (free == 0 || (!partial && got + free > want)) continue;
      for (int32_t i = hh_start_[static_cast<size_t>(h)]; i < hh_start_[static_cast<size_t>(h) + 1] && got < want; ++i) {
        Assign& a = assign_[static_cast<size_t>(i)];
        if (a.code == 0 && age_[static_cast<size_t>(i)] >= 6) {
          a.code = code;
          ++got;
        }
      }
    }
    return got;
  }

  // Gives the code chosen by `pick` (0 = not eligible) to unassigned people in random order,
  // at most `want`. With elder_first_pct > 0, that share of `want` goes to people 60+ first.
  template <typename Pick>
  int64_t FillIndividuals(int64_t want, Pick pick, int elder_first_pct) {
    if (want <= 0) return 0;
    std::vector<int32_t> order;
    order.reserve(people_.size());
    for (size_t i = 0; i < people_.size(); ++i)
      if (assign_[i].code == 0) order.push_back(static_cast<int32_t>(i));
    Shuffle(order.data(), order.size(), &rng_);
    int64_t got = 0;
    if (elder_first_pct > 0) {
      int64_t elders = want * elder_first_pct / 100;
      for (int32_t i : order) {
        if (got >= elders) break;
        if (age_[static_cast<size_t>(i)] < 60) continue;
        if (Code2 c = pick(static_cast<size_t>(i))) {
          assign_[static_cast<size_t>(i)].code = c;
          ++got;
        }
      }
    }
    for (int32_t i : order) {
      if (got >= want) break;
      if (assign_[static_cast<size_t>(i)].code) continue;
      if (Code2 c = pick(static_cast<size_t>(i))) {
        assign_[static_cast<size_t>(i)].code = c;
        ++got;
      }
    }
    return got;
  }

  // Deliberate double cards, always of a lower-priority group than the counted one: pupils of
  // poor and near-poor households also holding a pupil card; workers whose household card still
  // runs.
  void AddOverlaps() {
    for (size_t i = 0; i < people_.size(); ++i) {
      Assign& a = assign_[i];
      if ((a.code == kHN || a.code == kCN) && age_[i] >= 6 && age_[i] <= 17 && rng_.PerMille(400)) a.extra = kHS;
      if ((a.code == kDN || a.code == kHC) && rng_.PerMille(40)) a.extra = kGD;
    }
  }

  // A person's cards are keyed by their first day (the import's natural key), so a second card
  // starting the same day (only the lower-priority overlaps do) starts a day later.
  void Card(const DemoPerson& pp, Code2 code, int32_t from, int32_t to) {
    for (int i = 0; i < nstarts_; ++i)
      if (starts_[i] == from) {
        ++from;
        i = -1;
      }
    if (from > to) return;
    if (nstarts_ < kMaxCards) starts_[nstarts_++] = from;
    cards_->Write(pp.bhxh, code, from, to, facility_);
  }

  // The school-year (or, for some pupils, calendar-year) card window containing `day`.
  void PupilWindow(int32_t day, bool calendar, int32_t* from, int32_t* to) {
    if (calendar) {
      int y = YearOf(day);
      *from = Days(y, 1, 1);
      *to = Days(y, 12, 31);
    } else {
      *from = SchoolYearStart(day);
      *to = AddMonths(*from, 12) - 1;
    }
  }

  void EmitPupil(const DemoPerson& pp, Code2 code, bool with_history) {
    const int32_t A = p_.as_of;
    const int32_t te_end = TeCardEnd(pp.birth);
    bool calendar = code == kHS && rng_.PerMille(static_cast<uint32_t>(p_.pupil_calendar_per_mille));
    int32_t from, to;
    PupilWindow(A, calendar, &from, &to);
    if (with_history) {
      if (te_end < from) Card(pp, kTE, pp.birth, te_end);
      int h = rng_.Range(1, 3);
      for (int k = h; k >= 1; --k) {
        int32_t s = AddMonths(from, -12 * k);
        if (s > te_end && AgeOn(pp.birth, s) >= 5) Card(pp, code, s, AddMonths(s, 12) - 1);
      }
    }
    Card(pp, code, from, to);
    for (int32_t s = to + 1; s <= p_.data_end; s = AddMonths(s, 12)) {
      if (AgeOn(pp.birth, s) > 22 || !rng_.PerMille(950)) break;
      Card(pp, code == kHS && AgeOn(pp.birth, s) >= 18 ? kSV : code, s, AddMonths(s, 12) - 1);
    }
  }

  void EmitHousehold(const DemoPerson& pp, bool with_history) {
    const int32_t A = p_.as_of;
    const int len = rng_.PerMille(200) ? 6 : 12;
    int32_t from = A - static_cast<int32_t>(rng_.Below(len == 12 ? 365 : 181));
    int32_t to = AddMonths(from, len) - 1;
    if (with_history) {
      int32_t starts[10], ends[10];
      int n = 0;
      int h = rng_.Range(0, 4) * (len == 12 ? 1 : 2);
      int32_t next_from = from;
      const int32_t te_end = TeCardEnd(pp.birth);
      for (int k = 0; k < h && n < 10; ++k) {
        int32_t e = rng_.PerMille(150) ? next_from - rng_.Range(35, 200) : next_from - 1;
        int32_t s = AddMonths(e + 1, -len);
        if (s <= te_end || s < Days(2014, 1, 1)) break;
        starts[n] = s;
        ends[n] = e;
        ++n;
        next_from = s;
      }
      while (n > 0) {
        --n;
        Card(pp, kGD, starts[n], ends[n]);
      }
    }
    Card(pp, kGD, from, to);
    for (int32_t s = to + 1; s <= p_.data_end; s = AddMonths(s, len)) {
      if (!rng_.PerMille(880)) break;
      Card(pp, kGD, s, AddMonths(s, len) - 1);
    }
  }

  void EmitYearly(const DemoPerson& pp, Code2 code, int first_year, int32_t first_day) {
    const int32_t te_end = TeCardEnd(pp.birth);
    for (int y = first_year; y <= ay_ + 1; ++y) {
      int32_t s = std::max(Days(y, 1, 1), first_day);
      if (s > p_.data_end) break;
      if (s <= te_end && te_end < p_.as_of) {
        if (Days(y, 12, 31) < p_.as_of) continue;  // a past year still covered by the TE card
        Card(pp, kTE, pp.birth, te_end);
        s = te_end + 1;
      }
      Card(pp, code, s, Days(y, 12, 31));
    }
  }

  void EmitInsured(const DemoPerson& pp, const Assign& a) {
    const int32_t A = p_.as_of;
    const Code2 c = a.code;
    if (c == kTE) {
      const int32_t te_end = TeCardEnd(pp.birth);
      Card(pp, kTE, pp.birth, te_end);
      // Starting grade 1 on 1 October: the pupil card follows the child's card.
      if (te_end < p_.data_end && rng_.PerMille(950)) Card(pp, kHS, te_end + 1, AddMonths(te_end + 1, 12) - 1);
    } else if (c == kHS || c == kSV) {
      EmitPupil(pp, c, true);
    } else if (c == kGD) {
      EmitHousehold(pp, true);
    } else if (c == kDN || c == kHC || c == kCH || c == kXK || c == kHX) {
      int32_t hire = std::max(A - rng_.Range(20, 3650), AddMonths(pp.birth, 12 * 18));
      if (hire > A) hire = A;
      if (rng_.PerMille(200) && AddMonths(hire, -12) > TeCardEnd(pp.birth))
        Card(pp, kGD, AddMonths(hire, -12), hire - 1);  // a household card before the job
      EmitYearly(pp, c, std::max(YearOf(hire), ay_ - 3), hire);
    } else if (c == kHT) {
      int32_t retired = AddMonths(pp.birth, 12 * (pp.sex == kMale ? 60 : 55) + rng_.Range(0, 36));
      if (retired > A) retired = A - rng_.Range(0, 30);
      if (retired > Days(ay_ - 3, 1, 1)) Card(pp, kDN, Days(YearOf(retired) - 1, 1, 1), retired - 1);
      EmitYearly(pp, kHT, std::max(YearOf(retired), ay_ - 2), retired);
    } else if (c == kTN || c == kNO || c == kTB) {
      int32_t s = A - rng_.Range(0, 89);
      Card(pp, kDN, AddMonths(s, -rng_.Range(12, 48)), s - 1);
      Card(pp, c, s, AddMonths(s, rng_.Range(3, 6)) - 1);
    } else {
      EmitYearly(pp, c, ay_ - rng_.Range(0, 2), Days(1900, 1, 1));
    }
    if (a.extra == kHS) {
      EmitPupil(pp, kHS, false);
    } else if (a.extra == kGD) {
      int32_t from = A - static_cast<int32_t>(rng_.Below(365));
      Card(pp, kGD, from, AddMonths(from, 12) - 1);
    }
  }

  void EmitUninsured(const DemoPerson& pp) {
    const int32_t A = p_.as_of;
    const int32_t te_end = TeCardEnd(pp.birth);
    const int age = AgeOn(pp.birth, A);
    if (te_end < A && age <= 8) Card(pp, kTE, pp.birth, te_end);
    if (age >= 6 && age <= 22) {
      if (rng_.PerMille(550)) {  // last school year's card, not renewed
        int32_t cur = SchoolYearStart(A);
        int32_t s = AddMonths(cur, -12);
        if (s > te_end) Card(pp, age >= 19 ? kSV : kHS, s, cur - 1);
      }
    } else if (age > 22) {
      uint32_t u = rng_.Below(1000);
      if (u < 380) {  // a household card that lapsed
        int32_t e = A - rng_.Range(1, 720);
        int32_t s = AddMonths(e + 1, -12);
        if (rng_.PerMille(300)) Card(pp, kGD, AddMonths(s, -12), s - 1);
        Card(pp, kGD, s, e);
      } else if (u < 530) {  // lost a job
        int32_t e = A - rng_.Range(15, 1500);
        int32_t s = std::max(AddMonths(e + 1, -rng_.Range(12, 60)), AddMonths(pp.birth, 12 * 18));
        if (s < e) Card(pp, kDN, s, e);
      }
    }
    if (p_.campaign_from > 0 && age >= 6) {
      if (age <= 22 && rng_.PerMille(850) && p_.campaign_from <= p_.data_end) {
        Card(pp, age <= 17 ? kHS : kSV, p_.campaign_from, AddMonths(p_.campaign_from, 12) - 1);
      } else if (age > 17 && rng_.PerMille(300)) {
        int32_t s = p_.campaign_from + rng_.Range(0, 30);
        if (s <= p_.data_end) Card(pp, kGD, s, AddMonths(s, 12) - 1);
      }
    }
  }

  const CalibratedParams& p_;
  const CommuneSpec& spec_;
  DemoRng rng_;
  CardWriter* cards_;
  int ay_, am_, ad_;
  std::vector<DemoPerson> people_;
  std::vector<int8_t> age_;
  std::vector<int32_t> hh_start_;
  std::vector<Assign> assign_;
  const char* facility_ = nullptr;
  static constexpr int kMaxCards = 32;
  int32_t starts_[kMaxCards];
  int nstarts_ = 0;
  char province_facility_[6] = "00001";
};

}  // namespace

Status GenerateCalibratedCommune(const CalibratedParams& params, const CommuneSpec& spec,
                                 uint64_t commune_seed, IdIssuer* ids, CsvOut* persons,
                                 CardWriter* cards) {
  CommuneGen g(params, spec, commune_seed, cards);
  g.SetProvinceFacility();
  g.MakePeople(ids);
  BAOPHU_RETURN_IF_ERROR(g.AssignQuotas());
  g.Write(persons);
  return Status::Ok();
}

}  // namespace baophu::demo
