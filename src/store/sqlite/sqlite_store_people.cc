// SQLiteStore: people, their households and their cards — the tables with millions of rows, so
// the upserts here do no heap allocation on the unchanged path and bind text without copying.
#include <atomic>
#include <iterator>
#include <thread>

#include "core/text.h"
#include "store/sqlite/sqlite_store.h"

namespace baophu {

using sqlite::ScopedReset;
using sqlite::Stmt;

namespace {

constexpr const char* kSelectPerson =
    "SELECT citizen_id, full_name, birth_date, sex, commune_code, hamlet_code, household_code "
    "FROM person WHERE bhxh = ?1";
constexpr const char* kInsertPerson =
    "INSERT INTO person (bhxh, citizen_id, full_name, name_fold, birth_date, sex, commune_code, hamlet_code, "
    "household_code) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
// Changed-column bits of a person and the SET clause of each (parameters as in kInsertPerson).
enum : unsigned {
  kPersonCitizenId = 1u << 0,
  kPersonName = 1u << 1,
  kPersonBirthDate = 1u << 2,
  kPersonSex = 1u << 3,
  kPersonCommune = 1u << 4,
  kPersonHamlet = 1u << 5,
  kPersonHousehold = 1u << 6,
};
constexpr const char* kPersonSet[] = {
    "citizen_id = ?2",   "full_name = ?3, name_fold = ?4", "birth_date = ?5",    "sex = ?6",
    "commune_code = ?7", "hamlet_code = ?8",               "household_code = ?9",
};
constexpr const char* kPersonColumns =
    "bhxh, citizen_id, full_name, birth_date, sex, commune_code, hamlet_code, household_code";
constexpr const char* kFindPerson =
    "SELECT bhxh, citizen_id, full_name, birth_date, sex, commune_code, hamlet_code, household_code "
    "FROM person WHERE bhxh = ?1";
// Name search: a prefix range on the name_fold index, then (when that finds too few) a scan for
// the text anywhere in the name.
constexpr const char* kNamePrefix =
    "SELECT bhxh, citizen_id, full_name, birth_date, sex, commune_code, hamlet_code, household_code "
    "FROM person WHERE name_fold >= ?1 AND name_fold < ?2 ORDER BY name_fold, bhxh LIMIT ?3";
constexpr const char* kNameContains =
    "SELECT bhxh, citizen_id, full_name, birth_date, sex, commune_code, hamlet_code, household_code "
    "FROM person WHERE instr(name_fold, ?1) > 1 ORDER BY name_fold, bhxh LIMIT ?2";
constexpr const char* kFindByCitizenId = "SELECT bhxh FROM person WHERE citizen_id = ?1";

constexpr const char* kSelectHousehold = "SELECT commune_code FROM household WHERE code = ?1";
constexpr const char* kInsertHousehold = "INSERT INTO household (code, commune_code) VALUES (?1, ?2)";
constexpr const char* kUpdateHousehold = "UPDATE household SET commune_code = ?2 WHERE code = ?1";
constexpr const char* kDeleteHousehold = "DELETE FROM household WHERE code = ?1";

constexpr const char* kSelectCard =
    "SELECT valid_to, card_code, object_code, benefit_level, province_code, facility_code "
    "FROM card WHERE bhxh = ?1 AND valid_from = ?2";
constexpr const char* kInsertCard =
    "INSERT INTO card (bhxh, valid_from, valid_to, card_code, object_code, benefit_level, province_code, "
    "facility_code) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
constexpr const char* kUpdateCard =
    "UPDATE card SET valid_to = ?3, card_code = ?4, object_code = ?5, benefit_level = ?6, province_code = ?7, "
    "facility_code = ?8 WHERE bhxh = ?1 AND valid_from = ?2";
constexpr const char* kCardColumns =
    "bhxh, valid_from, valid_to, card_code, object_code, benefit_level, province_code, facility_code";
constexpr const char* kCardsOf =
    "SELECT bhxh, valid_from, valid_to, card_code, object_code, benefit_level, province_code, facility_code "
    "FROM card WHERE bhxh = ?1 ORDER BY valid_from";

// Fills `p` from a row of kPersonColumns, reusing its strings' storage.
Status ReadPerson(const Stmt& s, Person* p) {
  p->bhxh = BhxhNumber::FromInt(s.Int(0));
  if (s.IsNull(1)) {
    p->citizen_id = CitizenId();
  } else {
    auto id = CitizenId::Parse(s.Text(1));
    if (!id.ok()) {
      return Status::Corruption("người có mã số BHXH " + p->bhxh.ToString() + " mang số CCCD hỏng trong sổ: " +
                                id.status().message());
    }
    p->citizen_id = std::move(*id);
  }
  p->full_name.assign(s.Text(2));
  p->birth_date = s.DateAt(3);
  p->sex = static_cast<Sex>(s.Int(4));
  p->commune = UnitCode::Unchecked(std::string(s.Text(5)));
  p->hamlet = UnitCode::Unchecked(std::string(s.Text(6)));
  p->household_code.assign(s.Text(7));
  return Status::Ok();
}

// Fills `c` from a row of kCardColumns.
Status ReadCard(const Stmt& s, Card* c) {
  c->bhxh = BhxhNumber::FromInt(s.Int(0));
  c->valid_from = s.DateAt(1);
  c->valid_to = s.DateAt(2);
  c->card_code.assign(s.Text(3));
  if (s.IsNull(4)) {
    c->object = ObjectCode();
  } else {
    auto o = ObjectCode::Parse(s.Text(4));
    if (!o.ok()) {
      return Status::Corruption("thẻ của mã số BHXH " + c->bhxh.ToString() + " mang mã đối tượng hỏng trong sổ: " +
                                o.status().message());
    }
    c->object = *o;
  }
  c->benefit_level = static_cast<int>(s.Int(5));
  c->province_code.assign(s.Text(6));
  c->facility_code.assign(s.Text(7));
  return Status::Ok();
}

}  // namespace

Result<Stmt*> SQLiteStore::UpdatePersonStmt(unsigned mask) {
  std::unique_ptr<Stmt>& slot = update_person_[mask];
  if (slot) return slot.get();
  std::string sql = "UPDATE person SET ";
  bool first = true;
  for (unsigned bit = 0; bit < std::size(kPersonSet); ++bit) {
    if (!(mask & (1u << bit))) continue;
    if (!first) sql += ", ";
    sql += kPersonSet[bit];
    first = false;
  }
  sql += " WHERE bhxh = ?1";
  auto st = db_->Prepare(sql);
  if (!st.ok()) return st.status();
  slot = std::move(*st);
  return slot.get();
}

Status SQLiteStore::UpsertHousehold(const std::string& code, const UnitCode& commune, HouseholdBefore* before,
                                    bool* wrote) {
  *wrote = false;
  BAOPHU_SQLITE_STMT(sel, db_, kSelectHousehold);
  {
    ScopedReset reset(sel);
    sel->BindText(1, code);
    int rc = sel->Step();
    if (rc == SQLITE_ROW) {
      before->existed = true;
      if (sel->Text(0) == commune.str()) return Status::Ok();
      before->commune.assign(sel->Text(0));
    } else if (rc != SQLITE_DONE) {
      return db_->Error(rc, "lỗi khi đọc hộ gia đình '" + code + "'");
    }
  }
  BAOPHU_SQLITE_STMT(w, db_, before->existed ? kUpdateHousehold : kInsertHousehold);
  w->BindText(1, code);
  w->BindTextOrNull(2, commune.str());
  BAOPHU_RETURN_IF_ERROR(Write(w, "không ghi được hộ gia đình", code));
  *wrote = true;
  return Status::Ok();
}

Status SQLiteStore::RestoreHousehold(const std::string& code, const HouseholdBefore& before) {
  BAOPHU_SQLITE_STMT(w, db_, before.existed ? kUpdateHousehold : kDeleteHousehold);
  w->BindText(1, code);
  if (before.existed) w->BindTextOrNull(2, before.commune);
  return Write(w, "không khôi phục được hộ gia đình", code);
}

Status SQLiteStore::PersonWriteError(const Person& p, const Status& st, int rc) {
  const std::string who = "người có mã số BHXH " + p.bhxh.ToString();
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
    struct {
      const UnitCode& code;
      const char* what;
    } const refs[] = {{p.commune, "mã xã"}, {p.hamlet, "mã thôn"}};
    for (const auto& r : refs) {
      if (r.code.empty()) continue;
      auto exists = CodeExists(r.code.str());
      if (!exists.ok()) return exists.status();
      if (!*exists) {
        return Status::NotFound(std::string(r.what) + " '" + r.code.str() + "' của " + who +
                                " chưa có trong danh mục đơn vị hành chính");
      }
    }
    return Status::NotFound(who + " tham chiếu đến dữ liệu chưa có trong sổ: " + st.message());
  }
  if (rc == SQLITE_CONSTRAINT_UNIQUE && !p.citizen_id.empty()) {
    auto holder = FindByCitizenId(p.citizen_id);
    if (holder.ok() && holder->has_value()) {
      return Status::Conflict("số CCCD " + p.citizen_id.str() + " đã thuộc người có mã số BHXH " +
                              (*holder)->ToString() + ", không thể ghi cho " + who);
    }
  }
  return st;
}

