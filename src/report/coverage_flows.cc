// Coverage flows: the index's new / renewed / lapsed people of a period, placed in the units
// valid on the period's last day and rolled up the tree.
#include <algorithm>
#include <unordered_map>

#include "core/csv.h"
#include "core/text.h"
#include "report/coverage_series.h"
#include "report/report_parts.h"
#include "report/report_text.h"
#include "report/table.h"

namespace baophu {
namespace {

using Index = UnitTree::Index;
constexpr Index kNone = UnitTree::kNone;

struct Amounts {
  int64_t new_people = 0, renewed = 0, lapsed = 0;
  void Add(const CoverageIndex::Flows& f) {
    new_people += f.new_people;
    renewed += f.renewed;
    lapsed += f.lapsed;
  }
};

}  // namespace

Result<CoverageFlows> BuildCoverageFlows(const LoadedRegistry& reg, const FlowsQuery& q) {
  if (!q.from.valid() || !q.to.valid()) return Status::InvalidArgument("ngày đầu hoặc ngày cuối không hợp lệ");
  if (q.from > q.to) return Status::InvalidArgument("ngày đầu " + q.from.ToVn() + " sau ngày cuối " + q.to.ToVn());
  if (!reg.index) return Status::Internal("chưa nạp chỉ mục bao phủ");
  const UnitTree& tree = reg.tree;
  const Date d = q.to;
  const Index root = tree.Resolve(q.unit_code, d);
  if (root == kNone)
    return Status::NotFound("không có đơn vị hành chính mã " + q.unit_code + " có hiệu lực vào ngày " + d.ToVn());

  // Per unit valid on d: the amounts by group rank, rolled up to the root.
  const auto& groups = reg.rules.groups();
  auto rank_of = [&](ReportingGroupId g) {
    int r = reg.rules.Rank(g);
    if (r < 0 || static_cast<size_t>(r) >= groups.size()) r = reg.rules.Rank(kUnclassifiedGroup);
    return r < 0 ? size_t{0} : static_cast<size_t>(r);
  };
  std::unordered_map<Index, std::vector<Amounts>> totals;
  std::unordered_map<CoverageIndex::Slot, Index> placed;
  reg.index->ForEachFlow(q.from, q.to, {}, [&](CoverageIndex::Slot s, ReportingGroupId g, const CoverageIndex::Flows& f) {
    auto it = placed.find(s);
    if (it == placed.end()) it = placed.emplace(s, report_parts::PlaceSlot(tree, reg.index->slot(s), d).unit).first;
    Index u = it->second;
    if (u == kNone || !tree.IsWithin(u, root, d)) return;
    for (int guard = 0; u != kNone && guard < 16; u = tree.Parent(u, d), ++guard) {
      auto& v = totals[u];
      if (v.empty()) v.resize(groups.size());
      v[rank_of(g)].Add(f);
      if (u == root) break;
    }
  });

  CoverageFlows out;
  out.query = q;
  auto emit = [&](auto&& self, Index i, int depth) -> void {
    const Unit& u = tree.unit(i);
    auto t = totals.find(i);
    Amounts all;
    std::vector<Amounts> by_rank(groups.size());
    if (t != totals.end()) by_rank = t->second;
    for (const Amounts& a : by_rank) {
      all.new_people += a.new_people;
      all.renewed += a.renewed;
      all.lapsed += a.lapsed;
    }
    out.rows.push_back({u.code.str(), u.name, depth, kAllGroups, all.new_people, all.renewed, all.lapsed});
    for (size_t r = 0; r < groups.size(); ++r) {
      const Amounts& a = by_rank[r];
      if (groups[r].id == kUnclassifiedGroup && a.new_people + a.renewed + a.lapsed == 0) continue;
      out.rows.push_back({u.code.str(), u.name, depth, groups[r].id, a.new_people, a.renewed, a.lapsed});
    }
    if (depth < q.depth)
      for (Index c : tree.Children(i, d)) self(self, c, depth + 1);
  };
  emit(emit, root, 0);
  return out;
}

namespace {

std::string FlowsTitle(const CoverageFlows& f, Lang lang) {
  return lang == Lang::kVi
             ? "Biến động người tham gia BHYT từ " + f.query.from.ToVn() + " đến " + f.query.to.ToVn()
             : "BHYT enrolment flows from " + f.query.from.ToIso() + " to " + f.query.to.ToIso();
}

}  // namespace

std::string FormatFlowsTable(const CoverageFlows& f, const RuleSet& rules, Lang lang) {
  const bool vi = lang == Lang::kVi;
  std::vector<std::vector<std::string>> cells;
  cells.push_back(vi ? std::vector<std::string>{"Đơn vị", "Nhóm", "Mới tham gia", "Tái tục", "Không tái tục"}
                     : std::vector<std::string>{"Unit", "Group", "New", "Renewed", "Lapsed"});
  for (const FlowRow& r : f.rows) {
    bool group_row = r.group != kAllGroups;
    std::string unit = group_row ? "" : std::string(static_cast<size_t>(r.depth) * 2, ' ') + r.unit_name;
    cells.push_back({unit, group_row ? GroupName(rules, r.group, lang) : (vi ? "Tất cả" : "All"),
                     FormatCount(r.new_people, lang), FormatCount(r.renewed, lang), FormatCount(r.lapsed, lang)});
  }
  const std::string title = FlowsTitle(f, lang);
  std::string rule =
      vi ? "\nMới tham gia: bắt đầu có thẻ sau hơn " + std::to_string(CoverageIndex::kRenewalGapDays) +
               " ngày không có thẻ (hoặc lần đầu); tái tục: có thẻ lại sau khi gián đoạn 1–" +
               std::to_string(CoverageIndex::kRenewalGapDays) + " ngày; không tái tục: hết thẻ và không có thẻ mới trong " +
               std::to_string(CoverageIndex::kRenewalGapDays) + " ngày. Đơn vị theo địa giới ngày " + f.query.to.ToVn() + ".\n"
         : "\nNew: coverage starts after more than " + std::to_string(CoverageIndex::kRenewalGapDays) +
               " days without (or for the first time); renewed: after a gap of 1–" +
               std::to_string(CoverageIndex::kRenewalGapDays) + " days; lapsed: coverage ends with no new card within " +
               std::to_string(CoverageIndex::kRenewalGapDays) + " days. Units as of " + f.query.to.ToIso() + ".\n";
  return title + "\n\n" + RenderTextTable(cells, 2) + rule;
}

std::string FormatFlowsCsv(const CoverageFlows& f, const RuleSet& rules) {
  std::string out;
  AppendCsvRecord({"unit_code", "unit_name", "group", "new", "renewed", "lapsed"}, &out);
  for (const FlowRow& r : f.rows)
    AppendCsvRecord({r.unit_code, r.unit_name, GroupCode(rules, r.group), std::to_string(r.new_people),
                     std::to_string(r.renewed), std::to_string(r.lapsed)},
                    &out);
  return out;
}

Status WriteFlowsXlsx(const CoverageFlows& f, const RuleSet& rules, Lang lang, const std::string& path) {
  const bool vi = lang == Lang::kVi;
  Table t(FlowsTitle(f, lang), vi ? std::vector<std::string>{"Mã đơn vị", "Đơn vị", "Nhóm", "Mới tham gia", "Tái tục",
                                                             "Không tái tục"}
                                  : std::vector<std::string>{"Unit code", "Unit", "Group", "New", "Renewed", "Lapsed"});
  for (const FlowRow& r : f.rows)
    t.AddRow({Cell::Text(r.unit_code), Cell::Text(r.unit_name),
              Cell::Text(r.group == kAllGroups ? (vi ? "Tất cả" : "All") : GroupName(rules, r.group, lang)),
              Cell::Int(r.new_people), Cell::Int(r.renewed), Cell::Int(r.lapsed)});
  return t.WriteXlsx(path, vi ? "Biến động" : "Flows");
}

}  // namespace baophu
