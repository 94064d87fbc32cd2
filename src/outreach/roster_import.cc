#include "outreach/roster_import.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>

#include "core/text.h"
#include "ingest/columns.h"
#include "outreach/match_store.h"
#include "ingest/row_handler.h"
#include "ingest/file_scan.h"
#include "ingest/table_reader.h"
#include "outreach/lists.h"
#include "outreach/name_match.h"
#include "registry/unit_tree.h"

namespace baophu::outreach {
namespace {

struct KindName {
  ListImportKind kind;
  const char* en;
  const char* vi;
};
constexpr KindName kKinds[] = {
    {ListImportKind::kPupils, "pupils", "hoc_sinh"},
    {ListImportKind::kBeneficiaries, "beneficiaries", "doi_tuong"},
    {ListImportKind::kMembers, "members", "hoi_vien"},
    {ListImportKind::kResponsibles, "responsibles", "phu_trach"},
};

struct BeneficiaryType {
  const char* code;
  const char* vi;
  const char* en;
  std::vector<const char*> folds;  // accepted spellings, folded
};
const std::vector<BeneficiaryType>& BeneficiaryTypes() {
  static const std::vector<BeneficiaryType> kAll = {
      {"ngheo", "Hộ nghèo", "Poor household", {"ngheo", "ho ngheo", "poor"}},
      {"can_ngheo", "Hộ cận nghèo", "Near-poor household", {"can ngheo", "can_ngheo", "ho can ngheo", "near-poor", "near poor"}},
      {"duoi_6", "Trẻ em dưới 6 tuổi", "Child under 6", {"duoi 6", "duoi_6", "tre em duoi 6 tuoi", "tre em duoi 6", "under 6", "under-6"}},
      {"chinh_sach", "Đối tượng chính sách", "Policy beneficiary", {"chinh sach", "chinh_sach", "doi tuong chinh sach", "nguoi co cong", "policy"}},
  };
  return kAll;
}

// The columns shared by the three person lists, after the kind's own.
struct PersonCols {
  int unit, bhxh, cccd, name, birth, phone;
};

void AddPersonSpecs(std::vector<ColumnSpec>* specs, PersonCols* c) {
  auto add = [&](ColumnSpec s) {
    specs->push_back(std::move(s));
    return static_cast<int>(specs->size()) - 1;
  };
  c->unit = add({"ma_dvhc", "unit_code", false, {"ma xa", "ma don vi"}});
  c->bhxh = add({"ma_so_bhxh", "bhxh_number", false, {"ma bhxh", "so bhxh"}});
  c->cccd = add({"so_cccd", "citizen_id", false, {"cccd", "so can cuoc", "so dinh danh"}});
  c->name = add({"ho_ten", "full_name", false, {"ho va ten", "ten"}});
  c->birth = add({"ngay_sinh", "birth_date", false, {"sinh ngay"}});
  c->phone = add({"dien_thoai", "phone", false, {"so dien thoai", "sdt"}});
}

bool ParseDate(RowCtx& ctx, int col, Date* out) {
  std::string v = ctx.Get(col);
  if (v.empty()) return true;
  auto d = Date::Parse(v);
  if (!d.ok()) {
    ctx.Error(col, v, d.status().message());
    return false;
  }
  if (d->year() < 1900 || d->year() > 2100) {
    ctx.Error(col, v, "năm " + std::to_string(d->year()) + " không hợp lý");
    return false;
  }
  *out = *d;
  return true;
}

bool ParseCode(RowCtx& ctx, int col, const char* what, std::string* out) {
  *out = ctx.Get(col);
  if (out->empty()) {
    ctx.Error(col, "", std::string("thiếu ") + what);
    return false;
  }
  for (char c : *out) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '_' ||
              c == '.' || c == '/';
    if (!ok || out->size() > 40) {
      ctx.Error(col, *out, std::string(what) + " chỉ gồm chữ không dấu, chữ số và - _ . / (tối đa 40 ký tự)");
      return false;
    }
  }
  return true;
}

bool ParseUnitCell(RowCtx& ctx, int col, const UnitTree& units, bool required, UnitCode* out) {
  std::string v = PadDigits(ctx.Get(col), ctx.Numeric(col), 5);
  if (v.empty()) {
    if (required) ctx.Error(col, "", "thiếu mã đơn vị hành chính (xã)");
    return !required;
  }
  auto u = UnitCode::Parse(v);
  if (!u.ok()) {
    ctx.Error(col, v, u.status().message());
    return false;
  }
  if (!units.Knows(v)) {
    ctx.Error(col, v, "mã đơn vị '" + v + "' không có trong danh mục đơn vị hành chính");
    return false;
  }
  *out = *u;
  return true;
}

// Who the row is about: a BHXH number, a CCCD, or a name with a birth date.
bool ParsePerson(RowCtx& ctx, const PersonCols& c, RosterRow* r) {
  bool ok = true;
  std::string b = PadDigits(ctx.Get(c.bhxh), ctx.Numeric(c.bhxh), 10);
  if (!b.empty()) {
    if (auto x = BhxhNumber::Parse(b); x.ok()) r->bhxh = *x;
    else { ctx.Error(c.bhxh, b, x.status().message()); ok = false; }
  }
  std::string id = PadDigits(ctx.Get(c.cccd), ctx.Numeric(c.cccd), 12);
  if (!id.empty()) {
    if (auto x = CitizenId::Parse(id); x.ok()) r->citizen_id = *x;
    else { ctx.Error(c.cccd, id, x.status().message()); ok = false; }
  }
  r->full_name = ctx.Get(c.name);
  ok = ParseDate(ctx, c.birth, &r->birth_date) && ok;
  r->phone = ctx.Get(c.phone);
  if (ok && !r->bhxh.valid() && r->citizen_id.empty() && (r->full_name.empty() || !r->birth_date.valid())) {
    ctx.Error(c.name, r->full_name, "cần mã số BHXH, số CCCD, hoặc họ tên và ngày sinh để nhận ra người này");
    ok = false;
  }
  return ok;
}

// One parsed row: a roster row or a responsible.
struct Parsed {
  int64_t line = 0;
  RosterRow row;
  Responsible resp;
};

// With ImportOptions::unit_scope (a province or commune account on the web): for each school
// and organisation already imported, whether all its rows lie in the user's units (the
// responsibles of a class or an organisation have no unit of their own), and the rows already
// stored outside them (a file must not move them by re-using their key).
struct GroupScope {
  std::map<std::pair<RosterKind, std::string>, bool> groups;
  std::map<std::string, UnitCode> outside;  // RosterEntryKey → the stored row's unit
};

class ListHandler {
 public:
  ListHandler(Store* store, ListImportKind kind, const UnitTree& units, const ImportOptions& opts, GroupScope groups)
      : store_(store), kind_(kind), units_(units), scope_(opts.unit_scope), groups_(std::move(groups)) {
    switch (kind) {
      case ListImportKind::kPupils:
        specs_ = {{"ma_truong", "school_code", true, {"ma truong hoc"}},
                  {"ten_truong", "school_name", true, {"truong"}},
                  {"lop", "class", true, {"ten lop"}}};
        AddPersonSpecs(&specs_, &pc_);
        break;
      case ListImportKind::kBeneficiaries:
        specs_ = {{"loai_doi_tuong", "beneficiary_type", true, {"doi tuong", "loai"}},
                  {"tu_ngay", "valid_from", false, {"ngay bat dau"}},
                  {"den_ngay", "valid_to", false, {"ngay ket thuc"}}};
        AddPersonSpecs(&specs_, &pc_);
        break;
      case ListImportKind::kMembers:
        specs_ = {{"ma_to_chuc", "organisation_code", true, {"ma doan the", "ma hoi"}},
                  {"ten_to_chuc", "organisation_name", true, {"to chuc", "ten doan the"}}};
        AddPersonSpecs(&specs_, &pc_);
        break;
      case ListImportKind::kResponsibles:
        specs_ = {{"pham_vi", "scope", true, {}},
                  {"ma_truong", "school_code", false, {}},
                  {"lop", "class", false, {}},
                  {"ma_thon", "hamlet_code", false, {"ma ap", "ma khom"}},
                  {"ma_to_chuc", "organisation_code", false, {}},
                  {"nguoi_phu_trach", "assignee", true, {"phu trach", "giao vien chu nhiem"}}};
        break;
    }
  }
  const std::vector<ColumnSpec>& specs() const { return specs_; }
  // A failed look-up in the store during Parse (the import then fails as a whole).
  const Status& store_status() const { return store_status_; }