Result<UpsertOutcome> SQLiteStore::UpsertPerson(const Person& p) {
  if (!p.bhxh.valid()) return Status::InvalidArgument("người thiếu mã số BHXH");
  BAOPHU_SQLITE_STMT(sel, db_, kSelectPerson);
  bool found = false;
  unsigned changed = 0;
  {
    ScopedReset reset(sel);
    sel->BindInt(1, p.bhxh.value());
    int rc = sel->Step();
    if (rc == SQLITE_ROW) {
      found = true;
      if (sel->Text(0) != p.citizen_id.str()) changed |= kPersonCitizenId;
      if (sel->Text(1) != p.full_name) changed |= kPersonName;
      if (sel->DateAt(2) != p.birth_date) changed |= kPersonBirthDate;
      if (sel->Int(3) != static_cast<int64_t>(p.sex)) changed |= kPersonSex;
      if (sel->Text(4) != p.commune.str()) changed |= kPersonCommune;
      if (sel->Text(5) != p.hamlet.str()) changed |= kPersonHamlet;
      if (sel->Text(6) != p.household_code) changed |= kPersonHousehold;
      if (changed == 0) return UpsertOutcome::kUnchanged;
    } else if (rc != SQLITE_DONE) {
      return db_->Error(rc, "lỗi khi đọc người có mã số BHXH " + p.bhxh.ToString());
    }
  }

  // The household first: the person row references it. It follows the commune of the member
  // written last.
  HouseholdBefore household_before;
  bool household_written = false;
  if (!p.household_code.empty()) {
    Status st = UpsertHousehold(p.household_code, p.commune, &household_before, &household_written);
    if (!st.ok()) return PersonWriteError(p, st, last_write_rc_);
  }

  Stmt* w = nullptr;
  if (found) {
    auto u = UpdatePersonStmt(changed);
    if (!u.ok()) return u.status();
    w = *u;
  } else {
    auto i = db_->Cached(kInsertPerson);
    if (!i.ok()) return i.status();
    w = *i;
  }
  // Every parameter is bound; an UPDATE that does not use one ignores it (SQLITE_RANGE).
  const std::string name_fold = (!found || (changed & kPersonName)) ? FoldForSearch(p.full_name) : std::string();
  w->BindInt(1, p.bhxh.value());
  w->BindTextOrNull(2, p.citizen_id.str());
  w->BindText(3, p.full_name);
  w->BindText(4, name_fold);
  w->BindDate(5, p.birth_date);
  w->BindInt(6, static_cast<int64_t>(p.sex));
  w->BindTextOrNull(7, p.commune.str());
  w->BindTextOrNull(8, p.hamlet.str());
  w->BindTextOrNull(9, p.household_code);
  Status st = Write(w, "không ghi được người có mã số BHXH", p.bhxh);
  if (!st.ok()) {
    int rc = last_write_rc_;
    if (household_written) RestoreHousehold(p.household_code, household_before).ok();
    return PersonWriteError(p, st, rc);
  }
  persons_changed_ = true;
  return found ? UpsertOutcome::kUpdated : UpsertOutcome::kInserted;
}

