#include "steering/steering_sections.h"

#include "steering/agency_reports.h"
#include "steering/campaign.h"

namespace baophu {
namespace {

// Whether unit `code` lies within `root` on d, or `root` within it (a campaign of the province
// shows in a district's report, and a commune's campaign in the province's).
bool Related(const UnitTree& tree, const std::string& code, const std::string& root, Date d) {
  const UnitTree::Index a = tree.Resolve(code, d), b = tree.Resolve(root, d);
  if (a < 0 || b < 0) return false;
  return tree.IsWithin(a, b, d) || tree.IsWithin(b, a, d);
}

}  // namespace

Status AddSteeringSections(const LoadedRegistry& reg, SteeringStore* store, const ConditionLevels& levels, Lang lang,
                           WeeklyReport* w) {
  const Date d = w->query.as_of;
  const std::string& root = w->total.unit_code;
  std::vector<Campaign> campaigns;
  BAOPHU_RETURN_IF_ERROR(store->ListCampaigns(&campaigns));
  for (const Campaign& c : campaigns) {
    if (c.from > d || c.to < d.AddDays(-27)) continue;
    bool here = false;
    for (const std::string& u : c.units) here |= Related(reg.tree, u, root, d);
    if (!here) continue;
    std::vector<CampaignAssignee> assignees;
    BAOPHU_RETURN_IF_ERROR(store->ListAssignees(c.code, &assignees));
    auto p = BuildCampaignProgress(reg, c, assignees, d);
    if (!p.ok()) return p.status();
    w->campaigns.push_back(
        CampaignLine{c.name, c.from, c.to, c.target_new, p->joined.total(), p->joined_prior.total()});
  }
  std::vector<Agency> agencies, mine;
  BAOPHU_RETURN_IF_ERROR(store->ListAgencies(&agencies));
  for (const Agency& a : agencies) {
    const UnitTree::Index ai = reg.tree.Resolve(a.unit_code, d), ri = reg.tree.Resolve(root, d);
    if (ai >= 0 && ri >= 0 && reg.tree.IsWithin(ai, ri, d)) mine.push_back(a);
  }
  if (!mine.empty()) {
    std::vector<AgencyReport> reports;
    BAOPHU_RETURN_IF_ERROR(store->ListAgencyReports(&reports));
    w->agencies = AgencyLines(ComputeAgencyCompleteness(mine, reports, d));
  }
  std::vector<AreaCondition> conditions;
  BAOPHU_RETURN_IF_ERROR(store->ListConditions(&conditions));
  w->units_condition.assign(w->units.size(), "");
  if (!conditions.empty()) {
    for (size_t i = 0; i < w->units.size(); ++i) {
      std::string s;
      for (const ConditionInForce& c : ConditionsOn(conditions, levels, reg.tree, w->units[i].unit_code, d)) {
        if (!c.level) continue;
        s += (s.empty() ? "" : "; ") + (lang == Lang::kVi ? c.level->name_vi : c.level->name_en) + " (" +
             AllowedModes(*c.level, lang) + ")";
      }
      w->units_condition[i] = s;
    }
  }
  w->steering_loaded = true;
  return Status::Ok();
}

}  // namespace baophu
