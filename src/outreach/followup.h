// The follow-up of the outreach lists: list entries assigned to the person who must reach
// them (one by one, or by rule: a class to its teacher, a hamlet to its officer, an
// organisation's members to its officer), outcomes recorded with date and note, entries closed
// automatically as enrolled when a card appears, and the conversion rate per assignee and per
// unit. Functions over the stores and a loaded registry; not thread-safe (the stores are not).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "outreach/lists.h"

namespace baophu::outreach {

// "contacted" / "da_lien_he", "promised" / "hua", "enrolled" / "da_tham_gia", "refused" /
// "tu_choi", "moved" / "chuyen_di", "deceased" / "da_mat", "wrong-data" / "sai_thong_tin".
std::optional<OutcomeKind> ParseOutcomeKind(std::string_view text);
const char* OutcomeKey(OutcomeKind k);
const char* OutcomeNameVi(OutcomeKind k);
const char* OutcomeNameEn(OutcomeKind k);
// Moved away, deceased and wrong data take the entry out of the conversion's denominator.
bool OutcomeLeaves(OutcomeKind k);

// Entries whose last outcome is deceased or moved away, and their people.
Status LoadLeftOut(Store* store, OutreachStore* outreach, LeftOut* out);

// Assigns one entry of the list `req` describes (it must be on the list). Who assigned is not
// kept with the assignment: the server's audit log records it (outreach.assign).
Status AssignEntry(const ListContext& ctx, const ListRequest& req, const std::string& entry_key,
                   const std::string& assignee);

enum class AssignRule { kClass, kHamlet, kOrganisation };
std::optional<AssignRule> ParseAssignRule(std::string_view text);  // "class"/"lop", "hamlet"/"thon", "organisation"/"to_chuc"
const char* AssignRuleKey(AssignRule r);

struct AssignReport {
  int64_t assigned = 0;          // new assignments
  int64_t already = 0;           // entries assigned before (left as they were)
  int64_t without_responsible = 0;  // no responsible known for the entry's class / hamlet / organisation
};
// Assigns every unassigned entry of the list by the responsibles table (pupils insured through
// another group are counted, not reached: they are left out).
Result<AssignReport> AssignByRule(const ListContext& ctx, const ListRequest& req, AssignRule rule);

// Records an outcome for an assigned entry (NotAssigned when it is not assigned).
Result<int64_t> RecordOutcome(OutreachStore* outreach, const OutcomeRecord& o);
// The answer for an entry that is not assigned; also given for an entry outside the user's
// units, so that the two cannot be told apart.
Status NotAssigned(const OutcomeRecord& o);

// Whether the person behind an entry ("p:" its number, "r:" the list row's match) lives within
// `scope` (a unit code → within the user's units). True when the entry names nobody known.
Result<bool> EntryPersonWithin(Store* store, OutreachStore* outreach, const std::string& entry_key,
                               const std::function<bool(const std::string&)>& scope);

struct EntryProgress {
  Assignment assignment;
  std::string full_name;
  BhxhNumber bhxh = BhxhNumber::FromInt(-1);
  std::optional<OutcomeKind> last;  // the last recorded outcome
  Date last_date;
  std::string last_note;
  bool enrolled = false;       // recorded as enrolled, or a card appeared
  bool auto_enrolled = false;  // closed by a card, not by a recorded outcome
  Date enrolled_on;
  bool left = false;           // moved away, deceased, wrong data
};

struct ConversionRow {
  std::string key;   // the assignee, or the unit code
  std::string name;  // the unit's name (per unit)
  int64_t assigned = 0, left = 0, enrolled = 0, open = 0;
  int64_t rate_hundredths = -1;  // enrolled / (assigned − left)
};

struct Progress {
  Date as_of;
  std::vector<EntryProgress> entries;  // by list, assignee, entry
  std::vector<ConversionRow> by_assignee, by_unit;
  ConversionRow total;
};

// The state of every assignment on `as_of`. An entry is enrolled when its last outcome says
// so, or automatically when its person holds a card valid on `as_of` (for the expiring list:
// a card starting on or after the assignment day — the renewal). `unit` (may be empty) keeps
// the assignments of that subtree.
Result<Progress> BuildProgress(const ListContext& ctx, Date as_of, const std::string& unit);

}  // namespace baophu::outreach
