// Money: an amount in đồng, as an exact integer. No floating point touches money; rates are
// given in basis points or parts per ten thousand and rounding is explicit at each call site.
#pragma once

#include <compare>
#include <cstdint>

namespace baophu {

struct Money {
  int64_t dong = 0;
  constexpr auto operator<=>(const Money&) const = default;
  constexpr Money operator+(Money o) const { return {dong + o.dong}; }
  constexpr Money operator-(Money o) const { return {dong - o.dong}; }
};

}  // namespace baophu
