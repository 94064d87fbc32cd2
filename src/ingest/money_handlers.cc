// The money imports: employers, their monthly declarations, payments, written reminders and
// rosters; schools, their pupils' lists and insured-pupil counts; sponsors, their pledges and payments; and
// households' hardship. Each kind is a few lines on one generic handler: its columns, how a row
// becomes a record, the record's natural key, and the store upsert. Across rows, one key given
// twice with different contents rejects every row of it; a reference (employer, school, sponsor)
// must already be in the store.
#include <functional>
#include <map>
#include <set>

#include "core/text.h"
#include "ingest/money_cells.h"
#include "ingest/row_handler.h"

namespace baophu {
namespace {

using namespace money_cells;  // NOLINT: the money kinds' cell parsers (ingest/money_cells.h)

// --- the generic handler ---------------------------------------------------------------------

// What one kind says: its columns, how a row becomes a record (false when the row has an
// error), the natural key, a text of the whole record (to spot one key with two contents), the
// referenced code that must be in the store ("" for none) and the store upsert.
template <typename Rec>
struct Kind {
  std::vector<ColumnSpec> specs;
  std::function<bool(RowCtx&, const ImportEnv&, Rec*)> parse;
  std::function<std::string(const Rec&)> key;
  std::function<std::string(const Rec&)> content;
  int ref_col = -1;                                             // the column of the reference
  std::function<std::string(const Rec&)> ref;                   // the referenced code
  // The codes that exist, with the unit of each ("" when none): a scoped account
  // (ImportOptions::unit_scope) writes only rows of records in its units.
  std::function<Status(Store*, std::map<std::string, std::string>*)> known;
  int unit_col = -1;                             // the record's own unit column (employers, schools, sponsors)
  std::function<std::string(const Rec&)> unit;  // the record's own unit
  // The records of the kind already stored, by key, with their units: a scoped account cannot
  // take over one registered outside its units by writing it again.
  std::function<Status(Store*, std::map<std::string, std::string>*)> stored;
  int person_col = -1;  // a person named by BHXH number (scope-checked)
  std::function<BhxhNumber(const Rec&)> person;
  const char* ref_what = "";                                    // "đơn vị sử dụng lao động"
  const char* ref_kind = "";                                    // the import kind that adds them
  std::function<Result<UpsertOutcome>(Store*, const Rec&)> upsert;
};

template <typename Rec>
class MoneyHandler final : public RowHandler {
 public:
  MoneyHandler(const ImportEnv& env, Kind<Rec> kind) : env_(env), kind_(std::move(kind)) {}
  const std::vector<ColumnSpec>& Columns() const override { return kind_.specs; }

  void Check(RowCtx& ctx) override {
    Rec r;
    if (!kind_.parse(ctx, env_, &r) || !ctx.ok()) return;
    if (kind_.ref && !known_loaded_) {
      status_ = kind_.known(env_.store, &known_);
      known_loaded_ = true;
    }
    if (kind_.ref && status_.ok()) {
      std::string ref = kind_.ref(r);
      auto it = known_.find(ref);
      if (it == known_.end()) {
        ctx.Error(kind_.ref_col, ref,
                  std::string(kind_.ref_what) + " mã '" + ref + "' chưa có trong cơ sở dữ liệu; hãy nhập '" +
                      kind_.ref_kind + "' trước");
        return;
      }
      if (env_.unit_scope && !env_.unit_scope(it->second)) {
        ctx.Error(kind_.ref_col, ref, std::string(kind_.ref_what) + " mã '" + ref + "': " + ImportEnv::OutOfScope(it->second));
        return;
      }
    }
    if (kind_.unit && env_.unit_scope) {
      std::string u = kind_.unit(r);
      if (!env_.unit_scope(u)) {
        ctx.Error(kind_.unit_col, u, ImportEnv::OutOfScope(u));
        return;
      }
      if (kind_.stored && !stored_loaded_) {
        status_ = kind_.stored(env_.store, &stored_);
        stored_loaded_ = true;
      }
      auto it = stored_.find(kind_.key(r));
      if (it != stored_.end() && !env_.unit_scope(it->second)) {
        ctx.Error(kind_.unit_col, u, "mã '" + it->first + "' đã có trong cơ sở dữ liệu, thuộc " + ImportEnv::OutOfScope(it->second));
        return;
      }
    }
    if (kind_.person && !PersonWithinScope(ctx, env_, kind_.person_col, kind_.person(r), &status_)) return;
    auto& rows = seen_[kind_.key(r)];
    rows.push_back({kind_.content(r), ctx.line()});
    label_ = ctx.Label(0);
  }

