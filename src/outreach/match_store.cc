#include "outreach/match_store.h"

#include <map>
#include <string>
#include <string_view>

#include "outreach/lists.h"

namespace baophu::outreach {
namespace {

// The matcher's look-ups, through the store's indexes.
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

// Names and doubts are one line each in the kept form: tabs and line breaks become spaces.
std::string Clean(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return out;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    size_t i = s.find(sep, start);
    out.push_back(s.substr(start, i == std::string_view::npos ? std::string_view::npos : i - start));
    if (i == std::string_view::npos) return out;
    start = i + 1;
  }
}

}  // namespace

// Candidates: "<bhxh>\t<name>\t<birth ISO or empty>\t<commune>\t<doubt>" per line.
RosterMatchRecord EncodeMatch(const RosterRow& row, const MatchResult& m, const UnitCode& person_commune) {
  RosterMatchRecord r;
  r.state = static_cast<int>(m.state);
  r.method = static_cast<int>(m.method);
  if (m.state == MatchState::kMatched) r.bhxh = m.bhxh;
  r.list_unit = !row.unit.empty() ? row.unit.str() : m.state == MatchState::kMatched ? person_commune.str() : "";
  for (size_t i = 0; i < m.candidates.size(); ++i) {
    const Person& p = m.candidates[i];
    r.candidates += p.bhxh.ToString() + '\t' + Clean(p.full_name) + '\t' +
                    (p.birth_date.valid() ? p.birth_date.ToIso() : std::string()) + '\t' + p.commune.str() + '\t' +
                    Clean(i < m.doubts.size() ? m.doubts[i] : std::string()) + '\n';
  }
  return r;
}

MatchResult DecodeMatch(const RosterMatchRecord& r) {
  MatchResult m;
  m.state = static_cast<MatchState>(r.state);
  m.method = static_cast<MatchMethod>(r.method);
  m.bhxh = r.bhxh;
  for (std::string_view line : Split(r.candidates, '\n')) {
    if (line.empty()) continue;
    std::vector<std::string_view> f = Split(line, '\t');
    if (f.size() != 5) continue;  // written by EncodeMatch only
    Person p;
    auto b = BhxhNumber::Parse(f[0]);
    if (!b.ok()) continue;
    p.bhxh = *b;
    p.full_name = std::string(f[1]);
    if (!f[2].empty()) {
      auto d = Date::Parse(f[2]);
      if (d.ok()) p.birth_date = *d;
    }
    p.commune = UnitCode::Unchecked(std::string(f[3]));
    m.candidates.push_back(std::move(p));
    m.doubts.push_back(std::string(f[4]));
  }
  return m;
}

Result<MatchResult> MatchRow(Store* store, OutreachStore* outreach, const RosterRow& row) {
  StorePersonSource source(store, outreach);
  MatchQuery q;
  q.bhxh = row.bhxh;
  q.citizen_id = row.citizen_id;
  q.full_name = row.full_name;
  q.birth_date = row.birth_date;
  q.commune = row.unit;
  return MatchPerson(q, &source);
}

Result<RefreshReport> RefreshMatches(Store* store, OutreachStore* outreach) {
  RefreshReport report;
  // Cheap check first, outside the write lock: current matches need no transaction.
  auto gen = store->PersonGeneration();
  if (!gen.ok()) return gen.status();
  auto stamp = outreach->GetMatchStamp();
  if (!stamp.ok()) return stamp.status();
  if (stamp->person_generation == *gen && !stamp->pending) return report;

  BAOPHU_RETURN_IF_ERROR(outreach->Begin());
  auto body = [&]() -> Status {
    // Again under the lock: another process may have refreshed meanwhile. The generation is
    // read before matching, so a change of the people during the matching leaves the stamp
    // behind and the next refresh matches again.
    auto g = store->PersonGeneration();
    if (!g.ok()) return g.status();
    auto s = outreach->GetMatchStamp();
    if (!s.ok()) return s.status();
    if (s->person_generation == *g && !s->pending) return Status::Ok();
    report.full = s->person_generation != *g;
    std::vector<RosterRow> rows;
    BAOPHU_RETURN_IF_ERROR(report.full ? outreach->ListRosterRows(0, &rows) : outreach->ListUnmatchedRosterRows(&rows));
    for (const RosterRow& row : rows) {
      auto m = MatchRow(store, outreach, row);
      if (!m.ok()) return m.status();
      UnitCode commune;
      if (m->state == MatchState::kMatched && row.unit.empty()) {
        auto p = store->FindPerson(m->bhxh);
        if (!p.ok()) return p.status();
        if (p->has_value()) commune = (*p)->commune;
      }
      BAOPHU_RETURN_IF_ERROR(outreach->PutRosterMatch(row.kind, row.group_code, row.row_key, EncodeMatch(row, *m, commune)));
      ++report.matched_rows;
    }
    return outreach->SetMatchStamp({*g, false});
  };
  Status st = body();
  if (!st.ok()) {
    outreach->Rollback();
    return st;
  }
  BAOPHU_RETURN_IF_ERROR(outreach->Commit());
  return report;
}

// --- the rows with their kept matches and the decisions (lists.h) ---------------------------

