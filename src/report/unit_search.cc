#include "report/unit_search.h"

#include <algorithm>
#include <tuple>

#include "core/text.h"

namespace baophu {

UnitSearchIndex::UnitSearchIndex(const UnitTree& tree) {
  folded_.reserve(tree.size());
  for (const Unit& u : tree.units()) folded_.push_back(FoldForSearch(u.name));
}

std::vector<UnitTree::Index> UnitSearchIndex::Search(const UnitTree& tree, std::string_view query, Date on,
                                                     size_t limit) const {
  std::string q = FoldForSearch(query);
  std::vector<UnitTree::Index> out;
  if (q.empty()) return out;
  struct Hit {
    bool word;
    int level;
    UnitTree::Index i;
  };
  std::vector<Hit> hits;
  for (size_t k = 0; k < folded_.size(); ++k) {
    const std::string& name = folded_[k];
    size_t pos = name.find(q);
    if (pos == std::string::npos) continue;
    auto i = static_cast<UnitTree::Index>(k);
    const Unit& u = tree.unit(i);
    if (on.valid()) {
      if (!u.ValidOn(on)) continue;
    } else {
      auto versions = tree.Versions(u.code.str());
      if (!versions.empty() && versions.back() != i) continue;
    }
    bool starts = pos == 0 || name[pos - 1] == ' ';
    bool ends = pos + q.size() == name.size() || name[pos + q.size()] == ' ';
    hits.push_back({starts && ends, static_cast<int>(u.level), i});
  }
  std::sort(hits.begin(), hits.end(), [&](const Hit& a, const Hit& b) {
    return std::make_tuple(!a.word, a.level, std::string_view(folded_[static_cast<size_t>(a.i)]), a.i) <
           std::make_tuple(!b.word, b.level, std::string_view(folded_[static_cast<size_t>(b.i)]), b.i);
  });
  for (size_t k = 0; k < hits.size() && k < limit; ++k) out.push_back(hits[k].i);
  return out;
}

}  // namespace baophu
