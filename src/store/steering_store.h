// SteeringStore: what the steering side records besides the registry (schema version 6):
// campaigns with their units, groups and assignees (organisations and people, each with a target
// number of new enrolments); area conditions (a dated level per unit: COVID-19 risk, flood
// warning); agencies that send weekly aggregate reports, and those reports. In the registry's
// database, behind its own interface (as AccountStore) so that the PostgreSQL store can follow.
// Thread-safety: as Store — one object per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "registry/model.h"

namespace baophu {

struct Campaign {
  std::string code;                      // natural key, e.g. "TPH-2019-10"
  std::string name;                      // "Tháng cao điểm tuyên truyền, vận động tham gia BHYT"
  Date from, to;                         // both inclusive
  std::vector<std::string> units;        // unit codes; new cards anywhere below them count
  std::vector<ReportingGroupId> groups;  // empty = every group
  int64_t target_new = 0;                // new enrolments the campaign aims for; 0 = none
};

// An organisation or a person taking part in a campaign, with the new enrolments assigned.
struct CampaignAssignee {
  std::string campaign_code;
  std::string name;       // "Hội Phụ nữ xã Chí Công", "Nguyễn Văn A"
  bool person = false;    // false = an organisation
  std::string unit_code;  // where they work: they are credited with the new cards there
  int64_t target_new = 0;
};

// A dated level of a condition in a unit, valid from `from` until the next row of the same unit
// and kind (the kinds and levels, with the outreach modes each allows, are the table
// data/rules/area_condition_levels.csv).
struct AreaCondition {
  std::string unit_code;
  std::string kind;  // "covid", "flood"
  Date from;
  int level = 0;
  std::string note;  // e.g. the decision that set it
};

// An agency that sends a weekly aggregate form (numbers per group) where person-level data is
// missing: a university, a department.
struct Agency {
  std::string code;
  std::string name;
  std::string unit_code;  // the unit it reports for
  Date from;              // the first week it must report (weeks end on from's weekday)
  int due_days = 2;       // the form of a week is due this many days after the week's last day
};

struct AgencyReport {
  std::string agency_code;
  Date week_end;  // the last day of the week reported
  ReportingGroupId group = kAllGroups;
  int64_t insured = 0;      // people insured in the group on week_end, by the agency's count
  int64_t population = -1;  // people the agency covers in the group; -1 not given
  Date submitted_on;
};

class SteeringStore {
 public:
  virtual ~SteeringStore() = default;
  // Opens the database at `uri` (as Store::Open) and migrates it.
  static Result<std::unique_ptr<SteeringStore>> Open(const std::string& uri);

  // Upserts by code (the units, groups and assignees are replaced). NotFound for an unknown unit.
  virtual Status PutCampaign(const Campaign& c) = 0;
  virtual Status PutAssignee(const CampaignAssignee& a) = 0;  // by (campaign, name)
  virtual Status ListCampaigns(std::vector<Campaign>* out) = 0;
  virtual Status ListAssignees(const std::string& campaign_code, std::vector<CampaignAssignee>* out) = 0;
  virtual Status PutCondition(const AreaCondition& c) = 0;  // by (unit, kind, from)
  virtual Status ListConditions(std::vector<AreaCondition>* out) = 0;
  virtual Status PutAgency(const Agency& a) = 0;
  virtual Status ListAgencies(std::vector<Agency>* out) = 0;
  virtual Status PutAgencyReport(const AgencyReport& r) = 0;  // by (agency, week_end, group)
  virtual Status ListAgencyReports(std::vector<AgencyReport>* out) = 0;
};

}  // namespace baophu