Result<UpsertOutcome> SQLiteStore::UpsertCard(const Card& c) {
  if (!c.bhxh.valid()) return Status::InvalidArgument("thẻ thiếu mã số BHXH");
  if (!c.valid_from.valid()) {
    return Status::InvalidArgument("thẻ của mã số BHXH " + c.bhxh.ToString() + " thiếu ngày bắt đầu hiệu lực");
  }
  BAOPHU_SQLITE_STMT(sel, db_, kSelectCard);
  bool found = false;
  char object[2] = {0, 0};
  std::string_view object_code;
  if (!c.object.empty()) {
    object[0] = c.object.str()[0];
    object[1] = c.object.str()[1];
    object_code = std::string_view(object, 2);
  }
  {
    ScopedReset reset(sel);
    sel->BindInt(1, c.bhxh.value());
    sel->BindInt(2, c.valid_from.days());
    int rc = sel->Step();
    if (rc == SQLITE_ROW) {
      found = true;
      if (sel->DateAt(0) == c.valid_to && sel->Text(1) == c.card_code && sel->Text(2) == object_code &&
          sel->Int(3) == c.benefit_level && sel->Text(4) == c.province_code && sel->Text(5) == c.facility_code) {
        return UpsertOutcome::kUnchanged;
      }
    } else if (rc != SQLITE_DONE) {
      return db_->Error(rc, "lỗi khi đọc thẻ của mã số BHXH " + c.bhxh.ToString());
    }
  }
  BAOPHU_SQLITE_STMT(w, db_, found ? kUpdateCard : kInsertCard);
  w->BindInt(1, c.bhxh.value());
  w->BindInt(2, c.valid_from.days());
  w->BindDate(3, c.valid_to);
  w->BindText(4, c.card_code);
  w->BindTextOrNull(5, object_code);
  w->BindInt(6, c.benefit_level);
  w->BindText(7, c.province_code);
  w->BindText(8, c.facility_code);
  Status st = Write(w, "không ghi được thẻ của mã số BHXH", c.bhxh);
  if (!st.ok()) {
    if (LastWriteFailedForeignKey()) {
      return Status::NotFound("thẻ của mã số BHXH " + c.bhxh.ToString() + " không có người trong sổ (mã thẻ " +
                              c.card_code + "); hãy nhập người trước");
    }
    return st;
  }
  return found ? UpsertOutcome::kUpdated : UpsertOutcome::kInserted;
}

