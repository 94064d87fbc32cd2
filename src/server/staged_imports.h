// StagedImports: uploaded files waiting for their commit (and, after it, kept for their report),
// by id. They are bounded: one unused for `idle` is dropped by Sweep(); a user past
// `max_per_user` imports or `max_bytes_per_user` bytes of files loses their oldest first. A
// dropped import's folder (upload_dir/<id>/: the file, its errors.csv) is deleted when the last
// request holding it ends, never under a running validation or commit.
// Thread-safety: every method is safe from any thread (one mutex).
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "ingest/importer.h"
#include "outreach/roster_import.h"

namespace baophu {

// An uploaded file waiting for its commit.
struct StagedImport {
  std::string id;
  std::string username;
  ImportKind kind = ImportKind::kPersons;  // a registry import, unless list_kind is set
  std::optional<outreach::ListImportKind> list_kind;  // an outreach list (outreach::ImportListFile)
  std::string file_name;  // as uploaded
  std::string path;       // the copy on disk, in its own folder upload_dir/<id>/
  size_t bytes = 0;       // the file's size
  ImportResult validation;
  bool committed = false;
  ImportResult commit_result;
};

struct StagedImportLimits {
  std::chrono::minutes idle{120};         // unused this long: dropped
  int max_per_user = 8;                   // staged at once per user; the oldest go first
  size_t max_bytes_per_user = 512u << 20;  // bytes of files per user; the oldest go first
};

class StagedImports {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  explicit StagedImports(StagedImportLimits limits, Clock clock = [] { return std::chrono::steady_clock::now(); })
      : limits_(limits), clock_(std::move(clock)) {}

  // Keeps `s` (its folder is deleted with it), dropping the user's oldest past the caps.
  void Add(StagedImport s);
  // The import, marked used now; nullptr when unknown or dropped.
  std::shared_ptr<StagedImport> Find(const std::string& id);
  // Drops the imports unused for limits.idle; returns how many.
  size_t Sweep();
  size_t size() const;

 private:
  struct Entry {
    std::shared_ptr<StagedImport> imp;
    std::chrono::steady_clock::time_point added, used;
  };
  std::shared_ptr<StagedImport> DropOldestOf(const std::string& username);  // REQUIRES(mu_)

  const StagedImportLimits limits_;
  const Clock clock_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> by_id_;  // GUARDED_BY(mu_)
};

}  // namespace baophu
