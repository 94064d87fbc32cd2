// Campaign progress: the people who joined (new, or back after a break: the index's flows) in
// the campaign's units and groups from its first day to the date, against the same days a year
// earlier, and a leader board of its organisations and people, each credited with the joiners of
// the unit where they work against the number assigned to them. (Outreach outcomes per person
// come with the outreach issue; until then two assignees of one unit share its joiners.)
// Pure functions of a const LoadedRegistry: safe to run concurrently.
#pragma once

#include <cstdint>
#include <vector>

#include "report/registry_loader.h"
#include "store/steering_store.h"

namespace baophu {

struct JoinCount {
  int64_t new_people = 0;  // first insured, or back after more than 90 days
  int64_t renewed = 0;     // back after 1..90 days
  int64_t total() const { return new_people + renewed; }
};

struct AssigneeProgress {
  CampaignAssignee assignee;
  JoinCount joined;
  int64_t percent_hundredths = -1;  // joined.total() of target_new; -1 when no target
  int rank = 0;                     // by percent (then joined) descending; 1 = first
};

struct CampaignProgress {
  Campaign campaign;
  Date counted_to;            // min(campaign.to, as_of)
  Date prior_from, prior_to;  // the same days a year earlier
  JoinCount joined, joined_prior;
  int64_t percent_hundredths = -1;  // joined.total() of target_new; -1 when no target
  std::vector<AssigneeProgress> leaders;
};

// The joiners in `units` (a unit inside another counted once) and `groups` (empty = all) in
// [from, to], from BuildCoverageFlows.
Result<JoinCount> CountJoiners(const LoadedRegistry& reg, const std::vector<std::string>& units,
                               const std::vector<ReportingGroupId>& groups, Date from, Date to);

// InvalidArgument when as_of is before the campaign starts; NotFound for a unit that does not exist.
Result<CampaignProgress> BuildCampaignProgress(const LoadedRegistry& reg, const Campaign& c,
                                               const std::vector<CampaignAssignee>& assignees, Date as_of);

}  // namespace baophu
