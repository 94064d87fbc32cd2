#include "demo/demo_cards.h"

#include <algorithm>
#include <cstring>

namespace baophu::demo {

CardWriter::CardWriter(const RuleSet& rules, CsvOut* out) : out_(out) {
  std::vector<int32_t> bounds = {Date::Min().days()};
  for (const auto& r : rules.object_codes()) {
    if (r.valid_from != Date::Min()) bounds.push_back(r.valid_from.days());
    if (r.valid_to != Date::Max()) bounds.push_back(r.valid_to.days() + 1);
  }
  std::sort(bounds.begin(), bounds.end());
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  for (int32_t b : bounds) {
    Era e{};
    e.from = b;
    std::memset(e.group, kUnclassifiedGroup, sizeof e.group);
    for (int i = 0; i < 26 * 26; ++i) {
      char s[2] = {static_cast<char>('A' + i / 26), static_cast<char>('A' + i % 26)};
      auto oc = ObjectCode::Parse(std::string_view(s, 2));
      if (!oc.ok()) continue;
      if (const ObjectCodeRule* r = rules.Find(*oc, Date::FromDays(b))) {
        e.level[i] = static_cast<uint8_t>(r->benefit_level);
        e.group[i] = r->reporting_group;
      }
    }
    eras_.push_back(e);
  }
}

int CardWriter::Level(Code2 code, int32_t from) const { return EraOf(from).level[Idx(code)]; }

ReportingGroupId CardWriter::Group(Code2 code, int32_t from) const { return EraOf(from).group[Idx(code)]; }

}  // namespace baophu::demo
