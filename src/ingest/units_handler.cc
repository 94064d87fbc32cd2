// Units: versions of administrative units keyed by (code, valid_from), with an optional
// successor (a full merge). Parents and successors may be in the store or anywhere in the file;
// versions of one code must not overlap, counting the ones the store already has.
#include <algorithm>
#include <map>
#include <set>

#include "ingest/row_handler.h"

namespace baophu {
namespace {

enum Col { kCode, kName, kLevel, kParent, kFrom, kTo, kSuccessor };

class UnitsHandler final : public RowHandler {
 public:
  explicit UnitsHandler(const ImportEnv& env) : env_(env) {}
  const std::vector<ColumnSpec>& Columns() const override {
    static const std::vector<ColumnSpec> kSpecs = {
        {"ma_dvhc", "unit_code", true, {"ma don vi"}},
        {"ten", "name", true, {"ten don vi"}},
        {"cap", "level", true, {}},
        {"ma_cha", "parent_code", true, {"ma don vi cap tren"}},
        {"hieu_luc_tu", "valid_from", true, {"tu ngay"}},
        {"hieu_luc_den", "valid_to", false, {"den ngay"}},
        {"ma_ke_nhiem", "successor_code", false, {}},
    };
    return kSpecs;
  }

  void Parse(RowCtx& ctx, Unit* u, std::string* successor) const {
    std::string code = ctx.Get(kCode);
    if (auto c = UnitCode::Parse(code); c.ok()) u->code = *c; else ctx.Error(kCode, code, c.status().message());
    u->name = ctx.Get(kName);
    if (u->name.empty()) ctx.Error(kName, "", "thiếu tên đơn vị");
    std::string level = ctx.Get(kLevel);
    if (auto l = ParseUnitLevel(level)) u->level = *l;
    else ctx.Error(kLevel, level, "cấp phải là Tỉnh, Huyện, Xã hoặc Thôn (hoặc 1, 2, 3, 4)");
    std::string parent = ctx.Get(kParent);
    if (parent.empty()) {
      if (u->level != UnitLevel::kCountry) ctx.Error(kParent, "", "thiếu mã đơn vị cấp trên");
    } else if (auto p = UnitCode::Parse(parent); p.ok()) {
      u->parent = *p;
    } else {
      ctx.Error(kParent, parent, p.status().message());
    }
    std::string from = ctx.Get(kFrom), to = ctx.Get(kTo);
    if (!from.empty()) {
      if (auto d = Date::Parse(from); d.ok()) u->valid_from = *d; else ctx.Error(kFrom, from, d.status().message());
    }
    if (!to.empty()) {
      if (auto d = Date::Parse(to); d.ok()) u->valid_to = *d; else ctx.Error(kTo, to, d.status().message());
    }
    if (u->valid_to < u->valid_from) ctx.Error(kTo, to, "ngày hết hiệu lực trước ngày bắt đầu hiệu lực");
    *successor = ctx.Get(kSuccessor);
    if (!successor->empty()) {
      if (auto s = UnitCode::Parse(*successor); !s.ok()) ctx.Error(kSuccessor, *successor, s.status().message());
      else if (u->valid_to == Date::Max())
        ctx.Error(kSuccessor, *successor, "đơn vị có mã kế nhiệm phải có ngày hết hiệu lực (hieu_luc_den)");
    }
  }

  void Check(RowCtx& ctx) override {
    Unit u;
    std::string successor;
    Parse(ctx, &u, &successor);
    if (!ctx.ok()) return;
    rows_.push_back({std::move(u), std::move(successor), ctx.line()});
  }