  bool Parse(RowCtx& ctx, Parsed* p) {
    p->line = ctx.line();
    RosterRow& r = p->row;
    switch (kind_) {
      case ListImportKind::kPupils: {
        r.kind = RosterKind::kPupils;
        ParseCode(ctx, 0, "mã trường", &r.group_code);
        r.group_name = ctx.Get(1);
        if (r.group_name.empty()) ctx.Error(1, "", "thiếu tên trường");
        r.subgroup = ctx.Get(2);
        if (r.subgroup.empty()) ctx.Error(2, "", "thiếu lớp");
        if (ParseUnitCell(ctx, pc_.unit, units_, true, &r.unit)) CheckScope(ctx, pc_.unit, r.unit);
        if (ParsePerson(ctx, pc_, &r)) CheckPersonScope(ctx, r);
        break;
      }
      case ListImportKind::kBeneficiaries: {
        r.kind = RosterKind::kBeneficiaries;
        std::string t = ctx.Get(0);
        if (auto code = ParseBeneficiaryType(t)) {
          r.group_code = *code;
          r.group_name = BeneficiaryTypeNameVi(*code);
        } else {
          ctx.Error(0, t, "loại đối tượng phải là hộ nghèo, hộ cận nghèo, trẻ em dưới 6 tuổi hoặc chính sách");
        }
        ParseDate(ctx, 1, &r.valid_from);
        ParseDate(ctx, 2, &r.valid_to);
        if (r.valid_from.valid() && r.valid_to.valid() && r.valid_to < r.valid_from)
          ctx.Error(2, ctx.Get(2), "ngày kết thúc trước ngày bắt đầu");
        if (ParseUnitCell(ctx, pc_.unit, units_, true, &r.unit)) CheckScope(ctx, pc_.unit, r.unit);
        if (ParsePerson(ctx, pc_, &r)) CheckPersonScope(ctx, r);
        break;
      }
      case ListImportKind::kMembers: {
        r.kind = RosterKind::kMembers;
        ParseCode(ctx, 0, "mã tổ chức", &r.group_code);
        r.group_name = ctx.Get(1);
        if (r.group_name.empty()) ctx.Error(1, "", "thiếu tên tổ chức");
        if (ParseUnitCell(ctx, pc_.unit, units_, false, &r.unit)) CheckScope(ctx, pc_.unit, r.unit);
        if (ParsePerson(ctx, pc_, &r)) CheckPersonScope(ctx, r);
        break;
      }
      case ListImportKind::kResponsibles: {
        std::string scope = FoldForSearch(ctx.Get(0));
        Responsible& x = p->resp;
        x.assignee = ctx.Get(5);
        if (x.assignee.empty()) ctx.Error(5, "", "thiếu người phụ trách");
        if (scope == "lop" || scope == "class") {
          x.scope = ResponsibleScope::kClass;
          std::string school, cls = ctx.Get(2);
          if (ParseCode(ctx, 1, "mã trường", &school)) CheckGroupScope(ctx, 1, RosterKind::kPupils, school);
          if (cls.empty()) ctx.Error(2, "", "thiếu lớp");
          x.key = school + "|" + cls;
        } else if (scope == "thon" || scope == "ap" || scope == "khom" || scope == "hamlet") {
          x.scope = ResponsibleScope::kHamlet;
          UnitCode h;
          if (ParseUnitCell(ctx, 3, units_, true, &h) && CheckScope(ctx, 3, h)) x.key = h.str();
        } else if (scope == "to chuc" || scope == "to_chuc" || scope == "organisation") {
          x.scope = ResponsibleScope::kOrganisation;
          if (ParseCode(ctx, 4, "mã tổ chức", &x.key)) CheckGroupScope(ctx, 4, RosterKind::kMembers, x.key);
        } else {
          ctx.Error(0, ctx.Get(0), "phạm vi phải là 'lớp', 'thôn' hoặc 'tổ chức'");
        }
        return ctx.ok();
      }
    }
    if (ctx.ok()) {
      r.full_name = ToNfc(r.full_name);
      r.row_key = RosterRowKey(r);
      auto it = scope_ ? groups_.outside.find(RosterEntryKey(r)) : groups_.outside.end();
      // Said without the other unit: the stored row is someone else's data.
      if (it != groups_.outside.end())
        ctx.Error(
            pc_.unit, ctx.Get(pc_.unit),
            "dòng này trùng một dòng của danh sách '" + r.group_code + "' ngoài địa bàn được giao cho tài khoản này");
    }
    return ctx.ok();
  }

