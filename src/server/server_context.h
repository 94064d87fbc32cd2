// ServerContext: what the handler threads share. The registry (units, population, targets and
// the CoverageIndex, via LoadRegistry) is loaded once at start-up into an immutable snapshot
// that handlers hold through a shared_ptr for the length of a request; a committed import loads
// a new snapshot in the background and swaps it in, so readers never wait for a load and never
// see a half-built index. Store connections come from pools (one connection per request at a
// time, as Store requires). Sessions, the login limiter and staged imports have their own locks.
// Thread-safety: every public method is safe to call from any handler thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "ingest/importer.h"
#include "outreach/roster_import.h"
#include "report/registry_loader.h"
#include "report/unit_search.h"
#include "rules/money_rules.h"
#include "server/login_limiter.h"
#include "server/server_options.h"
#include "server/session_table.h"
#include "server/staged_imports.h"
#include "store/account_store.h"
#include "store/outreach_store.h"
#include "store/store.h"

namespace baophu {

// One immutable registry snapshot and its search index.
struct RegistrySnapshot {
  LoadedRegistry reg;
  std::unique_ptr<UnitSearchIndex> search;
  // 1, 2, ... raised by every load and by every import applied to reg.index in place (the
  // response cache's key: read it once per request, before reading the index).
  std::atomic<uint64_t> generation{0};
};

// A pool of connections of type T opened on demand; a lease returns its connection when it ends.
template <typename T>
class ConnectionPool {
 public:
  using Opener = std::function<Result<std::unique_ptr<T>>()>;
  explicit ConnectionPool(Opener open) : open_(std::move(open)) {}
  struct Returner {
    ConnectionPool* pool;
    void operator()(T* t) const { pool->Return(std::unique_ptr<T>(t)); }
  };
  using Lease = std::unique_ptr<T, Returner>;
  Result<Lease> Acquire() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!idle_.empty()) {
        T* t = idle_.back().release();
        idle_.pop_back();
        return Lease(t, Returner{this});
      }
    }
    auto c = open_();
    if (!c.ok()) return c.status();
    return Lease(c->release(), Returner{this});
  }

 private:
  void Return(std::unique_ptr<T> t) {
    std::lock_guard<std::mutex> lock(mu_);
    idle_.push_back(std::move(t));
  }
  Opener open_;
  std::mutex mu_;
  std::vector<std::unique_ptr<T>> idle_;  // GUARDED_BY(mu_)
};

class ServerContext {
 public:
  explicit ServerContext(ServerOptions options);
  ~ServerContext();

  // Loads the rules and the first registry snapshot; fails with the store's status.
  Status Init();

  const ServerOptions& options() const { return options_; }
  const RuleSet& rules() const { return rules_; }
  // Contribution rates, base salaries and support (data/rules), for the fee calculator.
  const MoneyRules& money_rules() const { return money_rules_; }
  // The current snapshot; hold it for the whole request.
  std::shared_ptr<const RegistrySnapshot> registry() const;
  // Loads a new snapshot from the store in a background thread and swaps it in when done.
  void ReloadRegistryAsync();
  // After a committed import of persons or cards (ImportOptions::collect_changes): applies the
  // changed rows to the current snapshot's index in place (the index's one writer; readers go
  // on and see the new cards on their next query), raises the generation, and rewrites the
  // index snapshot file in the background. The caller holds import_mutex(). When the index
  // does not reflect the state the commit was written on top of (`commit.before`: another
  // process wrote in between) or on any failure, the registry is reloaded from the store
  // instead (ApplyChanges never claims a state it did not apply).
  void ApplyImport(const CommitStamp& commit, const std::vector<Person>& persons, const std::vector<Card>& cards);
  // Compares the store's generation and write token with the ones the current registry
  // reflects and reloads when they differ (a change by another process); true when it started
  // a reload. Called every options().watch_ms by the watch thread; callable by tests.
  bool CatchUpWithStore();
  // True while a reload runs (tests wait for it).
  bool reloading() const { return reloading_.load(); }
  // The day the screens open on.
  Date DefaultAsOf() const;

  ConnectionPool<Store>& stores() { return stores_; }
  ConnectionPool<AccountStore>& accounts() { return accounts_; }
  // The outreach records (lists' rosters, kept matches, assignments) on the same database.
  ConnectionPool<OutreachStore>& outreach_stores() { return outreach_; }
  SessionTable& sessions() { return sessions_; }
  // Failed logins per username (login_max_failures) and per client address (ten times as many:
  // offices share one address behind NAT).
  LoginLimiter& limiter() { return limiter_; }
  LoginLimiter& ip_limiter() { return ip_limiter_; }
  // Audit entries of unauthenticated refusals per client address (AuditRefusal).
  LoginLimiter& refusal_limiter() { return refusal_limiter_; }

  // Rendered responses of the current snapshot, keyed by the request (overview reports are
  // asked for again and again); dropped when a new snapshot is swapped in.
  // The body is shared, not copied: a hit costs a lookup under the lock, whatever its size.
  std::shared_ptr<const std::string> CachedResponse(uint64_t generation, const std::string& key);
  void CacheResponse(uint64_t generation, const std::string& key, std::shared_ptr<const std::string> body);

  // Staged imports (by id), expired and capped per user (StagedImports); their files live in
  // upload_dir(), which is emptied at start-up and removed at a clean exit.
  std::string upload_dir() const { return upload_dir_; }
  void StageImport(StagedImport s) { staged_.Add(std::move(s)); }
  std::shared_ptr<StagedImport> FindImport(const std::string& id) { return staged_.Find(id); }
  // Commits are serialised: one import writes at a time.
  std::mutex& import_mutex() { return import_mu_; }

 private:
  Result<std::shared_ptr<RegistrySnapshot>> Load();
  // The watch thread: CatchUpWithStore every options_.watch_ms until the destructor.
  void Watch();

  ServerOptions options_;
  RuleSet rules_;
  MoneyRules money_rules_;
  std::string upload_dir_;
  mutable std::mutex reg_mu_;
  std::shared_ptr<RegistrySnapshot> registry_;  // GUARDED_BY(reg_mu_); const to handlers
  std::mutex snapshot_file_mu_;                  // one writer of the snapshot file at a time
  uint64_t generation_ = 0;                           // GUARDED_BY(reg_mu_)
  std::atomic<bool> reloading_{false};
  std::mutex reload_thread_mu_;
  std::vector<std::thread> reload_threads_;  // GUARDED_BY(reload_thread_mu_), joined at exit
  std::mutex watch_mu_;
  std::condition_variable watch_cv_;
  bool watch_stop_ = false;  // GUARDED_BY(watch_mu_)
  std::thread watch_thread_;

  ConnectionPool<Store> stores_;
  ConnectionPool<AccountStore> accounts_;
  ConnectionPool<OutreachStore> outreach_;
  SessionTable sessions_;
  LoginLimiter limiter_;
  LoginLimiter ip_limiter_;
  LoginLimiter refusal_limiter_{60, std::chrono::seconds(60)};  // kRefusalAuditsPerMinute

  std::mutex cache_mu_;
  uint64_t cache_generation_ = 0;                                     // GUARDED_BY(cache_mu_)
  std::unordered_map<std::string, std::shared_ptr<const std::string>> cache_;  // GUARDED_BY(cache_mu_)

  StagedImports staged_;
  std::mutex sweeper_mu_;
  std::condition_variable sweeper_cv_;
  bool stopping_ = false;  // GUARDED_BY(sweeper_mu_)
  std::thread sweeper_;    // deletes expired staged imports once a minute
  std::mutex import_mu_;
};

}  // namespace baophu
