// Who may see what: a user's role decides the kinds of data (reports, personal data, imports,
// administration), the user's units decide where (those units and everything below them).
// Enforced by the API handlers before any domain call. Pure functions over a const UnitTree:
// thread-safe.
#pragma once

#include <string>

#include "core/date.h"
#include "registry/unit_tree.h"
#include "store/account_store.h"

namespace baophu {

bool IsAdministrator(const User& u);
// Names, cards and lookups of people (every role but viewer).
bool MaySeePersonalData(const User& u);
// Uploading and committing imports of the registry (administrator, province).
bool MayImport(const User& u);
// Uploading and committing the outreach lists: rosters, beneficiaries, members, responsibles
// (administrator, province, commune).
bool MayImportLists(const User& u);

// True when the unit version `u` lies within one of the user's units on `d` (administrators:
// always).
bool MaySeeUnit(const User& user, const UnitTree& tree, UnitTree::Index u, Date d);
// The version of `code` a record dated `on` means: the one valid on `on`; if none, the version in
// force closest before `on` (the one the record was written under); if none began before `on`,
// the first one after it; kNone for a code the tree does not know.
UnitTree::Index UnitVersionOn(const UnitTree& tree, const std::string& code, Date on);
// The check for a person's commune (or any unit code a request names) on the data's date `on`
// (the query's as_of): the ONE version UnitVersionOn(code, on) must lie within one of the user's
// units resolved on a day of that version's validity (the day nearest `on`). A code reused by a
// reform for another unit is therefore not the same unit: a post-2025 province account does not
// see the people of 2021 whose communes had its communes' codes. When that version ended before
// `on`, the people are also visible to the accounts holding every unit that succeeded it by `on`
// (as the coverage reports place them). Codes the tree does not know: administrators only.
bool MaySeeUnitCode(const User& user, const UnitTree& tree, const std::string& code, Date on);
// Schools and organisations: no exchange exports (FHIR, DHIS2): an exchange with the health
// systems is a province's or a commune's job, not a teacher's.
bool MayExchange(const User& u);
// The unit a user's screens open on: their first unit, or the country.
std::string HomeUnit(const User& user);

}  // namespace baophu