  std::string Key(const Parsed& p) const {
    if (kind_ == ListImportKind::kResponsibles) return std::to_string(static_cast<int>(p.resp.scope)) + " " + p.resp.key;
    return p.row.group_code + " " + p.row.row_key;
  }

 private:
  // A row of a unit outside the user's units (or of no unit, when scoped) is rejected.
  bool CheckScope(RowCtx& ctx, int col, const UnitCode& unit) {
    if (!scope_ || (!unit.empty() && scope_(unit.str()))) return true;
    ctx.Error(col, unit.str(), ImportEnv::OutOfScope(unit.str()));
    return false;
  }
  // When scoped, the person a row names by number — its BHXH number, else its CCCD — must be
  // in the registry within the user's units. A number of someone outside them is rejected with
  // the same reason as an unknown number, so that the answer says nothing about that person,
  // not even that the number exists (issue 12). Rows named by name and birth date only are
  // matched later; the lists offer only candidates within the list's unit (lists.cc).
  void CheckPersonScope(RowCtx& ctx, const RosterRow& r) {
    if (!scope_ || !store_status_.ok()) return;
    Result<std::optional<Person>> p = std::optional<Person>();
    int col = pc_.bhxh;
    std::string value;
    if (r.bhxh.valid()) {
      value = r.bhxh.ToString();
      p = store_->FindPerson(r.bhxh);
    } else if (!r.citizen_id.empty()) {
      col = pc_.cccd;
      value = r.citizen_id.str();
      auto b = store_->FindByCitizenId(r.citizen_id);
      if (!b.ok())
        p = b.status();
      else if (b->has_value())
        p = store_->FindPerson(**b);
    } else {
      return;
    }
    if (!p.ok()) {
      store_status_ = p.status();
      return;
    }
    if (p->has_value() && !(*p)->commune.empty() && scope_((*p)->commune.str())) return;
    ctx.Error(col, value, NotInUnits(col == pc_.bhxh));
  }

