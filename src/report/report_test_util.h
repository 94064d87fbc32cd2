// Test helpers for report/: a hand-filled CoverageIndex and a small real-looking unit tree
// (Tuy Phong district of Bình Thuận, GSO codes, with the 2020 merge of Hòa Phú and the 2025
// reform). Tests only.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/coverage_index.h"
#include "report/coverage_report.h"
#include "report/registry_loader.h"

namespace baophu::testing {

// Counts fixed by hand per (slot, group), the same on every date.
class FakeIndex : public CoverageIndex {
 public:
  FakeIndex() { keys_.push_back({}); }
  Slot AddSlot(std::string commune, std::string hamlet = "") {
    keys_.push_back({std::move(commune), std::move(hamlet)});
    return static_cast<Slot>(keys_.size() - 1);
  }
  void Set(Slot s, ReportingGroupId g, int64_t n) { counts_[{s, g}] = n; }

  size_t slot_count() const override { return keys_.size(); }
  SlotKey slot(Slot s) const override { return keys_[s]; }
  int64_t Count(Slot s, ReportingGroupId g, Date) const override {
    auto it = counts_.find({s, g});
    return it == counts_.end() ? 0 : it->second;
  }
  void ForEachCount(Date, const std::function<void(Slot, ReportingGroupId, int64_t)>& fn) const override {
    for (const auto& [k, n] : counts_)
      if (n != 0) fn(k.first, k.second, n);
  }
  Status ApplyPerson(const Person&) override { return Status::Unsupported("fake"); }
  Status ApplyCard(const Card&) override { return Status::Unsupported("fake"); }
  Status RemoveCard(BhxhNumber, Date) override { return Status::Unsupported("fake"); }
  int64_t person_count() const override { return 0; }
  int64_t card_count() const override { return 0; }
  int64_t MemoryBytes() const override { return 0; }

 private:
  std::vector<SlotKey> keys_;
  std::map<std::pair<Slot, ReportingGroupId>, int64_t> counts_;
};

inline Date D(int y, int m, int d) { return Date::FromYmd(y, m, d); }

inline Unit U(const char* code, const char* name, UnitLevel level, const char* parent, Date from = Date::Min(),
              Date to = Date::Max()) {
  return MakeUnit(code, name, level, parent, from, to);
}

inline UnitSuccessor S(const char* from, Date from_valid_from, const char* to, MergeType t = MergeType::kFull) {
  return UnitSuccessor{UnitCode::Unchecked(from), from_valid_from, UnitCode::Unchecked(to), t};
}

inline RuleSet Rules() {
  auto r = RuleSet::LoadDefault();
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return std::move(r).value();
}

inline UnitTree Tree(std::vector<Unit> units, const std::vector<UnitSuccessor>& succ) {
  auto t = UnitTree::Build(std::move(units), succ);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return std::move(t).value();
}

// A query; spelled as a function because partial designated initialisers warn under -Wextra.
inline CoverageQuery Q(std::string unit, Date as_of, int depth = -1, bool by_group = false,
                       std::optional<Date> units_of = std::nullopt) {
  CoverageQuery q;
  q.unit_code = std::move(unit);
  q.as_of = as_of;
  q.depth = depth;
  q.by_group = by_group;
  q.units_of = units_of;
  return q;
}

// Group ids of data/rules/reporting_groups.csv.
inline constexpr ReportingGroupId kNLD = 1, kHSSV = 5, kHGD = 6, kKXD = 9;

}  // namespace baophu::testing
