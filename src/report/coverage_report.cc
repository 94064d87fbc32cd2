#include "report/coverage_report.h"

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <unordered_map>

#include "core/text.h"
#include "report/report_parts.h"
#include "report/unit_mapper.h"

namespace baophu {

namespace report_parts {

PopulationLookup::PopulationLookup(const std::vector<Population>& rows, const UnitTree& tree)
    : by_unit_(tree.size()), rows_ptr_(rows.data()), rows_size_(rows.size()), tree_size_(tree.size()) {
  for (const Population& p : rows) {
    for (UnitTree::Index i : tree.Versions(p.unit.str())) by_unit_[static_cast<size_t>(i)].push_back(&p);
    dates_.push_back(p.date);
  }
  std::sort(dates_.begin(), dates_.end());
  dates_.erase(std::unique(dates_.begin(), dates_.end()), dates_.end());
}

int64_t PopulationLookup::Own(UnitTree::Index i, ReportingGroupId g, Date from, Date to) const {
  if (i < 0 || static_cast<size_t>(i) >= by_unit_.size()) return -1;
  const Population* best = nullptr;
  for (const Population* p : by_unit_[static_cast<size_t>(i)])
    if (p->group == g && p->date >= from && p->date <= to && (!best || p->date > best->date)) best = p;
  return best ? best->population : -1;
}

std::vector<Date> TreeBoundaries(const UnitTree& tree) {
  std::vector<Date> out;
  for (UnitTree::Index i = 0; i < static_cast<UnitTree::Index>(tree.size()); ++i) {
    const Unit& u = tree.unit(i);
    if (u.valid_from > Date::Min()) out.push_back(u.valid_from);
    if (u.valid_to < Date::Max()) out.push_back(u.valid_to.AddDays(1));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace report_parts

namespace {

using report_parts::GapPeople;
using report_parts::PopulationLookup;
using Index = UnitTree::Index;
constexpr Index kNone = UnitTree::kNone;

// The nearest version of `code` to `d` among those not valid on it: the latest one that ended
// before d, else the earliest that starts after it.
Index NearestVersion(const UnitTree& tree, const std::string& code, Date d) {
  Index before = kNone, after = kNone;
  for (Index i : tree.Versions(code)) {
    const Unit& u = tree.unit(i);
    if (u.valid_to < d)
      before = i;
    else if (u.valid_from > d && after == kNone)
      after = i;
  }
  return before != kNone ? before : after;
}

// The per-unit arrays of a report (a few MB for the 14.000 unit versions of the real tree),
// kept per thread between reports: allocating them afresh costs page faults on every report.
// One Builder at a time per thread uses them (BuildReport runs one to completion).
struct BuilderScratch {
  std::vector<int64_t> den_as_of, den;
  std::vector<int32_t> own_target;
  std::vector<std::vector<UnitTree::Index>> kids_d, kids_view;
  std::vector<uint8_t> kids_d_done, kids_view_done;
  std::vector<UnitTree::Index> parent_view;
};
thread_local BuilderScratch tls_scratch;

// Everything one report needs, computed once.
class Builder {
 public:
  Builder(const LoadedRegistry& reg, const CoverageQuery& q, const report_parts::ReportOptions& opts)
      : reg_(reg), tree_(reg.tree), rules_(reg.rules), q_(q), opts_(opts), d_(q.as_of),
        view_(q.units_of.value_or(q.as_of)) {
    ng_ = rules_.groups().size();
    for (size_t r = 0; r < ng_; ++r) group_ids_.push_back(rules_.groups()[r].id);
    unclassified_rank_ = RankOf(kUnclassifiedGroup);
    if (opts.population != nullptr) {
      population_ = opts.population;
    } else {
      own_population_ = report_parts::PopulationFor(reg);
      population_ = own_population_.get();
    }
    const size_t n = tree_.size() * (ng_ + 1);
    own_target_.assign(n, -1);
    den_as_of_.assign(n, kUnknownYet);
    if (q.units_of) den_.assign(n, kUnknownYet);
    kids_d_done_.assign(tree_.size(), 0);
    kids_view_done_.assign(tree_.size(), 0);
    if (kids_d_.size() < tree_.size()) kids_d_.resize(tree_.size());
    if (kids_view_.size() < tree_.size()) kids_view_.resize(tree_.size());
    parent_view_.assign(tree_.size(), kUnknownParent);
    for (const Target& t : reg.targets) {
      if (t.year != d_.year()) continue;
      size_t r = t.group == kAllGroups ? ng_ : RankOf(t.group);
      if (t.group != kAllGroups && group_ids_[r] != t.group) continue;  // a group the rules do not have
      for (Index i : tree_.Versions(t.unit.str())) own_target_[Slot(i, r)] = t.target_hundredths;
    }
  }

  Result<CoverageReport> Run();

 private:
  static constexpr int64_t kUnknownYet = -2;  // memo entries not computed yet (-1 = unknown)
  size_t Slot(Index i, size_t r) const { return static_cast<size_t>(i) * (ng_ + 1) + r; }
  size_t RankOf(ReportingGroupId g) const {
    int r = rules_.Rank(g);
    if (r >= 0 && static_cast<size_t>(r) < ng_) return static_cast<size_t>(r);
    r = rules_.Rank(kUnclassifiedGroup);
    return static_cast<size_t>(r) < ng_ ? static_cast<size_t>(r) : 0;
  }
  void CountPeople();
  void RollUp();
  int64_t OwnPopulation(Index i, ReportingGroupId g, Date from, Date to) const;
  int64_t DenominatorOnAsOf(Index i, size_t r);
  int64_t Denominator(Index i, size_t r);
  void MapDenominators(UnitMapper* mapper);
  int32_t TargetOf(Index i, ReportingGroupId g);
  // The tree's Children and Parent, computed once per unit: each costs code lookups, and the
  // denominators ask for the same units once per group.
  const std::vector<Index>& Kids(Index i, Date on) {
    auto& cache = on == view_ ? kids_view_ : kids_d_;
    auto& done = on == view_ ? kids_view_done_ : kids_d_done_;
    if (!done[static_cast<size_t>(i)]) {
      cache[static_cast<size_t>(i)] = tree_.Children(i, on);
      done[static_cast<size_t>(i)] = 1;
    }
    return cache[static_cast<size_t>(i)];
  }
  Index ParentOnView(Index i) {
    Index& p = parent_view_[static_cast<size_t>(i)];
    if (p == kUnknownParent) p = tree_.Parent(i, view_);
    return p;
  }
  void EmitUnit(Index i, int depth, CoverageReport* out);
  void EmitRows(const std::string& code, const std::string& name, UnitLevel level, int depth, bool unplaced,
                const GroupVector& insured, Index den_unit, Index target_unit, CoverageReport* out);
  void AddNotes(const UnitMapper* mapper, CoverageReport* out);
  Status RootNotFound() const;

  const LoadedRegistry& reg_;
  const UnitTree& tree_;
  const RuleSet& rules_;
  const CoverageQuery& q_;
  const report_parts::ReportOptions& opts_;
  const Date d_;     // people are counted on this day
  const Date view_;  // the units shown are those valid on this day
  size_t ng_ = 0;
  std::vector<ReportingGroupId> group_ids_;  // by rank
  size_t unclassified_rank_ = 0;
  std::shared_ptr<const PopulationLookup> own_population_;
  const PopulationLookup* population_ = nullptr;
  static constexpr Index kUnknownParent = -2;
  BuilderScratch& scratch_ = tls_scratch;
  std::vector<int32_t>& own_target_ = scratch_.own_target;  // by Slot(unit version, rank); -1 none
  std::vector<std::vector<Index>>& kids_d_ = scratch_.kids_d;  // Kids() caches, by unit version
  std::vector<std::vector<Index>>& kids_view_ = scratch_.kids_view;
  std::vector<uint8_t>& kids_d_done_ = scratch_.kids_d_done;
  std::vector<uint8_t>& kids_view_done_ = scratch_.kids_view_done;
  std::vector<Index>& parent_view_ = scratch_.parent_view;

  PlacedAmounts placed_;                                   // people, on view_ units
  std::unordered_map<Index, GroupVector> totals_;          // rolled up on view_
  std::unordered_map<Index, GroupVector> unplaced_;        // per view_ unit
  std::vector<int64_t>& den_as_of_ = scratch_.den_as_of;  // memo by Slot, units valid on d_
  std::vector<int64_t>& den_ = scratch_.den;              // memo by Slot, units valid on view_
  std::unordered_map<Index, GroupVector> mapped_den_;      // units_of: mapped commune denominators
  bool show_unclassified_ = false;
  Index root_ = kNone;
};


void Builder::CountPeople() {
  const CoverageIndex& index = *reg_.index;
  std::vector<Placement> slot_place(index.slot_count());
  std::vector<bool> slot_done(index.slot_count(), false);
  PlacedAmounts on_d;
  index.ForEachCount(d_, [&](CoverageIndex::Slot s, ReportingGroupId g, int64_t n) {
    if (s >= slot_done.size()) {  // a slot created after we sized (a concurrent writer)
      slot_done.resize(s + 1, false);
      slot_place.resize(s + 1);
    }
    if (!slot_done[s]) {
      slot_place[s] = report_parts::PlaceSlot(tree_, index.slot(s), d_);
      slot_done[s] = true;
    }
    if (slot_place[s].unit == kNone) return;  // no country root loaded: nowhere to put them
    GroupVector& v = on_d[slot_place[s]];
    if (v.empty()) v.assign(ng_, 0);
    v[RankOf(g)] += n;
  });
  placed_ = std::move(on_d);
}

void Builder::RollUp() {
  for (const auto& [p, v] : placed_) {
    if (p.unplaced) MergeInto(&unplaced_[p.unit], v);
    for (Index i = p.unit, guard = 0; i != kNone && guard < 16; i = ParentOnView(i), ++guard)
      MergeInto(&totals_[i], v);
  }
}

int64_t Builder::OwnPopulation(Index i, ReportingGroupId g, Date from, Date to) const {
  return population_->Own(i, g, from, to);
}

// Denominator of a unit version valid on d_: its own latest figure dated within
// [valid_from, d_], else the sum of its children's when at least one child has one.
int64_t Builder::DenominatorOnAsOf(Index i, size_t r) {
  if (den_as_of_[Slot(i, r)] != kUnknownYet) return den_as_of_[Slot(i, r)];
  const Unit& u = tree_.unit(i);
  int64_t den = OwnPopulation(i, r == ng_ ? kAllGroups : group_ids_[r], u.valid_from, d_);
  if (den < 0)
    for (Index c : Kids(i, d_)) den = MergeAmount(den, DenominatorOnAsOf(c, r));
  den_as_of_[Slot(i, r)] = den;
  return den;
}

// Denominator of a unit version valid on view_. Without units_of this is DenominatorOnAsOf.
// With it: the mapped sum of the as-of communes' denominators, else an own figure dated within
// [valid_from, d_], else the children's sum.
int64_t Builder::Denominator(Index i, size_t r) {
  if (!q_.units_of) return DenominatorOnAsOf(i, r);
  if (den_[Slot(i, r)] != kUnknownYet) return den_[Slot(i, r)];
  const Unit& u = tree_.unit(i);
  // The mapped sum comes first: a commune that absorbed others on the way from d_ to view_
  // (Hòa Phú into Phan Rí Cửa) keeps one version, and its own pre-merge figure would drop the
  // absorbed people from the denominator while their insured are counted.
  int64_t den = -1;
  if (auto it = mapped_den_.find(i); it != mapped_den_.end()) den = it->second[r];
  if (den < 0) den = OwnPopulation(i, r == ng_ ? kAllGroups : group_ids_[r], u.valid_from, d_);
  if (den < 0)
    for (Index c : Kids(i, view_)) den = MergeAmount(den, Denominator(c, r));
  den_[Slot(i, r)] = den;
  return den;
}

// The denominators of the communes valid on d_ (rank ng_ holds "all groups"), carried into
// the units of view_ like the people.
void Builder::MapDenominators(UnitMapper* mapper) {
  PlacedAmounts in;
  for (Index i = 0; i < static_cast<Index>(tree_.size()); ++i) {
    const Unit& u = tree_.unit(i);
    if (u.level != UnitLevel::kCommune || !u.ValidOn(d_)) continue;
    GroupVector v(ng_ + 1, -1);
    bool any = false;
    for (size_t r = 0; r <= ng_; ++r) {
      v[r] = DenominatorOnAsOf(i, r);
      any = any || v[r] >= 0;
    }
    if (any) in[Placement{i, false}] = std::move(v);
  }
  for (auto& [p, v] : mapper->Map(in, /*drop_unplaced=*/true)) mapped_den_[p.unit] = std::move(v);
}

// Walks from the unit up to the country: the target of group g, else of all groups.
int32_t Builder::TargetOf(Index i, ReportingGroupId g) {
  const size_t r = g == kAllGroups ? ng_ : RankOf(g);
  for (int guard = 0; i != kNone && guard < 16; i = ParentOnView(i), ++guard) {
    if (int32_t t = own_target_[Slot(i, r)]; t >= 0) return t;
    if (int32_t t = own_target_[Slot(i, ng_)]; g != kAllGroups && t >= 0) return t;
  }
  return -1;
}

void Builder::EmitRows(const std::string& code, const std::string& name, UnitLevel level, int depth, bool unplaced,
                       const GroupVector& insured, Index den_unit, Index target_unit, CoverageReport* out) {
  auto row = [&](ReportingGroupId g, int64_t n, int64_t den) {
    if (opts_.only_group && *opts_.only_group != g) return;
    CoverageRow r;
    r.unit_code = code;
    r.unit_name = name;
    r.level = level;
    r.depth = depth;
    r.unplaced = unplaced;
    r.group = g;
    r.insured = n;
    r.denominator = den;
    r.rate_hundredths = den >= 0 ? RateHundredths(n, den) : -1;
    // The unclassified group has no population by definition (no census counts people by an
    // object code nobody knows), so the all-groups target is not its own: no target, no gap.
    r.target_hundredths = target_unit != kNone && g != kUnclassifiedGroup ? TargetOf(target_unit, g) : -1;
    r.gap_people = GapPeople(r.target_hundredths, den, n);
    out->rows.push_back(std::move(r));
  };
  int64_t all = 0;
  for (size_t r = 0; r < ng_ && r < insured.size(); ++r) all += std::max<int64_t>(insured[r], 0);
  auto wanted = [&](ReportingGroupId g) { return !opts_.only_group || *opts_.only_group == g; };
  if (wanted(kAllGroups)) row(kAllGroups, all, den_unit != kNone ? Denominator(den_unit, ng_) : -1);
  for (size_t r = 0; r < ng_; ++r) {
    if (r == unclassified_rank_ && !show_unclassified_ && !opts_.only_group) continue;
    if (!wanted(group_ids_[r])) continue;
    int64_t n = r < insured.size() ? std::max<int64_t>(insured[r], 0) : 0;
    row(group_ids_[r], n, den_unit != kNone ? Denominator(den_unit, r) : -1);
  }
}

void Builder::EmitUnit(Index i, int depth, CoverageReport* out) {
  static const GroupVector kEmpty;
  const Unit& u = tree_.unit(i);
  auto t = totals_.find(i);
  EmitRows(u.code.str(), u.name, u.level, depth, false, t != totals_.end() ? t->second : kEmpty, i, i, out);
  bool expand = q_.depth >= 0 ? depth < q_.depth : u.level < UnitLevel::kCommune;
  if (expand)
    for (Index c : Kids(i, view_)) EmitUnit(c, depth + 1, out);
  if (auto up = unplaced_.find(i); up != unplaced_.end()) {
    int64_t n = 0;
    for (int64_t x : up->second) n += std::max<int64_t>(x, 0);
    if (n > 0) EmitRows("", kUnplacedNameVi, UnitLevel::kCommune, depth + 1, true, up->second, kNone, kNone, out);
  }
}

void Builder::AddNotes(const UnitMapper* mapper, CoverageReport* out) {
  static const char* kSplitRule =
      "số người có thẻ và dân số của đơn vị này được chia đều cho các đơn vị đó (phần dư lần lượt cho đơn vị có "
      "mã nhỏ hơn), trừ người ở thôn/ấp có đơn vị kế nhiệm riêng.";
  // Up to this many splits are named one by one; beyond, one summary line (a national report
  // re-aggregated into the 2025 units crosses about a thousand of them).
  constexpr size_t kNamedSplits = 5;
  if (mapper) {
    std::vector<std::string> named;
    size_t splits = 0;
    for (Index x : mapper->split_units()) {
      const Unit& u = tree_.unit(x);
      std::vector<Index> succ;
      bool concerns_report = false;
      for (const auto& s : tree_.Successors(x)) {
        succ.push_back(s.to);
        Index now = tree_.unit(s.to).ValidOn(view_) ? s.to : tree_.Resolve(tree_.unit(s.to).code, view_);
        concerns_report = concerns_report || (now != kNone && tree_.IsWithin(now, root_, view_));
      }
      if (!concerns_report) continue;  // a split elsewhere in the country
      if (++splits > kNamedSplits) continue;
      std::sort(succ.begin(), succ.end(), [&](Index a, Index b) { return tree_.unit(a).code < tree_.unit(b).code; });
      std::string to;
      for (Index s : succ) {
        if (!to.empty()) to += ", ";
        to += tree_.unit(s).name + " (" + tree_.unit(s).code.str() + ")";
      }
      named.push_back(u.name + " (" + u.code.str() + ") được chia cho " + std::to_string(succ.size()) +
                      " đơn vị: " + to);
    }
    if (splits <= kNamedSplits) {
      for (auto& n : named) out->notes.push_back(n + "; " + kSplitRule);
    } else {
      out->notes.push_back(FormatIntVn(static_cast<int64_t>(splits)) +
                           " đơn vị bị chia cho nhiều đơn vị mới (ví dụ: " + named.front() + "); với mỗi đơn vị, " +
                           kSplitRule);
    }
  }
  int64_t unplaced = 0;
  for (const auto& [i, v] : unplaced_)
    if (tree_.IsWithin(i, root_, view_))
      for (int64_t x : v) unplaced += std::max<int64_t>(x, 0);
  if (unplaced > 0)
    out->notes.push_back(FormatIntVn(unplaced) + " người có thẻ không có xã/phường hợp lệ vào ngày " +
                         (q_.units_of ? q_.units_of->ToVn() : d_.ToVn()) +
                         ": được tính vào đơn vị cấp trên gần nhất, dòng \"" + kUnplacedNameVi + "\".");
}

// The root is not valid on the date of the units shown. When re-aggregating (--units-of), say
// where its territory went — a district abolished in 2025 lives on in one or two provinces.
Status Builder::RootNotFound() const {
  std::string msg = "không có đơn vị hành chính mã " + q_.unit_code + " có hiệu lực vào ngày " + view_.ToVn();
  const Index then = q_.units_of ? tree_.Resolve(q_.unit_code, d_) : kNone;
  if (then == kNone) return Status::NotFound(msg);
  std::vector<Index> stack{then}, tops;
  while (!stack.empty()) {
    Index i = stack.back();
    stack.pop_back();
    if (tree_.unit(i).level < UnitLevel::kCommune) {
      for (Index c : tree_.Children(i, d_)) stack.push_back(c);
      continue;
    }
    std::vector<Index> now{i};
    for (int step = 0; step < 8 && !now.empty() && !tree_.unit(now.front()).ValidOn(view_); ++step) {
      std::vector<Index> next;
      for (Index x : now)
        for (const auto& succ : tree_.Successors(x)) next.push_back(succ.to);
      now = std::move(next);
    }
    for (Index x : now) {
      if (!tree_.unit(x).ValidOn(view_)) continue;
      Index top = x;
      for (Index p = tree_.Parent(top, view_); p != kNone && tree_.unit(p).level != UnitLevel::kCountry;
           p = tree_.Parent(top, view_))
        top = p;
      if (std::find(tops.begin(), tops.end(), top) == tops.end()) tops.push_back(top);
    }
  }
  if (tops.empty()) return Status::NotFound(msg);
  std::sort(tops.begin(), tops.end(), [&](Index a, Index b) { return tree_.unit(a).code < tree_.unit(b).code; });
  msg += "; địa bàn của " + tree_.unit(then).name + " ngày " + view_.ToVn() + " thuộc ";
  for (size_t k = 0; k < tops.size(); ++k)
    msg += (k ? ", " : "") + tree_.unit(tops[k]).name + " (" + tree_.unit(tops[k]).code.str() + ")";
  msg += ": hãy dùng --unit với mã đó";
  return Status::NotFound(msg);
}

Result<CoverageReport> Builder::Run() {
  if (!d_.valid()) return Status::InvalidArgument("ngày báo cáo không hợp lệ");
  if (q_.units_of && !q_.units_of->valid()) return Status::InvalidArgument("ngày đơn vị hành chính không hợp lệ");
  const Index root = root_ = tree_.Resolve(q_.unit_code, view_);
  if (root == kNone) return RootNotFound();
  if (!reg_.index) return Status::Internal("chưa nạp chỉ mục bao phủ");

  if (opts_.count_people) CountPeople();
  std::unique_ptr<UnitMapper> mapper;
  if (q_.units_of) {
    mapper = std::make_unique<UnitMapper>(tree_, d_, view_);
    placed_ = mapper->Map(placed_, /*drop_unplaced=*/false);
    MapDenominators(mapper.get());
  }
  RollUp();
  if (auto t = totals_.find(root); t != totals_.end())
    show_unclassified_ = unclassified_rank_ < t->second.size() && t->second[unclassified_rank_] > 0;

  CoverageReport out;
  out.query = q_;
  EmitUnit(root, 0, &out);
  AddNotes(mapper.get(), &out);
  return out;
}

}  // namespace

namespace report_parts {

Placement PlaceSlot(const UnitTree& tree, const CoverageIndex::SlotKey& key, Date d) {
  const Index country = tree.Resolve(std::string(kCountryCode), d);
  if (key.commune.empty()) return {country, true};
  Index c = tree.Resolve(key.commune, d);
  if (c != kNone) {
    if (!key.hamlet.empty()) {
      Index h = tree.Resolve(key.hamlet, d);
      if (h != kNone && tree.Parent(h, d) == c) return {h, false};
    }
    return {c, false};
  }
  Index v = NearestVersion(tree, key.commune, d);
  for (int guard = 0; v != kNone && guard < 16; ++guard) {
    const UnitCode& parent = tree.unit(v).parent;
    if (parent.empty()) break;
    Index p = tree.Resolve(parent, d);
    if (p != kNone) return {p, true};
    v = NearestVersion(tree, parent.str(), d);
  }
  return {country, true};
}

std::shared_ptr<const PopulationLookup> PopulationFor(const LoadedRegistry& reg) {
  if (reg.population_lookup && reg.population_lookup->BuiltFrom(reg.population, reg.tree)) return reg.population_lookup;
  return std::make_shared<PopulationLookup>(reg.population, reg.tree);
}

int64_t GapPeople(int32_t target, int64_t den, int64_t insured) {
  if (target < 0 || den < 0) return -1;
  __int128 need = (static_cast<__int128>(target) * den + 9999) / 10000;  // ceil
  __int128 gap = need - insured;
  return gap > 0 ? static_cast<int64_t>(gap) : 0;
}

Result<CoverageReport> BuildReport(const LoadedRegistry& reg, const CoverageQuery& q, const ReportOptions& opts) {
  Builder b(reg, q, opts);
  return b.Run();
}

}  // namespace report_parts

Result<CoverageReport> BuildCoverageReport(const LoadedRegistry& reg, const CoverageQuery& q) {
  return report_parts::BuildReport(reg, q, {});
}

}  // namespace baophu
