// PgSteeringStore: SteeringStore over PostgreSQL, in the database of PgStore (its own
// connection; the tables of migration 6, the same as SQLiteSteeringStore's).
// Thread-safety: as SteeringStore — one thread at a time; open one per thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/postgres/pg_conn.h"
#include "store/steering_store.h"

namespace baophu {

class PgSteeringStore final : public SteeringStore {
 public:
  // Connects to `uri` and migrates the database (as PgStore::Open).
  static Result<std::unique_ptr<PgSteeringStore>> Open(const std::string& uri);

  Status PutCampaign(const Campaign& c) override;
  Status PutAssignee(const CampaignAssignee& a) override;
  Status ListCampaigns(std::vector<Campaign>* out) override;
  Status ListAssignees(const std::string& campaign_code, std::vector<CampaignAssignee>* out) override;
  Status PutCondition(const AreaCondition& c) override;
  Status ListConditions(std::vector<AreaCondition>* out) override;
  Status PutAgency(const Agency& a) override;
  Status ListAgencies(std::vector<Agency>* out) override;
  Status PutAgencyReport(const AgencyReport& r) override;
  Status ListAgencyReports(std::vector<AgencyReport>* out) override;

 private:
  explicit PgSteeringStore(std::unique_ptr<pg::Conn> conn) : conn_(std::move(conn)) {}
  // NotFound (with `what`) unless `sql` with `key` finds a row.
  Status CheckExists(const char* sql, const std::string& key, const std::string& missing);
  // Runs one write statement.
  Status Write(const char* sql, const pg::Params& p, const char* doing);

  std::unique_ptr<pg::Conn> conn_;
};

}  // namespace baophu
