#include "server/staged_imports.h"

#include <filesystem>
#include <vector>

namespace baophu {
namespace {

// The import's folder goes with the last reference to it.
void DeleteWithFolder(StagedImport* s) {
  if (!s->path.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(std::filesystem::path(s->path).parent_path(), ec);
  }
  delete s;
}

}  // namespace

void StagedImports::Add(StagedImport s) {
  std::shared_ptr<StagedImport> imp(new StagedImport(std::move(s)), DeleteWithFolder);
  const auto now = clock_();
  std::vector<std::shared_ptr<StagedImport>> dropped;  // released after the lock
  std::lock_guard<std::mutex> lock(mu_);
  by_id_[imp->id] = Entry{imp, now, now};
  for (;;) {
    int count = 0;
    size_t bytes = 0;
    for (const auto& [id, e] : by_id_)
      if (e.imp->username == imp->username) {
        ++count;
        bytes += e.imp->bytes;
      }
    // The one just added stays even when it alone is past the byte cap (the upload limit bounds it).
    if (count <= 1 || (count <= limits_.max_per_user && bytes <= limits_.max_bytes_per_user)) break;
    dropped.push_back(DropOldestOf(imp->username));
  }
}

std::shared_ptr<StagedImport> StagedImports::DropOldestOf(const std::string& username) {
  auto oldest = by_id_.end();
  for (auto it = by_id_.begin(); it != by_id_.end(); ++it)
    if (it->second.imp->username == username && (oldest == by_id_.end() || it->second.added < oldest->second.added))
      oldest = it;
  if (oldest == by_id_.end()) return nullptr;
  std::shared_ptr<StagedImport> out = std::move(oldest->second.imp);
  by_id_.erase(oldest);
  return out;
}

std::shared_ptr<StagedImport> StagedImports::Find(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return nullptr;
  it->second.used = clock_();
  return it->second.imp;
}

size_t StagedImports::Sweep() {
  const auto now = clock_();
  std::vector<std::shared_ptr<StagedImport>> dropped;  // deleted outside the lock
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto it = by_id_.begin(); it != by_id_.end();) {
      if (now - it->second.used >= limits_.idle) {
        dropped.push_back(std::move(it->second.imp));
        it = by_id_.erase(it);
      } else {
        ++it;
      }
    }
  }
  return dropped.size();
}

size_t StagedImports::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return by_id_.size();
}

}  // namespace baophu
