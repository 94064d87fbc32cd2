#include "engine/segments.h"

#include <algorithm>
#include <climits>
#include <string>

namespace baophu::engine {

GroupResolver::GroupResolver(const RuleSet& rules) {
  std::fill(std::begin(table_), std::end(table_), kUnclassifiedGroup);
  // A code whose rules all name one group gets that group on every date (RuleSet::Find falls
  // back to the nearest rule outside the windows); codes with several groups ask the rules.
  bool seen[26 * 26] = {};
  for (const ObjectCodeRule& r : rules.object_codes()) {
    std::string s = r.code.str();
    if (s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z') continue;
    int i = (s[0] - 'A') * 26 + (s[1] - 'A');
    if (!seen[i]) {
      table_[i] = r.reporting_group;
      seen[i] = true;
    } else if (table_[i] != r.reporting_group) {
      table_[i] = kAskRules;
    }
  }
}

ReportingGroupId GroupResolver::Of(const RuleSet& rules, ObjectCode code, Date from) const {
  std::string s = code.str();
  if (s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z') {
    uint8_t g = table_[(s[0] - 'A') * 26 + (s[1] - 'A')];
    if (g != kAskRules) return g;
  }
  return rules.ReportingGroupOf(code, from);
}

void BuildSegments(const CardRec* cards, size_t n, const RuleSet& rules, std::vector<Segment>* out,
                   std::vector<int32_t>* points) {
  out->clear();
  if (n == 1) {  // the common case
    if (cards[0].from <= cards[0].to)
      out->push_back({cards[0].from, cards[0].to, static_cast<uint8_t>(rules.Rank(cards[0].group))});
    return;
  }
  // Elementary intervals between all window boundaries; each takes the best rank covering it.
  points->clear();
  for (size_t i = 0; i < n; ++i) {
    if (cards[i].from > cards[i].to) continue;
    points->push_back(cards[i].from);
    points->push_back(cards[i].to + 1);
  }
  std::sort(points->begin(), points->end());
  points->erase(std::unique(points->begin(), points->end()), points->end());
  for (size_t j = 0; j + 1 < points->size(); ++j) {
    int32_t a = (*points)[j];
    int32_t b = (*points)[j + 1] - 1;
    int best = INT_MAX;
    for (size_t i = 0; i < n; ++i) {
      if (cards[i].from <= a && a <= cards[i].to) best = std::min(best, rules.Rank(cards[i].group));
    }
    if (best == INT_MAX) continue;  // a gap between cards
    uint8_t rank = static_cast<uint8_t>(best);
    if (!out->empty() && out->back().end == a - 1 && out->back().rank == rank) {
      out->back().end = b;
    } else {
      out->push_back({a, b, rank});
    }
  }
}

}  // namespace baophu::engine
