#include "steering/campaign.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/text.h"
#include "report/coverage_series.h"

namespace baophu {

namespace {

// The joiners of every unit of `codes` in [from, to] from one BuildCoverageFlows over their
// lowest common ancestor (a flows call passes over every person's cards, whatever the units:
// one call, not one per unit). Per code: the groups wanted summed.
Result<std::map<std::string, JoinCount>> JoinersByUnit(const LoadedRegistry& reg, const std::vector<std::string>& codes,
                                                       const std::vector<ReportingGroupId>& groups, Date from,
                                                       Date to) {
  std::map<std::string, JoinCount> out;
  if (codes.empty()) return out;
  std::vector<UnitTree::Index> idx;
  for (const std::string& c : codes) {
    const UnitTree::Index i = reg.tree.Resolve(c, to);
    if (i < 0) return Status::NotFound("không có đơn vị hành chính mã '" + c + "' ngày " + to.ToVn());
    idx.push_back(i);
  }
  auto depth_of = [&](UnitTree::Index i) {
    int d = 0;
    for (UnitTree::Index p = reg.tree.Parent(i, to); p >= 0; p = reg.tree.Parent(p, to)) ++d;
    return d;
  };
  UnitTree::Index root = idx[0];
  for (UnitTree::Index i : idx)
    while (root >= 0 && !reg.tree.IsWithin(i, root, to)) root = reg.tree.Parent(root, to);
  if (root < 0) root = reg.tree.Resolve(std::string(kCountryCode), to);
  int depth = 0;
  for (UnitTree::Index i : idx) depth = std::max(depth, depth_of(i) - depth_of(root));
  FlowsQuery q;
  q.unit_code = reg.tree.unit(root).code.str();
  q.from = from;
  q.to = to;
  q.depth = depth;
  auto f = BuildCoverageFlows(reg, q);
  if (!f.ok()) return f.status();
  for (const std::string& c : codes) out[c] = JoinCount{};
  for (const FlowRow& r : f->rows) {
    auto it = out.find(r.unit_code);
    if (it == out.end()) continue;
    const bool wanted =
        groups.empty() ? r.group == kAllGroups : std::find(groups.begin(), groups.end(), r.group) != groups.end();
    if (!wanted) continue;
    it->second.new_people += r.new_people;
    it->second.renewed += r.renewed;
  }
  return out;
}

// The joiners of `units` from a JoinersByUnit map: a unit listed twice, or inside another of the
// list, counted once.
JoinCount SumUnits(const LoadedRegistry& reg, const std::map<std::string, JoinCount>& by_unit,
                   const std::vector<std::string>& units, Date to) {
  JoinCount n;
  std::set<UnitTree::Index> seen;
  for (const std::string& code : units) {
    const UnitTree::Index me = reg.tree.Resolve(code, to);
    bool inside = !seen.insert(me).second;
    for (const std::string& other_code : units) {
      const UnitTree::Index other = reg.tree.Resolve(other_code, to);
      if (other != me && reg.tree.IsWithin(me, other, to)) inside = true;
    }
    auto it = by_unit.find(code);
    if (inside || it == by_unit.end()) continue;
    n.new_people += it->second.new_people;
    n.renewed += it->second.renewed;
  }
  return n;
}

}  // namespace

Result<JoinCount> CountJoiners(const LoadedRegistry& reg, const std::vector<std::string>& units,
                               const std::vector<ReportingGroupId>& groups, Date from, Date to) {
  auto by_unit = JoinersByUnit(reg, units, groups, from, to);
  if (!by_unit.ok()) return by_unit.status();
  return SumUnits(reg, *by_unit, units, to);
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
  // One flows pass for the period (the campaign's units and the assignees' together), one for
  // the same days of the year before.
  std::vector<std::string> codes = c.units;
  for (const CampaignAssignee& a : assignees) codes.push_back(a.unit_code);
  auto by_unit = JoinersByUnit(reg, codes, c.groups, c.from, p.counted_to);
  if (!by_unit.ok()) return by_unit.status();
  p.joined = SumUnits(reg, *by_unit, c.units, p.counted_to);
  auto prior = CountJoiners(reg, c.units, c.groups, p.prior_from, p.prior_to);
  if (!prior.ok()) return prior.status();
  p.joined_prior = *prior;
  if (c.target_new > 0) p.percent_hundredths = RateHundredths(p.joined.total(), c.target_new);
  for (const CampaignAssignee& a : assignees) {
    AssigneeProgress ap;
    ap.assignee = a;
    ap.joined = (*by_unit)[a.unit_code];
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
