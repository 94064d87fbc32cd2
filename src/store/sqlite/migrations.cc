#include "store/sqlite/migrations.h"

namespace baophu::sqlite {
namespace {

// Version 1: units with validity periods, successors, denominators, targets, the people
// registry (households, persons, cards) and the import history.
constexpr const char* kV1 = R"sql(
-- Every unit code ever used, so that other tables can reference a code (GSO reuses codes across
-- periods, so the unit table itself is keyed by (code, valid_from)).
CREATE TABLE unit_code (
  code TEXT PRIMARY KEY
);

CREATE TABLE unit (
  code        TEXT    NOT NULL REFERENCES unit_code (code),
  valid_from  INTEGER NOT NULL,
  valid_to    INTEGER NOT NULL,
  name        TEXT    NOT NULL,
  level       INTEGER NOT NULL,               -- UnitLevel
  parent_code TEXT    REFERENCES unit_code (code),  -- NULL only for the country
  PRIMARY KEY (code, valid_from)
);
CREATE INDEX unit_by_parent ON unit (parent_code);

CREATE TABLE unit_successor (
  from_code       TEXT    NOT NULL,
  from_valid_from INTEGER NOT NULL,
  to_code         TEXT    NOT NULL REFERENCES unit_code (code),
  merge_type      INTEGER NOT NULL,           -- MergeType
  PRIMARY KEY (from_code, from_valid_from, to_code),
  FOREIGN KEY (from_code, from_valid_from) REFERENCES unit (code, valid_from)
);

CREATE TABLE population (
  unit_code  TEXT    NOT NULL REFERENCES unit_code (code),
  date       INTEGER NOT NULL,
  group_id   INTEGER NOT NULL,                -- ReportingGroupId, 0 = all groups
  population BIGINT  NOT NULL,
  source     TEXT    NOT NULL,
  PRIMARY KEY (unit_code, date, group_id)
);

CREATE TABLE target (
  unit_code         TEXT    NOT NULL REFERENCES unit_code (code),
  year              INTEGER NOT NULL,
  group_id          INTEGER NOT NULL,
  target_hundredths INTEGER NOT NULL,
  PRIMARY KEY (unit_code, year, group_id)
);

CREATE TABLE household (
  code         TEXT PRIMARY KEY,
  commune_code TEXT REFERENCES unit_code (code)
);
CREATE INDEX household_by_commune ON household (commune_code);

CREATE TABLE person (
  bhxh           BIGINT  PRIMARY KEY,
  citizen_id     TEXT    UNIQUE,                -- NULL when unknown
  full_name      TEXT    NOT NULL,
  name_fold      TEXT    NOT NULL,              -- FoldForSearch(full_name)
  birth_date     INTEGER,                       -- NULL when unknown
  sex            INTEGER NOT NULL,              -- Sex
  commune_code   TEXT    REFERENCES unit_code (code),
  hamlet_code    TEXT    REFERENCES unit_code (code),
  household_code TEXT    REFERENCES household (code)
) WITHOUT ROWID;
CREATE INDEX person_by_name_fold ON person (name_fold);
CREATE INDEX person_by_commune ON person (commune_code, hamlet_code);
CREATE INDEX person_by_household ON person (household_code);

CREATE TABLE card (
  bhxh           BIGINT  NOT NULL REFERENCES person (bhxh),
  valid_from     INTEGER NOT NULL,
  valid_to       INTEGER,                       -- NULL when unknown
  card_code      TEXT    NOT NULL,
  object_code    TEXT,                          -- NULL when the card code carried none
  benefit_level  INTEGER NOT NULL,
  province_code  TEXT    NOT NULL,
  facility_code  TEXT    NOT NULL,
  PRIMARY KEY (bhxh, valid_from)
) WITHOUT ROWID;
CREATE INDEX card_by_valid_to ON card (valid_to);

CREATE TABLE import_log (
  id          BIGINT PRIMARY KEY,               -- 1, 2, 3 ... assigned by the store
  kind        TEXT   NOT NULL,
  file        TEXT   NOT NULL,
  sha256      TEXT   NOT NULL,
  counts_json TEXT   NOT NULL,
  imported_at TEXT   NOT NULL                   -- ISO 8601 UTC
);
)sql";

// Version 2: the store's identity (a random number drawn once) and its data generation, a
// counter raised by every committed change (Store::InstanceId, Store::Generation), with which a
// saved engine snapshot knows whether it is still current.
constexpr const char* kV2 = R"sql(
CREATE TABLE store_state (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  instance   BIGINT  NOT NULL,
  generation BIGINT  NOT NULL
);
INSERT INTO store_state (id, instance, generation) VALUES (1, abs(random() % 9007199254740991), 0);
)sql";