  // A class's or an organisation's responsible, when scoped: the school or organisation must
  // have been imported, every row of it within the user's units.
  bool CheckGroupScope(RowCtx& ctx, int col, RosterKind kind, const std::string& code) {
    if (!scope_) return true;
    auto it = groups_.groups.find({kind, code});
    const char* what = kind == RosterKind::kPupils ? "trường" : "tổ chức";
    if (it == groups_.groups.end()) {
      ctx.Error(col, code, std::string(what) + " '" + code + "' chưa có danh sách " +
                               (kind == RosterKind::kPupils ? "học sinh" : "hội viên") + ": hãy nhập danh sách trước");
      return false;
    }
    if (!it->second) {
      ctx.Error(col, code, std::string(what) + " '" + code + "' có người ngoài địa bàn được giao cho tài khoản này");
      return false;
    }
    return true;
  }

  Store* store_;
  Status store_status_;
  ListImportKind kind_;
  const UnitTree& units_;
  std::function<bool(const std::string&)> scope_;
  GroupScope groups_;
  std::vector<ColumnSpec> specs_;
  PersonCols pc_{};
};

}  // namespace

std::string NotInUnits(bool bhxh) {
  return std::string(bhxh ? "mã số BHXH" : "số CCCD") +
         " không có trong sổ của các đơn vị được giao cho tài khoản này: hãy kiểm tra lại số, hoặc để trống và ghi "
         "họ tên, ngày sinh";
}

