#include "server/access_policy.h"

#include <algorithm>

namespace baophu {

bool IsAdministrator(const User& u) { return u.role == Role::kAdministrator; }
bool MaySeePersonalData(const User& u) { return u.role != Role::kViewer; }
bool MayImport(const User& u) { return u.role == Role::kAdministrator || u.role == Role::kProvince; }

bool MayImportLists(const User& u) { return MayImport(u) || u.role == Role::kCommune; }

bool MaySeeUnit(const User& user, const UnitTree& tree, UnitTree::Index u, Date d) {
  if (IsAdministrator(user)) return true;
  if (u == UnitTree::kNone) return false;
  for (const std::string& code : user.units) {
    UnitTree::Index anc = tree.Resolve(code, d);
    if (anc != UnitTree::kNone && tree.IsWithin(u, anc, d)) return true;
  }
  return false;
}

bool MaySeeUnitCode(const User& user, const UnitTree& tree, const std::string& code, Date today) {
  if (IsAdministrator(user)) return true;
  for (UnitTree::Index v : tree.Versions(code)) {
    const Unit& unit = tree.unit(v);
    Date d = std::min(unit.valid_to, today);
    if (d < unit.valid_from) d = unit.valid_from;
    if (MaySeeUnit(user, tree, v, d)) return true;
  }
  return false;
}

std::string HomeUnit(const User& user) {
  if (IsAdministrator(user) || user.units.empty()) return kCountryCode;
  return user.units.front();
}

}  // namespace baophu
