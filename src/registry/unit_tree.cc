#include "registry/unit_tree.h"

#include <algorithm>

namespace baophu {

Result<UnitTree> UnitTree::Build(std::vector<Unit> units, const std::vector<UnitSuccessor>& successors) {
  UnitTree t;
  std::sort(units.begin(), units.end(), [](const Unit& a, const Unit& b) {
    return a.code != b.code ? a.code < b.code : a.valid_from < b.valid_from;
  });
  t.units_ = std::move(units);
  for (size_t i = 0; i < t.units_.size(); ++i) {
    const Unit& u = t.units_[i];
    auto& v = t.by_code_[u.code.str()];
    if (!v.empty()) {
      const Unit& prev = t.units_[static_cast<size_t>(v.back())];
      if (prev.valid_to >= u.valid_from)
        return Status::Conflict("đơn vị " + u.code.str() + " có hai phiên bản chồng thời gian hiệu lực (" +
                                prev.valid_from.ToVn() + " và " + u.valid_from.ToVn() + ")");
    }
    v.push_back(static_cast<Index>(i));
    if (!u.parent.empty()) t.children_by_parent_code_[u.parent.str()].push_back(static_cast<Index>(i));
  }
  for (const Unit& u : t.units_) {
    if (!u.parent.empty() && !t.Knows(u.parent.str()))
      return Status::NotFound("đơn vị " + u.code.str() + " có mã cấp trên " + u.parent.str() + " không tồn tại");
  }
  t.successors_.resize(t.units_.size());
  for (const UnitSuccessor& s : successors) {
    auto it = t.by_code_.find(s.from_code.str());
    if (it == t.by_code_.end()) return Status::NotFound("đơn vị tiền nhiệm " + s.from_code.str() + " không tồn tại");
    Index from = kNone;
    for (Index i : it->second)
      if (t.unit(i).valid_from == s.from_valid_from) from = i;
    if (from == kNone)
      return Status::NotFound("đơn vị " + s.from_code.str() + " không có phiên bản bắt đầu " + s.from_valid_from.ToVn());
    const Unit& fu = t.unit(from);
    Index to = fu.valid_to == Date::Max() ? kNone : t.Resolve(s.to_code, fu.valid_to.AddDays(1));
    if (to == kNone)
      return Status::NotFound("đơn vị kế nhiệm " + s.to_code.str() + " của " + s.from_code.str() +
                              " không có hiệu lực sau ngày " + fu.valid_to.ToVn());
    t.successors_[static_cast<size_t>(from)].push_back({to, s.type});
  }
  return t;
}

UnitTree::Index UnitTree::Resolve(const std::string& code, Date on) const {
  auto it = by_code_.find(code);
  if (it == by_code_.end()) return kNone;
  for (Index i : it->second)
    if (unit(i).ValidOn(on)) return i;
  return kNone;
}

UnitTree::Index UnitTree::Resolve(const UnitCode& code, Date on) const { return Resolve(code.str(), on); }

std::vector<UnitTree::Index> UnitTree::Versions(const std::string& code) const {
  auto it = by_code_.find(code);
  return it == by_code_.end() ? std::vector<Index>{} : it->second;
}

UnitTree::Index UnitTree::Parent(Index i, Date on) const {
  const Unit& u = unit(i);
  if (u.parent.empty()) return kNone;
  return Resolve(u.parent, on);
}

std::vector<UnitTree::Index> UnitTree::Children(Index i, Date on) const {
  std::vector<Index> out;
  auto it = children_by_parent_code_.find(unit(i).code.str());
  if (it == children_by_parent_code_.end()) return out;
  for (Index c : it->second)
    if (unit(c).ValidOn(on) && Parent(c, on) == i) out.push_back(c);
  return out;  // already in code order: units_ is sorted by code
}

bool UnitTree::IsWithin(Index i, Index ancestor, Date on) const {
  for (int guard = 0; i != kNone && guard < 16; ++guard) {
    if (i == ancestor) return true;
    i = Parent(i, on);
  }
  return false;
}

}  // namespace baophu
