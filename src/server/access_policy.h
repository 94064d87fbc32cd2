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
// The same for a code: some version of `code` lies within one of the user's units on a day of
// that version's validity (its last day, or `today` when still valid). Codes the tree does not
// know: administrators only. This is the check for a person's commune.
bool MaySeeUnitCode(const User& user, const UnitTree& tree, const std::string& code, Date today);
// The unit a user's screens open on: their first unit, or the country.
std::string HomeUnit(const User& user);

}  // namespace baophu
