// Looking people up by what an official has at hand: the 10-digit BHXH number, the 12-digit
// CCCD, or a name typed with or without diacritics. Returns each person with their card history.
// Thread-safety: uses the Store it is given (one thread at a time, as Store says).
#pragma once

#include <string_view>
#include <vector>

#include "core/status.h"
#include "registry/model.h"
#include "store/store.h"

namespace baophu {

enum class PeopleQueryKind { kBhxh, kCitizenId, kName };

struct PersonRecord {
  Person person;
  std::vector<Card> cards;  // oldest first
};

struct PeopleLookup {
  PeopleQueryKind kind = PeopleQueryKind::kName;
  std::vector<PersonRecord> people;
};

// 10 digits → BHXH number; 12 digits → CCCD; otherwise a name (at least 2 letters after
// folding), at most `limit` people. InvalidArgument for an empty or too short query.
Result<PeopleLookup> LookupPeople(Store* store, std::string_view query, int limit);

// True when `c` is valid on `d` (both ends inclusive; an unknown end is open).
bool CardValidOn(const Card& c, Date d);

}  // namespace baophu
