// SQLiteStore: the money tables of schema version 3 (employers, schools, sponsors). They are
// small (thousands of rows), so one generic upsert (read the row by key, write only what
// changed) and one generic scan serve all of them; each record type only says its columns.
#include "store/sqlite/sqlite_store.h"

namespace baophu {

using sqlite::ScopedReset;
using sqlite::Stmt;

// A table: its name, its columns (the key first) and the statements built from them once.
struct SQLiteStore::MoneyTableSpec {
  MoneyTableSpec(const char* table, std::vector<const char*> columns, size_t keys, const char* what)
      : name(table), cols(std::move(columns)), key_count(keys), doing(what) {
    std::string key_where, non_key, set, all, params;
    for (size_t i = 0; i < cols.size(); ++i) {
      std::string p = "?" + std::to_string(i + 1);
      all += (i ? ", " : "") + std::string(cols[i]);
      params += (i ? ", " : "") + p;
      if (i < key_count) {
        key_where += (i ? " AND " : "") + std::string(cols[i]) + " = " + p;
      } else {
        non_key += (non_key.empty() ? "" : ", ") + std::string(cols[i]);
        set += (set.empty() ? "" : ", ") + std::string(cols[i]) + " = " + p;
      }
    }
    std::string order;
    for (size_t i = 0; i < key_count; ++i) order += (i ? ", " : "") + std::string(cols[i]);
    select = "SELECT " + (non_key.empty() ? std::string("1") : non_key) + " FROM " + name + " WHERE " + key_where;
    insert = "INSERT INTO " + name + " (" + all + ") VALUES (" + params + ")";
    update = set.empty() ? "" : "UPDATE " + name + " SET " + set + " WHERE " + key_where;
    scan = "SELECT " + all + " FROM " + name + " ORDER BY " + order;
  }
  std::string name;
  std::vector<const char*> cols;
  size_t key_count;
  const char* doing;  // "không ghi được ..." on a failed write
  // Statements are cached by the address of their text, which lives as long as the spec.
  std::string select, insert, update, scan;
};

namespace {

using Spec = SQLiteStore::MoneyTableSpec;

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

using V = SQLiteStore::SqlValue;
V T(const std::string& s) { return V{true, false, 0, s}; }
V TN(const std::string& s) { return V{true, s.empty(), 0, s}; }  // '' → NULL (optional references)
V I(int64_t i) { return V{false, false, i, {}}; }
V Dt(Date d) { return V{false, !d.valid(), d.valid() ? d.days() : 0, {}}; }
Date DateAt(const Stmt& s, int c) { return s.DateAt(c); }
std::string TextAt(const Stmt& s, int c) { return std::string(s.Text(c)); }

}  // namespace

Result<UpsertOutcome> SQLiteStore::UpsertMoneyRow(const MoneyTableSpec& spec, const std::vector<SqlValue>& row) {
  auto bind = [&](Stmt* st, size_t from, size_t to, int first_param) {
    for (size_t i = from; i < to; ++i) {
      int p = first_param + static_cast<int>(i - from);
      const SqlValue& v = row[i];
      if (v.null)
        st->BindNull(p);
      else if (v.text)
        st->BindText(p, v.s);
      else
        st->BindInt(p, v.i);
    }
  };
  std::string key;
  for (size_t i = 0; i < spec.key_count; ++i)
    key += (i ? " / " : "") + (row[i].text ? row[i].s : std::to_string(row[i].i));
  BAOPHU_SQLITE_STMT(sel, db_, spec.select.c_str());
  bool found = false, same = false;
  {
    ScopedReset reset(sel);
    bind(sel, 0, spec.key_count, 1);
    int rc = sel->Step();
    if (rc == SQLITE_ROW) {
      found = true;
      same = true;
      for (size_t i = spec.key_count; i < row.size(); ++i) {
        int c = static_cast<int>(i - spec.key_count);
        const SqlValue& v = row[i];
        if (v.null)
          same = same && sel->IsNull(c);
        else if (v.text)
          same = same && !sel->IsNull(c) && sel->Text(c) == v.s;
        else
          same = same && !sel->IsNull(c) && sel->Int(c) == v.i;
      }
    } else if (rc != SQLITE_DONE) {
      return db_->Error(rc, std::string("lỗi khi đọc bảng ") + spec.name);
    }
  }
  if (same) return UpsertOutcome::kUnchanged;
  BAOPHU_SQLITE_STMT(w, db_, found ? spec.update.c_str() : spec.insert.c_str());
  bind(w, 0, row.size(), 1);
  Status st = Write(w, spec.doing, key);
  if (!st.ok()) {
    if (LastWriteFailedForeignKey())
      return Status::NotFound(std::string(spec.doing) + " '" + key +
                              "': mã tham chiếu (đơn vị hành chính, đơn vị sử dụng lao động, trường hoặc nhà tài trợ) "
                              "chưa có; hãy nhập danh sách đó trước");
    return st;
  }
  return found ? UpsertOutcome::kUpdated : UpsertOutcome::kInserted;
}

Status SQLiteStore::ScanMoneyTable(const MoneyTableSpec& spec, const std::function<void(const Stmt&)>& fn) {
  auto q = db_->Prepare(spec.scan);
  if (!q.ok()) return q.status();
  for (;;) {
    int rc = (*q)->Step();
    if (rc == SQLITE_DONE) return Status::Ok();
    if (rc != SQLITE_ROW) return db_->Error(rc, std::string("lỗi khi đọc bảng ") + spec.name);
    fn(**q);
  }
}

Result<UpsertOutcome> SQLiteStore::UpsertEmployer(const Employer& e) {
  return UpsertMoneyRow(kEmployer, {T(e.tax_code), T(e.name), TN(e.unit.str()), T(e.sector), I(e.region)});
}
Result<UpsertOutcome> SQLiteStore::UpsertDeclaration(const EmployerDeclaration& d) {
  return UpsertMoneyRow(kDeclaration, {T(d.tax_code), I(d.year), I(d.month), I(d.employees), I(d.salary_fund.dong),
                                       I(d.social_due.dong), I(d.unemployment_due.dong)});
}
Result<UpsertOutcome> SQLiteStore::UpsertEmployerPayment(const EmployerPayment& p) {
  return UpsertMoneyRow(kPayment, {T(p.tax_code), Dt(p.date), T(p.reference), I(p.amount.dong)});
}
Result<UpsertOutcome> SQLiteStore::UpsertReminder(const EmployerReminder& r) {
  return UpsertMoneyRow(kReminder, {T(r.tax_code), Dt(r.date), T(r.reference)});
}
Result<UpsertOutcome> SQLiteStore::UpsertRosterEntry(const RosterEntry& r) {
  return UpsertMoneyRow(kRoster, {T(r.tax_code), I(r.bhxh.value()), Dt(r.from)});
}
Result<UpsertOutcome> SQLiteStore::UpsertSchool(const School& s) {
  return UpsertMoneyRow(
      kSchool, {T(s.code), T(s.name), TN(s.unit.str()), I(s.medical_room), I(s.practitioner), I(s.treatment_contract)});
}
Result<UpsertOutcome> SQLiteStore::UpsertSchoolPupilCount(const SchoolPupilCount& c) {
  return UpsertMoneyRow(kSchoolCount,
                        {T(c.school_code), Dt(c.period_from), I(c.months), I(c.pupils), I(c.insured_pupils)});
}
Result<UpsertOutcome> SQLiteStore::UpsertSchoolPupil(const SchoolPupil& p) {
  return UpsertMoneyRow(kSchoolPupil, {T(p.school_code), I(p.bhxh.value())});
}
Result<UpsertOutcome> SQLiteStore::UpsertSponsor(const Sponsor& s) {
  return UpsertMoneyRow(kSponsor, {T(s.code), T(s.name), T(s.kind), TN(s.unit.str())});
}
Result<UpsertOutcome> SQLiteStore::UpsertSponsorFund(const SponsorFund& f) {
  return UpsertMoneyRow(
      kFund, {T(f.sponsor_code), Dt(f.date), I(static_cast<int64_t>(f.kind)), T(f.reference), I(f.amount.dong)});
}
Result<UpsertOutcome> SQLiteStore::UpsertHardship(const HouseholdHardship& h) {
  return UpsertMoneyRow(kHardship, {T(h.household_code), Dt(h.as_of), I(h.income_per_head.dong), T(h.note)});
}
Result<UpsertOutcome> SQLiteStore::UpsertAllocation(const SponsorAllocation& a) {
  return UpsertMoneyRow(kAllocation, {T(a.sponsor_code), I(a.bhxh.value()), T(a.household_code), Dt(a.paid_on),
                                      I(a.months), I(a.amount.dong), Dt(a.card_from), Dt(a.card_to)});
}

Status SQLiteStore::ListEmployers(std::vector<Employer>* out) {
  return ScanMoneyTable(kEmployer, [&](const Stmt& s) {
    out->push_back(
        {TextAt(s, 0), TextAt(s, 1), UnitCode::Unchecked(TextAt(s, 2)), TextAt(s, 3), static_cast<int>(s.Int(4))});
  });
}
Status SQLiteStore::ListDeclarations(std::vector<EmployerDeclaration>* out) {
  return ScanMoneyTable(kDeclaration, [&](const Stmt& s) {
    out->push_back({TextAt(s, 0), static_cast<int>(s.Int(1)), static_cast<int>(s.Int(2)), s.Int(3), Money{s.Int(4)},
                    Money{s.Int(5)}, Money{s.Int(6)}});
  });
}
Status SQLiteStore::ListEmployerPayments(std::vector<EmployerPayment>* out) {
  return ScanMoneyTable(kPayment, [&](const Stmt& s) {
    out->push_back({TextAt(s, 0), DateAt(s, 1), TextAt(s, 2), Money{s.Int(3)}});
  });
}
Status SQLiteStore::ListReminders(std::vector<EmployerReminder>* out) {
  return ScanMoneyTable(kReminder, [&](const Stmt& s) { out->push_back({TextAt(s, 0), DateAt(s, 1), TextAt(s, 2)}); });
}
Status SQLiteStore::ListRoster(std::vector<RosterEntry>* out) {
  return ScanMoneyTable(kRoster, [&](const Stmt& s) {
    out->push_back({TextAt(s, 0), BhxhNumber::FromInt(s.Int(1)), DateAt(s, 2)});
  });
}
Status SQLiteStore::ListSchools(std::vector<School>* out) {
  return ScanMoneyTable(kSchool, [&](const Stmt& s) {
    out->push_back(
        {TextAt(s, 0), TextAt(s, 1), UnitCode::Unchecked(TextAt(s, 2)), s.Int(3) != 0, s.Int(4) != 0, s.Int(5) != 0});
  });
}
Status SQLiteStore::ListSchoolPupilCounts(std::vector<SchoolPupilCount>* out) {
  return ScanMoneyTable(kSchoolCount, [&](const Stmt& s) {
    out->push_back({TextAt(s, 0), DateAt(s, 1), static_cast<int>(s.Int(2)), s.Int(3), s.Int(4)});
  });
}
Status SQLiteStore::ListSchoolPupils(std::vector<SchoolPupil>* out) {
  return ScanMoneyTable(kSchoolPupil, [&](const Stmt& s) {
    out->push_back({TextAt(s, 0), BhxhNumber::FromInt(s.Int(1))});
  });
}
Status SQLiteStore::ListSponsors(std::vector<Sponsor>* out) {
  return ScanMoneyTable(kSponsor, [&](const Stmt& s) {
    out->push_back({TextAt(s, 0), TextAt(s, 1), TextAt(s, 2), UnitCode::Unchecked(TextAt(s, 3))});
  });
}
Status SQLiteStore::ListSponsorFunds(std::vector<SponsorFund>* out) {
  return ScanMoneyTable(kFund, [&](const Stmt& s) {
    out->push_back({TextAt(s, 0), DateAt(s, 1), static_cast<FundKind>(s.Int(2)), TextAt(s, 3), Money{s.Int(4)}});
  });
}
Status SQLiteStore::ListHardship(std::vector<HouseholdHardship>* out) {
  return ScanMoneyTable(kHardship, [&](const Stmt& s) {
    out->push_back({TextAt(s, 0), DateAt(s, 1), Money{s.Int(2)}, TextAt(s, 3)});
  });
}
Status SQLiteStore::ListAllocations(std::vector<SponsorAllocation>* out) {
  return ScanMoneyTable(kAllocation, [&](const Stmt& s) {
    out->push_back({TextAt(s, 0), BhxhNumber::FromInt(s.Int(1)), TextAt(s, 2), DateAt(s, 3), static_cast<int>(s.Int(4)),
                    Money{s.Int(5)}, DateAt(s, 6), DateAt(s, 7)});
  });
}

}  // namespace baophu
