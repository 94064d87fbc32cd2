// Integer arithmetic of money: the one rounding rule of the money layer (half up to the đồng,
// applied where docs/money.md says) and month arithmetic for periods. Header-only; thread-safe.
#pragma once

#include <cstdint>

#include "core/date.h"
#include "core/money.h"

namespace baophu::money {

// numerator / denominator rounded half up (away from zero for halves), for non-negative
// denominators. RoundDiv(105300 * 7000, 10000) = 73710.
constexpr int64_t RoundDiv(int64_t numerator, int64_t denominator) {
  if (numerator >= 0) return (numerator + denominator / 2) / denominator;
  return -((-numerator + denominator / 2) / denominator);
}

// `amount` × bp / 10 000, rounded half up to the đồng.
constexpr Money ApplyBp(Money amount, int64_t bp) { return Money{RoundDiv(amount.dong * bp, 10000)}; }

// The first day of the month `d` falls in, and the first day of the month n months later.
inline Date MonthStart(Date d) { return Date::FromYmd(d.year(), d.month(), 1); }
inline Date MonthStartPlus(Date d, int n) { return MonthStart(d).AddMonths(n); }
// The last day of the month `d` falls in.
inline Date MonthEnd(Date d) { return MonthStart(d).AddMonths(1).AddDays(-1); }

}  // namespace baophu::money