Status SQLiteStore::ScanPersons(const std::function<Status(const Person&)>& fn) {
  // A statement of its own (not cached), so the callback may use the store, even scan again.
  auto q = db_->Prepare(std::string("SELECT ") + kPersonColumns + " FROM person ORDER BY bhxh");
  if (!q.ok()) return q.status();
  Stmt* s = q->get();
  Person p;
  int rc;
  while ((rc = s->Step()) == SQLITE_ROW) {
    BAOPHU_RETURN_IF_ERROR(ReadPerson(*s, &p));
    BAOPHU_RETURN_IF_ERROR(fn(p));
  }
  if (rc != SQLITE_DONE) return db_->Error(rc, "lỗi khi đọc danh sách người");
  return Status::Ok();
}

Status SQLiteStore::ScanCards(const std::function<Status(const Card&)>& fn) {
  auto q = db_->Prepare(std::string("SELECT ") + kCardColumns + " FROM card ORDER BY bhxh, valid_from");
  if (!q.ok()) return q.status();
  Stmt* s = q->get();
  Card c;
  int rc;
  while ((rc = s->Step()) == SQLITE_ROW) {
    BAOPHU_RETURN_IF_ERROR(ReadCard(*s, &c));
    BAOPHU_RETURN_IF_ERROR(fn(c));
  }
  if (rc != SQLITE_DONE) return db_->Error(rc, "lỗi khi đọc danh sách thẻ");
  return Status::Ok();
}

