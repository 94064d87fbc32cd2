#include "bench_util.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace baophu::bench {

double Quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(v.size())));
  return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

int64_t PeakRssBytes() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) {
      std::istringstream s(line.substr(6));
      int64_t kb = 0;
      s >> kb;
      return kb * 1024;
    }
  }
  return 0;
}

std::vector<Date> Mondays(Date first, int weeks) {
  std::vector<Date> out;
  for (int i = 0; i < weeks; ++i) out.push_back(first.AddDays(7 * i));
  return out;
}

bool Results::WriteJson(const std::string& path) const {
  std::ofstream out(path);
  out << "{";
  bool first = true;
  for (const auto& [k, v] : nums_) {
    out << (first ? "" : ",") << fmt::format("\n  \"{}\": {}", k, std::isfinite(v) ? fmt::format("{}", v) : "null");
    first = false;
  }
  for (const auto& [k, v] : strs_) {
    out << (first ? "" : ",") << fmt::format("\n  \"{}\": \"{}\"", k, v);  // keys and values are plain ASCII
    first = false;
  }
  out << "\n}\n";
  return static_cast<bool>(out);
}

}  // namespace baophu::bench
