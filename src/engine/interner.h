// Interner: strings ↔ dense 32-bit ids (slots, household codes), so the person columns hold
// fixed-width ids instead of strings. Not thread-safe: the owner synchronises.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace baophu::engine {

class Interner {
 public:
  // The id of `s`, adding it when new. Ids count from 0 in order of first appearance.
  uint32_t Intern(std::string_view s) {
    auto it = ids_.find(std::string(s));
    if (it != ids_.end()) return it->second;
    uint32_t id = static_cast<uint32_t>(names_.size());
    names_.emplace_back(s);
    ids_.emplace(names_.back(), id);
    return id;
  }
  // The id of `s`, or -1.
  int64_t Find(std::string_view s) const {
    auto it = ids_.find(std::string(s));
    return it == ids_.end() ? int64_t{-1} : int64_t{it->second};
  }
  const std::string& name(uint32_t id) const { return names_[id]; }
  size_t size() const { return names_.size(); }
  // Approximate heap bytes (strings, table nodes and buckets).
  size_t bytes() const {
    size_t b = names_.capacity() * sizeof(std::string) + ids_.bucket_count() * sizeof(void*);
    for (const auto& s : names_) b += 2 * (s.capacity() > 15 ? s.capacity() + 1 : 0);
    b += ids_.size() * (sizeof(std::string) + sizeof(uint32_t) + 2 * sizeof(void*));
    return b;
  }

 private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, uint32_t> ids_;
};

}  // namespace baophu::engine