namespace {

constexpr const char* kPersonIndexColumns =
    "SELECT bhxh, commune_code, hamlet_code, household_code, birth_date, sex FROM person ORDER BY bhxh";
constexpr const char* kCardIndexColumns =
    "SELECT bhxh, valid_from, valid_to, object_code, benefit_level FROM card ORDER BY bhxh, valid_from";

Status ScanPersonRows(sqlite::Db* db, const std::atomic<bool>& stop,
                      const std::function<Status(const PersonIndexRow&)>& fn) {
  auto q = db->Prepare(kPersonIndexColumns);
  if (!q.ok()) return q.status();
  Stmt* s = q->get();
  PersonIndexRow r;
  int rc;
  while ((rc = s->Step()) == SQLITE_ROW) {
    r.bhxh = s->Int(0);
    r.commune = s->Text(1);
    r.hamlet = s->Text(2);
    r.household = s->Text(3);
    r.birth = s->DateAt(4);
    r.sex = static_cast<Sex>(s->Int(5));
    BAOPHU_RETURN_IF_ERROR(fn(r));
    if (stop.load(std::memory_order_relaxed)) return Status::Ok();
  }
  if (rc != SQLITE_DONE) return db->Error(rc, "lỗi khi đọc danh sách người");
  return Status::Ok();
}

Status ScanCardRows(sqlite::Db* db, const std::atomic<bool>& stop, const std::function<Status(const CardIndexRow&)>& fn) {
  auto q = db->Prepare(kCardIndexColumns);
  if (!q.ok()) return q.status();
  Stmt* s = q->get();
  CardIndexRow r;
  int rc;
  while ((rc = s->Step()) == SQLITE_ROW) {
    r.bhxh = s->Int(0);
    r.valid_from = s->DateAt(1);
    r.valid_to = s->DateAt(2);
    r.object_code = s->Text(3);
    r.benefit_level = static_cast<int>(s->Int(4));
    BAOPHU_RETURN_IF_ERROR(fn(r));
    if (stop.load(std::memory_order_relaxed)) return Status::Ok();
  }
  if (rc != SQLITE_DONE) return db->Error(rc, "lỗi khi đọc danh sách thẻ");
  return Status::Ok();
}

}  // namespace

// Persons on this connection, cards on a second one opened for the scan, each in a read
// transaction. WAL gives each its own snapshot; the two are the same state when they read the
// same generation (every committed change raises it), else both start again.
Status SQLiteStore::ScanIndexInputs(const std::function<Status(const PersonIndexRow&)>& on_person,
                                    const std::function<Status(const CardIndexRow&)>& on_card, int64_t* generation) {
  std::atomic<bool> stop{false};
  std::unique_ptr<sqlite::Db> second;
  if (!db_->InTransaction() && db_->path() != ":memory:" && !db_->path().empty()) {
    auto d = sqlite::Db::Open(db_->path());
    if (d.ok()) second = std::move(*d);
  }
  if (second == nullptr) {  // inside a transaction, or an in-memory store: one connection
    if (generation) {
      auto g = Generation();
      if (!g.ok()) return g.status();
      *generation = *g;
    }
    BAOPHU_RETURN_IF_ERROR(ScanPersonRows(db_.get(), stop, on_person));
    return ScanCardRows(db_.get(), stop, on_card);
  }
  sqlite3_busy_timeout(second->raw(), 5000);
  for (int attempt = 0;; ++attempt) {
    BAOPHU_RETURN_IF_ERROR(db_->Exec("BEGIN"));
    auto g1 = Generation();
    Status st = second->Exec("BEGIN");
    auto g2 = second->QueryInt("SELECT generation FROM store_state WHERE id = 1");
    if (g1.ok() && st.ok() && g2.ok() && *g1 == *g2) {
      if (generation) *generation = *g1;
      break;
    }
    second->Exec("ROLLBACK");
    db_->Exec("ROLLBACK");
    if (!g1.ok()) return g1.status();
    if (!st.ok()) return st;
    if (!g2.ok()) return g2.status();
    if (attempt == 20) return Status::Conflict("dữ liệu thay đổi liên tục trong khi đọc; hãy thử lại");
  }
  Status cards_status;
  std::thread cards([&] {
    cards_status = ScanCardRows(second.get(), stop, on_card);
    if (!cards_status.ok()) stop = true;
  });
  Status persons_status = ScanPersonRows(db_.get(), stop, on_person);
  if (!persons_status.ok()) stop = true;
  cards.join();
  second->Exec("ROLLBACK");
  db_->Exec("ROLLBACK");
  return persons_status.ok() ? cards_status : persons_status;
}

