#include "steering/campaign.h"

#include <algorithm>

#include "core/text.h"
#include "report/coverage_series.h"

namespace baophu {

Result<JoinCount> CountJoiners(const LoadedRegistry& reg, const std::vector<std::string>& units,
                               const std::vector<ReportingGroupId>& groups, Date from, Date to) {
  JoinCount n;
  for (size_t i = 0; i < units.size(); ++i) {
    // A unit inside another of the list is already counted there.
    const UnitTree::Index me = reg.tree.Resolve(units[i], to);
    bool inside = false;
    for (size_t j = 0; j < units.size() && me >= 0; ++j) {
      if (j == i) continue;
      const UnitTree::Index other = reg.tree.Resolve(units[j], to);
      if (other >= 0 && other != me && reg.tree.IsWithin(me, other, to)) inside = true;
    }
    if (inside) continue;
    FlowsQuery q;
    q.unit_code = units[i];
    q.from = from;
    q.to = to;
    q.depth = 0;
    auto f = BuildCoverageFlows(reg, q);
    if (!f.ok()) return f.status();
    for (const FlowRow& r : f->rows) {
      if (r.depth != 0) continue;
      const bool wanted = groups.empty() ? r.group == kAllGroups
                                         : std::find(groups.begin(), groups.end(), r.group) != groups.end();
      if (!wanted) continue;
      n.new_people += r.new_people;
      n.renewed += r.renewed;
    }
  }
  return n;
}

Result<CampaignProgress> BuildCampaignProgress(const LoadedRegistry& reg, const Campaign& c,
                                               const std::vector<CampaignAssignee>& assignees, Date as_of) {
  if (as_of < c.from)
    return Status::InvalidArgument("chiến dịch " + c.code + " bắt đầu ngày " + c.from.ToVn() + ", sau ngày " +
                                   as_of.ToVn());
  CampaignProgress p;
  p.campaign = c;
  p.counted_to = std::min(c.to, as_of);
  p.prior_from = c.from.AddMonths(-12);
  p.prior_to = p.counted_to.AddMonths(-12);
  auto now = CountJoiners(reg, c.units, c.groups, c.from, p.counted_to);
  if (!now.ok()) return now.status();
  p.joined = *now;
  auto prior = CountJoiners(reg, c.units, c.groups, p.prior_from, p.prior_to);
  if (!prior.ok()) return prior.status();
  p.joined_prior = *prior;
  if (c.target_new > 0) p.percent_hundredths = RateHundredths(p.joined.total(), c.target_new);
  for (const CampaignAssignee& a : assignees) {
    AssigneeProgress ap;
    ap.assignee = a;
    auto j = CountJoiners(reg, {a.unit_code}, c.groups, c.from, p.counted_to);
    if (!j.ok()) return j.status();
    ap.joined = *j;
    if (a.target_new > 0) ap.percent_hundredths = RateHundredths(ap.joined.total(), a.target_new);
    p.leaders.push_back(std::move(ap));
  }
  std::stable_sort(p.leaders.begin(), p.leaders.end(), [](const AssigneeProgress& x, const AssigneeProgress& y) {
    if (x.percent_hundredths != y.percent_hundredths) return x.percent_hundredths > y.percent_hundredths;
    return x.joined.total() > y.joined.total();
  });
  for (size_t i = 0; i < p.leaders.size(); ++i) p.leaders[i].rank = static_cast<int>(i + 1);
  return p;
}

}  // namespace baophu
