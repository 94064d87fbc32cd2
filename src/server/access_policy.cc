#include "server/access_policy.h"

#include <algorithm>

namespace baophu {

bool IsAdministrator(const User& u) { return u.role == Role::kAdministrator; }
bool MaySeePersonalData(const User& u) { return u.role != Role::kViewer; }
bool MayImport(const User& u) { return u.role == Role::kAdministrator || u.role == Role::kProvince; }

bool MayImportLists(const User& u) { return MayImport(u) || u.role == Role::kCommune; }

bool MayExchange(const User& u) { return u.role != Role::kSchool && u.role != Role::kOrganisation; }

bool MaySeeUnit(const User& user, const UnitTree& tree, UnitTree::Index u, Date d) {
  if (IsAdministrator(user)) return true;
  if (u == UnitTree::kNone) return false;
  for (const std::string& code : user.units) {
    UnitTree::Index anc = tree.Resolve(code, d);
    if (anc != UnitTree::kNone && tree.IsWithin(u, anc, d)) return true;
  }
  return false;
}

UnitTree::Index UnitVersionOn(const UnitTree& tree, const std::string& code, Date on) {
  UnitTree::Index before = UnitTree::kNone, after = UnitTree::kNone;
  for (UnitTree::Index v : tree.Versions(code)) {  // oldest first
    const Unit& u = tree.unit(v);
    if (u.ValidOn(on)) return v;
    if (u.valid_to < on)
      before = v;
    else if (after == UnitTree::kNone)
      after = v;
  }
  return before != UnitTree::kNone ? before : after;
}

namespace {

// A day of `v`'s validity as near `on` as can be.
Date WithinValidity(const Unit& v, Date on) { return std::clamp(on, v.valid_from, v.valid_to); }

// True when every unit that, by `on`, took over the people of the ended version `x` (following
// successor links, as the coverage reports place them) lies within the user's units on `on`.
// All of them: the people of a commune split in parts could be in any part.
bool SuccessorsVisible(const User& user, const UnitTree& tree, UnitTree::Index x, Date on, int depth) {
  const auto& next = tree.Successors(x);
  if (next.empty() || depth > 16) return false;
  for (const UnitTree::Successor& s : next) {
    if (s.to == UnitTree::kNone) return false;
    const Unit& u = tree.unit(s.to);
    if (u.ValidOn(on)) {
      if (!MaySeeUnit(user, tree, s.to, on)) return false;
    } else if (u.valid_to >= on || !SuccessorsVisible(user, tree, s.to, on, depth + 1)) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool MaySeeUnitCode(const User& user, const UnitTree& tree, const std::string& code, Date on) {
  if (IsAdministrator(user)) return true;
  const UnitTree::Index v = UnitVersionOn(tree, code, on);
  if (v == UnitTree::kNone) return false;
  const Unit& unit = tree.unit(v);
  if (MaySeeUnit(user, tree, v, WithinValidity(unit, on))) return true;
  // The unit ended before `on`: on `on` its people are in its successors, whose accounts see them.
  return unit.valid_to < on && SuccessorsVisible(user, tree, v, on, 0);
}

std::string HomeUnit(const User& user) {
  if (IsAdministrator(user) || user.units.empty()) return kCountryCode;
  return user.units.front();
}

}  // namespace baophu
