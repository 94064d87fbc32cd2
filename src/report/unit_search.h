// Finding administrative units by name, diacritics-insensitive ("phan ri cua" finds "Thị trấn
// Phan Rí Cửa"): the folded names of every unit version are computed once. Immutable after
// construction: safe for concurrent const use.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "registry/unit_tree.h"

namespace baophu {

class UnitSearchIndex {
 public:
  explicit UnitSearchIndex(const UnitTree& tree);
  // Versions whose folded name contains the folded query, valid on `on` (any date when `on` is
  // not valid: then only each code's latest version). Whole-word matches first, then higher
  // levels (provinces before communes), then by name. At most `limit`.
  std::vector<UnitTree::Index> Search(const UnitTree& tree, std::string_view query, Date on, size_t limit) const;

 private:
  std::vector<std::string> folded_;  // by UnitTree::Index
};

}  // namespace baophu