  Status Finish(const ColumnMap& cols, ImportResult* r) override {
    const std::string& f = env_.file;
    std::set<std::string> codes;  // in the file
    for (const Row& row : rows_) codes.insert(row.unit.code.str());
    auto known = [&](const std::string& c) { return env_.units->Knows(c) || codes.count(c) > 0; };

    // The versions of each code: the store's, replaced by the file's with the same valid_from.
    std::map<std::string, std::map<int32_t, std::pair<Date, int64_t>>> versions;  // code → from → (to, line; 0 = store)
    for (const Unit& u : env_.units->units())
      if (codes.count(u.code.str())) versions[u.code.str()][u.valid_from.days()] = {u.valid_to, 0};
    std::map<std::pair<std::string, int32_t>, std::vector<const Row*>> same_key;
    for (const Row& row : rows_) same_key[{row.unit.code.str(), row.unit.valid_from.days()}].push_back(&row);

    for (auto& [key, rows] : same_key) {
      bool differ = false;
      for (const Row* row : rows)
        differ |= !(row->unit.name == rows[0]->unit.name && row->unit.level == rows[0]->unit.level &&
                    row->unit.parent == rows[0]->unit.parent && row->unit.valid_to == rows[0]->unit.valid_to &&
                    row->successor == rows[0]->successor);
      if (differ) {
        std::vector<int64_t> lines;
        for (const Row* row : rows) lines.push_back(row->line);
        for (const Row* row : rows)
          AddRowError(r, f, row->line, cols.label[kCode], key.first,
                      "đơn vị " + key.first + " có hiệu lực từ cùng một ngày nhưng khác nội dung ở các dòng " +
                          JoinLines(lines) + " của tệp");
        continue;
      }
      versions[key.first][key.second] = {rows[0]->unit.valid_to, rows[0]->line};
    }
    // Overlapping versions of one code.
    for (auto& [code, by_from] : versions) {
      const std::pair<const int32_t, std::pair<Date, int64_t>>* prev = nullptr;
      for (const auto& v : by_from) {
        if (prev && Date::FromDays(v.first) <= prev->second.first) {
          int64_t line = v.second.second ? v.second.second : prev->second.second;
          AddRowError(r, f, line, cols.label[kFrom], Date::FromDays(v.first).ToVn(),
                      "hai phiên bản của đơn vị " + code + " có thời gian hiệu lực chồng lên nhau (phiên bản trước kết thúc " +
                          prev->second.first.ToVn() + ")");
        }
        prev = &v;
      }
    }
    for (const Row& row : rows_) {
      const std::string& parent = row.unit.parent.str();
      if (!parent.empty() && !known(parent))
        AddRowError(r, f, row.line, cols.label[kParent], parent,
                    "mã đơn vị cấp trên '" + parent + "' không có trong danh mục lẫn trong tệp");
      if (!row.successor.empty() && !known(row.successor))
        AddRowError(r, f, row.line, cols.label[kSuccessor], row.successor,
                    "mã kế nhiệm '" + row.successor + "' không có trong danh mục lẫn trong tệp");
    }
    rows_.clear();
    return Status::Ok();
  }

  Result<UpsertOutcome> Write(RowCtx& ctx) override {
    Unit u;
    std::string successor;
    Parse(ctx, &u, &successor);
    if (!ctx.ok()) return Status::Internal("dòng đã kiểm tra lại không hợp lệ");
    auto out = env_.store->UpsertUnit(u);
    if (out.ok() && !successor.empty()) {
      pending_.push_back({{u.code, u.valid_from, UnitCode::Unchecked(successor), MergeType::kFull}, *out, ctx.line()});
    }
    return out;
  }

  // Successors once every unit is written (they reference units anywhere in the file). A row
  // whose unit was unchanged but whose successor is new counts as updated.
  Status FinishWrite(ImportResult* r) override {
    for (const Pending& p : pending_) {
      auto out = env_.store->UpsertSuccessor(p.successor);
      if (!out.ok()) {
        return Status::Conflict("Tệp '" + env_.file + "' dòng " + std::to_string(p.line) + ": " +
                                out.status().message() + "; không có gì được ghi vào cơ sở dữ liệu");
      }
      if (*out != UpsertOutcome::kUnchanged && p.unit_outcome == UpsertOutcome::kUnchanged) {
        --r->unchanged;
        ++r->updated;
      }
    }
    // The whole tree must still hold together (parents and successors valid when needed).
    std::vector<Unit> units;
    std::vector<UnitSuccessor> successors;
    BAOPHU_RETURN_IF_ERROR(env_.store->ListUnits(&units));
    BAOPHU_RETURN_IF_ERROR(env_.store->ListSuccessors(&successors));
    auto tree = UnitTree::Build(std::move(units), successors);
    if (!tree.ok()) {
      return Status::Conflict("Tệp '" + env_.file + "' làm danh mục đơn vị không nhất quán: " +
                              tree.status().message() + "; không có gì được ghi vào cơ sở dữ liệu");
    }
    return Status::Ok();
  }

 private:
  struct Row {
    Unit unit;
    std::string successor;
    int64_t line;
  };
  struct Pending {
    UnitSuccessor successor;
    UpsertOutcome unit_outcome;
    int64_t line;
  };
  ImportEnv env_;
  std::vector<Row> rows_;
  std::vector<Pending> pending_;
};

}  // namespace

std::unique_ptr<RowHandler> MakeUnitsHandler(const ImportEnv& env) { return std::make_unique<UnitsHandler>(env); }

}  // namespace baophu
