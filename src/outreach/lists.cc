#include "outreach/lists.h"

#include <algorithm>
#include <map>
#include <unordered_map>
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
const CoverageIndex::PersonCardView* CardOn(const RuleSet& rules, const std::vector<CoverageIndex::PersonCardView>& cards,
                                            Date d) {
  const CoverageIndex::PersonCardView* best = nullptr;
  for (const auto& c : cards) {
    if (c.from <= d && d <= c.to && (!best || rules.Rank(c.group) < rules.Rank(best->group))) best = &c;
  }
  return best;
}

// The last day of the run of consecutive insured days that contains d (d must be insured).
Date RunEnd(const std::vector<CoverageIndex::PersonCardView>& cards, Date d) {
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

class StorePersonSource final : public PersonSource {
 public:
  StorePersonSource(Store* s, OutreachStore* o) : s_(s), o_(o) {}
  Result<std::optional<Person>> ByBhxh(BhxhNumber b) override { return s_->FindPerson(b); }
  Result<std::optional<Person>> ByCitizenId(const CitizenId& id) override {
    auto b = s_->FindByCitizenId(id);
    if (!b.ok()) return b.status();
    if (!b->has_value()) return std::optional<Person>();
    return s_->FindPerson(**b);
  }
  Status ByNameKey(const std::string& key, std::vector<Person>* out) override {
    return o_->PersonsByNameFold(key, out);
  }

 private:
  Store* s_;
  OutreachStore* o_;
};

// Reads the people `wanted` from the index (one pass), keyed by BHXH number.
std::unordered_map<int64_t, Held> ReadHeld(const CoverageIndex& index, const std::vector<CoverageIndex::Slot>& slots,
                                           const std::unordered_set<int64_t>* wanted) {
  std::unordered_map<int64_t, Held> out;
  auto keep = [&](const CoverageIndex::PersonView& v) {
    Held& h = out[v.bhxh.value()];
    h.slot = v.slot;
    h.household = std::string(v.household);
    h.birth = v.birth;
    h.cards.assign(v.cards, v.cards + v.card_count);
  };
  if (!wanted) {
    index.ForEachPerson(slots, keep);
    return out;
  }
  std::vector<BhxhNumber> people;  // a lookup each, not a pass over the whole index
  for (int64_t b : *wanted) people.push_back(BhxhNumber::FromInt(b));
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

Result<std::vector<CoverageIndex::Slot>> SlotsOf(const LoadedRegistry& reg, const std::string& unit, Date on) {
  UnitTree::Index root = reg.tree.Resolve(unit, on);
  if (root == UnitTree::kNone)
    return Status::NotFound("không có đơn vị hành chính mã '" + unit + "' vào ngày " + on.ToVn());
  const bool hamlet = reg.tree.unit(root).level == UnitLevel::kHamlet;
  std::vector<CoverageIndex::Slot> out;
  for (CoverageIndex::Slot s = 1; s < reg.index->slot_count(); ++s) {
    CoverageIndex::SlotKey k = reg.index->slot(s);
    if (hamlet) {
      if (k.hamlet == unit) out.push_back(s);
      continue;
    }
    UnitTree::Index c = reg.tree.Resolve(k.commune, on);
    if (c != UnitTree::kNone && reg.tree.IsWithin(c, root, on)) out.push_back(s);
  }
  return out;
}

Status MatchRosterRows(Store* store, OutreachStore* outreach, int kind, std::vector<MatchedRow>* out) {
  out->clear();
  std::vector<RosterRow> rows;
  BAOPHU_RETURN_IF_ERROR(outreach->ListRosterRows(kind, &rows));
  std::vector<MatchDecisionRecord> decisions;
  BAOPHU_RETURN_IF_ERROR(outreach->ListMatchDecisions(&decisions));
  std::map<std::string, std::vector<const MatchDecisionRecord*>> by_row;
  for (const MatchDecisionRecord& d : decisions)
    by_row[std::to_string(static_cast<int>(d.kind)) + "|" + d.group_code + "|" + d.row_key].push_back(&d);
  StorePersonSource source(store, outreach);
  for (RosterRow& r : rows) {
    MatchQuery q;
    q.bhxh = r.bhxh;
    q.citizen_id = r.citizen_id;
    q.full_name = r.full_name;
    q.birth_date = r.birth_date;
    q.commune = r.unit;
    auto m = MatchPerson(q, &source);
    if (!m.ok()) return m.status();
    auto it = by_row.find(std::to_string(static_cast<int>(r.kind)) + "|" + r.group_code + "|" + r.row_key);
    if (it != by_row.end() && m->state != MatchState::kMatched) {
      MatchResult decided = *m;
      for (const MatchDecisionRecord* d : it->second) {
        if (d->decision == MatchDecision::kConfirmed) {
          decided = MatchResult();
          decided.state = MatchState::kMatched;
          decided.method = MatchMethod::kConfirmed;
          decided.bhxh = d->bhxh;
          break;
        }
        for (size_t i = 0; i < decided.candidates.size(); ++i) {
          if (decided.candidates[i].bhxh == d->bhxh) {
            decided.candidates.erase(decided.candidates.begin() + static_cast<std::ptrdiff_t>(i));
            decided.doubts.erase(decided.doubts.begin() + static_cast<std::ptrdiff_t>(i));
            break;
          }
        }
      }
      if (decided.state == MatchState::kUncertain && decided.candidates.empty()) decided.state = MatchState::kUnmatched;
      *m = std::move(decided);
    }
    out->push_back({std::move(r), std::move(*m)});
  }
  return Status::Ok();
}

namespace {

// Fills name, CCCD, commune ... of entries with a BHXH number from the store.
Status FillFromStore(Store* store, std::vector<ListEntry>* entries) {
  for (ListEntry& e : *entries) {
    if (!e.bhxh.valid()) continue;
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

void SortEntries(std::vector<ListEntry>* entries) {
  Collator coll;
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
    auto held = ReadHeld(*reg.index, *slots, nullptr);
    const Date window_start = d.AddDays(-req.window_days);
    const Date horizon = d.AddDays(req.days);
    if (req.kind == ListKind::kHouseholds) {
      std::map<std::string, std::vector<int64_t>> households;
      for (const auto& [b, h] : held)
        if (!h.household.empty()) households[h.household].push_back(b);
      money::FeeRequest base;
      base.period_from = d;
      base.months = 12;
      base.household = true;
      // No province: its extra support is for support categories, and these members have none.
      for (auto& [code, members] : households) {
        std::sort(members.begin(), members.end());
        std::vector<int64_t> insured, uninsured, household_group;
        for (int64_t b : members) {
          const std::string key = "p:" + BhxhNumber::FromInt(b).ToString();
          if (left.people.count(b) || left.entries.count(key)) continue;
          const auto* c = CardOn(reg.rules, held[b].cards, d);
          if (c) {
            insured.push_back(b);
            if (c->object[0] == 'G' && c->object[1] == 'D') household_group.push_back(b);
          } else {
            uninsured.push_back(b);
          }
        }
        if (insured.empty() || uninsured.empty()) continue;
        ListSection s;
        s.group_code = code;
        s.listed = static_cast<int64_t>(insured.size() + uninsured.size());
        s.insured = static_cast<int64_t>(insured.size());
        s.missing = static_cast<int64_t>(uninsured.size());
        s.rate_hundredths = RateHundredths(s.insured, s.listed);
        // The household group's cost for the uninsured: members already in the group come first
        // in the order (their share is not counted), then the uninsured in BHXH order.
        std::vector<Money> costs(uninsured.size());
        if (ctx.money) {
          money::FeeRequest fr = base;
          for (int64_t b : household_group) fr.members.push_back({BhxhNumber::FromInt(b).ToString(), BhxhNumber::FromInt(b)});
          for (int64_t b : uninsured) fr.members.push_back({BhxhNumber::FromInt(b).ToString(), BhxhNumber::FromInt(b)});
          auto fee = money::ComputeFee(*ctx.money, fr);
          if (!fee.ok()) return fee.status();
          for (size_t i = 0; i < uninsured.size(); ++i) costs[i] = fee->members[household_group.size() + i].payable;
        }
        for (size_t i = 0; i < uninsured.size(); ++i) {
          ListEntry e;
          e.bhxh = BhxhNumber::FromInt(uninsured[i]);
          e.entry_key = "p:" + e.bhxh.ToString();
          e.group_code = code;
          e.household = code;
          e.status = EntryStatus::kNoCard;
          e.cost = costs[i];
          s.cost = s.cost + costs[i];
          list.entries.push_back(std::move(e));
        }
        list.sections.push_back(std::move(s));
      }
    } else {
      for (const auto& [b, h] : held) {
        const BhxhNumber bhxh = BhxhNumber::FromInt(b);
        const std::string key = "p:" + bhxh.ToString();
        const auto* now = CardOn(reg.rules, h.cards, d);
        ListEntry e;
        if (req.kind == ListKind::kExpired) {
          if (now || h.cards.empty()) continue;
          Date last = Date::Min();
          const CoverageIndex::PersonCardView* lc = nullptr;
          for (const auto& c : h.cards)
            if (c.to < d && c.to > last) {
              last = c.to;
              lc = &c;
            }
          if (!lc || last < window_start) continue;
          e.status = EntryStatus::kExpired;
          e.card_end = last;
          e.via_group = GroupLabel(reg.rules, *lc);
        } else {
          if (!now) continue;
          Date end = RunEnd(h.cards, d);
          if (end > horizon) continue;
          e.status = EntryStatus::kExpiring;
          e.card_end = end;
          e.via_group = GroupLabel(reg.rules, *now);
        }
        if (leaves(key, bhxh)) continue;
        e.bhxh = bhxh;
        e.entry_key = key;
        e.household = h.household;
        list.entries.push_back(std::move(e));
      }
    }
  } else {
    // Lists from the outside rosters.
    const int kind = req.kind == ListKind::kPupils          ? static_cast<int>(RosterKind::kPupils)
                     : req.kind == ListKind::kBeneficiaries ? static_cast<int>(RosterKind::kBeneficiaries)
                     : req.kind == ListKind::kMembers       ? static_cast<int>(RosterKind::kMembers)
                                                            : 0;
    std::vector<MatchedRow> rows;
    BAOPHU_RETURN_IF_ERROR(MatchRosterRows(ctx.store, ctx.outreach, kind, &rows));
    std::unordered_set<int64_t> wanted;
    for (const MatchedRow& m : rows)
      if (m.match.state == MatchState::kMatched) wanted.insert(m.match.bhxh.value());
    auto held = ReadHeld(*reg.index, {}, &wanted);
    const ReportingGroup* pupils_group = reg.rules.FindGroupByCode("HSSV");
    std::map<std::pair<std::string, std::string>, ListSection> sections;
    for (const MatchedRow& m : rows) {
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
      if (unit.empty() ? req.unit != kCountryCode : !InSubtree(reg, unit, root, d)) continue;
      if (req.kind == ListKind::kBeneficiaries &&
          ((r.valid_from.valid() && d < r.valid_from) || (r.valid_to.valid() && r.valid_to < d)))
        continue;  // not entitled on the date
      const std::string key = RosterEntryKey(r);
      if (leaves(key, m.match.bhxh)) continue;

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

      if (req.kind == ListKind::kMatches) {
        if (m.match.state != MatchState::kUncertain) continue;
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
