// Interner: strings ↔ dense 32-bit ids (slots, household codes), so the person columns hold
// fixed-width ids instead of strings. Names live in one byte arena; the lookup is an open-
// addressing table of (hash, id) pairs, one probe per lookup in the common case and no
// per-string heap node. Not thread-safe: the owner synchronises.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

namespace baophu::engine {

class Interner {
 public:
  // The id of `s`, adding it when new. Ids count from 0 in order of first appearance.
  uint32_t Intern(std::string_view s) {
    if ((size() + 1) * 2 > table_.size()) Grow();
    uint64_t h = std::hash<std::string_view>()(s);
    size_t mask = table_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      uint64_t e = table_[i];
      if (e == 0) {
        uint32_t id = static_cast<uint32_t>(size());
        arena_.insert(arena_.end(), s.begin(), s.end());
        ends_.push_back(arena_.size());
        table_[i] = Entry(h, id);
        return id;
      }
      if ((e >> 32) == (h >> 32) && name(static_cast<uint32_t>(e) - 1) == s) return static_cast<uint32_t>(e) - 1;
    }
  }
  // The id of `s`, or -1.
  int64_t Find(std::string_view s) const {
    if (table_.empty()) return -1;
    uint64_t h = std::hash<std::string_view>()(s);
    size_t mask = table_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      uint64_t e = table_[i];
      if (e == 0) return -1;
      if ((e >> 32) == (h >> 32) && name(static_cast<uint32_t>(e) - 1) == s) return static_cast<uint32_t>(e) - 1;
    }
  }
  std::string_view name(uint32_t id) const {
    size_t b = id ? ends_[id - 1] : 0;
    return std::string_view(arena_.data() + b, ends_[id] - b);
  }
  size_t size() const { return ends_.size(); }
  // Raw state, for the snapshot. table() depends on std::hash, so Restore rebuilds it when
  // given an empty one (a snapshot written by a build whose std::hash differs).
  const std::vector<char>& arena() const { return arena_; }
  const std::vector<size_t>& ends() const { return ends_; }
  const std::vector<uint64_t>& table() const { return table_; }
  // Fingerprint of the hash function, stored with a table.
  static uint64_t HashFingerprint() { return std::hash<std::string_view>()("baophu interner"); }
  // Takes the state as written; the caller has checked that ends are ascending and within the
  // arena and that table entries name ids below ends.size().
  void Restore(std::vector<char> arena, std::vector<size_t> ends, std::vector<uint64_t> table) {
    arena_ = std::move(arena);
    ends_ = std::move(ends);
    table_ = std::move(table);
    if (table_.empty() || (table_.size() & (table_.size() - 1)) != 0 || size() * 2 > table_.size()) {
      size_t n = 64;
      while ((size() + 1) * 2 > n) n *= 2;
      Rehash(n);
    }
  }
  size_t bytes() const { return arena_.capacity() + ends_.capacity() * sizeof(size_t) + table_.capacity() * 8; }

 private:
  // High 32 bits: the hash's high half (a cheap first check); low 32: id + 1 (0 = empty).
  static uint64_t Entry(uint64_t h, uint32_t id) { return (h & 0xFFFFFFFF00000000ull) | (uint64_t{id} + 1); }
  void Grow() { Rehash(table_.empty() ? 64 : table_.size() * 2); }
  void Rehash(size_t n) {
    std::vector<uint64_t> t(n, 0);
    size_t mask = t.size() - 1;
    for (uint32_t id = 0; id < size(); ++id) {
      uint64_t h = std::hash<std::string_view>()(name(id));
      size_t i = h & mask;
      while (t[i] != 0) i = (i + 1) & mask;
      t[i] = Entry(h, id);
    }
    table_.swap(t);
  }

  std::vector<char> arena_;
  std::vector<size_t> ends_;  // end of each name in arena_
  std::vector<uint64_t> table_;
};

}  // namespace baophu::engine