Result<std::optional<Person>> SQLiteStore::FindPerson(BhxhNumber bhxh) {
  BAOPHU_SQLITE_STMT(q, db_, kFindPerson);
  ScopedReset reset(q);
  q->BindInt(1, bhxh.value());
  int rc = q->Step();
  if (rc == SQLITE_DONE) return std::optional<Person>();
  if (rc != SQLITE_ROW) return db_->Error(rc, "lỗi khi tìm người có mã số BHXH " + bhxh.ToString());
  Person p;
  BAOPHU_RETURN_IF_ERROR(ReadPerson(*q, &p));
  return std::optional<Person>(std::move(p));
}

Result<std::optional<BhxhNumber>> SQLiteStore::FindByCitizenId(const CitizenId& id) {
  if (id.empty()) return std::optional<BhxhNumber>();
  BAOPHU_SQLITE_STMT(q, db_, kFindByCitizenId);
  ScopedReset reset(q);
  q->BindText(1, id.str());
  int rc = q->Step();
  if (rc == SQLITE_DONE) return std::optional<BhxhNumber>();
  if (rc != SQLITE_ROW) return db_->Error(rc, "lỗi khi tìm số CCCD " + id.str());
  return std::optional<BhxhNumber>(BhxhNumber::FromInt(q->Int(0)));
}

Status SQLiteStore::CardsOf(BhxhNumber bhxh, std::vector<Card>* out) {
  out->clear();
  BAOPHU_SQLITE_STMT(q, db_, kCardsOf);
  ScopedReset reset(q);
  q->BindInt(1, bhxh.value());
  int rc;
  while ((rc = q->Step()) == SQLITE_ROW) {
    Card c;
    BAOPHU_RETURN_IF_ERROR(ReadCard(*q, &c));
    out->push_back(std::move(c));
  }
  if (rc != SQLITE_DONE) return db_->Error(rc, "lỗi khi đọc thẻ của mã số BHXH " + bhxh.ToString());
  return Status::Ok();
}

Status SQLiteStore::SearchPersonsByName(const std::string& fold, int limit, std::vector<Person>* out) {
  out->clear();
  if (fold.empty() || limit <= 0) return Status::Ok();
  auto read_all = [&](Stmt* q) -> Status {
    int rc;
    while ((rc = q->Step()) == SQLITE_ROW) {
      Person p;
      BAOPHU_RETURN_IF_ERROR(ReadPerson(*q, &p));
      out->push_back(std::move(p));
    }
    if (rc != SQLITE_DONE) return db_->Error(rc, "lỗi khi tìm người theo tên");
    return Status::Ok();
  };
  {
    BAOPHU_SQLITE_STMT(q, db_, kNamePrefix);
    ScopedReset reset(q);
    std::string upper = fold + "\xff";  // every string that starts with `fold` sorts below this
    q->BindText(1, fold);
    q->BindText(2, upper);
    q->BindInt(3, limit);
    BAOPHU_RETURN_IF_ERROR(read_all(q));
  }
  if (static_cast<int>(out->size()) >= limit) return Status::Ok();
  BAOPHU_SQLITE_STMT(q, db_, kNameContains);
  ScopedReset reset(q);
  q->BindText(1, fold);
  q->BindInt(2, limit - static_cast<int>(out->size()));
  return read_all(q);
}

}  // namespace baophu
