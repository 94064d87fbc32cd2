// Internal to demo/: the three scenarios and the arithmetic they share.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "demo/demo_generator.h"

namespace baophu::demo {

Result<DemoSummary> GenerateBacLieu2021(const RuleSet& rules, const DemoOptions& opts);
Result<DemoSummary> GenerateTuyPhong2019(const RuleSet& rules, const DemoOptions& opts);
Result<DemoSummary> GenerateNational(const RuleSet& rules, const DemoOptions& opts);

// The insured count nearest to hundredths% of den whose rate rounds (half up, to hundredths
// of a percent) exactly to `hundredths`.
int64_t InsuredFor(int64_t hundredths, int64_t den);

// Splits `total` into integers proportional to `weights`, none above its cap (caps empty = no
// caps), summing exactly to `total` (largest remainders). Requires sum(caps) >= total.
std::vector<int64_t> Apportion(int64_t total, const std::vector<double>& weights,
                               const std::vector<int64_t>& caps);

// "65,19 %" from a count and a denominator.
std::string RateText(int64_t num, int64_t den);

}  // namespace baophu::demo
