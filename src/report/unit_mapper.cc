#include "report/unit_mapper.h"

#include <algorithm>
#include <tuple>

namespace baophu {

void MergeInto(GroupVector* into, const GroupVector& v) {
  if (into->size() < v.size()) into->resize(v.size(), -1);
  for (size_t i = 0; i < v.size(); ++i) (*into)[i] = MergeAmount((*into)[i], v[i]);
}

namespace {

// Work order: deeper levels first (a child's amounts reach its parent before the parent is
// handled), then earlier end dates (a predecessor ends before its successor does).
struct WorkKey {
  int neg_level;
  int32_t valid_to;
  UnitTree::Index unit;
  bool unplaced;
  auto operator<=>(const WorkKey&) const = default;
};

}  // namespace

PlacedAmounts UnitMapper::Map(const PlacedAmounts& in, bool drop_unplaced) {
  std::map<WorkKey, GroupVector> work;
  auto add = [&](UnitTree::Index x, bool unplaced, const GroupVector& v) {
    const Unit& u = tree_.unit(x);
    MergeInto(&work[WorkKey{-static_cast<int>(u.level), u.valid_to.days(), x, unplaced}], v);
  };
  PlacedAmounts out;
  auto emit = [&](UnitTree::Index x, bool unplaced, const GroupVector& v) {
    if (unplaced && drop_unplaced) return;
    MergeInto(&out[Placement{x, unplaced}], v);
  };
  for (const auto& [p, v] : in)
    if (p.unit != UnitTree::kNone) add(p.unit, p.unplaced, v);

  const UnitTree::Index country = tree_.Resolve(std::string(kCountryCode), to_);
  while (!work.empty()) {
    auto node = work.extract(work.begin());
    const UnitTree::Index x = node.key().unit;
    const bool unplaced = node.key().unplaced;
    const GroupVector& v = node.mapped();
    const Unit& u = tree_.unit(x);

    if (u.ValidOn(to_)) {
      emit(x, unplaced, v);
      continue;
    }
    if (u.valid_to < to_) {
      const auto& succ = tree_.Successors(x);
      auto full = std::find_if(succ.begin(), succ.end(),
                               [](const UnitTree::Successor& s) { return s.type == MergeType::kFull; });
      if (full != succ.end()) {
        add(full->to, unplaced, v);
        continue;
      }
      if (!succ.empty()) {
        std::vector<UnitTree::Index> to;
        for (const auto& s : succ) to.push_back(s.to);
        std::sort(to.begin(), to.end(), [&](UnitTree::Index a, UnitTree::Index b) {
          return std::tie(tree_.unit(a).code, a) < std::tie(tree_.unit(b).code, b);
        });
        const int64_t k = static_cast<int64_t>(to.size());
        for (int64_t i = 0; i < k; ++i) {
          GroupVector share(v.size(), -1);
          for (size_t g = 0; g < v.size(); ++g) {
            if (v[g] < 0) continue;
            share[g] = v[g] / k + (i < v[g] % k ? 1 : 0);
          }
          add(to[static_cast<size_t>(i)], unplaced, share);
        }
        split_.insert(x);
        continue;
      }
    } else {  // backward: x starts after `to`
      UnitTree::Index same = tree_.Resolve(u.code, to_);
      if (same != UnitTree::kNone) {
        emit(same, unplaced, v);
        continue;
      }
    }
    // Climb to the parent as it was while x was valid.
    Date when = std::clamp(from_, u.valid_from, u.valid_to);
    UnitTree::Index parent = u.parent.empty() ? UnitTree::kNone : tree_.Resolve(u.parent, when);
    bool now_unplaced = unplaced || u.level != UnitLevel::kHamlet;
    if (parent == UnitTree::kNone) {
      if (country != UnitTree::kNone && country != x) emit(country, true, v);
      continue;
    }
    if (now_unplaced && drop_unplaced) continue;
    add(parent, now_unplaced, v);
  }
  return out;
}

}  // namespace baophu
