// Test helpers of the money layer: the repository's rule tables and short date literals.
#pragma once

#include <gtest/gtest.h>

#include "core/date.h"
#include "rules/money_rules.h"

namespace baophu::money {

inline const MoneyRules& Rules() {
  static const MoneyRules* rules = [] {
    auto r = MoneyRules::LoadDefault();
    if (!r.ok()) {
      ADD_FAILURE() << r.status().ToString();
      std::abort();
    }
    return new MoneyRules(std::move(*r));
  }();
  return *rules;
}

inline Date D(int d, int m, int y) { return Date::FromYmd(y, m, d); }

}  // namespace baophu::money