namespace {

// The decisions taken on the row's candidates applied to its kept match: a confirmed
// candidate is the match ("xac_nhan"); a rejected one is no longer offered.
MatchResult Decide(MatchResult m, const std::vector<const MatchDecisionRecord*>& decisions) {
  if (m.state == MatchState::kMatched || decisions.empty()) return m;
  for (const MatchDecisionRecord* d : decisions) {
    if (d->decision == MatchDecision::kConfirmed) {
      MatchResult c;
      c.state = MatchState::kMatched;
      c.method = MatchMethod::kConfirmed;
      c.bhxh = d->bhxh;
      return c;
    }
  }
  for (const MatchDecisionRecord* d : decisions) {
    for (size_t i = 0; i < m.candidates.size(); ++i) {
      if (m.candidates[i].bhxh == d->bhxh) {
        m.candidates.erase(m.candidates.begin() + static_cast<std::ptrdiff_t>(i));
        m.doubts.erase(m.doubts.begin() + static_cast<std::ptrdiff_t>(i));
        break;
      }
    }
  }
  if (m.state == MatchState::kUncertain && m.candidates.empty()) m.state = MatchState::kUnmatched;
  return m;
}

std::string DecisionKey(int kind, const std::string& group, const std::string& row_key) {
  return std::to_string(kind) + "|" + group + "|" + row_key;
}

// The row's match: kept, else (written after the last refresh by another process) matched now.
Result<MatchResult> KeptOrNew(Store* store, OutreachStore* outreach, const RosterRowMatch& rm) {
  if (rm.has_match) return DecodeMatch(rm.match);
  return MatchRow(store, outreach, rm.row);
}

}  // namespace

Status MatchRosterRows(Store* store, OutreachStore* outreach, int kind, std::vector<MatchedRow>* out) {
  return MatchRosterRows(store, outreach, kind, nullptr, false, out);
}

Status MatchRosterRows(Store* store, OutreachStore* outreach, int kind, const std::vector<std::string>* units,
                       bool uncertain_only, std::vector<MatchedRow>* out) {
  out->clear();
  auto refreshed = RefreshMatches(store, outreach);
  if (!refreshed.ok()) return refreshed.status();
  std::vector<RosterRowMatch> rows;
  BAOPHU_RETURN_IF_ERROR(outreach->ListRosterRowMatches(kind, units, uncertain_only, &rows));
  std::vector<MatchDecisionRecord> decisions;
  BAOPHU_RETURN_IF_ERROR(outreach->ListMatchDecisions(&decisions));
  std::map<std::string, std::vector<const MatchDecisionRecord*>> by_row;
  for (const MatchDecisionRecord& d : decisions)
    by_row[DecisionKey(static_cast<int>(d.kind), d.group_code, d.row_key)].push_back(&d);
  static const std::vector<const MatchDecisionRecord*> kNone;
  out->reserve(rows.size());
  for (RosterRowMatch& rm : rows) {
    auto m = KeptOrNew(store, outreach, rm);
    if (!m.ok()) return m.status();
    // Only an uncertain match can be decided (Decide keeps the rest as they are).
    auto it = m->state != MatchState::kUncertain
                  ? by_row.end()
                  : by_row.find(DecisionKey(static_cast<int>(rm.row.kind), rm.row.group_code, rm.row.row_key));
    out->push_back({std::move(rm.row), Decide(std::move(*m), it == by_row.end() ? kNone : it->second)});
  }
  return Status::Ok();
}

Result<std::optional<MatchedRow>> MatchOfEntry(Store* store, OutreachStore* outreach, std::string_view entry_key) {
  // "r:<kind>|<group>|<row_key>"; the row key may hold '|' itself.
  if (!entry_key.starts_with("r:")) return std::optional<MatchedRow>();
  std::string_view rest = entry_key.substr(2);
  size_t a = rest.find('|');
  size_t b = a == std::string_view::npos ? a : rest.find('|', a + 1);
  if (b == std::string_view::npos) return std::optional<MatchedRow>();
  const std::string kind_text(rest.substr(0, a));
  if (kind_text != "1" && kind_text != "2" && kind_text != "3") return std::optional<MatchedRow>();
  const auto kind = static_cast<RosterKind>(kind_text[0] - '0');
  const std::string group(rest.substr(a + 1, b - a - 1)), row_key(rest.substr(b + 1));
  auto refreshed = RefreshMatches(store, outreach);
  if (!refreshed.ok()) return refreshed.status();
  auto rm = outreach->FindRosterRowMatch(kind, group, row_key);
  if (!rm.ok()) {
    if (rm.status().code() == Status::Code::kNotFound) return std::optional<MatchedRow>();
    return rm.status();
  }
  auto m = KeptOrNew(store, outreach, *rm);
  if (!m.ok()) return m.status();
  std::vector<MatchDecisionRecord> decisions;
  BAOPHU_RETURN_IF_ERROR(outreach->ListMatchDecisions(&decisions));
  std::vector<const MatchDecisionRecord*> mine;
  for (const MatchDecisionRecord& d : decisions)
    if (d.kind == kind && d.group_code == group && d.row_key == row_key) mine.push_back(&d);
  return std::optional<MatchedRow>(MatchedRow{std::move(rm->row), Decide(std::move(*m), mine)});
}

}  // namespace baophu::outreach
