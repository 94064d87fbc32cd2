// The priority ranking of sub-units: which places to work on first, weighing both how low the
// rate is and how many people are still to reach (the Tuy Phong conclusion picks communes "with a
// low rate and many people still to reach"). The rule is explicit and configurable (weights), and
// every ranked unit carries the two measures and the score. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "report/coverage_report.h"

namespace baophu {

// The rule. For each unit with a known denominator:
//   people = denominator − insured                (people still to reach, not only to the target)
//   shortfall = 10000 − rate_hundredths           (how far below 100 %)
//   score = (weight_people × people / max people + weight_rate × shortfall / max shortfall)
// in ten-thousandths of (weight_people + weight_rate), the maxima taken over the units ranked.
// Ranked by score descending, then people descending, then code. Integer arithmetic throughout.
struct PriorityRule {
  int weight_people = 70;  // weight of the people still to reach (0..100)
  int weight_rate = 30;    // weight of the rate's shortfall from 100 % (0..100)
  int focus = 5;           // how many units the report names as focus units
};

struct PriorityRow {
  std::string unit_code;
  std::string unit_name;
  int64_t insured = 0;
  int64_t denominator = -1;
  int64_t rate_hundredths = -1;
  int32_t target_hundredths = -1;
  int64_t gap_people = -1;       // to the target (the report's gap)
  int64_t people_to_reach = -1;  // denominator − insured
  int64_t score = -1;            // 0..10000; -1 when the denominator is unknown (not ranked)
  int rank = 0;                  // 1 = first; 0 = not ranked
};

// Ranks the rows (the report's "all groups" rows of the units to compare); rows with an unknown
// denominator come last, unranked. InvalidArgument when a weight is outside 0..100 or both are 0.
Result<std::vector<PriorityRow>> RankUnits(const std::vector<CoverageRow>& rows, const PriorityRule& rule);

// "điểm = 70 × số người chưa tham gia / lớn nhất + 30 × (100 % − tỷ lệ) / lớn nhất" (or English).
std::string DescribeRule(const PriorityRule& rule, Lang lang);

}  // namespace baophu
