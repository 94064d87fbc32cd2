#include "steering/priority.h"

#include <algorithm>

namespace baophu {

Result<std::vector<PriorityRow>> RankUnits(const std::vector<CoverageRow>& rows, const PriorityRule& rule) {
  if (rule.weight_people < 0 || rule.weight_people > 100 || rule.weight_rate < 0 || rule.weight_rate > 100 ||
      rule.weight_people + rule.weight_rate == 0)
    return Status::InvalidArgument("trọng số phải từ 0 đến 100 và không được cùng bằng 0");
  std::vector<PriorityRow> out;
  out.reserve(rows.size());
  int64_t max_people = 0, max_shortfall = 0;
  for (const CoverageRow& r : rows) {
    PriorityRow p;
    p.unit_code = r.unit_code;
    p.unit_name = r.unit_name;
    p.insured = r.insured;
    p.denominator = r.denominator;
    p.rate_hundredths = r.rate_hundredths;
    p.target_hundredths = r.target_hundredths;
    p.gap_people = r.gap_people;
    if (r.denominator > 0 && r.rate_hundredths >= 0) {
      p.people_to_reach = std::max<int64_t>(0, r.denominator - r.insured);
      max_people = std::max(max_people, p.people_to_reach);
      max_shortfall = std::max<int64_t>(max_shortfall, std::max<int64_t>(0, 10000 - r.rate_hundredths));
    }
    out.push_back(std::move(p));
  }
  const int64_t weights = rule.weight_people + rule.weight_rate;
  for (PriorityRow& p : out) {
    if (p.people_to_reach < 0) continue;
    const int64_t shortfall = std::max<int64_t>(0, 10000 - p.rate_hundredths);
    // Each part in ten-thousandths of its maximum, then weighted; integer division rounds down.
    const int64_t people_part = max_people > 0 ? p.people_to_reach * 10000 / max_people : 0;
    const int64_t rate_part = max_shortfall > 0 ? shortfall * 10000 / max_shortfall : 0;
    p.score = (rule.weight_people * people_part + rule.weight_rate * rate_part) / weights;
  }
  std::stable_sort(out.begin(), out.end(), [](const PriorityRow& a, const PriorityRow& b) {
    if ((a.score < 0) != (b.score < 0)) return b.score < 0;
    if (a.score != b.score) return a.score > b.score;
    if (a.people_to_reach != b.people_to_reach) return a.people_to_reach > b.people_to_reach;
    return a.unit_code < b.unit_code;
  });
  int rank = 0;
  for (PriorityRow& p : out)
    if (p.score >= 0) p.rank = ++rank;
  return out;
}

std::string DescribeRule(const PriorityRule& rule, Lang lang) {
  const std::string wp = std::to_string(rule.weight_people), wr = std::to_string(rule.weight_rate);
  if (lang == Lang::kEn)
    return "score = " + wp + " × people not insured / largest + " + wr +
           " × (100 % − rate) / largest, over the units compared; highest score first";
  return "điểm ưu tiên = " + wp + " × số người chưa tham gia / số lớn nhất + " + wr +
         " × (100 % − tỷ lệ bao phủ) / mức lớn nhất, so giữa các đơn vị; điểm cao xếp trước";
}

}  // namespace baophu
