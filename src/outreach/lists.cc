#include "outreach/lists.h"

#include <algorithm>
#include <map>
#include <span>
#include <unordered_map>
#include <tuple>
#include <unordered_set>

#include "core/text.h"
#include "money/contribution.h"
#include "outreach/followup.h"
#include "outreach/roster_import.h"

namespace baophu::outreach {
namespace {

struct KindInfo {
  ListKind kind;
  const char* key;
  const char* vi_key;
  const char* title_vi;
  const char* title_en;
};
constexpr KindInfo kKinds[] = {
    {ListKind::kExpired, "expired", "het_han", "Thẻ đã hết hạn, chưa gia hạn", "Expired, not renewed"},
    {ListKind::kExpiring, "expiring", "sap_het_han", "Thẻ sắp hết hạn", "Expiring soon"},
    {ListKind::kHouseholds, "households", "ho_gia_dinh", "Hộ gia đình chưa tham gia đủ",
     "Households partly insured"},
    {ListKind::kPupils, "pupils", "hoc_sinh", "Học sinh theo trường, lớp", "Pupils by school and class"},
    {ListKind::kBeneficiaries, "beneficiaries", "doi_tuong", "Đối tượng bảo trợ chưa có thẻ",
     "Beneficiaries without a card"},
    {ListKind::kMembers, "members", "hoi_vien", "Hội viên, đoàn viên chưa có thẻ", "Members without a card"},
    {ListKind::kMatches, "matches", "can_xac_nhan", "Đối chiếu cần xác nhận", "Matches to confirm"},
};

// A person's cards as read from the index (copied out of the callback).
struct Held {
  CoverageIndex::Slot slot = 0;
  std::string household;
  Date birth;
  std::vector<CoverageIndex::PersonCardView> cards;
};

// The card valid on d with the best priority (lowest rank), or null.
using Cards = std::span<const CoverageIndex::PersonCardView>;

const CoverageIndex::PersonCardView* CardOn(const RuleSet& rules, Cards cards,
                                            Date d) {
  const CoverageIndex::PersonCardView* best = nullptr;
  for (const auto& c : cards) {
    if (c.from <= d && d <= c.to && (!best || rules.Rank(c.group) < rules.Rank(best->group))) best = &c;
  }
  return best;
}

// The last day of the run of consecutive insured days that contains d (d must be insured).
Date RunEnd(Cards cards, Date d) {
  Date end = d.AddDays(-1);
  bool grew = true;
  while (grew) {
    grew = false;
    for (const auto& c : cards)
      if (c.from <= end.AddDays(1) && c.to > end) {
        end = c.to;
        grew = true;
      }
  }
  return end;
}

std::string GroupLabel(const RuleSet& rules, const CoverageIndex::PersonCardView& c) {
  const ReportingGroup* g = rules.FindGroup(c.group);
  std::string obj(c.object, c.object[0] ? 2 : 0);
  return (g ? g->name_vi : std::string("?")) + (obj.empty() ? "" : " (" + obj + ")");
}

// Reads the people `wanted` from the index (a binary search each), keyed by BHXH number.
std::unordered_map<int64_t, Held> ReadHeld(const CoverageIndex& index, const std::unordered_set<int64_t>& wanted) {
  std::unordered_map<int64_t, Held> out;
  auto keep = [&](const CoverageIndex::PersonView& v) {
    Held& h = out[v.bhxh.value()];
    h.slot = v.slot;
    h.household = std::string(v.household);
    h.birth = v.birth;
    h.cards.assign(v.cards, v.cards + v.card_count);
  };
  std::vector<BhxhNumber> people;
  for (int64_t b : wanted) people.push_back(BhxhNumber::FromInt(b));
  index.ForEachPersonOf(people, keep);
  return out;
}

}  // namespace

Result<ListKind> ParseListKind(std::string_view text) {
  for (const KindInfo& k : kKinds)
    if (text == k.key || text == k.vi_key) return k.kind;
  return Status::InvalidArgument("loại danh sách không hợp lệ '" + std::string(text) +
                                 "': cần expired, expiring, households, pupils, beneficiaries, members hoặc matches");
}
const char* ListKindKey(ListKind k) {
  for (const KindInfo& i : kKinds)
    if (i.kind == k) return i.key;
  return "";
}
const char* ListKindTitleVi(ListKind k) {
  for (const KindInfo& i : kKinds)
    if (i.kind == k) return i.title_vi;
  return "";
}
const char* ListKindTitleEn(ListKind k) {
  for (const KindInfo& i : kKinds)
    if (i.kind == k) return i.title_en;
  return "";
}

const char* EntryStatusVi(EntryStatus s) {
  switch (s) {
    case EntryStatus::kNoCard: return "Chưa có thẻ còn hạn";
    case EntryStatus::kOtherGroup: return "Có thẻ qua nhóm khác";
    case EntryStatus::kListedInsured: return "Có thẻ";
    case EntryStatus::kNotFound: return "Không tìm thấy trong sổ";
    case EntryStatus::kUncertain: return "Cần xác nhận";
    case EntryStatus::kExpiring: return "Sắp hết hạn";
    case EntryStatus::kExpired: return "Đã hết hạn";
  }
  return "";
}
const char* EntryStatusEn(EntryStatus s) {
  switch (s) {
    case EntryStatus::kNoCard: return "No valid card";
    case EntryStatus::kOtherGroup: return "Insured through another group";
    case EntryStatus::kListedInsured: return "Insured";
    case EntryStatus::kNotFound: return "Not in the registry";
    case EntryStatus::kUncertain: return "To confirm";
    case EntryStatus::kExpiring: return "Expiring";
    case EntryStatus::kExpired: return "Expired";
  }
  return "";
}

std::string RosterEntryKey(const RosterRow& r) {
  return "r:" + std::to_string(static_cast<int>(r.kind)) + "|" + r.group_code + "|" + r.row_key;
}

std::string MaskMiddle(std::string_view s) {
  std::string out(s);
  if (out.size() <= 6) return std::string(out.size(), '*');
  for (size_t i = 3; i + 3 < out.size(); ++i)
    if (out[i] != ' ') out[i] = '*';
  return out;
}

namespace {

// Fills name, CCCD, commune ... of entries with a BHXH number from the store.
Status FillFromStoreIn(Store* store, std::vector<ListEntry>* entries) {
  // In BHXH order: neighbouring keys share the B-tree's pages (a third faster than list order).
  std::vector<ListEntry*> order;
  order.reserve(entries->size());
  for (ListEntry& e : *entries)
    if (e.bhxh.valid()) order.push_back(&e);
  std::sort(order.begin(), order.end(), [](const ListEntry* a, const ListEntry* b) { return a->bhxh.value() < b->bhxh.value(); });
  for (ListEntry* entry : order) {
    ListEntry& e = *entry;
    auto p = store->FindPerson(e.bhxh);
    if (!p.ok()) return p.status();
    if (!p->has_value()) continue;
    const Person& x = **p;
    if (e.full_name.empty()) e.full_name = x.full_name;
    if (e.citizen_id.empty()) e.citizen_id = x.citizen_id.str();
    if (!e.birth_date.valid()) e.birth_date = x.birth_date;
    if (e.commune.empty()) e.commune = x.commune;
    if (e.hamlet.empty()) e.hamlet = x.hamlet;
    if (e.household.empty()) e.household = x.household_code;
  }
  return Status::Ok();
}

// The same in one read transaction.
Status FillFromStore(Store* store, std::vector<ListEntry>* entries) {
  BAOPHU_RETURN_IF_ERROR(store->BeginRead());
  Status st = FillFromStoreIn(store, entries);
  Status end = store->EndRead();
  return st.ok() ? end : st;
}

void SortEntries(std::vector<ListEntry>* entries) {
  thread_local const Collator coll;  // opening ICU's Vietnamese rules costs more than a small list
  std::vector<std::pair<std::string, size_t>> keys;
  for (size_t i = 0; i < entries->size(); ++i) {
    const ListEntry& e = (*entries)[i];
    // The given name decides Vietnamese name order ("Nguyễn Văn An" sorts under A), then the whole name.
    std::string given = e.full_name.substr(e.full_name.rfind(' ') == std::string::npos ? 0 : e.full_name.rfind(' ') + 1);
    keys.push_back({e.group_code + '\x01' + e.subgroup + '\x01' + e.household + '\x01' + coll.SortKey(given) + '\x01' +
                        coll.SortKey(e.full_name) + '\x01' + e.bhxh.ToString() + e.entry_key,
                    i});
  }
  std::sort(keys.begin(), keys.end());
  std::vector<ListEntry> out;
  out.reserve(entries->size());
  for (auto& k : keys) out.push_back(std::move((*entries)[k.second]));
  *entries = std::move(out);
}

bool InSubtree(const LoadedRegistry& reg, const std::string& unit, UnitTree::Index root, Date on) {
  if (unit.empty()) return false;
  UnitTree::Index i = reg.tree.Resolve(unit, on);
  return i != UnitTree::kNone && reg.tree.IsWithin(i, root, on);
}

}  // namespace

Result<OutreachList> BuildList(const ListContext& ctx, const ListRequest& req) {
  const LoadedRegistry& reg = *ctx.reg;
  const Date d = req.as_of;
  if (!d.valid()) return Status::InvalidArgument("thiếu ngày của danh sách");
  UnitTree::Index root = reg.tree.Resolve(req.unit, d);
  if (root == UnitTree::kNone)
    return Status::NotFound("không có đơn vị hành chính mã '" + req.unit + "' vào ngày " + d.ToVn());
  OutreachList list;
  list.kind = req.kind;
  list.unit_code = req.unit;
  list.unit_name = reg.tree.unit(root).name;
  list.as_of = d;

  LeftOut left;
  std::vector<Assignment> assignments;
  if (ctx.outreach) {
    BAOPHU_RETURN_IF_ERROR(LoadLeftOut(ctx.store, ctx.outreach, &left));
    BAOPHU_RETURN_IF_ERROR(ctx.outreach->ListAssignments(&assignments));
  }
  std::map<std::string, std::string> assignee_of;
  for (const Assignment& a : assignments)
    if (a.list == ListKindKey(req.kind)) assignee_of[a.entry_key] = a.assignee;
  auto leaves = [&](const std::string& key, BhxhNumber b) {
    if (left.entries.count(key) || (b.valid() && left.people.count(b.value()))) {
      ++list.left;
      return true;
    }
    return false;
  };

  const bool registry_list =
      req.kind == ListKind::kExpired || req.kind == ListKind::kExpiring || req.kind == ListKind::kHouseholds;
  if (registry_list) {
    auto slots = SlotsOf(reg, req.unit, d);
    if (!slots.ok()) return slots.status();
    if (slots->empty()) return list;
    const Date window_start = d.AddDays(-req.window_days);
    const Date horizon = d.AddDays(req.days);
    // One pass over the unit's people in the engine; nothing is copied but what is listed.
    if (req.kind == ListKind::kHouseholds) {
      struct Member {
        std::string household;  // copied: the index's strings may move once the read lock is released
        int64_t bhxh;
        bool insured, in_group;
      };
      std::vector<Member> members;
      reg.index->ForEachPerson(*slots, [&](const CoverageIndex::PersonView& v) {
        if (v.household.empty()) return;
        const auto* c = CardOn(reg.rules, Cards(v.cards, v.card_count), d);
        members.push_back({std::string(v.household), v.bhxh.value(), c != nullptr,
                           c && c->object[0] == 'G' && c->object[1] == 'D'});
      });
      std::sort(members.begin(), members.end(), [](const Member& a, const Member& b) {
        return std::tie(a.household, a.bhxh) < std::tie(b.household, b.bhxh);
      });
      money::FeeRequest base;
      base.period_from = d;
      base.months = 12;
      base.household = true;
      // No province: its extra support is for support categories, and these members have none.
      // The cost of the uninsured depends only on how many members are in the household group
      // already and how many join: computed once per such pair.
      std::map<std::pair<size_t, size_t>, std::vector<Money>> cost_of;
      auto costs_for = [&](size_t in_group, size_t joining) -> Result<const std::vector<Money>*> {
        auto [it, fresh] = cost_of.try_emplace({in_group, joining});
        if (!fresh) return &it->second;
        it->second.assign(joining, Money());
        if (!ctx.money) return &it->second;
        money::FeeRequest fr = base;
        for (size_t i = 0; i < in_group + joining; ++i) fr.members.push_back({"", BhxhNumber::FromInt(-1)});
        auto fee = money::ComputeFee(*ctx.money, fr);
        if (!fee.ok()) return fee.status();
        for (size_t i = 0; i < joining; ++i) it->second[i] = fee->members[in_group + i].payable;
        return &it->second;
      };
      for (size_t lo = 0; lo < members.size();) {
        size_t hi = lo;
        while (hi < members.size() && members[hi].household == members[lo].household) ++hi;
        std::vector<int64_t> uninsured;
        size_t insured = 0, in_group = 0;
        for (size_t i = lo; i < hi; ++i) {
          const Member& m = members[i];
          // left.people holds the person of every "p:" entry that left (LoadLeftOut).
          if (!left.people.empty() && left.people.count(m.bhxh)) continue;
          if (m.insured) {
            ++insured;
            in_group += m.in_group;
          } else {
            uninsured.push_back(m.bhxh);
          }
        }
        const std::string& code = members[lo].household;
        lo = hi;
        if (insured == 0 || uninsured.empty()) continue;
        ListSection s;
        s.group_code = code;
        s.listed = static_cast<int64_t>(insured + uninsured.size());
        s.insured = static_cast<int64_t>(insured);
        s.missing = static_cast<int64_t>(uninsured.size());
        s.rate_hundredths = RateHundredths(s.insured, s.listed);
        // The household group's cost for the uninsured: members already in the group come first
        // in the order (their share is not counted), then the uninsured in BHXH order.
        auto costs = costs_for(in_group, uninsured.size());
        if (!costs.ok()) return costs.status();
        for (size_t i = 0; i < uninsured.size(); ++i) {
          ListEntry e;
          e.bhxh = BhxhNumber::FromInt(uninsured[i]);
          e.entry_key = "p:" + e.bhxh.ToString();
          e.group_code = code;
          e.household = code;
          e.status = EntryStatus::kNoCard;
          e.cost = (**costs)[i];
          s.cost = s.cost + e.cost;
          list.entries.push_back(std::move(e));
        }
        list.sections.push_back(std::move(s));
      }
    } else {
      reg.index->ForEachPerson(*slots, [&](const CoverageIndex::PersonView& v) {
        const Cards cards(v.cards, v.card_count);
        const auto* now = CardOn(reg.rules, cards, d);
        ListEntry e;
        if (req.kind == ListKind::kExpired) {
          if (now || cards.empty()) return;
          Date last = Date::Min();
          const CoverageIndex::PersonCardView* lc = nullptr;
          for (const auto& c : cards)
            if (c.to < d && c.to > last) {
              last = c.to;
              lc = &c;
            }
          if (!lc || last < window_start) return;
          e.status = EntryStatus::kExpired;
          e.card_end = last;
          e.via_group = GroupLabel(reg.rules, *lc);
        } else {
          if (!now) return;
          Date end = RunEnd(cards, d);
          if (end > horizon) return;
          e.status = EntryStatus::kExpiring;
          e.card_end = end;
          e.via_group = GroupLabel(reg.rules, *now);
        }
        e.bhxh = v.bhxh;
        e.entry_key = "p:" + v.bhxh.ToString();
        e.household = std::string(v.household);
        list.entries.push_back(std::move(e));
      });
      // The follow-up's leavers, after the pass (leaves() counts them).
      std::erase_if(list.entries, [&](const ListEntry& e) { return leaves(e.entry_key, e.bhxh); });
    }
  } else {
    // Lists from the outside rosters.
    const int kind = req.kind == ListKind::kPupils          ? static_cast<int>(RosterKind::kPupils)
                     : req.kind == ListKind::kBeneficiaries ? static_cast<int>(RosterKind::kBeneficiaries)
                     : req.kind == ListKind::kMembers       ? static_cast<int>(RosterKind::kMembers)
                                                            : 0;
    // Below a province, only the rows listed under the subtree's units are read (the kept
    // matches say each row's unit); a province or the country reads them all.
    const bool by_unit = reg.tree.unit(root).level >= UnitLevel::kDistrict;
    std::vector<MatchedRow> rows;
    for (int k : kind == 0 ? std::vector<int>{1, 2, 3} : std::vector<int>{kind}) {
      std::vector<std::string> units;
      if (by_unit) {
        std::vector<std::string> all;
        BAOPHU_RETURN_IF_ERROR(ctx.outreach->ListMatchUnits(k, &all));
        for (std::string& u : all)
          if (!u.empty() && InSubtree(reg, u, root, d)) units.push_back(std::move(u));
      }
      std::vector<MatchedRow> of_kind;
      BAOPHU_RETURN_IF_ERROR(MatchRosterRows(ctx.store, ctx.outreach, k, by_unit ? &units : nullptr,
                                             req.kind == ListKind::kMatches, &of_kind));
      for (MatchedRow& m : of_kind) rows.push_back(std::move(m));
    }
    std::unordered_set<int64_t> wanted;
    for (const MatchedRow& m : rows)
      if (m.match.state == MatchState::kMatched) wanted.insert(m.match.bhxh.value());
    auto held = ReadHeld(*reg.index, wanted);
    const ReportingGroup* pupils_group = reg.rules.FindGroupByCode("HSSV");
    std::map<std::pair<std::string, std::string>, ListSection> sections;
    std::unordered_map<std::string, bool> within;  // unit code → in the subtree (rows share a few units)
    auto in_subtree = [&](const std::string& unit) {
      auto [it, fresh] = within.try_emplace(unit, false);
      if (fresh) it->second = InSubtree(reg, unit, root, d);
      return it->second;
    };
    for (MatchedRow& m : rows) {
      const RosterRow& r = m.row;
      if (!req.group.empty() && r.group_code != req.group) continue;
      if (!req.subgroup.empty() && r.subgroup != req.subgroup) continue;
      // Where the row belongs: the list's commune, else the matched person's.
      std::string unit = r.unit.str();
      const Held* h = nullptr;
      if (m.match.state == MatchState::kMatched) {
        auto it = held.find(m.match.bhxh.value());
        if (it != held.end()) h = &it->second;
        if (unit.empty() && h) unit = reg.index->slot(h->slot).commune;
      }
      if (unit.empty() ? req.unit != kCountryCode : !in_subtree(unit)) continue;
      // Scope is decided by the person (issue 12): a row of the unit that names someone living
      // outside it does not show that person, whoever imported it. Scoped imports refuse such
      // rows (roster_import.cc); this keeps rows written before, or by an administrator, from
      // showing them. Candidates outside the unit are not offered either.
      if (h && !in_subtree(reg.index->slot(h->slot).commune)) continue;
      if (m.match.state == MatchState::kUncertain) {
        for (size_t i = m.match.candidates.size(); i-- > 0;) {
          if (in_subtree(m.match.candidates[i].commune.str())) continue;
          m.match.candidates.erase(m.match.candidates.begin() + static_cast<std::ptrdiff_t>(i));
          m.match.doubts.erase(m.match.doubts.begin() + static_cast<std::ptrdiff_t>(i));
        }
        if (m.match.candidates.empty()) m.match.state = MatchState::kUnmatched;
      }
      if (req.kind == ListKind::kBeneficiaries &&
          ((r.valid_from.valid() && d < r.valid_from) || (r.valid_to.valid() && r.valid_to < d)))
        continue;  // not entitled on the date
      if (req.kind == ListKind::kMatches && m.match.state != MatchState::kUncertain) continue;
      const std::string key = RosterEntryKey(r);
      if (leaves(key, m.match.bhxh)) continue;

      // The entry, built only for the rows listed (most pupils hold their own card).
      auto entry = [&] {
        ListEntry e;
        e.entry_key = key;
        e.group_code = r.group_code;
        e.group_name = r.group_name;
        e.subgroup = r.subgroup;
        e.citizen_id = r.citizen_id.str();
        e.full_name = r.full_name;
        e.phone = r.phone;
        e.birth_date = r.birth_date;
        e.commune = r.unit;
        e.match = m.match.method;
        if (m.match.state == MatchState::kMatched) e.bhxh = m.match.bhxh;
        else if (r.bhxh.valid()) e.bhxh = r.bhxh;
        return e;
      };

      if (req.kind == ListKind::kMatches) {
        const ListEntry e = entry();
        for (size_t i = 0; i < m.match.candidates.size(); ++i) {
          ListEntry c = e;
          const Person& p = m.match.candidates[i];
          c.bhxh = p.bhxh;
          c.status = EntryStatus::kUncertain;
          c.doubt = m.match.doubts[i] + ": " + p.full_name + ", " + p.birth_date.ToVn() + ", " + p.commune.str();
          list.entries.push_back(std::move(c));
        }
        continue;
      }

      ListSection& s = sections[{r.group_code, req.kind == ListKind::kPupils ? r.subgroup : std::string()}];
      s.group_code = r.group_code;
      s.group_name = r.group_name;
      s.subgroup = req.kind == ListKind::kPupils ? r.subgroup : "";
      ++s.listed;
      const CoverageIndex::PersonCardView* c = h ? CardOn(reg.rules, h->cards, d) : nullptr;
      if (c) {
        ++s.insured;
        bool other = req.kind == ListKind::kPupils && pupils_group && c->group != pupils_group->id;
        if (!other) continue;  // insured through the list's own group: counted, not listed
        ++s.other_group;
      }
      ListEntry e = entry();
      if (c) {
        e.status = EntryStatus::kOtherGroup;
        e.via_group = GroupLabel(reg.rules, *c);
      } else {
        ++s.missing;
        e.status = m.match.state == MatchState::kMatched     ? EntryStatus::kNoCard
                   : m.match.state == MatchState::kUncertain ? EntryStatus::kUncertain
                                                              : EntryStatus::kNotFound;
        if (m.match.state == MatchState::kUncertain) ++s.uncertain;
      }
      list.entries.push_back(std::move(e));
    }
    // A school's total beside its classes; rates.
    std::map<std::string, ListSection> totals;
    for (auto& [k, s] : sections) {
      s.rate_hundredths = RateHundredths(s.insured, s.listed);
      if (req.kind != ListKind::kPupils) continue;
      ListSection& t = totals[s.group_code];
      t.group_code = s.group_code;
      t.group_name = s.group_name;
      t.listed += s.listed;
      t.insured += s.insured;
      t.other_group += s.other_group;
      t.missing += s.missing;
      t.uncertain += s.uncertain;
    }
    for (auto& [k, t] : totals) {
      t.rate_hundredths = RateHundredths(t.insured, t.listed);
      sections[{k, ""}] = t;
    }
    for (auto& [k, s] : sections) list.sections.push_back(std::move(s));
  }
  for (ListEntry& e : list.entries) {
    auto it = assignee_of.find(e.entry_key);
    if (it != assignee_of.end()) e.assignee = it->second;
  }
  if (!req.with_names) return list;
  BAOPHU_RETURN_IF_ERROR(FillFromStore(ctx.store, &list.entries));
  SortEntries(&list.entries);
  return list;
}

}  // namespace baophu::outreach