Result<ListImportKind> ParseListImportKind(std::string_view text) {
  for (const KindName& k : kKinds)
    if (text == k.en || text == k.vi) return k.kind;
  return Status::InvalidArgument("loại danh sách không hợp lệ '" + std::string(text) +
                                 "': cần pupils, beneficiaries, members hoặc responsibles");
}

const char* ListImportKindName(ListImportKind kind) {
  for (const KindName& k : kKinds)
    if (k.kind == kind) return k.en;
  return "";
}

std::optional<std::string> ParseBeneficiaryType(std::string_view text) {
  std::string f = FoldForSearch(ToNfc(text));
  for (const BeneficiaryType& t : BeneficiaryTypes()) {
    if (f == t.code) return std::string(t.code);
    for (const char* a : t.folds)
      if (f == a) return std::string(t.code);
  }
  return std::nullopt;
}

const char* BeneficiaryTypeNameVi(std::string_view code) {
  for (const BeneficiaryType& t : BeneficiaryTypes())
    if (code == t.code) return t.vi;
  return "";
}

const char* BeneficiaryTypeNameEn(std::string_view code) {
  for (const BeneficiaryType& t : BeneficiaryTypes())
    if (code == t.code) return t.en;
  return "";
}

std::string RosterRowKey(const RosterRow& r) {
  if (r.bhxh.valid()) return "b:" + r.bhxh.ToString();
  if (!r.citizen_id.empty()) return "c:" + r.citizen_id.str();
  return "n:" + NameKey(r.full_name) + "|" + (r.birth_date.valid() ? r.birth_date.ToIso() : "");
}

