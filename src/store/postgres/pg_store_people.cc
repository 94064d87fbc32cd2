// PgStore: people, their households and their cards — the tables with millions of rows. A
// person upsert costs one round trip when nothing changed (the read, which also finds who else
// holds the CCCD), two when it writes (with its household); a card upsert one.
#include <atomic>
#include <thread>

#include "core/text.h"
#include "store/postgres/pg_copy.h"
#include "store/postgres/pg_store.h"

namespace baophu {

using pg::Params;
using pg::PgResult;

namespace {

// The person as stored (columns 0..6, all NULL when there is none) and the other person who
// holds the CCCD `$2` (column 7), in one round trip.
constexpr const char* kSelectPerson =
    "SELECT p.citizen_id, p.full_name, p.birth_date, p.sex, p.commune_code, p.hamlet_code, p.household_code, "
    "p.bhxh IS NOT NULL, h.bhxh FROM (SELECT 1) AS one "
    "LEFT JOIN person AS p ON p.bhxh = $1 "
    "LEFT JOIN person AS h ON h.citizen_id = $2 AND h.bhxh <> $1";
constexpr const char* kInsertPerson =
    "INSERT INTO person (bhxh, citizen_id, full_name, name_fold, birth_date, sex, commune_code, hamlet_code, "
    "household_code) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
constexpr const char* kUpdatePerson =
    "UPDATE person SET citizen_id = $2, full_name = $3, name_fold = $4, birth_date = $5, sex = $6, "
    "commune_code = $7, hamlet_code = $8, household_code = $9 WHERE bhxh = $1";
constexpr const char* kPersonColumns =
    "bhxh, citizen_id, full_name, birth_date, sex, commune_code, hamlet_code, household_code";
// Name search: a byte-wise prefix range (the upper bound is the prefix followed by U+10FFFF,
// above every character), then the text anywhere in the name.
constexpr const char* kNamePrefix =
    "SELECT bhxh, citizen_id, full_name, birth_date, sex, commune_code, hamlet_code, household_code FROM person "
    "WHERE name_fold COLLATE \"C\" >= $1 AND name_fold COLLATE \"C\" < $2 "
    "ORDER BY name_fold COLLATE \"C\", bhxh LIMIT $3";
constexpr const char* kNameContains =
    "SELECT bhxh, citizen_id, full_name, birth_date, sex, commune_code, hamlet_code, household_code FROM person "
    "WHERE strpos(name_fold, $1) > 1 ORDER BY name_fold COLLATE \"C\", bhxh LIMIT $2";

// With a household: the household row first (its commune follows the member written last; the
// person's foreign key is checked at the end of the statement, when the household is there).
constexpr const char* kWithHousehold =
    "WITH household_row AS (INSERT INTO household (code, commune_code) VALUES ($9, $7) ON CONFLICT (code) "
    "DO UPDATE SET commune_code = EXCLUDED.commune_code "
    "WHERE household.commune_code IS DISTINCT FROM EXCLUDED.commune_code RETURNING 1) ";

// A card upsert in one round trip: the stored row, an INSERT when there is none, an UPDATE only
// when a column differs (so an unchanged card writes nothing); the counts say which happened.
constexpr const char* kUpsertCard =
    "WITH old AS (SELECT 1 FROM card WHERE bhxh = $1 AND valid_from = $2), "
    "ins AS (INSERT INTO card (bhxh, valid_from, valid_to, card_code, object_code, benefit_level, province_code, "
    "facility_code) SELECT $1, $2, $3, $4, $5, $6, $7, $8 WHERE NOT EXISTS (SELECT 1 FROM old) RETURNING 1), "
    "upd AS (UPDATE card SET valid_to = $3, card_code = $4, object_code = $5, benefit_level = $6, "
    "province_code = $7, facility_code = $8 WHERE bhxh = $1 AND valid_from = $2 AND "
    "(valid_to, card_code, object_code, benefit_level, province_code, facility_code) IS DISTINCT FROM "
    "($3::integer, $4::text, $5::text, $6::integer, $7::text, $8::text) RETURNING 1) "
    "SELECT (SELECT COUNT(*) FROM ins), (SELECT COUNT(*) FROM upd)";
constexpr const char* kCardColumns =
    "bhxh, valid_from, valid_to, card_code, object_code, benefit_level, province_code, facility_code";

// Fills `p` from row `i` of a kPersonColumns result.
Status ReadPerson(const PgResult& r, int i, Person* p) {
  p->bhxh = BhxhNumber::FromInt(r.Int(i, 0));
  if (r.IsNull(i, 1)) {
    p->citizen_id = CitizenId();
  } else {
    auto id = CitizenId::Parse(r.Text(i, 1));
    if (!id.ok()) {
      return Status::Corruption("người có mã số BHXH " + p->bhxh.ToString() +
                                " mang số CCCD hỏng trong sổ: " + id.status().message());
    }
    p->citizen_id = std::move(*id);
  }
  p->full_name.assign(r.Text(i, 2));
  p->birth_date = r.DateAt(i, 3);
  p->sex = static_cast<Sex>(r.Int(i, 4));
  p->commune = UnitCode::Unchecked(std::string(r.Text(i, 5)));
  p->hamlet = UnitCode::Unchecked(std::string(r.Text(i, 6)));
  p->household_code.assign(r.Text(i, 7));
  return Status::Ok();
}

// Fills `c` from row `i` of a kCardColumns result.
Status ReadCard(const PgResult& r, int i, Card* c) {
  c->bhxh = BhxhNumber::FromInt(r.Int(i, 0));
  c->valid_from = r.DateAt(i, 1);
  c->valid_to = r.DateAt(i, 2);
  c->card_code.assign(r.Text(i, 3));
  if (r.IsNull(i, 4)) {
    c->object = ObjectCode();
  } else {
    auto o = ObjectCode::Parse(r.Text(i, 4));
    if (!o.ok()) {
      return Status::Corruption("thẻ của mã số BHXH " + c->bhxh.ToString() +
                                " mang mã đối tượng hỏng trong sổ: " + o.status().message());
    }
    c->object = *o;
  }
  c->benefit_level = static_cast<int>(r.Int(i, 5));
  c->province_code.assign(r.Text(i, 6));
  c->facility_code.assign(r.Text(i, 7));
  return Status::Ok();
}

std::string Who(const Person& p) { return "người có mã số BHXH " + p.bhxh.ToString(); }

}  // namespace

Result<UpsertOutcome> PgStore::UpsertPerson(const Person& p) {
  if (!p.bhxh.valid()) return Status::InvalidArgument("người thiếu mã số BHXH");
  return InWriteTransaction([&] { return UpsertPersonImpl(p); });
}

Result<UpsertOutcome> PgStore::UpsertPersonImpl(const Person& p) {
  auto sel =
      conn_->Run(kSelectPerson, Params().Int(p.bhxh.value()).TextOrNull(p.citizen_id.str()), "lỗi khi đọc " + Who(p));
  if (!sel.ok()) return sel.status();
  const bool found = sel->Text(0, 7) == "t";
  if (found && sel->Text(0, 0) == p.citizen_id.str() && sel->Text(0, 1) == p.full_name &&
      sel->DateAt(0, 2) == p.birth_date && sel->Int(0, 3) == static_cast<int64_t>(p.sex) &&
      sel->Text(0, 4) == p.commune.str() && sel->Text(0, 5) == p.hamlet.str() && sel->Text(0, 6) == p.household_code) {
    return UpsertOutcome::kUnchanged;
  }
  // Refused before anything is written (a failed statement would abort the transaction).
  if (!sel->IsNull(0, 8)) {
    return Status::Conflict("số CCCD " + p.citizen_id.str() + " đã thuộc người có mã số BHXH " +
                            BhxhNumber::FromInt(sel->Int(0, 8)).ToString() + ", không thể ghi cho " + Who(p));
  }
  // A failed reference names the missing code through its constraint.
  auto missing = [&](const Status& st) -> Status {
    if (!conn_->LastFailedForeignKey()) return st;
    const std::string& c = conn_->last_constraint();
    if (c.find("hamlet_code") != std::string::npos) {
      return Status::NotFound("mã thôn '" + p.hamlet.str() + "' của " + Who(p) +
                              " chưa có trong danh mục đơn vị hành chính");
    }
    if (c.find("commune_code") != std::string::npos) {
      return Status::NotFound("mã xã '" + p.commune.str() + "' của " + Who(p) +
                              " chưa có trong danh mục đơn vị hành chính");
    }
    return Status::NotFound(Who(p) + " tham chiếu đến dữ liệu chưa có trong sổ: " + st.message());
  };
  Params w;
  w.Int(p.bhxh.value()).TextOrNull(p.citizen_id.str()).Text(p.full_name).Text(FoldForSearch(p.full_name));
  w.DateOrNull(p.birth_date).Int(static_cast<int64_t>(p.sex)).TextOrNull(p.commune.str());
  w.TextOrNull(p.hamlet.str()).TextOrNull(p.household_code);
  // One statement with the household when there is one (static: prepared once per connection).
  static const std::string kInsertWithHousehold = std::string(kWithHousehold) + kInsertPerson;
  static const std::string kUpdateWithHousehold = std::string(kWithHousehold) + kUpdatePerson;
  const std::string& sql = p.household_code.empty() ? std::string(found ? kUpdatePerson : kInsertPerson)
                                                    : (found ? kUpdateWithHousehold : kInsertWithHousehold);
  auto r = Write(sql, w, "không ghi được người có mã số BHXH", p.bhxh.ToString());
  if (!r.ok()) {
    if (conn_->LastFailedUnique() && !p.citizen_id.empty()) {  // a concurrent writer took the CCCD
      return Status::Conflict("số CCCD " + p.citizen_id.str() + " đã thuộc một người khác, không thể ghi cho " +
                              Who(p));
    }
    return missing(r.status());
  }
  persons_changed_ = true;  // the outreach matches depend on the people (Store::PersonGeneration)
  return found ? UpsertOutcome::kUpdated : UpsertOutcome::kInserted;
}

Result<UpsertOutcome> PgStore::UpsertCard(const Card& c) {
  if (!c.bhxh.valid()) return Status::InvalidArgument("thẻ thiếu mã số BHXH");
  if (!c.valid_from.valid()) {
    return Status::InvalidArgument("thẻ của mã số BHXH " + c.bhxh.ToString() + " thiếu ngày bắt đầu hiệu lực");
  }
  const std::string object = c.object.empty() ? std::string() : c.object.str();
  return InWriteTransaction([&]() -> Result<UpsertOutcome> {
    Params w;
    w.Int(c.bhxh.value()).Int(c.valid_from.days()).DateOrNull(c.valid_to).Text(c.card_code).TextOrNull(object);
    w.Int(c.benefit_level).Text(c.province_code).Text(c.facility_code);
    auto r = Write(kUpsertCard, w, "không ghi được thẻ của mã số BHXH", c.bhxh.ToString(), Changes::kCountsInRow);
    if (!r.ok()) {
      if (conn_->LastFailedForeignKey()) {
        return Status::NotFound("thẻ của mã số BHXH " + c.bhxh.ToString() + " không có người trong sổ (mã thẻ " +
                                c.card_code + "); hãy nhập người trước");
      }
      return r.status();
    }
    if (r->Int(0, 0) > 0) return UpsertOutcome::kInserted;
    if (r->Int(0, 1) > 0) return UpsertOutcome::kUpdated;
    return UpsertOutcome::kUnchanged;
  });
}

Status PgStore::ScanCursor(const std::string& select, const char* doing,
                           const std::function<Status(const PgResult&, int)>& fn) {
  const bool own = !conn_->InTransaction();
  if (own) {
    BAOPHU_RETURN_IF_ERROR(conn_->Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  } else {
    BAOPHU_RETURN_IF_ERROR(CheckTransactionUsable());
  }
  const std::string name = "baophu_scan_" + std::to_string(++cursors_);
  Status st = conn_->Exec("DECLARE " + name + " NO SCROLL CURSOR FOR " + select);
  const std::string fetch = "FETCH " + std::to_string(options_.fetch_rows) + " FROM " + name;
  while (st.ok()) {
    auto r = conn_->RunOnce(fetch, Params(), doing);
    if (!r.ok()) {
      st = r.status();
      break;
    }
    for (int i = 0; i < r->rows() && st.ok(); ++i) st = fn(*r, i);
    if (r->rows() < options_.fetch_rows) break;
  }
  --cursors_;
  if (own) {
    conn_->Exec("ROLLBACK");  // read only: nothing to keep
  } else if (!conn_->TransactionFailed()) {
    conn_->Exec("CLOSE " + name);
  }
  return st;
}

Status PgStore::ScanPersons(const std::function<Status(const Person&)>& fn) {
  Person p;
  return ScanCursor(std::string("SELECT ") + kPersonColumns + " FROM person ORDER BY bhxh",
                    "lỗi khi đọc danh sách người", [&](const PgResult& r, int i) {
                      BAOPHU_RETURN_IF_ERROR(ReadPerson(r, i, &p));
                      return fn(p);
                    });
}

Status PgStore::ScanCards(const std::function<Status(const Card&)>& fn) {
  Card c;
  return ScanCursor(std::string("SELECT ") + kCardColumns + " FROM card ORDER BY bhxh, valid_from",
                    "lỗi khi đọc danh sách thẻ", [&](const PgResult& r, int i) {
                      BAOPHU_RETURN_IF_ERROR(ReadCard(r, i, &c));
                      return fn(c);
                    });
}

namespace {

constexpr const char* kCopyPersons =
    "COPY (SELECT bhxh, commune_code, hamlet_code, household_code, birth_date, sex FROM person ORDER BY bhxh) "
    "TO STDOUT";
constexpr const char* kCopyCards =
    "COPY (SELECT bhxh, valid_from, valid_to, object_code, benefit_level FROM card ORDER BY bhxh, valid_from) "
    "TO STDOUT";

Status CopyPersons(pg::Conn* c, const std::atomic<bool>& stop, const std::function<Status(const PersonIndexRow&)>& fn) {
  PersonIndexRow r;
  return pg::CopyOut(c, kCopyPersons, "lỗi khi đọc danh sách người", stop, [&](const pg::CopyRow& row) {
    if (row.size() != 6) return Status::Internal("COPY người trả về " + std::to_string(row.size()) + " cột");
    r.bhxh = row.Int(0);
    r.commune = row.Text(1);
    r.hamlet = row.Text(2);
    r.household = row.Text(3);
    r.birth = row.DateAt(4);
    r.sex = static_cast<Sex>(row.Int(5));
    return fn(r);
  });
}

Status CopyCards(pg::Conn* c, const std::atomic<bool>& stop, const std::function<Status(const CardIndexRow&)>& fn) {
  CardIndexRow r;
  return pg::CopyOut(c, kCopyCards, "lỗi khi đọc danh sách thẻ", stop, [&](const pg::CopyRow& row) {
    if (row.size() != 5) return Status::Internal("COPY thẻ trả về " + std::to_string(row.size()) + " cột");
    r.bhxh = row.Int(0);
    r.valid_from = row.DateAt(1);
    r.valid_to = row.DateAt(2);
    r.object_code = row.Text(3);
    r.benefit_level = static_cast<int>(row.Int(4));
    return fn(r);
  });
}

}  // namespace

Status PgStore::ScanIndexInputs(const std::function<Status(const PersonIndexRow&)>& on_person,
                                const std::function<Status(const CardIndexRow&)>& on_card, int64_t* generation) {
  std::atomic<bool> stop{false};
  if (conn_->InTransaction()) {  // one connection: it must see the transaction's own rows
    BAOPHU_RETURN_IF_ERROR(CheckTransactionUsable());
    if (generation) {
      auto g = Generation();
      if (!g.ok()) return g.status();
      *generation = *g;
    }
    BAOPHU_RETURN_IF_ERROR(CopyPersons(conn_.get(), stop, on_person));
    return CopyCards(conn_.get(), stop, on_card);
  }
  // Both connections read the snapshot this one exports: one consistent state of the store.
  BAOPHU_RETURN_IF_ERROR(conn_->Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  auto end = [&](Status st) {
    conn_->Exec("ROLLBACK");
    return st;
  };
  auto snap = conn_->RunOnce("SELECT pg_export_snapshot()", Params(), "không xuất được ảnh chụp dữ liệu");
  if (!snap.ok()) return end(snap.status());
  auto g = Generation();
  if (!g.ok()) return end(g.status());
  if (generation) *generation = *g;

  std::unique_ptr<pg::Conn> second;
  if (auto c = pg::Conn::Open(conn_->uri()); c.ok()) {
    Status st = (*c)->Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    if (st.ok()) st = (*c)->Exec("SET TRANSACTION SNAPSHOT '" + std::string(snap->Text(0, 0)) + "'");
    if (st.ok()) second = std::move(*c);
  }
  if (second == nullptr) {  // no second connection to be had: one after the other
    Status st = CopyPersons(conn_.get(), stop, on_person);
    if (st.ok()) st = CopyCards(conn_.get(), stop, on_card);
    return end(st);
  }
  Status cards_status;
  std::thread cards([&] {
    cards_status = CopyCards(second.get(), stop, on_card);
    if (!cards_status.ok()) stop = true;
  });
  Status persons_status = CopyPersons(conn_.get(), stop, on_person);
  if (!persons_status.ok()) stop = true;
  cards.join();
  second->Exec("ROLLBACK");
  return end(persons_status.ok() ? cards_status : persons_status);
}

Result<std::optional<Person>> PgStore::FindPerson(BhxhNumber bhxh) {
  auto r = conn_->Run(std::string("SELECT ") + kPersonColumns + " FROM person WHERE bhxh = $1",
                      Params().Int(bhxh.value()), "lỗi khi tìm người có mã số BHXH " + bhxh.ToString());
  if (!r.ok()) return r.status();
  if (r->rows() == 0) return std::optional<Person>();
  Person p;
  BAOPHU_RETURN_IF_ERROR(ReadPerson(*r, 0, &p));
  return std::optional<Person>(std::move(p));
}

Result<std::optional<BhxhNumber>> PgStore::FindByCitizenId(const CitizenId& id) {
  if (id.empty()) return std::optional<BhxhNumber>();
  auto r = conn_->Run("SELECT bhxh FROM person WHERE citizen_id = $1", Params().Text(id.str()),
                      "lỗi khi tìm số CCCD " + id.str());
  if (!r.ok()) return r.status();
  if (r->rows() == 0) return std::optional<BhxhNumber>();
  return std::optional<BhxhNumber>(BhxhNumber::FromInt(r->Int(0, 0)));
}

Status PgStore::CardsOf(BhxhNumber bhxh, std::vector<Card>* out) {
  out->clear();
  auto r = conn_->Run(std::string("SELECT ") + kCardColumns + " FROM card WHERE bhxh = $1 ORDER BY valid_from",
                      Params().Int(bhxh.value()), "lỗi khi đọc thẻ của mã số BHXH " + bhxh.ToString());
  if (!r.ok()) return r.status();
  for (int i = 0; i < r->rows(); ++i) {
    Card c;
    BAOPHU_RETURN_IF_ERROR(ReadCard(*r, i, &c));
    out->push_back(std::move(c));
  }
  return Status::Ok();
}

Status PgStore::SearchPersonsByName(const std::string& fold, int limit, std::vector<Person>* out) {
  out->clear();
  if (fold.empty() || limit <= 0) return Status::Ok();
  auto read_all = [&](const Result<PgResult>& r) -> Status {
    if (!r.ok()) return r.status();
    for (int i = 0; i < r->rows(); ++i) {
      Person p;
      BAOPHU_RETURN_IF_ERROR(ReadPerson(*r, i, &p));
      out->push_back(std::move(p));
    }
    return Status::Ok();
  };
  BAOPHU_RETURN_IF_ERROR(read_all(conn_->Run(
      kNamePrefix, Params().Text(fold).Text(fold + "\xf4\x8f\xbf\xbf").Int(limit), "lỗi khi tìm người theo tên")));
  if (static_cast<int>(out->size()) >= limit) return Status::Ok();
  return read_all(conn_->Run(kNameContains, Params().Text(fold).Int(limit - static_cast<int>(out->size())),
                             "lỗi khi tìm người theo tên"));
}

}  // namespace baophu
