// SQLiteSteeringStore: SteeringStore on the SQLite file of the registry (its own connection; the
// tables of migration 6). Thread-safety: one thread at a time, as SQLiteStore.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "store/sqlite/sqlite_db.h"
#include "store/steering_store.h"

namespace baophu {

class SQLiteSteeringStore final : public SteeringStore {
 public:
  static Result<std::unique_ptr<SQLiteSteeringStore>> Open(const std::string& path);

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
  explicit SQLiteSteeringStore(std::unique_ptr<sqlite::Db> db) : db_(std::move(db)) {}
  Status CheckUnit(const std::string& code);
  // Runs one statement with the binder's parameters to completion.
  Status Run(const char* sql, const std::function<void(sqlite::Stmt*)>& bind, const char* doing);
  // Steps a query, calling `row` per row.
  Status Query(const char* sql, const std::function<void(sqlite::Stmt*)>& bind,
               const std::function<void(const sqlite::Stmt&)>& row, const char* doing);
  std::unique_ptr<sqlite::Db> db_;
};

}  // namespace baophu
