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

Result<std::set<int64_t>> PeopleInCharge(const ListContext& ctx, const User& user, Date as_of) {
  std::set<int64_t> out;
  if (user.role != Role::kSchool && user.role != Role::kOrganisation) return out;
  const bool school = user.role == Role::kSchool;
  std::vector<Responsible> resp;
  BAOPHU_RETURN_IF_ERROR(ctx.outreach->ListResponsibles(&resp));
  for (const std::string& unit : user.units) {
    ListRequest lr;
    lr.kind = school ? ListKind::kPupils : ListKind::kMembers;
    lr.unit = unit;
    lr.as_of = as_of;
    lr.with_names = false;  // the numbers are enough
    auto list = BuildList(ctx, lr);
    if (!list.ok()) return list.status();
    RestrictToResponsible(&*list, resp, school ? ResponsibleScope::kClass : ResponsibleScope::kOrganisation,
                          {user.username, user.display_name});
    for (const ListEntry& e : list->entries)
      if (e.bhxh.valid()) out.insert(e.bhxh.value());
  }
  return out;
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
    if (!visible.citizen_id) e.entry_key = MaskEntryKey(e.entry_key);
  }
}

std::string MaskEntryKey(std::string_view entry_key) {
  const size_t at = entry_key.find("|c:");
  if (at == std::string_view::npos || entry_key.rfind("r:", 0) != 0) return std::string(entry_key);
  return std::string(entry_key.substr(0, at + 3)) + MaskMiddle(entry_key.substr(at + 3));
}

std::string UnmaskEntryKey(std::string_view shown, const std::vector<std::string>& keys) {
  if (shown.find('*') == std::string_view::npos) return std::string(shown);
  std::string found;
  for (const std::string& k : keys) {
    if (MaskEntryKey(k) != shown) continue;
    if (!found.empty() && found != k) return "";  // two rows mask alike: the key names neither
    found = k;
  }
  return found;
}

}  // namespace baophu::outreach
