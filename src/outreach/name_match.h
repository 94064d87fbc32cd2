// Matching a row of an outside list (a school roster, a social-protection list, an
// organisation's members) to a person of the registry: by BHXH number, then CCCD, then name +
// birth date + commune with Vietnamese-aware normalisation. Every match says how it was made;
// a doubtful one is returned as uncertain with its candidates, for a person to confirm — never
// taken silently. Pure functions over a PersonSource; thread-safe when the source is.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "registry/model.h"

namespace baophu::outreach {

// Persisted (outreach_match.method): how a row was matched.
enum class MatchMethod : uint8_t {
  kNone = 0,
  kBhxh = 1,        // the BHXH number on the list is in the registry
  kCitizenId = 2,   // the CCCD on the list is in the registry
  kName = 3,        // same name (case, spacing, Unicode form aside), birth date and commune
  kNameFolded = 4,  // the same without diacritics ("Nguyen Thi Mai" = "Nguyễn Thị Mai")
  kConfirmed = 5,   // an uncertain match a person confirmed
};
const char* MatchMethodKey(MatchMethod m);   // "bhxh", "cccd", "ho_ten", "ho_ten_khong_dau", "xac_nhan"
const char* MatchMethodNameVi(MatchMethod m);
const char* MatchMethodNameEn(MatchMethod m);

enum class MatchState : uint8_t { kMatched, kUncertain, kUnmatched };

// What a list says about the person.
struct MatchQuery {
  BhxhNumber bhxh = BhxhNumber::FromInt(-1);  // invalid when not given
  CitizenId citizen_id;
  std::string full_name;
  Date birth_date;     // Date() when not given
  UnitCode commune;    // the list's commune (of the school, the household ...), may be empty
};

struct MatchResult {
  MatchState state = MatchState::kUnmatched;
  MatchMethod method = MatchMethod::kNone;
  BhxhNumber bhxh = BhxhNumber::FromInt(-1);  // when matched
  // When uncertain: the candidates, and why each is doubtful (Vietnamese), same order.
  std::vector<Person> candidates;
  std::vector<std::string> doubts;
};

// Where the matcher looks people up (the store, or a vector in tests).
class PersonSource {
 public:
  virtual ~PersonSource() = default;
  virtual Result<std::optional<Person>> ByBhxh(BhxhNumber b) = 0;
  virtual Result<std::optional<Person>> ByCitizenId(const CitizenId& id) = 0;
  // Every person whose NameKey equals `key`.
  virtual Status ByNameKey(const std::string& key, std::vector<Person>* out) = 0;
};

// The name as compared: folded (lower case, no diacritics, đ → d), spaces collapsed.
std::string NameKey(std::string_view name);
// The name's spellings that differ only by a middle "Thị" or "Văn" (added after the family
// name, or removed where it stands in the middle), as NameKeys; the name itself excluded.
std::vector<std::string> MiddleNameVariants(std::string_view name);

Result<MatchResult> MatchPerson(const MatchQuery& q, PersonSource* source);

}  // namespace baophu::outreach
