// PgStore: the money tables of schema version 3 (employers, schools, sponsors): one generic
// upsert (read the row by key, write only when something differs) and one generic scan, as in
// the SQLite store; each record type only says its columns.
#include "store/postgres/pg_store.h"

namespace baophu {

using pg::Params;
using pg::PgResult;

// A table: its name, its columns (the key first) and the statements built from them once.
struct PgStore::MoneyTableSpec {
  MoneyTableSpec(const char* table, std::vector<const char*> columns, size_t keys, const char* what)
      : name(table), cols(std::move(columns)), key_count(keys), doing(what) {
    std::string key_where, non_key, set, all, params, order;
    for (size_t i = 0; i < cols.size(); ++i) {
      std::string p = "$" + std::to_string(i + 1);
      all += (i ? ", " : "") + std::string(cols[i]);
      params += (i ? ", " : "") + p;
      if (i < key_count) {
        key_where += (i ? " AND " : "") + std::string(cols[i]) + " = " + p;
        // Text keys byte-wise, as SQLite orders them.
        order += (i ? ", " : "") + std::string(cols[i]) + (IsTextKey(cols[i]) ? " COLLATE \"C\"" : "");
      } else {
        non_key += (non_key.empty() ? "" : ", ") + std::string(cols[i]);
        set += (set.empty() ? "" : ", ") + std::string(cols[i]) + " = " + p;
      }
    }
    select = "SELECT " + (non_key.empty() ? std::string("1") : non_key) + " FROM " + name + " WHERE " + key_where;
    insert = "INSERT INTO " + name + " (" + all + ") VALUES (" + params + ")";
    update = set.empty() ? "" : "UPDATE " + name + " SET " + set + " WHERE " + key_where;
    scan = "SELECT " + all + " FROM " + name + " ORDER BY " + order;
  }
  static bool IsTextKey(std::string_view col) { return col.ends_with("code") || col == "reference"; }
  std::string name;
  std::vector<const char*> cols;
  size_t key_count;
  const char* doing;  // "không ghi được ..." on a failed write
  std::string select, insert, update, scan;
};

namespace {

using Spec = PgStore::MoneyTableSpec;

const Spec kEmployer("employer", {"tax_code", "name", "unit_code", "sector", "region"}, 1,
                     "không ghi được đơn vị sử dụng lao động");
const Spec kDeclaration("employer_declaration",
                        {"tax_code", "year", "month", "employees", "salary_fund", "social_due", "unemployment_due"}, 3,
                        "không ghi được tờ khai tháng");
const Spec kPayment("employer_payment", {"tax_code", "date", "reference", "amount"}, 3,
                    "không ghi được khoản nộp tiền");
const Spec kReminder("employer_reminder", {"tax_code", "date", "reference"}, 2, "không ghi được văn bản đôn đốc");
const Spec kRoster("employer_roster", {"tax_code", "bhxh", "from_date"}, 2, "không ghi được danh sách lao động");
const Spec kSchool("school", {"code", "name", "unit_code", "medical_room", "practitioner", "treatment_contract"}, 1,
                   "không ghi được trường");
const Spec kSchoolCount("school_pupil_count", {"school_code", "period_from", "months", "pupils", "insured_pupils"}, 2,
                        "không ghi được số học sinh có thẻ");
const Spec kSchoolPupil("school_pupil", {"school_code", "bhxh"}, 2, "không ghi được học sinh của trường");
const Spec kSponsor("sponsor", {"code", "name", "kind", "unit_code"}, 1, "không ghi được nhà tài trợ");
const Spec kFund("sponsor_fund", {"sponsor_code", "date", "kind", "reference", "amount"}, 4,
                 "không ghi được khoản tài trợ");
const Spec kHardship("household_hardship", {"household_code", "as_of", "income_per_head", "note"}, 2,
                     "không ghi được hộ khó khăn");
const Spec kAllocation("sponsor_allocation",
                       {"sponsor_code", "bhxh", "household_code", "paid_on", "months", "amount", "card_from",
                        "card_to"},
                       3, "không ghi được thẻ được tài trợ");

using V = PgStore::SqlValue;
V T(const std::string& s) { return V{true, false, 0, s}; }
V TN(const std::string& s) { return V{true, s.empty(), 0, s}; }  // '' → NULL (optional references)
V I(int64_t i) { return V{false, false, i, {}}; }
V Dt(Date d) { return V{false, !d.valid(), d.valid() ? d.days() : 0, {}}; }
std::string TextAt(const PgResult& r, int i, int c) { return std::string(r.Text(i, c)); }

}  // namespace

Result<UpsertOutcome> PgStore::UpsertMoneyRow(const MoneyTableSpec& spec, const std::vector<SqlValue>& row) {
  auto bind = [&](size_t from, size_t to) {
    Params p;
    for (size_t i = from; i < to; ++i) {
      const SqlValue& v = row[i];
      if (v.null)
        p.Null();
      else if (v.text)
        p.Text(v.s);
      else
        p.Int(v.i);
    }
    return p;
  };
  std::string key;
  for (size_t i = 0; i < spec.key_count; ++i)
    key += (i ? " / " : "") + (row[i].text ? row[i].s : std::to_string(row[i].i));
  return InWriteTransaction([&]() -> Result<UpsertOutcome> {
    auto sel = conn_->Run(spec.select, bind(0, spec.key_count), std::string("lỗi khi đọc bảng ") + spec.name);
    if (!sel.ok()) return sel.status();
    const bool found = sel->rows() > 0;
    bool same = found;
    for (size_t i = spec.key_count; found && i < row.size(); ++i) {
      int c = static_cast<int>(i - spec.key_count);
      const SqlValue& v = row[i];
      if (v.null)
        same = same && sel->IsNull(0, c);
      else if (v.text)
        same = same && !sel->IsNull(0, c) && sel->Text(0, c) == v.s;
      else
        same = same && !sel->IsNull(0, c) && sel->Int(0, c) == v.i;
    }
    if (same) return UpsertOutcome::kUnchanged;
    auto w = Write(found ? spec.update : spec.insert, bind(0, row.size()), spec.doing, "'" + key + "'");
    if (!w.ok()) {
      if (conn_->LastFailedForeignKey())
        return Status::NotFound(std::string(spec.doing) + " '" + key +
                                "': mã tham chiếu (đơn vị hành chính, đơn vị sử dụng lao động, trường hoặc nhà tài "
                                "trợ) chưa có; hãy nhập danh sách đó trước");
      return w.status();
    }
    return found ? UpsertOutcome::kUpdated : UpsertOutcome::kInserted;
  });
}

Status PgStore::ScanMoneyTable(const MoneyTableSpec& spec, const std::function<void(const PgResult&, int)>& fn) {
  auto r = conn_->Run(spec.scan, Params(), std::string("lỗi khi đọc bảng ") + spec.name);
  if (!r.ok()) return r.status();
  for (int i = 0; i < r->rows(); ++i) fn(*r, i);
  return Status::Ok();
}

Result<UpsertOutcome> PgStore::UpsertEmployer(const Employer& e) {
  return UpsertMoneyRow(kEmployer, {T(e.tax_code), T(e.name), TN(e.unit.str()), T(e.sector), I(e.region)});
}
Result<UpsertOutcome> PgStore::UpsertDeclaration(const EmployerDeclaration& d) {
  return UpsertMoneyRow(kDeclaration, {T(d.tax_code), I(d.year), I(d.month), I(d.employees), I(d.salary_fund.dong),
                                       I(d.social_due.dong), I(d.unemployment_due.dong)});
}
Result<UpsertOutcome> PgStore::UpsertEmployerPayment(const EmployerPayment& p) {
  return UpsertMoneyRow(kPayment, {T(p.tax_code), Dt(p.date), T(p.reference), I(p.amount.dong)});
}
Result<UpsertOutcome> PgStore::UpsertReminder(const EmployerReminder& r) {
  return UpsertMoneyRow(kReminder, {T(r.tax_code), Dt(r.date), T(r.reference)});
}
Result<UpsertOutcome> PgStore::UpsertRosterEntry(const RosterEntry& r) {
  return UpsertMoneyRow(kRoster, {T(r.tax_code), I(r.bhxh.value()), Dt(r.from)});
}
Result<UpsertOutcome> PgStore::UpsertSchool(const School& s) {
  return UpsertMoneyRow(
      kSchool, {T(s.code), T(s.name), TN(s.unit.str()), I(s.medical_room), I(s.practitioner), I(s.treatment_contract)});
}
Result<UpsertOutcome> PgStore::UpsertSchoolPupilCount(const SchoolPupilCount& c) {
  return UpsertMoneyRow(kSchoolCount,
                        {T(c.school_code), Dt(c.period_from), I(c.months), I(c.pupils), I(c.insured_pupils)});
}
Result<UpsertOutcome> PgStore::UpsertSchoolPupil(const SchoolPupil& p) {
  return UpsertMoneyRow(kSchoolPupil, {T(p.school_code), I(p.bhxh.value())});
}
Result<UpsertOutcome> PgStore::UpsertSponsor(const Sponsor& s) {
  return UpsertMoneyRow(kSponsor, {T(s.code), T(s.name), T(s.kind), TN(s.unit.str())});
}
Result<UpsertOutcome> PgStore::UpsertSponsorFund(const SponsorFund& f) {
  return UpsertMoneyRow(
      kFund, {T(f.sponsor_code), Dt(f.date), I(static_cast<int64_t>(f.kind)), T(f.reference), I(f.amount.dong)});
}
Result<UpsertOutcome> PgStore::UpsertHardship(const HouseholdHardship& h) {
  return UpsertMoneyRow(kHardship, {T(h.household_code), Dt(h.as_of), I(h.income_per_head.dong), T(h.note)});
}
Result<UpsertOutcome> PgStore::UpsertAllocation(const SponsorAllocation& a) {
  return UpsertMoneyRow(kAllocation, {T(a.sponsor_code), I(a.bhxh.value()), T(a.household_code), Dt(a.paid_on),
                                      I(a.months), I(a.amount.dong), Dt(a.card_from), Dt(a.card_to)});
}

Status PgStore::ListEmployers(std::vector<Employer>* out) {
  return ScanMoneyTable(kEmployer, [&](const PgResult& r, int i) {
    out->push_back({TextAt(r, i, 0), TextAt(r, i, 1), UnitCode::Unchecked(TextAt(r, i, 2)), TextAt(r, i, 3),
                    static_cast<int>(r.Int(i, 4))});
  });
}
Status PgStore::ListDeclarations(std::vector<EmployerDeclaration>* out) {
  return ScanMoneyTable(kDeclaration, [&](const PgResult& r, int i) {
    out->push_back({TextAt(r, i, 0), static_cast<int>(r.Int(i, 1)), static_cast<int>(r.Int(i, 2)), r.Int(i, 3),
                    Money{r.Int(i, 4)}, Money{r.Int(i, 5)}, Money{r.Int(i, 6)}});
  });
}
Status PgStore::ListEmployerPayments(std::vector<EmployerPayment>* out) {
  return ScanMoneyTable(kPayment, [&](const PgResult& r, int i) {
    out->push_back({TextAt(r, i, 0), r.DateAt(i, 1), TextAt(r, i, 2), Money{r.Int(i, 3)}});
  });
}
Status PgStore::ListReminders(std::vector<EmployerReminder>* out) {
  return ScanMoneyTable(kReminder, [&](const PgResult& r, int i) {
    out->push_back({TextAt(r, i, 0), r.DateAt(i, 1), TextAt(r, i, 2)});
  });
}
Status PgStore::ListRoster(std::vector<RosterEntry>* out) {
  return ScanMoneyTable(kRoster, [&](const PgResult& r, int i) {
    out->push_back({TextAt(r, i, 0), BhxhNumber::FromInt(r.Int(i, 1)), r.DateAt(i, 2)});
  });
}
Status PgStore::ListSchools(std::vector<School>* out) {
  return ScanMoneyTable(kSchool, [&](const PgResult& r, int i) {
    out->push_back({TextAt(r, i, 0), TextAt(r, i, 1), UnitCode::Unchecked(TextAt(r, i, 2)), r.Int(i, 3) != 0,
                    r.Int(i, 4) != 0, r.Int(i, 5) != 0});
  });
}
Status PgStore::ListSchoolPupilCounts(std::vector<SchoolPupilCount>* out) {
  return ScanMoneyTable(kSchoolCount, [&](const PgResult& r, int i) {
    out->push_back({TextAt(r, i, 0), r.DateAt(i, 1), static_cast<int>(r.Int(i, 2)), r.Int(i, 3), r.Int(i, 4)});
  });
}
Status PgStore::ListSchoolPupils(std::vector<SchoolPupil>* out) {
  return ScanMoneyTable(kSchoolPupil, [&](const PgResult& r, int i) {
    out->push_back({TextAt(r, i, 0), BhxhNumber::FromInt(r.Int(i, 1))});
  });
}
Status PgStore::ListSponsors(std::vector<Sponsor>* out) {
  return ScanMoneyTable(kSponsor, [&](const PgResult& r, int i) {
    out->push_back({TextAt(r, i, 0), TextAt(r, i, 1), TextAt(r, i, 2), UnitCode::Unchecked(TextAt(r, i, 3))});
  });
}
Status PgStore::ListSponsorFunds(std::vector<SponsorFund>* out) {
  return ScanMoneyTable(kFund, [&](const PgResult& r, int i) {
    out->push_back(
        {TextAt(r, i, 0), r.DateAt(i, 1), static_cast<FundKind>(r.Int(i, 2)), TextAt(r, i, 3), Money{r.Int(i, 4)}});
  });
}
Status PgStore::ListHardship(std::vector<HouseholdHardship>* out) {
  return ScanMoneyTable(kHardship, [&](const PgResult& r, int i) {
    out->push_back({TextAt(r, i, 0), r.DateAt(i, 1), Money{r.Int(i, 2)}, TextAt(r, i, 3)});
  });
}
Status PgStore::ListAllocations(std::vector<SponsorAllocation>* out) {
  return ScanMoneyTable(kAllocation, [&](const PgResult& r, int i) {
    out->push_back({TextAt(r, i, 0), BhxhNumber::FromInt(r.Int(i, 1)), TextAt(r, i, 2), r.DateAt(i, 3),
                    static_cast<int>(r.Int(i, 4)), Money{r.Int(i, 5)}, r.DateAt(i, 6), r.DateAt(i, 7)});
  });
}

}  // namespace baophu
