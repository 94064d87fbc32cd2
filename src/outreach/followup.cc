#include "outreach/followup.h"

#include <algorithm>
#include <map>
#include <unordered_set>

#include "core/text.h"

namespace baophu::outreach {
namespace {

struct OutcomeInfo {
  OutcomeKind kind;
  const char* key;
  const char* vi_key;
  const char* vi;
  const char* en;
};
constexpr OutcomeInfo kOutcomes[] = {
    {OutcomeKind::kContacted, "contacted", "da_lien_he", "Đã liên hệ", "Contacted"},
    {OutcomeKind::kPromised, "promised", "hua", "Hứa tham gia", "Promised"},
    {OutcomeKind::kEnrolled, "enrolled", "da_tham_gia", "Đã tham gia", "Enrolled"},
    {OutcomeKind::kRefused, "refused", "tu_choi", "Từ chối", "Refused"},
    {OutcomeKind::kMovedAway, "moved", "chuyen_di", "Đã chuyển đi", "Moved away"},
    {OutcomeKind::kDeceased, "deceased", "da_mat", "Đã mất", "Deceased"},
    {OutcomeKind::kWrongData, "wrong-data", "sai_thong_tin", "Sai thông tin", "Wrong data"},
};

std::string EntryId(const std::string& list, const std::string& key) { return list + "\x1f" + key; }

// The BHXH number behind each entry key ("p:" directly, "r:" through the roster's match);
// `row_units` (may be null) receives the unit of each "r:" entry's row.
Status PeopleOf(Store* store, OutreachStore* outreach, const std::vector<std::string>& keys,
                std::map<std::string, BhxhNumber>* out, std::map<std::string, UnitCode>* row_units = nullptr) {
  std::vector<const std::string*> rosters;
  for (const std::string& k : keys) {
    if (k.starts_with("p:")) {
      auto b = BhxhNumber::Parse(k.substr(2));
      if (b.ok()) (*out)[k] = *b;
    } else {
      rosters.push_back(&k);
    }
  }
  if (rosters.empty()) return Status::Ok();
  // A few rows (the entries that left, a small follow-up): each through its key; many: all rows.
  if (rosters.size() <= 64) {
    for (const std::string* k : rosters) {
      auto m = MatchOfEntry(store, outreach, *k);
      if (!m.ok()) return m.status();
      if (m->has_value() && (*m)->match.state == MatchState::kMatched) (*out)[*k] = (*m)->match.bhxh;
      if (m->has_value() && row_units) (*row_units)[*k] = (*m)->row.unit;
    }
    return Status::Ok();
  }
  std::vector<MatchedRow> rows;
  BAOPHU_RETURN_IF_ERROR(MatchRosterRows(store, outreach, 0, &rows));
  for (const MatchedRow& m : rows) {
    if (m.match.state == MatchState::kMatched) (*out)[RosterEntryKey(m.row)] = m.match.bhxh;
    if (row_units) (*row_units)[RosterEntryKey(m.row)] = m.row.unit;
  }
  return Status::Ok();
}

}  // namespace

std::optional<OutcomeKind> ParseOutcomeKind(std::string_view text) {
  for (const OutcomeInfo& o : kOutcomes)
    if (text == o.key || text == o.vi_key) return o.kind;
  return std::nullopt;
}
const char* OutcomeKey(OutcomeKind k) {
  for (const OutcomeInfo& o : kOutcomes)
    if (o.kind == k) return o.key;
  return "";
}
const char* OutcomeNameVi(OutcomeKind k) {
  for (const OutcomeInfo& o : kOutcomes)
    if (o.kind == k) return o.vi;
  return "";
}
const char* OutcomeNameEn(OutcomeKind k) {
  for (const OutcomeInfo& o : kOutcomes)
    if (o.kind == k) return o.en;
  return "";
}
bool OutcomeLeaves(OutcomeKind k) {
  return k == OutcomeKind::kMovedAway || k == OutcomeKind::kDeceased || k == OutcomeKind::kWrongData;
}

Status LoadLeftOut(Store* store, OutreachStore* outreach, LeftOut* out) {
  std::vector<OutcomeRecord> outcomes;
  BAOPHU_RETURN_IF_ERROR(outreach->ListOutcomes(&outcomes));
  std::map<std::string, const OutcomeRecord*> last;  // by list + entry; ListOutcomes is in seq order
  for (const OutcomeRecord& o : outcomes) last[EntryId(o.list, o.entry_key)] = &o;
  std::vector<std::string> keys;
  for (const auto& [id, o] : last) {
    if (o->outcome != OutcomeKind::kDeceased && o->outcome != OutcomeKind::kMovedAway) continue;
    out->entries.insert(o->entry_key);
    keys.push_back(o->entry_key);
  }
  if (keys.empty()) return Status::Ok();
  std::map<std::string, BhxhNumber> people;
  std::map<std::string, UnitCode> row_units;
  BAOPHU_RETURN_IF_ERROR(PeopleOf(store, outreach, keys, &people, &row_units));
  for (const std::string& k : keys) {
    auto it = people.find(k);
    if (it == people.end()) continue;
    // A list row's outcome takes its person off every list only when the person lives in the
    // row's unit: a row of one commune naming someone of another (imported before the scoped
    // checks, or by an administrator) must not change the other commune's lists (issue 12).
    auto u = row_units.find(k);
    if (u != row_units.end() && !u->second.empty()) {
      auto p = store->FindPerson(it->second);
      if (!p.ok()) return p.status();
      if (!p->has_value() || ((*p)->commune != u->second && (*p)->hamlet != u->second)) continue;
    }
    out->people.insert(it->second.value());
  }
  return Status::Ok();
}

std::optional<AssignRule> ParseAssignRule(std::string_view t) {
  if (t == "class" || t == "lop") return AssignRule::kClass;
  if (t == "hamlet" || t == "thon") return AssignRule::kHamlet;
  if (t == "organisation" || t == "to_chuc") return AssignRule::kOrganisation;
  return std::nullopt;
}
const char* AssignRuleKey(AssignRule r) {
  switch (r) {
    case AssignRule::kClass: return "class";
    case AssignRule::kHamlet: return "hamlet";
    case AssignRule::kOrganisation: return "organisation";
  }
  return "";
}

Status AssignEntry(const ListContext& ctx, const ListRequest& req, const std::string& entry_key,
                   const std::string& assignee) {
  if (assignee.empty()) return Status::InvalidArgument("thiếu người được giao");
  auto list = BuildList(ctx, req);
  if (!list.ok()) return list.status();
  for (const ListEntry& e : list->entries) {
    if (e.entry_key != entry_key) continue;
    Assignment a;
    a.list = ListKindKey(req.kind);
    a.entry_key = entry_key;
    a.assignee = assignee;
    a.unit = e.commune;
    a.assigned_on = req.as_of;
    auto o = ctx.outreach->UpsertAssignment(a);
    return o.ok() ? Status::Ok() : o.status();
  }
  return Status::NotFound("mục '" + entry_key + "' không có trong danh sách " + ListKindKey(req.kind) + " của " +
                          list->unit_name + " ngày " + req.as_of.ToVn());
}

Result<AssignReport> AssignByRule(const ListContext& ctx, const ListRequest& req, AssignRule rule) {
  auto list = BuildList(ctx, req);
  if (!list.ok()) return list.status();
  std::vector<Responsible> resp;
  BAOPHU_RETURN_IF_ERROR(ctx.outreach->ListResponsibles(&resp));
  std::map<std::pair<int, std::string>, std::string> who;
  for (const Responsible& r : resp) who[{static_cast<int>(r.scope), r.key}] = r.assignee;
  AssignReport rep;
  BAOPHU_RETURN_IF_ERROR(ctx.outreach->Begin());
  for (const ListEntry& e : list->entries) {
    if (e.status == EntryStatus::kOtherGroup) continue;  // insured: counted for the school, nobody to reach
    if (!e.assignee.empty()) {
      ++rep.already;
      continue;
    }
    std::pair<int, std::string> key;
    switch (rule) {
      case AssignRule::kClass: key = {static_cast<int>(ResponsibleScope::kClass), e.group_code + "|" + e.subgroup}; break;
      case AssignRule::kHamlet: key = {static_cast<int>(ResponsibleScope::kHamlet), e.hamlet.str()}; break;
      case AssignRule::kOrganisation: key = {static_cast<int>(ResponsibleScope::kOrganisation), e.group_code}; break;
    }
    auto it = who.find(key);
    if (it == who.end()) {
      ++rep.without_responsible;
      continue;
    }
    Assignment a;
    a.list = ListKindKey(req.kind);
    a.entry_key = e.entry_key;
    a.assignee = it->second;
    a.unit = e.commune;
    a.assigned_on = req.as_of;
    a.rule = AssignRuleKey(rule);
    auto o = ctx.outreach->UpsertAssignment(a);
    if (!o.ok()) {
      ctx.outreach->Rollback();
      return o.status();
    }
    ++rep.assigned;
  }
  BAOPHU_RETURN_IF_ERROR(ctx.outreach->Commit());
  return rep;
}

Result<int64_t> RecordOutcome(OutreachStore* outreach, const OutcomeRecord& o) {
  if (!o.date.valid()) return Status::InvalidArgument("thiếu ngày của kết quả");
  std::vector<Assignment> all;
  BAOPHU_RETURN_IF_ERROR(outreach->ListAssignments(&all));
  bool found = false;
  for (const Assignment& a : all) found |= a.list == o.list && a.entry_key == o.entry_key;
  if (!found) return NotAssigned(o);
  return outreach->AppendOutcome(o);
}

Status NotAssigned(const OutcomeRecord& o) {
  return Status::NotFound("mục '" + o.entry_key + "' của danh sách " + o.list + " chưa được giao cho ai");
}

Result<bool> EntryPersonWithin(Store* store, OutreachStore* outreach, const std::string& entry_key,
                               const std::function<bool(const std::string&)>& scope) {
  std::map<std::string, BhxhNumber> people;
  BAOPHU_RETURN_IF_ERROR(PeopleOf(store, outreach, {entry_key}, &people));
  auto it = people.find(entry_key);
  if (it == people.end()) return true;
  auto p = store->FindPerson(it->second);
  if (!p.ok()) return p.status();
  return !p->has_value() || (!(*p)->commune.empty() && scope((*p)->commune.str()));
}

Result<Progress> BuildProgress(const ListContext& ctx, Date as_of, const std::string& unit) {
  const LoadedRegistry& reg = *ctx.reg;
  Progress pr;
  pr.as_of = as_of;
  std::vector<Assignment> assignments;
  BAOPHU_RETURN_IF_ERROR(ctx.outreach->ListAssignments(&assignments));
  std::vector<OutcomeRecord> outcomes;
  BAOPHU_RETURN_IF_ERROR(ctx.outreach->ListOutcomes(&outcomes));
  std::map<std::string, const OutcomeRecord*> last;
  for (const OutcomeRecord& o : outcomes)
    if (o.date <= as_of) last[EntryId(o.list, o.entry_key)] = &o;

  UnitTree::Index root = UnitTree::kNone;
  if (!unit.empty()) {
    root = reg.tree.Resolve(unit, as_of);
    if (root == UnitTree::kNone) return Status::NotFound("không có đơn vị hành chính mã '" + unit + "'");
  }
  std::vector<std::string> keys;
  for (const Assignment& a : assignments) keys.push_back(a.entry_key);
  std::map<std::string, BhxhNumber> people;
  BAOPHU_RETURN_IF_ERROR(PeopleOf(ctx.store, ctx.outreach, keys, &people));
  std::unordered_set<int64_t> wanted;
  for (const auto& [k, b] : people) wanted.insert(b.value());
  std::map<int64_t, std::vector<CoverageIndex::PersonCardView>> cards;
  std::vector<BhxhNumber> lookup;
  for (int64_t b : wanted) lookup.push_back(BhxhNumber::FromInt(b));
  reg.index->ForEachPersonOf(lookup, [&](const CoverageIndex::PersonView& v) {
    cards[v.bhxh.value()].assign(v.cards, v.cards + v.card_count);
  });

  std::map<std::string, ConversionRow> by_assignee, by_unit;
  for (const Assignment& a : assignments) {
    if (root != UnitTree::kNone) {
      UnitTree::Index u = a.unit.empty() ? UnitTree::kNone : reg.tree.Resolve(a.unit, as_of);
      if (u == UnitTree::kNone || !reg.tree.IsWithin(u, root, as_of)) continue;
    }
    if (a.assigned_on.valid() && as_of < a.assigned_on) continue;
    EntryProgress e;
    e.assignment = a;
    auto pit = people.find(a.entry_key);
    if (pit != people.end()) e.bhxh = pit->second;
    std::optional<Person> person;
    if (e.bhxh.valid()) {
      auto p = ctx.store->FindPerson(e.bhxh);
      if (!p.ok()) return p.status();
      person = std::move(*p);
      // An entry of the unit naming someone living outside it (a row imported before the
      // scoped checks): the person is not shown, nor their card (issue 12).
      if (person && root != UnitTree::kNone) {
        UnitTree::Index c = person->commune.empty() ? UnitTree::kNone : reg.tree.Resolve(person->commune.str(), as_of);
        if (c == UnitTree::kNone || !reg.tree.IsWithin(c, root, as_of)) {
          person.reset();
          e.bhxh = BhxhNumber::FromInt(-1);
        }
      }
    }
    auto lit = last.find(EntryId(a.list, a.entry_key));
    if (lit != last.end()) {
      e.last = lit->second->outcome;
      e.last_date = lit->second->date;
      e.last_note = lit->second->note;
      e.left = OutcomeLeaves(*e.last);
      if (*e.last == OutcomeKind::kEnrolled) {
        e.enrolled = true;
        e.enrolled_on = e.last_date;
      }
    }
    if (!e.enrolled && !e.left && e.bhxh.valid()) {
      auto cit = cards.find(e.bhxh.value());
      if (cit != cards.end()) {
        for (const auto& c : cit->second) {
          bool closes = a.list == "expiring" ? c.from >= a.assigned_on
                                             : (c.from <= as_of && as_of <= c.to);
          if (closes && (!e.enrolled || c.from < e.enrolled_on)) {
            e.enrolled = e.auto_enrolled = true;
            e.enrolled_on = c.from;
          }
        }
      }
    }
    if (person) e.full_name = person->full_name;
    auto count = [&](ConversionRow& r) {
      ++r.assigned;
      if (e.left) ++r.left;
      else if (e.enrolled) ++r.enrolled;
      else ++r.open;
    };
    ConversionRow& ra = by_assignee[a.assignee];
    ra.key = a.assignee;
    count(ra);
    ConversionRow& ru = by_unit[a.unit.str()];
    ru.key = a.unit.str();
    if (ru.name.empty() && !a.unit.empty()) {
      UnitTree::Index u = reg.tree.Resolve(a.unit, as_of);
      if (u != UnitTree::kNone) ru.name = reg.tree.unit(u).name;
    }
    count(ru);
    count(pr.total);
    pr.entries.push_back(std::move(e));
  }
  auto finish = [](ConversionRow& r) { r.rate_hundredths = RateHundredths(r.enrolled, r.assigned - r.left); };
  for (auto& [k, r] : by_assignee) {
    finish(r);
    pr.by_assignee.push_back(r);
  }
  for (auto& [k, r] : by_unit) {
    finish(r);
    pr.by_unit.push_back(r);
  }
  finish(pr.total);
  pr.total.key = "total";
  return pr;
}

}  // namespace baophu::outreach
