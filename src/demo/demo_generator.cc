#include "demo/demo_generator.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/text.h"
#include "demo/demo_scenarios.h"

namespace baophu {

Result<DemoSummary> GenerateDemo(const RuleSet& rules, const DemoOptions& opts) {
  if (opts.out_dir.empty()) return Status::InvalidArgument("thiếu thư mục kết quả (--out)");
  if (opts.scenario == "bac-lieu-2021") return demo::GenerateBacLieu2021(rules, opts);
  if (opts.scenario == "tuy-phong-2019") return demo::GenerateTuyPhong2019(rules, opts);
  if (opts.scenario == "national") return demo::GenerateNational(rules, opts);
  return Status::InvalidArgument("kịch bản không hợp lệ '" + opts.scenario +
                                 "' (bac-lieu-2021, tuy-phong-2019 hoặc national)");
}

namespace demo {

int64_t InsuredFor(int64_t hundredths, int64_t den) {
  int64_t n = (hundredths * den + 5000) / 10000;
  while (n > 0 && RateHundredths(n, den) > hundredths) --n;
  while (RateHundredths(n, den) < hundredths) ++n;
  return n;
}

std::vector<int64_t> Apportion(int64_t total, const std::vector<double>& weights,
                               const std::vector<int64_t>& caps) {
  const size_t n = weights.size();
  std::vector<double> ideal(n, 0.0);
  std::vector<bool> capped(n, false);
  // Proportional shares; shares over a cap are fixed at the cap and the excess re-spread.
  for (int round = 0; round < 64; ++round) {
    double left = static_cast<double>(total), wsum = 0;
    for (size_t i = 0; i < n; ++i) {
      if (capped[i]) left -= static_cast<double>(caps[i]);
      else wsum += weights[i];
    }
    bool changed = false;
    for (size_t i = 0; i < n; ++i) {
      if (capped[i]) { ideal[i] = static_cast<double>(caps[i]); continue; }
      ideal[i] = wsum > 0 ? left * weights[i] / wsum : 0;
      if (!caps.empty() && ideal[i] > static_cast<double>(caps[i])) {
        capped[i] = true;
        changed = true;
      }
    }
    if (!changed) break;
  }
  std::vector<int64_t> out(n);
  int64_t sum = 0;
  for (size_t i = 0; i < n; ++i) {
    out[i] = static_cast<int64_t>(std::floor(ideal[i]));
    sum += out[i];
  }
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return ideal[a] - std::floor(ideal[a]) > ideal[b] - std::floor(ideal[b]);
  });
  bool progress = true;
  while (sum < total && progress) {
    progress = false;
    for (size_t k = 0; k < n && sum < total; ++k) {
      size_t i = order[k];
      if (caps.empty() || out[i] < caps[i]) {
        ++out[i];
        ++sum;
        progress = true;
      }
    }
  }
  return out;
}

std::string RateText(int64_t num, int64_t den) {
  return FormatIntVn(num) + "/" + FormatIntVn(den) + " = " + FormatHundredthsVn(RateHundredths(num, den)) + " %";
}

}  // namespace demo
}  // namespace baophu
