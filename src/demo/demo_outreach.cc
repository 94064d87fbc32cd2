#include "demo/demo_outreach.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include "core/text.h"

namespace baophu::demo {
namespace {

const Date kAsOf = Date::FromYmd(2021, 11, 10);

struct DemoCard {
  Date from, to;
  std::string object;
  ReportingGroupId group = 0;
};

struct DemoPerson {
  std::string bhxh, cccd, name, sex, hamlet, household;
  Date birth;
  std::vector<DemoCard> cards;
  const DemoCard* CardOn(const RuleSet& rules, Date d) const {
    const DemoCard* best = nullptr;
    for (const DemoCard& c : cards)
      if (c.from <= d && d <= c.to && (!best || rules.Rank(c.group) < rules.Rank(best->group))) best = &c;
    return best;
  }
};

std::vector<std::string> Split(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : line) {
    if (c == ',') {
      out.push_back(cur);
      cur.clear();
    } else if (c != '\r') {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

std::string Key(const std::string& name) { return FoldForSearch(ToNfc(name)); }

std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> w;
  std::istringstream in(s);
  for (std::string x; in >> x;) w.push_back(x);
  return w;
}
std::string Join(const std::vector<std::string>& w) {
  std::string s;
  for (const std::string& x : w) s += (s.empty() ? "" : " ") + x;
  return s;
}

// Folded spellings that differ by a middle "thi"/"van" (as the matcher tries them).
std::vector<std::string> Variants(const std::string& key) {
  std::vector<std::string> t = Words(key), out;
  if (t.size() < 2) return out;
  bool has = false;
  for (size_t i = 1; i + 1 < t.size(); ++i) {
    if (t[i] != "thi" && t[i] != "van") continue;
    has = true;
    std::vector<std::string> v = t;
    v.erase(v.begin() + static_cast<std::ptrdiff_t>(i));
    out.push_back(Join(v));
  }
  if (!has)
    for (const char* w : {"thi", "van"}) {
      std::vector<std::string> v = t;
      v.insert(v.begin() + 1, w);
      out.push_back(Join(v));
    }
  return out;
}

// The name without the "Thị"/"Văn" right after the family name (empty when there is none), so
// that the matcher's variant (adding it back there) finds the person.
std::string DropMiddle(const std::string& name) {
  std::vector<std::string> w = Words(name);
  if (w.size() < 3 || (w[1] != "Thị" && w[1] != "Văn")) return "";
  w.erase(w.begin() + 1);
  return Join(w);
}

std::string Upper(const std::string& name) {
  // Vietnamese capitals through the folded key would lose the marks; ASCII letters only here,
  // accented small letters stay: the matcher compares case-insensitively either way.
  std::string out = name;
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

int Age(Date birth, Date on) {
  int a = on.year() - birth.year();
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) --a;
  return a;
}

}  // namespace

Status WriteBacLieuOutreach(const RuleSet& rules, const std::string& dir_in, std::vector<std::string>* files) {
  const std::string dir = dir_in.empty() || dir_in.back() == '/' ? dir_in : dir_in + "/";
  const std::string commune = kOutreachCommune;
  // Pass 1: every person's (folded name, birth) across the province, for the uniqueness the
  // planted name matches need; the commune's people in full.
  std::unordered_map<std::string, int> name_birth;  // folded name + '|' + ISO birth → people
  std::map<std::string, DemoPerson> people;         // of the commune, by BHXH number
  {
    std::ifstream in(dir + "persons.csv");
    if (!in) return Status::IOError("demo: không đọc được " + dir + "persons.csv");
    std::string line;
    std::getline(in, line);  // ma_so_bhxh,so_cccd,ho_ten,ngay_sinh,gioi_tinh,ma_xa,ma_thon,ma_ho_gd
    while (std::getline(in, line)) {
      std::vector<std::string> f = Split(line);
      if (f.size() < 8) continue;
      auto birth = Date::Parse(f[3]);
      if (!birth.ok()) continue;
      ++name_birth[Key(f[2]) + "|" + birth->ToIso()];
      if (f[5] != commune) continue;
      DemoPerson p;
      p.bhxh = f[0];
      p.cccd = f[1];
      p.name = f[2];
      p.birth = *birth;
      p.sex = f[4];
      p.hamlet = f[6];
      p.household = f[7];
      people[p.bhxh] = std::move(p);
    }
  }
  {
    std::ifstream in(dir + "cards.csv");
    if (!in) return Status::IOError("demo: không đọc được " + dir + "cards.csv");
    std::string line;
    std::getline(in, line);  // ma_so_bhxh,ma_the,tu_ngay,den_ngay,...
    while (std::getline(in, line)) {
      size_t comma = line.find(',');
      auto it = people.find(line.substr(0, comma));
      if (it == people.end()) continue;
      std::vector<std::string> f = Split(line);
      auto from = Date::Parse(f[2]);
      auto to = Date::Parse(f[3]);
      if (!from.ok() || !to.ok() || f[1].size() < 2) continue;
      DemoCard c{*from, *to, f[1].substr(0, 2), 0};
      auto obj = ObjectCode::Parse(c.object);
      c.group = obj.ok() ? rules.ReportingGroupOf(*obj, c.from) : 0;
      it->second.cards.push_back(c);
    }
  }
  if (people.size() < 500) return Status::Internal("demo: xã " + commune + " có quá ít người cho danh sách vận động");
  const ReportingGroup* pupils_group = rules.FindGroupByCode("HSSV");
  auto unique_name = [&](const DemoPerson& p) {
    if (name_birth[Key(p.name) + "|" + p.birth.ToIso()] != 1) return false;
    for (const std::string& v : Variants(Key(p.name)))
      if (name_birth.count(v + "|" + p.birth.ToIso())) return false;
    return true;
  };
  // A Thị/Văn-dropped spelling that nobody holds: the matcher can only offer the person.
  auto droppable = [&](const DemoPerson& p) {
    std::string d = DropMiddle(p.name);
    return !d.empty() && !name_birth.count(Key(d) + "|" + p.birth.ToIso()) &&
           name_birth[Key(p.name) + "|" + p.birth.ToIso()] == 1;
  };

  std::ofstream expected(dir + "outreach_expected.csv");
  expected << "danh_sach,ma_muc,tinh_trang\n";
  auto expect = [&](const char* list, const std::string& entry, const char* status) {
    expected << list << ',' << entry << ',' << status << '\n';
  };
  auto row_key = [](const std::string& bhxh, const std::string& cccd, const std::string& name, Date birth) {
    if (!bhxh.empty()) return "b:" + bhxh;
    if (!cccd.empty()) return "c:" + cccd;
    return "n:" + Key(name) + "|" + birth.ToIso();
  };
  // How a roster row is written, and what the list must say of it.
  enum class Ident { kBhxh, kCccd, kName, kNoMarks, kCaps, kDropMiddle };
  auto status_of = [&](const DemoPerson& p, Ident how, bool pupils) -> const char* {
    if (how == Ident::kDropMiddle) return "uncertain";
    const DemoCard* c = p.CardOn(rules, kAsOf);
    if (!c) return "no_card";
    if (pupils && pupils_group && c->group != pupils_group->id) return "other_group";
    return nullptr;  // insured through the list's own group: counted, not listed
  };
  auto written_name = [&](const DemoPerson& p, Ident how) {
    switch (how) {
      case Ident::kNoMarks: return Key(p.name);  // "nguyen van an"
      case Ident::kCaps: return Upper(p.name);
      case Ident::kDropMiddle: return DropMiddle(p.name);
      default: return p.name;
    }
  };

  // --- Pupils: the commune's lower-secondary school, classes by year of birth. --------------------
  std::ofstream pupils(dir + "outreach_pupils.csv");
  pupils << "ma_truong,ten_truong,ma_dvhc,lop,ma_so_bhxh,so_cccd,ho_ten,ngay_sinh,dien_thoai\n";
  std::set<std::string> classes;
  int n = 0;
  int no_marks = 0, dropped = 0;
  for (const auto& [b, p] : people) {
    int age = Age(p.birth, Date::FromYmd(2021, 9, 5));
    if (age < 11 || age > 14 || n >= 160) continue;
    std::string cls = std::to_string(age - 5) + (n % 2 ? "B" : "A");  // 11 years on 05/09 → grade 6
    classes.insert(cls);
    Ident how = Ident::kBhxh;
    if (n % 9 == 4 && unique_name(p)) how = no_marks++ < 4 ? Ident::kNoMarks : Ident::kName;
    else if (n % 11 == 7 && droppable(p) && dropped < 3) { how = Ident::kDropMiddle; ++dropped; }
    std::string name = written_name(p, how);
    bool by_bhxh = how == Ident::kBhxh;
    pupils << "THCS_P2,Trường THCS Phường 2," << commune << ',' << cls << ',' << (by_bhxh ? p.bhxh : "") << ",,"
           << name << ',' << p.birth.ToVn() << ",09" << p.bhxh.substr(2) << '\n';
    if (const char* st = status_of(p, how, true))
      expect("pupils", "r:1|THCS_P2|" + row_key(by_bhxh ? p.bhxh : "", "", name, p.birth), st);
    ++n;
  }
  // Three pupils the registry does not know.
  const char* unknown[][2] = {{"Lý Văn Ôn", "01/01/2010"}, {"Thạch Thị Sa Rết", "15/03/2009"}, {"Quách Minh Khôi", "20/08/2008"}};
  for (auto& u : unknown) {
    Date birth = *Date::Parse(u[1]);
    pupils << "THCS_P2,Trường THCS Phường 2," << commune << ",6A,,," << u[0] << ',' << u[1] << ",\n";
    expect("pupils", "r:1|THCS_P2|" + row_key("", "", u[0], birth), "not_found");
  }

  // --- Social-protection lists. --------------------------------------------------------------------
  std::ofstream ben(dir + "outreach_beneficiaries.csv");
  ben << "loai_doi_tuong,ma_dvhc,ma_so_bhxh,so_cccd,ho_ten,ngay_sinh,tu_ngay,den_ngay\n";
  int under6 = 0, poor = 0, near_poor = 0, planted_poor = 0, planted_near = 0, policy = 0;
  auto ever = [](const DemoPerson& p, const char* obj) {
    for (const DemoCard& c : p.cards)
      if (c.object == obj) return true;
    return false;
  };
  for (const auto& [b, p] : people) {
    const DemoCard* now = p.CardOn(rules, kAsOf);
    if (kAsOf < p.birth) continue;
    if (Age(p.birth, kAsOf) < 6 && under6 < 80) {
      Date sixth = Date::FromYmd(p.birth.year() + 6, p.birth.month(), p.birth.day() == 29 && p.birth.month() == 2 ? 28 : p.birth.day());
      ben << "Trẻ em dưới 6 tuổi," << commune << ',' << p.bhxh << ",," << p.name << ',' << p.birth.ToVn() << ','
          << p.birth.ToVn() << ',' << sixth.AddDays(-1).ToVn() << '\n';
      if (!now) expect("beneficiaries", "r:2|duoi_6|b:" + p.bhxh, "no_card");
      ++under6;
      continue;
    }
    if (Age(p.birth, kAsOf) < 18) continue;
    std::string by_cccd = p.cccd;  // the poor lists give the CCCD when there is one
    if (ever(p, "HN") && poor < 40) {
      ben << "Hộ nghèo," << commune << ',' << (by_cccd.empty() ? p.bhxh : "") << ',' << by_cccd << ',' << p.name << ','
          << p.birth.ToVn() << ",01/01/2021,31/12/2021\n";
      if (!now) expect("beneficiaries", "r:2|ngheo|" + row_key(by_cccd.empty() ? p.bhxh : "", by_cccd, p.name, p.birth), "no_card");
      ++poor;
    } else if (ever(p, "CN") && near_poor < 30) {
      ben << "Hộ cận nghèo," << commune << ',' << p.bhxh << ",," << p.name << ',' << p.birth.ToVn() << ",01/01/2021,31/12/2021\n";
      if (!now) expect("beneficiaries", "r:2|can_ngheo|b:" + p.bhxh, "no_card");
      ++near_poor;
    } else if (!now && p.cards.empty() && planted_poor < 12 && !p.cccd.empty()) {
      // Planted: poor on the commune's list, never insured.
      ben << "Hộ nghèo," << commune << ",," << p.cccd << ',' << p.name << ',' << p.birth.ToVn() << ",01/01/2021,31/12/2021\n";
      expect("beneficiaries", "r:2|ngheo|c:" + p.cccd, "no_card");
      ++planted_poor;
    } else if (!now && planted_near < 8 && unique_name(p)) {
      // Planted: near-poor, listed by name and birth date only, without a card now.
      ben << "Hộ cận nghèo," << commune << ",,," << p.name << ',' << p.birth.ToVn() << ",01/01/2021,31/12/2021\n";
      expect("beneficiaries", "r:2|can_ngheo|" + row_key("", "", p.name, p.birth), "no_card");
      ++planted_near;
    } else if ((ever(p, "CC") || ever(p, "CK")) && policy < 20) {
      ben << "Chính sách," << commune << ',' << p.bhxh << ",," << p.name << ',' << p.birth.ToVn() << ",,\n";
      if (!now) expect("beneficiaries", "r:2|chinh_sach|b:" + p.bhxh, "no_card");
      ++policy;
    }
  }
  const char* veterans[][2] = {{"Mai Văn Quý", "03/03/1950"}, {"Tô Thị Hường", "12/07/1948"}};
  for (auto& u : veterans) {
    ben << "Chính sách," << commune << ",,," << u[0] << ',' << u[1] << ",,\n";
    expect("beneficiaries", "r:2|chinh_sach|" + row_key("", "", u[0], *Date::Parse(u[1])), "not_found");
  }

  // --- Members of organisations. ---------------------------------------------------------------------
  std::ofstream mem(dir + "outreach_members.csv");
  mem << "ma_to_chuc,ten_to_chuc,ma_dvhc,ma_so_bhxh,so_cccd,ho_ten,ngay_sinh,dien_thoai\n";
  struct Org {
    const char* code;
    const char* name;
    int cap;
    int count = 0, stride = 0;
  };
  Org orgs[] = {{"MTTQ_P2", "Ban công tác Mặt trận Phường 2", 80},
                {"HLHPN_P2", "Hội Liên hiệp Phụ nữ Phường 2", 80},
                {"DTN_P2", "Đoàn Thanh niên Phường 2", 60},
                {"HND_P2", "Hội Nông dân Phường 2", 50},
                {"CCB_P2", "Hội Cựu chiến binh Phường 2", 40}};
  int caps = 0, drop_women = 0;
  for (const auto& [b, p] : people) {
    int age = Age(p.birth, kAsOf);
    bool woman = p.sex == "Nữ";
    for (Org& o : orgs) {
      bool fits = std::string(o.code) == "MTTQ_P2"    ? age >= 18
                  : std::string(o.code) == "HLHPN_P2" ? woman && age >= 18
                  : std::string(o.code) == "DTN_P2"   ? age >= 16 && age <= 30
                  : std::string(o.code) == "HND_P2"   ? !woman && age >= 30 && age < 60
                                                      : !woman && age >= 60;
      if (!fits || o.count >= o.cap || (o.stride++ % 7) != 0) continue;
      Ident how = !p.cccd.empty() && o.count % 4 == 1 ? Ident::kCccd : Ident::kBhxh;
      if (std::string(o.code) == "HLHPN_P2" && drop_women < 2 && droppable(p)) {
        how = Ident::kDropMiddle;
        ++drop_women;
      } else if (std::string(o.code) == "MTTQ_P2" && caps < 3 && unique_name(p)) {
        how = Ident::kCaps;
        ++caps;
      }
      std::string name = written_name(p, how);
      std::string bhxh = how == Ident::kBhxh ? p.bhxh : "", cccd = how == Ident::kCccd ? p.cccd : "";
      mem << o.code << ',' << o.name << ',' << commune << ',' << bhxh << ',' << cccd << ',' << name << ','
          << p.birth.ToVn() << ",09" << p.bhxh.substr(2) << '\n';
      if (const char* st = status_of(p, how, false))
        expect("members", std::string("r:3|") + o.code + "|" + row_key(bhxh, cccd, name, p.birth), st);
      ++o.count;
    }
  }

  // --- Who is responsible. ----------------------------------------------------------------------------
  std::ofstream resp(dir + "outreach_responsibles.csv");
  resp << "pham_vi,ma_truong,lop,ma_thon,ma_to_chuc,nguoi_phu_trach\n";
  const char* teachers[] = {"Cô Nguyễn Thị Lan", "Thầy Trần Văn Hải", "Cô Lê Thị Hồng", "Thầy Phạm Minh Đức",
                            "Cô Võ Thị Mai", "Thầy Huỳnh Văn Tâm", "Cô Đặng Thị Thu", "Thầy Lâm Quốc Bảo"};
  size_t t = 0;
  for (const std::string& c : classes) resp << "lớp,THCS_P2," << c << ",,," << teachers[t++ % std::size(teachers)] << '\n';
  std::set<std::string> hamlets;
  for (const auto& [b, p] : people)
    if (!p.hamlet.empty()) hamlets.insert(p.hamlet);
  int h = 1;
  for (const std::string& x : hamlets) resp << "thôn,,," << x << ",,Cán bộ khóm " << h++ << '\n';
  for (const Org& o : orgs) resp << "tổ chức,,,," << o.code << ",Chủ tịch " << o.name << '\n';

  // --- The registry's own lists, on the date. ---------------------------------------------------------
  std::map<std::string, std::vector<const DemoPerson*>> households;
  for (const auto& [b, p] : people) {
    if (!p.household.empty()) households[p.household].push_back(&p);
    const DemoCard* now = p.CardOn(rules, kAsOf);
    if (!now) {
      Date last = Date::Min();
      for (const DemoCard& c : p.cards)
        if (c.to < kAsOf) last = std::max(last, c.to);
      if (last != Date::Min() && last >= kAsOf.AddDays(-365)) expect("expired", "p:" + p.bhxh, "expired");
    } else {
      Date end = kAsOf.AddDays(-1);
      for (bool grew = true; grew;) {
        grew = false;
        for (const DemoCard& c : p.cards)
          if (c.from <= end.AddDays(1) && c.to > end) {
            end = c.to;
            grew = true;
          }
      }
      if (end <= kAsOf.AddDays(30)) expect("expiring", "p:" + p.bhxh, "expiring");
    }
  }
  for (const auto& [code, members] : households) {
    int insured = 0;
    for (const DemoPerson* p : members) insured += p->CardOn(rules, kAsOf) != nullptr;
    if (insured == 0 || insured == static_cast<int>(members.size())) continue;
    for (const DemoPerson* p : members)
      if (!p->CardOn(rules, kAsOf)) expect("households", "p:" + p->bhxh, "no_card");
  }
  for (std::ofstream* f : {&pupils, &ben, &mem, &resp, &expected}) {
    f->close();
    if (!*f) return Status::IOError("demo: không ghi được danh sách vận động trong " + dir);
  }
  for (const char* f : {"outreach_pupils", "outreach_beneficiaries", "outreach_members", "outreach_responsibles",
                        "outreach_expected"})
    files->push_back(dir + f + ".csv");
  return Status::Ok();
}

}  // namespace baophu::demo
