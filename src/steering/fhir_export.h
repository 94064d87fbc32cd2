// People's coverage as HL7 FHIR R4 resources (JSON): a Bundle of type "collection" with one
// Patient per person of a unit's subtree and one Coverage per card of theirs, for exchange with
// health-information systems (issue 7, item 6). The people come from the engine (the subtree's
// slots); names, CCCD and the cards' codes from the store.
//   Patient   id = BHXH number; identifiers: BHXH number, CCCD; name (family = the first word,
//             given = the rest, text = the whole name); gender; birthDate; the home address as
//             the commune, district and province names on the day (country VN).
//   Coverage  id = "<BHXH>-<valid_from yyyymmdd>"; identifier and subscriberId = the card code;
//             status "active"; type = the object code (display: its name in the law's table);
//             beneficiary = Patient/<BHXH>; period = the card's window; payor = Bảo hiểm xã hội
//             Việt Nam; class "plan" = the benefit level (mức hưởng); network = the facility of
//             first registration (nơi đăng ký KCB ban đầu).
// Identifier and code systems are baophu's own URNs (kFhirSystem*) until a national FHIR naming
// system is published. Validated against HL7's R4 JSON schema in tests (tests/fhir_check.mjs).
// Thread-safety: as the store it is given (one thread at a time); the registry is only read.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "report/registry_loader.h"
#include "store/store.h"

namespace baophu {

inline constexpr const char* kFhirSystemBhxh = "urn:baophu:ma-so-bhxh";
inline constexpr const char* kFhirSystemCitizenId = "urn:baophu:so-cccd";
inline constexpr const char* kFhirSystemCardCode = "urn:baophu:ma-the-bhyt";
inline constexpr const char* kFhirSystemObjectCode = "urn:baophu:ma-doi-tuong";

struct FhirQuery {
  std::string unit_code;
  Date as_of;                // the units on this day; with valid_only, the cards valid on it
  bool valid_only = false;   // only the cards valid on as_of (and the people holding one)
  int64_t max_people = 200000;  // refuses a larger subtree (a file too large to exchange at once)
};

struct FhirCounts {
  int64_t patients = 0, coverages = 0;
};

// The Bundle is written as it is made (a district of 156.111 people is ~150 MB of JSON: never
// one string or one JSON tree): the people are chosen first, so the errors a caller must answer
// before sending anything come from FhirPeople; WriteFhirBundle then streams the compact JSON
// (the bytes nlohmann's dump() of the whole Bundle gives) to `sink` in pieces of ~64 KB.
// A sink returning false (the client went away, the disk is full) stops the export: IOError.
using FhirSink = std::function<bool(std::string_view piece)>;

// The people of the query's subtree, in BHXH order. NotFound for an unknown unit;
// InvalidArgument when the subtree has more than max_people people.
Result<std::vector<BhxhNumber>> FhirPeople(const LoadedRegistry& reg, const FhirQuery& q);
Status WriteFhirBundle(const LoadedRegistry& reg, Store* store, const FhirQuery& q,
                       const std::vector<BhxhNumber>& people, const FhirSink& sink, FhirCounts* counts);

}  // namespace baophu