  Status Finish(const ColumnMap& cols, ImportResult* result) override {
    BAOPHU_RETURN_IF_ERROR(status_);
    for (auto& [key, rows] : seen_) {
      bool differ = false;
      for (const auto& row : rows) differ |= row.first != rows.front().first;
      if (!differ) continue;
      std::vector<int64_t> lines;
      for (const auto& row : rows) lines.push_back(row.second);
      for (const auto& row : rows)
        AddRowError(result, env_.file, row.second, cols.label[0], key,
                    "khóa '" + key + "' có nội dung khác nhau ở các dòng " + JoinLines(lines) + " của tệp");
    }
    seen_.clear();
    return Status::Ok();
  }

  Result<UpsertOutcome> Write(RowCtx& ctx) override {
    Rec r;
    if (!kind_.parse(ctx, env_, &r) || !ctx.ok()) return Status::Internal("dòng đã kiểm tra lại không hợp lệ");
    return kind_.upsert(env_.store, r);
  }

 private:
  ImportEnv env_;
  Kind<Rec> kind_;
  std::map<std::string, std::vector<std::pair<std::string, int64_t>>> seen_;
  std::map<std::string, std::string> known_;  // code → unit
  bool known_loaded_ = false;
  std::map<std::string, std::string> stored_;  // key → unit (scoped imports of employers, schools, sponsors)
  bool stored_loaded_ = false;
  Status status_;
  std::string label_;
};

std::string Num(int64_t v) { return std::to_string(v); }
std::string Day(Date d) { return d.valid() ? d.ToIso() : ""; }

template <typename Rec, typename ListFn, typename CodeFn>
std::function<Status(Store*, std::map<std::string, std::string>*)> Known(ListFn list, CodeFn code) {
  return [list, code](Store* s, std::map<std::string, std::string>* out) {
    std::vector<Rec> all;
    BAOPHU_RETURN_IF_ERROR((s->*list)(&all));
    for (const Rec& r : all) (*out)[code(r)] = r.unit.str();
    return Status::Ok();
  };
}

const auto kEmployersKnown = Known<Employer>(&Store::ListEmployers, [](const Employer& e) { return e.tax_code; });
const auto kSchoolsKnown = Known<School>(&Store::ListSchools, [](const School& s) { return s.code; });
const auto kSponsorsKnown = Known<Sponsor>(&Store::ListSponsors, [](const Sponsor& s) { return s.code; });

}  // namespace

std::unique_ptr<RowHandler> MakeEmployersHandler(const ImportEnv& env) {
  Kind<Employer> k;
  k.specs = {{"ma_so_thue", "tax_code", true, {"mst"}},
             {"ten_don_vi", "name", true, {"ten", "ten doanh nghiep"}},
             {"ma_dvhc", "unit_code", false, {"ma xa", "ma don vi hanh chinh"}},
             {"nganh", "sector", false, {"loai hinh", "khoi"}},
             {"vung", "region", false, {"vung luong toi thieu", "dia ban"}}};
  k.parse = [](RowCtx& ctx, const ImportEnv& env, Employer* e) {
    ParseTaxCode(ctx, 0, &e->tax_code);
    Required(ctx, 1, "tên đơn vị", &e->name);
    ParseUnit(ctx, 2, *env.units, &e->unit);
    e->sector = ctx.Get(3);
    std::string region = ctx.Get(4);
    std::string f = FoldForSearch(region);
    if (f.rfind("vung ", 0) == 0) f = f.substr(5);
    if (f == "1" || f == "i")
      e->region = 1;
    else if (f == "2" || f == "ii")
      e->region = 2;
    else if (f == "3" || f == "iii")
      e->region = 3;
    else if (f == "4" || f == "iv")
      e->region = 4;
    else if (!f.empty())
      ctx.Error(4, region, "vùng lương tối thiểu phải là 1, 2, 3 hoặc 4 (I–IV)");
    return ctx.ok();
  };
  k.unit_col = 2;
  k.unit = [](const Employer& e) { return e.unit.str(); };
  k.stored = kEmployersKnown;
  k.key = [](const Employer& e) { return e.tax_code; };
  k.content = [](const Employer& e) { return e.name + "|" + e.unit.str() + "|" + e.sector + "|" + Num(e.region); };
  k.upsert = [](Store* s, const Employer& e) { return s->UpsertEmployer(e); };
  return std::make_unique<MoneyHandler<Employer>>(env, std::move(k));
}

std::unique_ptr<RowHandler> MakeDeclarationsHandler(const ImportEnv& env) {
  Kind<EmployerDeclaration> k;
  k.specs = {{"ma_so_thue", "tax_code", true, {"mst"}},
             {"thang", "month", true, {"ky", "thang nam"}},
             {"so_lao_dong", "employees", true, {"so nguoi"}},
             {"quy_luong", "salary_fund", true, {"quy tien luong", "tong quy luong"}},
             {"bhxh_phai_dong", "social_due", false, {"bhxh"}},
             {"bhtn_phai_dong", "unemployment_due", false, {"bhtn"}}};
  k.parse = [](RowCtx& ctx, const ImportEnv&, EmployerDeclaration* d) {
    ParseTaxCode(ctx, 0, &d->tax_code);
    ParseMonth(ctx, 1, &d->year, &d->month);
    ParseCountCell(ctx, 2, false, &d->employees);
    ParseMoney(ctx, 3, false, &d->salary_fund);
    ParseMoney(ctx, 4, true, &d->social_due);
    ParseMoney(ctx, 5, true, &d->unemployment_due);
    return ctx.ok();
  };
  k.key = [](const EmployerDeclaration& d) { return d.tax_code + " " + Num(d.month) + "/" + Num(d.year); };
  k.content = [](const EmployerDeclaration& d) {
    return Num(d.employees) + "|" + Num(d.salary_fund.dong) + "|" + Num(d.social_due.dong) + "|" +
           Num(d.unemployment_due.dong);
  };
  k.ref_col = 0;
  k.ref = [](const EmployerDeclaration& d) { return d.tax_code; };
  k.known = kEmployersKnown;
  k.ref_what = "đơn vị sử dụng lao động";
  k.ref_kind = "employers";
  k.upsert = [](Store* s, const EmployerDeclaration& d) { return s->UpsertDeclaration(d); };
  return std::make_unique<MoneyHandler<EmployerDeclaration>>(env, std::move(k));
}

std::unique_ptr<RowHandler> MakeEmployerPaymentsHandler(const ImportEnv& env) {
  Kind<EmployerPayment> k;
  k.specs = {{"ma_so_thue", "tax_code", true, {"mst"}},
             {"ngay_nop", "date", true, {"ngay", "ngay nop tien"}},
             {"so_tien", "amount", true, {"so tien nop"}},
             {"so_chung_tu", "reference", false, {"chung tu", "so uy nhiem chi"}}};
  k.parse = [](RowCtx& ctx, const ImportEnv&, EmployerPayment* p) {
    ParseTaxCode(ctx, 0, &p->tax_code);
    ParseDateCell(ctx, 1, &p->date);
    ParseMoney(ctx, 2, false, &p->amount);
    p->reference = ctx.Get(3);
    return ctx.ok();
  };
  k.key = [](const EmployerPayment& p) { return p.tax_code + " " + p.date.ToVn() + " " + p.reference; };
  k.content = [](const EmployerPayment& p) { return Num(p.amount.dong); };
  k.ref_col = 0;
  k.ref = [](const EmployerPayment& p) { return p.tax_code; };
  k.known = kEmployersKnown;
  k.ref_what = "đơn vị sử dụng lao động";
  k.ref_kind = "employers";
  k.upsert = [](Store* s, const EmployerPayment& p) { return s->UpsertEmployerPayment(p); };
  return std::make_unique<MoneyHandler<EmployerPayment>>(env, std::move(k));
}

std::unique_ptr<RowHandler> MakeRemindersHandler(const ImportEnv& env) {
  Kind<EmployerReminder> k;
  k.specs = {{"ma_so_thue", "tax_code", true, {"mst"}},
             {"ngay_van_ban", "date", true, {"ngay", "ngay don doc"}},
             {"so_van_ban", "reference", false, {"so cong van"}}};
  k.parse = [](RowCtx& ctx, const ImportEnv&, EmployerReminder* r) {
    ParseTaxCode(ctx, 0, &r->tax_code);
    ParseDateCell(ctx, 1, &r->date);
    r->reference = ctx.Get(2);
    return ctx.ok();
  };
  k.key = [](const EmployerReminder& r) { return r.tax_code + " " + r.date.ToVn(); };
  k.content = [](const EmployerReminder& r) { return r.reference; };
  k.ref_col = 0;
  k.ref = [](const EmployerReminder& r) { return r.tax_code; };
  k.known = kEmployersKnown;
  k.ref_what = "đơn vị sử dụng lao động";
  k.ref_kind = "employers";
  k.upsert = [](Store* s, const EmployerReminder& r) { return s->UpsertReminder(r); };
  return std::make_unique<MoneyHandler<EmployerReminder>>(env, std::move(k));
}

std::unique_ptr<RowHandler> MakeRosterHandler(const ImportEnv& env) {
  Kind<RosterEntry> k;
  k.specs = {{"ma_so_thue", "tax_code", true, {"mst"}},
             {"ma_so_bhxh", "bhxh_number", true, {"ma bhxh", "so bhxh"}},
             {"tu_ngay", "from", true, {"ngay vao lam", "ngay bat dau"}}};
  k.parse = [](RowCtx& ctx, const ImportEnv&, RosterEntry* r) {
    ParseTaxCode(ctx, 0, &r->tax_code);
    std::string v = PadDigits(ctx.Get(1), ctx.Numeric(1), 10);
    if (auto b = BhxhNumber::Parse(v); b.ok())
      r->bhxh = *b;
    else
      ctx.Error(1, v, b.status().message());
    ParseDateCell(ctx, 2, &r->from);
    return ctx.ok();
  };
  k.key = [](const RosterEntry& r) { return r.tax_code + " " + r.bhxh.ToString(); };
  k.content = [](const RosterEntry& r) { return Day(r.from); };
  k.ref_col = 0;
  k.ref = [](const RosterEntry& r) { return r.tax_code; };
  k.known = kEmployersKnown;
  k.ref_what = "đơn vị sử dụng lao động";
  k.ref_kind = "employers";
  k.person_col = 1;
  k.person = [](const RosterEntry& r) { return r.bhxh; };
  k.upsert = [](Store* s, const RosterEntry& r) { return s->UpsertRosterEntry(r); };
  return std::make_unique<MoneyHandler<RosterEntry>>(env, std::move(k));
}

std::unique_ptr<RowHandler> MakeSchoolsHandler(const ImportEnv& env) {
  Kind<School> k;
  k.specs = {{"ma_truong", "school_code", true, {"ma truong hoc"}},
             {"ten_truong", "name", true, {"ten"}},
             {"ma_dvhc", "unit_code", false, {"ma xa"}},
             {"phong_y_te", "medical_room", true, {"co phong y te"}},
             {"nhan_vien_y_te", "practitioner", true, {"co nhan vien y te", "can bo y te"}},
             {"hop_dong_kcb", "treatment_contract", true, {"co hop dong kcb", "hop dong kham chua benh"}}};
  k.parse = [](RowCtx& ctx, const ImportEnv& env, School* s) {
    ParseCode(ctx, 0, "mã trường", &s->code);
    Required(ctx, 1, "tên trường", &s->name);
    ParseUnit(ctx, 2, *env.units, &s->unit);
    ParseYesNo(ctx, 3, &s->medical_room);
    ParseYesNo(ctx, 4, &s->practitioner);
    ParseYesNo(ctx, 5, &s->treatment_contract);
    return ctx.ok();
  };
  k.unit_col = 2;
  k.unit = [](const School& s) { return s.unit.str(); };
  k.stored = kSchoolsKnown;
  k.key = [](const School& s) { return s.code; };
  k.content = [](const School& s) {
    return s.name + "|" + s.unit.str() + "|" + Num(s.medical_room) + Num(s.practitioner) + Num(s.treatment_contract);
  };
  k.upsert = [](Store* st, const School& s) { return st->UpsertSchool(s); };
  return std::make_unique<MoneyHandler<School>>(env, std::move(k));
}

std::unique_ptr<RowHandler> MakeSchoolPupilsHandler(const ImportEnv& env) {
  Kind<SchoolPupilCount> k;
  k.specs = {{"ma_truong", "school_code", true, {"ma truong hoc"}},
             {"tu_ngay", "period_from", true, {"ky tu ngay", "ngay bat dau"}},
             {"so_thang", "months", true, {"ky thang"}},
             {"so_hoc_sinh", "pupils", false, {"si so", "tong so hoc sinh"}},
             {"so_hoc_sinh_co_the", "insured_pupils", true, {"so hs co the", "hoc sinh co the bhyt"}}};
  k.parse = [](RowCtx& ctx, const ImportEnv&, SchoolPupilCount* c) {
    ParseCode(ctx, 0, "mã trường", &c->school_code);
    ParseDateCell(ctx, 1, &c->period_from);
    std::string m = ctx.Get(2);
    if (m == "3" || m == "6" || m == "12")
      c->months = std::stoi(m);
    else
      ctx.Error(2, m, "kỳ cấp kinh phí là 3, 6 hoặc 12 tháng");
    ParseCountCell(ctx, 3, true, &c->pupils);
    if (ParseCountCell(ctx, 4, false, &c->insured_pupils) && c->pupils > 0 && c->insured_pupils > c->pupils)
      ctx.Error(4, ctx.Get(4), "số học sinh có thẻ lớn hơn số học sinh (" + FormatIntVn(c->pupils) + ")");
    return ctx.ok();
  };
  k.key = [](const SchoolPupilCount& c) { return c.school_code + " " + c.period_from.ToVn(); };
  k.content = [](const SchoolPupilCount& c) {
    return Num(c.months) + "|" + Num(c.pupils) + "|" + Num(c.insured_pupils);
  };
  k.ref_col = 0;
  k.ref = [](const SchoolPupilCount& c) { return c.school_code; };
  k.known = kSchoolsKnown;
  k.ref_what = "trường";
  k.ref_kind = "schools";
  k.upsert = [](Store* s, const SchoolPupilCount& c) { return s->UpsertSchoolPupilCount(c); };
  return std::make_unique<MoneyHandler<SchoolPupilCount>>(env, std::move(k));
}

std::unique_ptr<RowHandler> MakeSchoolRosterHandler(const ImportEnv& env) {
  Kind<SchoolPupil> k;
  k.specs = {{"ma_truong", "school_code", true, {"ma truong hoc"}},
             {"ma_so_bhxh", "bhxh_number", true, {"ma bhxh", "so bhxh"}}};
  k.parse = [](RowCtx& ctx, const ImportEnv&, SchoolPupil* p) {
    ParseCode(ctx, 0, "mã trường", &p->school_code);
    std::string v = PadDigits(ctx.Get(1), ctx.Numeric(1), 10);
    if (auto b = BhxhNumber::Parse(v); b.ok())
      p->bhxh = *b;
    else
      ctx.Error(1, v, b.status().message());
    return ctx.ok();
  };
  k.key = [](const SchoolPupil& p) { return p.school_code + " " + p.bhxh.ToString(); };
  k.content = [](const SchoolPupil&) { return std::string(); };
  k.ref_col = 0;
  k.ref = [](const SchoolPupil& p) { return p.school_code; };
  k.known = kSchoolsKnown;
  k.ref_what = "trường";
  k.ref_kind = "schools";
  k.person_col = 1;
  k.person = [](const SchoolPupil& p) { return p.bhxh; };
  k.upsert = [](Store* s, const SchoolPupil& p) { return s->UpsertSchoolPupil(p); };
  return std::make_unique<MoneyHandler<SchoolPupil>>(env, std::move(k));
}

std::unique_ptr<RowHandler> MakeSponsorsHandler(const ImportEnv& env) {
  Kind<Sponsor> k;
  k.specs = {{"ma_nha_tai_tro", "sponsor_code", true, {"ma nha hao tam", "ma tai tro"}},
             {"ten", "name", true, {"ten nha tai tro"}},
             {"loai", "kind", false, {"loai hinh"}},
             {"ma_dvhc", "unit_code", false, {"ma xa"}}};
  k.parse = [](RowCtx& ctx, const ImportEnv& env, Sponsor* s) {
    ParseCode(ctx, 0, "mã nhà tài trợ", &s->code);
    Required(ctx, 1, "tên nhà tài trợ", &s->name);
    s->kind = ctx.Get(2);
    ParseUnit(ctx, 3, *env.units, &s->unit);
    return ctx.ok();
  };
  k.unit_col = 3;
  k.unit = [](const Sponsor& s) { return s.unit.str(); };
  k.stored = kSponsorsKnown;
  k.key = [](const Sponsor& s) { return s.code; };
  k.content = [](const Sponsor& s) { return s.name + "|" + s.kind + "|" + s.unit.str(); };
  k.upsert = [](Store* st, const Sponsor& s) { return st->UpsertSponsor(s); };
  return std::make_unique<MoneyHandler<Sponsor>>(env, std::move(k));
}

std::unique_ptr<RowHandler> MakeSponsorFundsHandler(const ImportEnv& env) {
  Kind<SponsorFund> k;
  k.specs = {{"ma_nha_tai_tro", "sponsor_code", true, {"ma nha hao tam", "ma tai tro"}},
             {"ngay", "date", true, {}},
             {"loai", "kind", true, {"hinh thuc"}},
             {"so_tien", "amount", true, {}},
             {"so_chung_tu", "reference", false, {"chung tu"}}};
  k.parse = [](RowCtx& ctx, const ImportEnv&, SponsorFund* f) {
    ParseCode(ctx, 0, "mã nhà tài trợ", &f->sponsor_code);
    ParseDateCell(ctx, 1, &f->date);
    std::string v = ctx.Get(2), fold = FoldForSearch(v);
    if (fold == "cam ket" || fold == "cam_ket" || fold == "pledge")
      f->kind = FundKind::kPledge;
    else if (fold == "da nop" || fold == "nop" || fold == "da_nop" || fold == "payment")
      f->kind = FundKind::kPayment;
    else
      ctx.Error(2, v, "loại phải là 'cam kết' (pledge) hoặc 'đã nộp' (payment)");
    ParseMoney(ctx, 3, false, &f->amount);
    f->reference = ctx.Get(4);
    return ctx.ok();
  };
  k.key = [](const SponsorFund& f) {
    return f.sponsor_code + " " + f.date.ToVn() + (f.kind == FundKind::kPledge ? " cam kết " : " đã nộp ") +
           f.reference;
  };
  k.content = [](const SponsorFund& f) { return Num(f.amount.dong); };
  k.ref_col = 0;
  k.ref = [](const SponsorFund& f) { return f.sponsor_code; };
  k.known = kSponsorsKnown;
  k.ref_what = "nhà tài trợ";
  k.ref_kind = "sponsors";
  k.upsert = [](Store* s, const SponsorFund& f) { return s->UpsertSponsorFund(f); };
  return std::make_unique<MoneyHandler<SponsorFund>>(env, std::move(k));
}

std::unique_ptr<RowHandler> MakeHardshipHandler(const ImportEnv& env) {
  Kind<HouseholdHardship> k;
  k.specs = {{"ma_ho_gd", "household_code", true, {"ma ho", "ma ho gia dinh"}},
             {"ngay", "as_of", true, {"ngay danh gia"}},
             {"thu_nhap_binh_quan", "income_per_head", true, {"thu nhap binh quan dau nguoi", "thu nhap"}},
             {"ghi_chu", "note", false, {}, kNoteMaxChars}};
  k.parse = [](RowCtx& ctx, const ImportEnv&, HouseholdHardship* h) {
    ParseCode(ctx, 0, "mã hộ gia đình", &h->household_code);
    ParseDateCell(ctx, 1, &h->as_of);
    ParseMoney(ctx, 2, false, &h->income_per_head);
    h->note = ctx.Get(3);
    return ctx.ok();
  };
  k.key = [](const HouseholdHardship& h) { return h.household_code + " " + h.as_of.ToVn(); };
  k.content = [](const HouseholdHardship& h) { return Num(h.income_per_head.dong) + "|" + h.note; };
  k.upsert = [](Store* s, const HouseholdHardship& h) { return s->UpsertHardship(h); };
  return std::make_unique<MoneyHandler<HouseholdHardship>>(env, std::move(k));
}

}  // namespace baophu
