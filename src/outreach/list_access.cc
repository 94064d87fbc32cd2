#include "outreach/list_access.h"

#include <algorithm>
#include <set>

namespace baophu::outreach {

void RestrictToResponsible(OutreachList* list, const std::vector<Responsible>& responsibles, ResponsibleScope scope,
                           const std::vector<std::string>& names) {
  std::set<std::string> allowed;  // "school|class" or an organisation code
  for (const Responsible& r : responsibles)
    if (r.scope == scope && std::find(names.begin(), names.end(), r.assignee) != names.end()) allowed.insert(r.key);
  auto key = [&](const std::string& group, const std::string& sub) {
    return scope == ResponsibleScope::kClass ? group + "|" + sub : group;
  };
  std::erase_if(list->entries, [&](const ListEntry& e) { return !allowed.count(key(e.group_code, e.subgroup)); });
  std::erase_if(list->sections, [&](const ListSection& s) {
    if (scope == ResponsibleScope::kClass && s.subgroup.empty()) return true;
    return !allowed.count(key(s.group_code, s.subgroup));
  });
}

PersonalFields VisibleFields(Role role) {
  PersonalFields f;
  f.citizen_id = role == Role::kAdministrator || role == Role::kProvince || role == Role::kCommune;
  f.phone = role == Role::kAdministrator || role == Role::kCommune || role == Role::kSchool ||
            role == Role::kOrganisation;
  return f;
}

void MaskEntries(OutreachList* list, PersonalFields visible) {
  for (ListEntry& e : list->entries) {
    if (!visible.citizen_id && !e.citizen_id.empty()) e.citizen_id = MaskMiddle(e.citizen_id);
    if (!visible.phone && !e.phone.empty()) e.phone = MaskMiddle(e.phone);
  }
}

}  // namespace baophu::outreach
