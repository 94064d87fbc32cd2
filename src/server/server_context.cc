#include "server/server_context.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <thread>

#include "engine/snapshot.h"

namespace baophu {

bool IsLoopbackHost(const std::string& host) {
  return host == "localhost" || host == "::1" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

ServerContext::ServerContext(ServerOptions options)
    : options_(std::move(options)),
      stores_([this] { return Store::Open(options_.db); }),
      accounts_([this] { return AccountStore::Open(options_.db); }),
      outreach_([this] { return OutreachStore::Open(options_.db); }),
      sessions_(std::chrono::minutes(options_.session_idle_minutes)),
      limiter_(options_.login_max_failures, std::chrono::seconds(options_.login_window_seconds)),
      ip_limiter_(options_.login_max_failures * 10, std::chrono::seconds(options_.login_window_seconds)),
      staged_(StagedImportLimits{std::chrono::minutes(options_.staged_import_idle_minutes), options_.max_staged_per_user,
                                 options_.max_staged_bytes_per_user}) {}

ServerContext::~ServerContext() {
  {
  {
    std::lock_guard<std::mutex> lock(watch_mu_);
    watch_stop_ = true;
  }
  watch_cv_.notify_all();
  if (watch_thread_.joinable()) watch_thread_.join();
    std::lock_guard<std::mutex> lock(sweeper_mu_);
    stopping_ = true;
  }
  sweeper_cv_.notify_all();
  if (sweeper_.joinable()) sweeper_.join();
  {
    std::lock_guard<std::mutex> lock(reload_thread_mu_);
    for (auto& t : reload_threads_)
      if (t.joinable()) t.join();
  }
  // A clean exit leaves no uploaded file behind (staged imports hold personal data).
  if (!upload_dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(upload_dir_, ec);
  }
}

namespace {

// The upload folder, owner-only and empty: what a previous run left (it was killed) is deleted,
// and so are the default folders of servers that are no longer running.
Status PrepareUploadDir(const std::string& dir, bool is_default) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (is_default) {
    for (const auto& e : fs::directory_iterator(fs::path(dir).parent_path(), ec)) {
      const std::string name = e.path().filename().string();
      const std::string prefix = "baophu-uploads-";
      if (name.rfind(prefix, 0) != 0 || e.path() == fs::path(dir)) continue;
      std::string pid = name.substr(prefix.size());
      if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos) continue;
      std::error_code ignore;
      if (!fs::exists("/proc/" + pid, ignore) && ::access(e.path().c_str(), W_OK) == 0) fs::remove_all(e.path(), ignore);
    }
  }
  ec.clear();
  fs::create_directories(dir, ec);
  if (ec) return Status::IOError("không tạo được thư mục tải lên '" + dir + "': " + ec.message());
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  if (ec) return Status::IOError("không đặt được quyền 0700 cho thư mục tải lên '" + dir + "': " + ec.message());
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::error_code ignore;
    fs::remove_all(e.path(), ignore);
  }
  return Status::Ok();
}

}  // namespace

Status ServerContext::Init() {
  auto rules = RuleSet::LoadDefault();
  if (!rules.ok()) return rules.status();
  rules_ = std::move(*rules);
  auto money_rules = MoneyRules::LoadDefault();
  if (!money_rules.ok()) return money_rules.status();
  money_rules_ = std::move(*money_rules);
  // A configured folder gets our own subfolder: it is emptied at start and removed at exit.
  upload_dir_ = options_.upload_dir.empty() ? "" : options_.upload_dir + "/baophu-uploads";
  if (upload_dir_.empty())
    upload_dir_ = (std::filesystem::temp_directory_path() / ("baophu-uploads-" + std::to_string(getpid()))).string();
  if (Status st = PrepareUploadDir(upload_dir_, options_.upload_dir.empty()); !st.ok()) {
    upload_dir_.clear();  // not ours to remove at exit
    return st;
  }
  sweeper_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(sweeper_mu_);
    while (!sweeper_cv_.wait_for(lock, std::chrono::minutes(1), [this] { return stopping_; })) {
      lock.unlock();
      staged_.Sweep();
      lock.lock();
    }
  });
  auto snap = Load();
  if (!snap.ok()) return snap.status();
  {
    std::lock_guard<std::mutex> lock(reg_mu_);
    registry_ = std::move(*snap);
  }
  if (options_.watch_ms > 0) watch_thread_ = std::thread([this] { Watch(); });
  return Status::Ok();
}

// Until the change log of the issue "The country's data gets in" lands, another process's
// writes are noticed by polling: one read of store_state (instance, generation, token) every
// watch_ms, and a full reload when it moved without this server's own doing (docs/
// ARCHITECTURE.md, "Live updates"). Writers that bypass baophu bump nothing and are not seen
// here; their rows are caught at the next start by the snapshot's fingerprint.
void ServerContext::Watch() {
  std::unique_lock<std::mutex> lock(watch_mu_);
  while (!watch_cv_.wait_for(lock, std::chrono::milliseconds(options_.watch_ms), [this] { return watch_stop_; })) {
    lock.unlock();
    CatchUpWithStore();
    lock.lock();
  }
}

bool ServerContext::CatchUpWithStore() {
  if (reloading_) return false;  // the reload under way is checked again on the next round
  auto store = stores_.Acquire();
  if (!store.ok()) return false;
  // Under the import lock: no web commit is between its store commit and ApplyImport.
  std::lock_guard<std::mutex> imports(import_mu_);
  auto snap = registry();
  if (!snap) return false;
  auto now = (*store)->State(/*fingerprint=*/false);
  if (!now.ok()) return false;
  const StoreState mine = snap->reg.state();
  if (now->instance == mine.instance && now->generation == mine.generation && now->write_token == mine.write_token)
    return false;
  if (!options_.quiet)
    std::fprintf(stderr, "Kho dữ liệu đã được thay đổi bởi tiến trình khác (thế hệ %lld → %lld); nạp lại.\n",
                 static_cast<long long>(mine.generation), static_cast<long long>(now->generation));
  ReloadRegistryAsync();
  return true;
}

