#include "outreach/match_confirm.h"

namespace baophu::outreach {

Result<MatchDecisionRecord> ParseRosterEntryKey(const std::string& entry_key) {
  const Status bad = Status::InvalidArgument("mã mục không hợp lệ: '" + entry_key + "'");
  if (!entry_key.starts_with("r:"))
    return Status::InvalidArgument("mã mục phải là mã của một dòng danh sách (r:…): '" + entry_key + "'");
  const std::string rest = entry_key.substr(2);
  const size_t p1 = rest.find('|');
  const size_t p2 = p1 == std::string::npos ? p1 : rest.find('|', p1 + 1);
  if (p2 == std::string::npos || p1 != 1) return bad;
  const char k = rest[0];
  if (k < '1' || k > '3') return bad;
  MatchDecisionRecord d;
  d.kind = static_cast<RosterKind>(k - '0');
  d.group_code = rest.substr(p1 + 1, p2 - p1 - 1);
  d.row_key = rest.substr(p2 + 1);
  if (d.group_code.empty() || d.row_key.empty()) return bad;
  return d;
}

Status NotOffered(const MatchChoice& choice) {
  return Status::NotFound("người " + choice.bhxh.ToString() + " không phải ứng viên cần xác nhận của mục '" +
                          choice.entry_key + "'");
}

Result<RosterRow> DecideMatch(Store* store, OutreachStore* outreach, const MatchChoice& choice,
                              const std::function<Status(const RosterRow&)>& may_decide) {
  auto d = ParseRosterEntryKey(choice.entry_key);
  if (!d.ok()) return d.status();
  if (!choice.bhxh.valid()) return Status::InvalidArgument("thiếu mã số BHXH của ứng viên");
  // The row alone (its kept match and the decisions so far), not every row of the kind.
  auto row = MatchOfEntry(store, outreach, choice.entry_key);
  if (!row.ok()) return row.status();
  const MatchedRow* offered = nullptr;
  if (row->has_value())
    for (const Person& c : (*row)->match.candidates)
      if (c.bhxh == choice.bhxh && (!choice.scope || (!c.commune.empty() && choice.scope(c.commune.str()))))
        offered = &**row;
  if (!offered) return NotOffered(choice);
  if (may_decide) {
    Status st = may_decide(offered->row);
    if (!st.ok()) return st;
  }
  d->bhxh = choice.bhxh;
  d->decision = choice.reject ? MatchDecision::kRejected : MatchDecision::kConfirmed;
  d->decided_by = choice.decided_by;
  auto r = outreach->UpsertMatchDecision(*d);
  if (!r.ok()) return r.status();
  return offered->row;
}

}  // namespace baophu::outreach
