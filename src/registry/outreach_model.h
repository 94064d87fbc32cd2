// The outreach records (schema version 5): rows of outside lists to reconcile with the
// registry (school rosters, social-protection lists, members of organisations), decisions on
// uncertain matches, who is responsible for a class / hamlet / organisation, assignments of
// list entries to a person, and the outcomes recorded for them. Plain structs, safe to copy.
#pragma once

#include <cstdint>
#include <string>

#include "core/codes.h"
#include "core/date.h"

namespace baophu {

// Persisted (outreach_row.kind).
enum class RosterKind : uint8_t {
  kPupils = 1,         // a school's roster: group = school code, subgroup = class
  kBeneficiaries = 2,  // a social-protection list: group = beneficiary type (ngheo, can_ngheo, duoi_6, chinh_sach)
  kMembers = 3,        // an organisation's members: group = organisation code
};

// One row of an outside list. Natural key (kind, group_code, row_key); row_key is the
// identity the list gives: "b:<bhxh>", else "c:<cccd>", else "n:<folded name>|<birth ISO>".
struct RosterRow {
  RosterKind kind = RosterKind::kPupils;
  std::string group_code;
  std::string group_name;
  std::string subgroup;        // the class of a pupil; "" otherwise
  UnitCode unit;               // the commune (of the school, the household, the organisation's branch)
  std::string row_key;
  BhxhNumber bhxh = BhxhNumber::FromInt(-1);  // invalid when not given
  CitizenId citizen_id;
  std::string full_name;       // NFC
  Date birth_date;             // Date() when not given
  std::string phone;           // may be empty
  Date valid_from, valid_to;   // a beneficiary's entitlement (Date() when open)
  bool operator==(const RosterRow&) const = default;
};

// The matcher's answer for a roster row as kept with it (schema version 7; outreach/match_store.h
// encodes and decodes it). Decisions on uncertain matches are not in it: they apply when read.
struct RosterMatchRecord {
  int state = 0;                              // outreach::MatchState
  int method = 0;                             // outreach::MatchMethod
  BhxhNumber bhxh = BhxhNumber::FromInt(-1);  // the matched person
  std::string list_unit;                      // the row's commune, else the matched person's, else ""
  std::string candidates;                     // uncertain: the candidates, one per line
  bool operator==(const RosterMatchRecord&) const = default;
};

// RosterMatchRecord::state of an uncertain match (outreach::MatchState::kUncertain).
inline constexpr int kRosterMatchUncertain = 1;

// A roster row with its kept match (has_match false: written since the last matching).
struct RosterRowMatch {
  RosterRow row;
  bool has_match = false;
  RosterMatchRecord match;
};

// Persisted (outreach_match_decision.decision).
enum class MatchDecision : uint8_t { kConfirmed = 1, kRejected = 2 };

struct MatchDecisionRecord {
  RosterKind kind = RosterKind::kPupils;
  std::string group_code, row_key;
  BhxhNumber bhxh;
  MatchDecision decision = MatchDecision::kConfirmed;
  std::string decided_by;
};

// Persisted (outreach_responsible.scope).
enum class ResponsibleScope : uint8_t {
  kClass = 1,         // key "<school code>|<class>": the class teacher
  kHamlet = 2,        // key: hamlet code: the hamlet's officer
  kOrganisation = 3,  // key: organisation code
};

struct Responsible {
  ResponsibleScope scope = ResponsibleScope::kClass;
  std::string key;
  std::string assignee;  // a person's name or user name
};

// One list entry handed to a person. Natural key (list, entry_key): entry_key is "p:<bhxh>"
// for an entry of the registry's own lists, "r:<kind>|<group>|<row_key>" for a roster row.
struct Assignment {
  std::string list;       // the list's key ("expired", "pupils" ...)
  std::string entry_key;
  std::string assignee;
  UnitCode unit;          // the entry's commune (for the conversion rate per unit)
  Date assigned_on;
  std::string rule;       // "" when assigned one by one, else "class", "hamlet", "organisation"
};

// Persisted (outreach_outcome.outcome).
enum class OutcomeKind : uint8_t {
  kContacted = 1,
  kPromised = 2,
  kEnrolled = 3,
  kRefused = 4,
  kMovedAway = 5,
  kDeceased = 6,
  kWrongData = 7,
};

struct OutcomeRecord {
  std::string list, entry_key;
  int64_t seq = 0;  // assigned by the store, 1, 2, 3 ... per entry
  Date date;
  OutcomeKind outcome = OutcomeKind::kContacted;
  std::string note;
  std::string recorded_by;
};

}  // namespace baophu