// Version 4: accounts of the web application (users, the units each may see), and the audit
// log of every view or export of personal data. Sessions live in the server's memory.
constexpr const char* kV4 = R"sql(
CREATE TABLE app_user (
  id            BIGINT  PRIMARY KEY,            -- 1, 2, 3 ... assigned by the store
  username      TEXT    NOT NULL UNIQUE,
  display_name  TEXT    NOT NULL,
  role          INTEGER NOT NULL,               -- Role (store/account_store.h)
  password_hash TEXT    NOT NULL,               -- libsodium crypto_pwhash_str (Argon2id)
  active        INTEGER NOT NULL,               -- 0 = cannot log in
  created_at    TEXT    NOT NULL,               -- ISO 8601 UTC
  updated_at    TEXT    NOT NULL
);

-- The units a user may see (and everything below them).
CREATE TABLE app_user_unit (
  user_id   BIGINT NOT NULL REFERENCES app_user (id),
  unit_code TEXT   NOT NULL REFERENCES unit_code (code),
  PRIMARY KEY (user_id, unit_code)
);

-- Who saw or exported which personal data, when, and of which unit.
CREATE TABLE audit_log (
  id        BIGINT PRIMARY KEY,                 -- 1, 2, 3 ... assigned by the store
  at        TEXT   NOT NULL,                    -- ISO 8601 UTC
  username  TEXT   NOT NULL,
  action    TEXT   NOT NULL,                    -- "person.view", "people.search", "export.xlsx" ...
  unit_code TEXT,                               -- the unit whose data was seen
  subject   TEXT,                               -- e.g. the BHXH number or the search text
  client_ip TEXT
);
CREATE INDEX audit_by_user ON audit_log (username, id);
)sql";

constexpr const char* kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)";
constexpr const char* kMaxVersion = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
constexpr const char* kRecordVersion = "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)";

// Whether migration `version` is recorded. Versions are checked one by one, not against the
// maximum: numbers are reserved per branch (2, 3, 4, 5 ...), so a file may have received 4 before
// 3 was merged, and 3 must still be applied then.
Result<bool> IsApplied(Db* db, int version) {
  std::string sql = "SELECT COUNT(*) FROM schema_migrations WHERE version = " + std::to_string(version);
  auto n = db->QueryInt(sql.c_str());
  if (!n.ok()) return n.status();
  return *n > 0;
}

Status ApplyOne(Db* db, const Migration& m) {
  BAOPHU_RETURN_IF_ERROR(db->Exec("BEGIN IMMEDIATE"));
  auto fail = [&](Status st) {
    db->Exec("ROLLBACK");
    return st;
  };
  auto done = IsApplied(db, m.version);
  if (!done.ok()) return fail(done.status());
  if (*done) return db->Exec("COMMIT");  // another process got here first
  Status st = db->Exec(m.sql);
  if (!st.ok()) {
    return fail(Status::Internal("không áp dụng được bản nâng cấp lược đồ số " + std::to_string(m.version) +
                                 ": " + st.message()));
  }
  auto rec = db->Prepare(kRecordVersion);
  if (!rec.ok()) return fail(rec.status());
  std::string now = UtcNowIso();
  (*rec)->BindInt(1, m.version);
  (*rec)->BindText(2, now);
  int rc = (*rec)->Step();
  if (rc != SQLITE_DONE) return fail(db->Error(rc, "không ghi được phiên bản lược đồ"));
  rec->reset();  // finalize before COMMIT
  return db->Exec("COMMIT");
}

}  // namespace

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kAll = {
      {1, kV1},
      {2, kV2},
      {4, kV4},
  };
  return kAll;
}

Result<int> AppliedSchemaVersion(Db* db) {
  auto v = db->QueryInt(kMaxVersion);
  if (!v.ok()) return v.status();
  return static_cast<int>(*v);
}

Status Migrate(Db* db) {
  BAOPHU_RETURN_IF_ERROR(db->Exec(kCreateMigrationsTable));
  auto applied = AppliedSchemaVersion(db);
  if (!applied.ok()) return applied.status();
  if (*applied > LatestSchemaVersion()) {
    return Status::Unsupported("cơ sở dữ liệu '" + db->path() + "' có lược đồ phiên bản " +
                               std::to_string(*applied) + ", mới hơn phiên bản " +
                               std::to_string(LatestSchemaVersion()) +
                               " mà chương trình này biết; hãy dùng bản baophu mới hơn");
  }
  for (const Migration& m : Migrations()) {
    auto done = IsApplied(db, m.version);
    if (!done.ok()) return done.status();
    if (*done) continue;
    BAOPHU_RETURN_IF_ERROR(ApplyOne(db, m));
  }
  return Status::Ok();
}

}  // namespace baophu::sqlite