Result<std::shared_ptr<RegistrySnapshot>> ServerContext::Load() {
  auto store = Store::Open(options_.db);
  if (!store.ok()) return store.status();
  RegistryOptions ropts;
  ropts.snapshot_path = options_.snapshot_path;
  ropts.write_snapshot = !options_.snapshot_path.empty();
  std::unique_lock<std::mutex> file_lock(snapshot_file_mu_);  // LoadRegistry may write the file
  auto reg = LoadRegistry(store->get(), rules_, ropts);
  file_lock.unlock();
  if (!reg.ok()) return reg.status();
  if (!reg->snapshot_note.empty() && !options_.quiet) std::fprintf(stderr, "%s\n", reg->snapshot_note.c_str());
  auto snap = std::make_shared<RegistrySnapshot>();
  snap->reg = std::move(*reg);
  snap->search = std::make_unique<UnitSearchIndex>(snap->reg.tree);
  std::lock_guard<std::mutex> lock(reg_mu_);
  snap->generation = ++generation_;
  return snap;
}

std::shared_ptr<const RegistrySnapshot> ServerContext::registry() const {
  std::lock_guard<std::mutex> lock(reg_mu_);
  return registry_;
}

void ServerContext::ApplyImport(const CommitStamp& commit, const std::vector<Person>& persons,
                                const std::vector<Card>& cards) {
  std::shared_ptr<RegistrySnapshot> snap;
  {
    std::lock_guard<std::mutex> lock(reg_mu_);
    snap = registry_;
  }
  Status st = !snap ? Status::Internal("chưa nạp dữ liệu") : ApplyChanges(&snap->reg, commit, persons, cards);
  if (!st.ok()) {
    if (!options_.quiet)
      std::fprintf(stderr, "Không cập nhật được chỉ mục tại chỗ (%s); nạp lại từ cơ sở dữ liệu.\n",
                   st.ToString().c_str());
    return ReloadRegistryAsync();
  }
  {
    std::lock_guard<std::mutex> lock(reg_mu_);
    snap->generation = ++generation_;
  }
  if (options_.snapshot_path.empty()) return;
  // The snapshot file follows in the background, labelled with the store state the index now
  // reflects and that state's fingerprint, counted now: written only while the store is still
  // in that state (else the index is behind and the watch reloads it). Imports wait for it
  // (they are serialised), queries do not.
  std::lock_guard<std::mutex> lock(reload_thread_mu_);
  reload_threads_.emplace_back([this, snap] {
    std::lock_guard<std::mutex> imports(import_mu_);
    std::lock_guard<std::mutex> file(snapshot_file_mu_);
    const StoreState mine = snap->reg.state();
    auto store = stores_.Acquire();
    Result<StoreState> now = store.ok() ? (*store)->State(/*fingerprint=*/true) : Result<StoreState>(store.status());
    Status w = !now.ok() ? now.status()
               : now->generation != mine.generation || now->write_token != mine.write_token
                   ? Status::Conflict("kho dữ liệu đã thay đổi từ lúc đó; chỉ mục sẽ được nạp lại")
                   : WriteSnapshot(*snap->reg.index, options_.snapshot_path,
                                   {mine.instance, mine.generation, mine.write_token, now->fingerprint});
    if (!w.ok() && !options_.quiet)
      std::fprintf(stderr, "Không ghi được tệp chỉ mục %s: %s\n", options_.snapshot_path.c_str(), w.ToString().c_str());
  });
}

void ServerContext::ReloadRegistryAsync() {
  reloading_ = true;
  std::lock_guard<std::mutex> lock(reload_thread_mu_);
  reload_threads_.emplace_back([this] {
    auto snap = Load();
    if (snap.ok()) {
      std::lock_guard<std::mutex> lock(reg_mu_);
      if (!registry_ || registry_->generation.load() < (*snap)->generation.load()) registry_ = std::move(*snap);
    } else {
      std::fprintf(stderr, "Lỗi khi nạp lại dữ liệu: %s\n", snap.status().ToString().c_str());
    }
    reloading_ = false;
  });
}

Date ServerContext::DefaultAsOf() const {
  if (!options_.default_as_of.empty()) {
    auto d = Date::ParseOption(options_.default_as_of);
    if (d.ok()) return *d;
  }
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return Date::FromYmd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

std::shared_ptr<const std::string> ServerContext::CachedResponse(uint64_t generation, const std::string& key) {
  std::lock_guard<std::mutex> lock(cache_mu_);  // a lookup and a reference count: no copy under the lock
  if (generation != cache_generation_) return nullptr;
  auto it = cache_.find(key);
  return it == cache_.end() ? nullptr : it->second;
}

void ServerContext::CacheResponse(uint64_t generation, const std::string& key,
                                  std::shared_ptr<const std::string> body) {
  constexpr size_t kMaxEntries = 512;
  std::lock_guard<std::mutex> lock(cache_mu_);
  if (generation < cache_generation_) return;
  if (generation > cache_generation_) {
    cache_.clear();
    cache_generation_ = generation;
  }
  if (cache_.size() >= kMaxEntries) cache_.clear();
  cache_[key] = std::move(body);
}


}  // namespace baophu
