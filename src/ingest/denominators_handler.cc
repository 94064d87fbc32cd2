// Population (denominators) and yearly targets: small files keyed by (unit, date or year,
// group). The unit must exist on that date (in that year); one key given twice with different
// figures rejects every row of it.
#include <map>
#include <tuple>

#include "ingest/row_handler.h"

namespace baophu {
namespace {

// Rows of one key, with the figure each gave; for the "same key, different figure" check.
template <typename K>
class DuplicateCheck {
 public:
  void Add(const K& key, int64_t figure, int64_t line) { seen_[key].push_back({figure, line}); }
  template <typename Describe>
  void Report(ImportResult* r, const std::string& file, const std::string& column, Describe describe) {
    for (auto& [key, rows] : seen_) {
      bool differ = false;
      for (const auto& row : rows) differ |= row.first != rows.front().first;
      if (!differ) continue;
      std::vector<int64_t> lines;
      for (const auto& row : rows) lines.push_back(row.second);
      for (const auto& row : rows)
        AddRowError(r, file, row.second, column, std::to_string(row.first),
                    describe(key) + " có số liệu khác nhau ở các dòng " + JoinLines(lines) + " của tệp");
    }
    seen_.clear();
  }

 private:
  std::map<K, std::vector<std::pair<int64_t, int64_t>>> seen_;
};

// --- population ------------------------------------------------------------------------------

enum PopCol { kPopUnit, kPopDate, kPopCount, kPopGroup };

class PopulationHandler final : public RowHandler {
 public:
  explicit PopulationHandler(const ImportEnv& env) : env_(env) {}
  const std::vector<ColumnSpec>& Columns() const override {
    static const std::vector<ColumnSpec> kSpecs = {
        {"ma_dvhc", "unit_code", true, {"ma don vi"}},
        {"ngay", "date", true, {}},
        {"dan_so", "population", true, {"so dan"}},
        {"nhom", "group", false, {"nhom doi tuong"}},
    };
    return kSpecs;
  }

  void Parse(RowCtx& ctx, Population* p) const {
    std::string unit = ctx.Get(kPopUnit), date = ctx.Get(kPopDate), count = ctx.Get(kPopCount);
    auto d = Date::Parse(date);
    if (!d.ok()) ctx.Error(kPopDate, date, d.status().message()); else p->date = *d;
    if (auto u = UnitCode::Parse(unit); !u.ok()) {
      ctx.Error(kPopUnit, unit, u.status().message());
    } else if (!env_.units->Knows(unit)) {
      ctx.Error(kPopUnit, unit, "mã đơn vị '" + unit + "' không có trong danh mục đơn vị hành chính");
    } else if (env_.unit_scope && !env_.unit_scope(unit)) {
      ctx.Error(kPopUnit, unit, ImportEnv::OutOfScope(unit));
    } else if (d.ok() && env_.units->Resolve(unit, *d) == UnitTree::kNone) {
      ctx.Error(kPopUnit, unit, "đơn vị '" + unit + "' không có hiệu lực vào ngày " + d->ToVn());
    } else {
      p->unit = *u;
    }
    if (auto n = ParseCount(count); n.ok()) p->population = *n; else ctx.Error(kPopCount, count, n.status().message());
    std::string group = ctx.Get(kPopGroup);
    if (auto g = ParseGroup(*env_.rules, group); g.ok()) p->group = *g; else ctx.Error(kPopGroup, group, g.status().message());
    p->source = "import:" + env_.file;
  }

  void Check(RowCtx& ctx) override {
    Population p;
    Parse(ctx, &p);
    if (ctx.ok()) dup_.Add({p.unit.str(), p.date.days(), p.group}, p.population, ctx.line());
  }
  Status Finish(const ColumnMap& cols, ImportResult* r) override {
    dup_.Report(r, env_.file, cols.label[kPopCount], [](const std::tuple<std::string, int32_t, int>& k) {
      return "dân số của đơn vị " + std::get<0>(k) + " ngày " + Date::FromDays(std::get<1>(k)).ToVn() +
             (std::get<2>(k) ? " nhóm " + std::to_string(std::get<2>(k)) : "");
    });
    return Status::Ok();
  }
  Result<UpsertOutcome> Write(RowCtx& ctx) override {
    Population p;
    Parse(ctx, &p);
    if (!ctx.ok()) return Status::Internal("dòng đã kiểm tra lại không hợp lệ");
    return env_.store->UpsertPopulation(p);
  }

