// Who sees which entries of an outreach list: a teacher sees the classes they are responsible
// for, an organisation's officer the members of their organisations; CCCD and phone numbers
// are shown only to the roles that need them. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "outreach/lists.h"
#include "store/account_store.h"

namespace baophu::outreach {

// Keeps the entries and sections of the classes (scope kClass, pupils) or organisations
// (kOrganisation, members) whose responsible person is one of `names` (a user's login and
// display name); a school's whole-school line goes (it would count other classes).
void RestrictToResponsible(OutreachList* list, const std::vector<Responsible>& responsibles, ResponsibleScope scope,
                           const std::vector<std::string>& names);

// The people a school account (the pupils of its classes) or an organisation account (the
// members of its organisations) is in charge of on `as_of`: the matched people of the entries
// its lists show (BuildList over each of the user's units, then RestrictToResponsible), as BHXH
// numbers. Empty for the other roles (they are scoped by unit alone).
Result<std::set<int64_t>> PeopleInCharge(const ListContext& ctx, const User& user, Date as_of);

struct PersonalFields {
  bool citizen_id = false;  // enrolment needs the CCCD: administrator, province, commune
  bool phone = false;       // reaching people needs the phone: administrator, commune, school, organisation
};
PersonalFields VisibleFields(Role role);

// Masks what `visible` does not allow (MaskMiddle), the CCCD inside an entry's key included
// (a roster row identified by its CCCD has the key "r:<kind>|<group>|c:<cccd>").
void MaskEntries(OutreachList* list, PersonalFields visible);

// The key as a role that does not see CCCD numbers is shown it: "…|c:095******268".
std::string MaskEntryKey(std::string_view entry_key);

// The stored key a masked key stands for, among `keys` (the entries the user may act on): the
// key itself when it is not masked; empty when none or more than one key masks to it.
std::string UnmaskEntryKey(std::string_view shown, const std::vector<std::string>& keys);

}  // namespace baophu::outreach