Result<ImportResult> ImportListFile(Store* store, OutreachStore* out, ListImportKind kind, const std::string& path,
                                    const ImportOptions& opts) {
  const std::string file = std::filesystem::path(path).filename().string();
  auto table = OpenTable(path, opts.sheet);
  if (!table.ok()) return table.status();
  TableRow header;
  for (;;) {
    if (!(*table)->Next(&header)) {
      if (!(*table)->status().ok()) return Status::InvalidArgument("Tệp '" + file + "': " + (*table)->status().message());
      return Status::InvalidArgument("Tệp '" + file + "' trống: không có dòng tiêu đề");
    }
    if (!header.Blank()) break;
  }
  auto scan = ScanFile(path, !(*table)->HasColumnLetters());
  if (!scan.ok()) return scan.status();
  if (!scan->utf8) {
    return Status::Unsupported("Tệp '" + file + "' không phải UTF-8 (dòng " + std::to_string(scan->bad_line) +
                               "): hãy lưu lại bằng 'CSV UTF-8' trong Excel");
  }
  std::vector<Unit> unit_list;
  std::vector<UnitSuccessor> successors;
  BAOPHU_RETURN_IF_ERROR(store->ListUnits(&unit_list));
  BAOPHU_RETURN_IF_ERROR(store->ListSuccessors(&successors));
  auto tree = UnitTree::Build(std::move(unit_list), successors);
  if (!tree.ok()) return tree.status();

  GroupScope groups;
  if (opts.unit_scope) {
    std::vector<RosterRow> rows;
    BAOPHU_RETURN_IF_ERROR(out->ListRosterRows(0, &rows));
    for (const RosterRow& r : rows) {
      const bool inside = !r.unit.empty() && opts.unit_scope(r.unit.str());
      auto it = groups.groups.try_emplace({r.kind, r.group_code}, true).first;
      it->second = it->second && inside;
      if (!inside) groups.outside.emplace(RosterEntryKey(r), r.unit);
    }
  }
  ListHandler handler(store, kind, *tree, opts, std::move(groups));
  auto cols = MapColumns(handler.specs(), header, (*table)->HasColumnLetters(), file);
  if (!cols.ok()) return cols.status();

  // Lists are small (a school, a commune's beneficiaries, an organisation): held in memory.
  ImportResult result;
  std::vector<Parsed> good;
  std::map<std::string, size_t> seen;  // key → index in good
  TableRow row;
  while ((*table)->Next(&row)) {
    if (row.Blank()) continue;
    ++result.read;
    RowCtx ctx(row, *cols, file, &result.errors, &result.warnings);
    Parsed p;
    if (!ctx.CheckShape(handler.specs())) continue;  // a cell too long or not read whole
    if (!handler.Parse(ctx, &p)) continue;
    std::string key = handler.Key(p);
    auto it = seen.find(key);
    if (it != seen.end()) {
      const Parsed& first = good[it->second];
      bool same = kind == ListImportKind::kResponsibles ? first.resp.assignee == p.resp.assignee : first.row == p.row;
      if (!same) {
        AddRowError(&result, file, p.line, "", key,
                    "trùng người/khóa với dòng " + std::to_string(first.line) + " nhưng khác nội dung");
      }
      continue;
    }
    seen.emplace(key, good.size());
    good.push_back(std::move(p));
  }
  if (!(*table)->status().ok()) return Status::InvalidArgument("Tệp '" + file + "': " + (*table)->status().message());
  if (!handler.store_status().ok()) return handler.store_status();
  std::stable_sort(result.errors.begin(), result.errors.end(),
                   [](const RowError& a, const RowError& b) { return a.line < b.line; });
  // The errors are sorted by line: the rejected lines come out sorted and distinct in one pass
  // (a search of the lines so far per error made a large file quadratic, issue 12).
  std::vector<int64_t> rejected;
  for (const RowError& e : result.errors)
    if (rejected.empty() || rejected.back() != e.line) rejected.push_back(e.line);
  result.rejected = static_cast<int64_t>(rejected.size());
  if (opts.validate_only || (result.rejected > 0 && !opts.accept_valid)) return result;

  BAOPHU_RETURN_IF_ERROR(out->Begin());
  for (const Parsed& p : good) {
    if (std::binary_search(rejected.begin(), rejected.end(), p.line)) continue;
    auto o = kind == ListImportKind::kResponsibles ? out->UpsertResponsible(p.resp) : out->UpsertRosterRow(p.row);
    if (!o.ok()) {
      out->Rollback();
      return Status::Conflict("Tệp '" + file + "' dòng " + std::to_string(p.line) + ": " + o.status().message() +
                              "; không có gì được ghi vào cơ sở dữ liệu");
    }
    switch (*o) {
      case UpsertOutcome::kInserted: ++result.inserted; break;
      case UpsertOutcome::kUpdated: ++result.updated; break;
      case UpsertOutcome::kUnchanged: ++result.unchanged; break;
    }
  }
  BAOPHU_RETURN_IF_ERROR(out->Commit());
  result.committed = true;
  std::string counts = "{\"read\":" + std::to_string(result.read) + ",\"inserted\":" + std::to_string(result.inserted) +
                       ",\"updated\":" + std::to_string(result.updated) + ",\"unchanged\":" +
                       std::to_string(result.unchanged) + ",\"rejected\":" + std::to_string(result.rejected) + "}";
  BAOPHU_RETURN_IF_ERROR(store->LogImport(std::string("list-") + ListImportKindName(kind), file, scan->sha256, counts));
  // The new rows are matched now, so that the first list does not wait for them. The import
  // holds either way: on failure the rows are matched when a list first reads them.
  if (result.inserted + result.updated > 0) {
    auto refreshed = RefreshMatches(store, out);
    if (!refreshed.ok()) {
      RowError w;
      w.file = file;
      w.reason = "chưa đối chiếu được các dòng mới với sổ (sẽ đối chiếu khi lập danh sách): " +
                 refreshed.status().message();
      result.warnings.push_back(std::move(w));
    }
  }
  return result;
}

}  // namespace baophu::outreach