 private:
  ImportEnv env_;
  DuplicateCheck<std::tuple<std::string, int32_t, int>> dup_;
};

// --- targets ---------------------------------------------------------------------------------

enum TargetCol { kTgtUnit, kTgtYear, kTgtGroup, kTgtPercent };

class TargetsHandler final : public RowHandler {
 public:
  explicit TargetsHandler(const ImportEnv& env) : env_(env) {}
  const std::vector<ColumnSpec>& Columns() const override {
    static const std::vector<ColumnSpec> kSpecs = {
        {"ma_dvhc", "unit_code", true, {"ma don vi"}},
        {"nam", "year", true, {}},
        {"nhom", "group", false, {"nhom doi tuong"}},
        {"chi_tieu", "target_percent", true, {"chi tieu phan tram", "target"}},
    };
    return kSpecs;
  }

  void Parse(RowCtx& ctx, Target* t) const {
    std::string unit = ctx.Get(kTgtUnit), year = ctx.Get(kTgtYear), pct = ctx.Get(kTgtPercent);
    int y = 0;
    bool year_ok = year.size() == 4;
    for (char c : year) {
      year_ok = year_ok && c >= '0' && c <= '9';
      y = y * 10 + (c - '0');
    }
    if (!year_ok || y < 1990 || y > 2100) ctx.Error(kTgtYear, year, "năm phải gồm 4 chữ số, từ 1990 đến 2100");
    else t->year = y;
    if (auto u = UnitCode::Parse(unit); !u.ok()) {
      ctx.Error(kTgtUnit, unit, u.status().message());
    } else if (!env_.units->Knows(unit)) {
      ctx.Error(kTgtUnit, unit, "mã đơn vị '" + unit + "' không có trong danh mục đơn vị hành chính");
    } else if (env_.unit_scope && !env_.unit_scope(unit)) {
      ctx.Error(kTgtUnit, unit, ImportEnv::OutOfScope(unit));
    } else {
      if (t->year) {
        bool exists = false;
        for (UnitTree::Index i : env_.units->Versions(unit)) {
          const Unit& u2 = env_.units->unit(i);
          exists |= u2.valid_from <= Date::FromYmd(y, 12, 31) && Date::FromYmd(y, 1, 1) <= u2.valid_to;
        }
        if (!exists) ctx.Error(kTgtUnit, unit, "đơn vị '" + unit + "' không tồn tại trong năm " + year);
      }
      t->unit = *u;
    }
    if (auto p = ParsePercentHundredths(pct); p.ok()) t->target_hundredths = *p;
    else ctx.Error(kTgtPercent, pct, p.status().message());
    std::string group = ctx.Get(kTgtGroup);
    if (auto g = ParseGroup(*env_.rules, group); g.ok()) t->group = *g; else ctx.Error(kTgtGroup, group, g.status().message());
  }

  void Check(RowCtx& ctx) override {
    Target t;
    Parse(ctx, &t);
    if (ctx.ok()) dup_.Add({t.unit.str(), t.year, t.group}, t.target_hundredths, ctx.line());
  }
  Status Finish(const ColumnMap& cols, ImportResult* r) override {
    dup_.Report(r, env_.file, cols.label[kTgtPercent], [](const std::tuple<std::string, int, int>& k) {
      return "chỉ tiêu của đơn vị " + std::get<0>(k) + " năm " + std::to_string(std::get<1>(k)) +
             (std::get<2>(k) ? " nhóm " + std::to_string(std::get<2>(k)) : "");
    });
    return Status::Ok();
  }
  Result<UpsertOutcome> Write(RowCtx& ctx) override {
    Target t;
    Parse(ctx, &t);
    if (!ctx.ok()) return Status::Internal("dòng đã kiểm tra lại không hợp lệ");
    return env_.store->UpsertTarget(t);
  }

 private:
  ImportEnv env_;
  DuplicateCheck<std::tuple<std::string, int, int>> dup_;
};

}  // namespace

std::unique_ptr<RowHandler> MakePopulationHandler(const ImportEnv& env) {
  return std::make_unique<PopulationHandler>(env);
}
std::unique_ptr<RowHandler> MakeTargetsHandler(const ImportEnv& env) { return std::make_unique<TargetsHandler>(env); }

}  // namespace baophu
