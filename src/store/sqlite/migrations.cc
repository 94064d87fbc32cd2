#include "store/sqlite/migrations.h"
#include "store/sqlite/migration_v6.h"
#include "store/sqlite/migration_v7.h"
#include "store/sqlite/migration_v12.h"

#include <algorithm>

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

// Version 3: money — employers (declarations, payments, written reminders, rosters), schools
// with their primary-care attributes and insured-pupil counts, sponsors (pledges and payments),
// households' hardship and the cards sponsors bought. Amounts are BIGINT đồng.
constexpr const char* kV3 = R"sql(
CREATE TABLE employer (
  tax_code  TEXT PRIMARY KEY,
  name      TEXT NOT NULL,
  unit_code TEXT REFERENCES unit_code (code),  -- NULL when not given
  sector    TEXT NOT NULL,
  region    INTEGER NOT NULL                  -- minimum-wage region 1..4, 0 = not given
);

CREATE TABLE employer_declaration (
  tax_code         TEXT    NOT NULL REFERENCES employer (tax_code),
  year             INTEGER NOT NULL,
  month            INTEGER NOT NULL,
  employees        BIGINT  NOT NULL,
  salary_fund      BIGINT  NOT NULL,
  social_due       BIGINT  NOT NULL,   -- 0 when not declared
  unemployment_due BIGINT  NOT NULL,   -- 0 when not declared
  PRIMARY KEY (tax_code, year, month)
);

CREATE TABLE employer_payment (
  tax_code  TEXT    NOT NULL REFERENCES employer (tax_code),
  date      INTEGER NOT NULL,
  reference TEXT    NOT NULL,          -- '' when not given
  amount    BIGINT  NOT NULL,
  PRIMARY KEY (tax_code, date, reference)
);

CREATE TABLE employer_reminder (
  tax_code  TEXT    NOT NULL REFERENCES employer (tax_code),
  date      INTEGER NOT NULL,
  reference TEXT    NOT NULL,
  PRIMARY KEY (tax_code, date)
);

-- People working for an employer; not a foreign key to person: a worker nobody registered is
-- exactly what the roster is there to find.
CREATE TABLE employer_roster (
  tax_code  TEXT    NOT NULL REFERENCES employer (tax_code),
  bhxh      BIGINT  NOT NULL,
  from_date INTEGER NOT NULL,
  PRIMARY KEY (tax_code, bhxh)
);

CREATE TABLE school (
  code               TEXT    PRIMARY KEY,
  name               TEXT    NOT NULL,
  unit_code          TEXT    REFERENCES unit_code (code),
  medical_room       INTEGER NOT NULL,   -- 0/1
  practitioner       INTEGER NOT NULL,   -- 0/1
  treatment_contract INTEGER NOT NULL    -- 0/1
);

CREATE TABLE school_pupil_count (
  school_code    TEXT    NOT NULL REFERENCES school (code),
  period_from    INTEGER NOT NULL,
  months         INTEGER NOT NULL,
  pupils         BIGINT  NOT NULL,       -- 0 when not given
  insured_pupils BIGINT  NOT NULL,
  PRIMARY KEY (school_code, period_from)
);

-- Pupils on a school's list; not a foreign key to person: a pupil may not be in the registry yet.
CREATE TABLE school_pupil (
  school_code TEXT   NOT NULL REFERENCES school (code),
  bhxh        BIGINT NOT NULL,
  PRIMARY KEY (school_code, bhxh)
);

CREATE TABLE sponsor (
  code      TEXT PRIMARY KEY,
  name      TEXT NOT NULL,
  kind      TEXT NOT NULL,
  unit_code TEXT REFERENCES unit_code (code)
);

CREATE TABLE sponsor_fund (
  sponsor_code TEXT    NOT NULL REFERENCES sponsor (code),
  date         INTEGER NOT NULL,
  kind         INTEGER NOT NULL,         -- FundKind: 1 pledge, 2 payment
  reference    TEXT    NOT NULL,
  amount       BIGINT  NOT NULL,
  PRIMARY KEY (sponsor_code, date, kind, reference)
);

CREATE TABLE household_hardship (
  household_code  TEXT    NOT NULL,
  as_of           INTEGER NOT NULL,
  income_per_head BIGINT  NOT NULL,
  note            TEXT    NOT NULL,
  PRIMARY KEY (household_code, as_of)
);

CREATE TABLE sponsor_allocation (
  sponsor_code   TEXT    NOT NULL REFERENCES sponsor (code),
  bhxh           BIGINT  NOT NULL,
  household_code TEXT    NOT NULL,
  paid_on        INTEGER NOT NULL,
  months         INTEGER NOT NULL,
  amount         BIGINT  NOT NULL,
  card_from      INTEGER NOT NULL,
  card_to        INTEGER NOT NULL,
  PRIMARY KEY (sponsor_code, bhxh, paid_on)
);
CREATE INDEX sponsor_allocation_by_bhxh ON sponsor_allocation (bhxh);
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

// Version 5: outreach — rows of outside lists (school rosters, social-protection lists, members
// of organisations) to reconcile with the registry, decisions on uncertain matches, who is
// responsible for a class / hamlet / organisation, assignments and their outcomes
// (registry/outreach_model.h). Not foreign keys to person: a listed person may not be in the
// registry (yet).
constexpr const char* kV5 = R"sql(
CREATE TABLE outreach_row (
  kind        INTEGER NOT NULL,                 -- RosterKind
  group_code  TEXT    NOT NULL,                 -- school / beneficiary type / organisation
  row_key     TEXT    NOT NULL,                 -- b:<bhxh> | c:<cccd> | n:<folded name>|<birth>
  group_name  TEXT    NOT NULL,
  subgroup    TEXT    NOT NULL,                 -- a pupil's class, '' otherwise
  unit_code   TEXT    REFERENCES unit_code (code),
  bhxh        BIGINT,
  citizen_id  TEXT,
  full_name   TEXT    NOT NULL,
  birth_date  INTEGER,
  phone       TEXT    NOT NULL,
  valid_from  INTEGER,
  valid_to    INTEGER,
  PRIMARY KEY (kind, group_code, row_key)
);

CREATE TABLE outreach_match_decision (
  kind       INTEGER NOT NULL,
  group_code TEXT    NOT NULL,
  row_key    TEXT    NOT NULL,
  bhxh       BIGINT  NOT NULL,
  decision   INTEGER NOT NULL,                  -- MatchDecision: 1 confirmed, 2 rejected
  decided_by TEXT    NOT NULL,
  PRIMARY KEY (kind, group_code, row_key, bhxh)
);

CREATE TABLE outreach_responsible (
  scope     INTEGER NOT NULL,                   -- ResponsibleScope: 1 class, 2 hamlet, 3 organisation
  scope_key TEXT    NOT NULL,
  assignee  TEXT    NOT NULL,
  PRIMARY KEY (scope, scope_key)
);

CREATE TABLE outreach_assignment (
  list        TEXT    NOT NULL,
  entry_key   TEXT    NOT NULL,                 -- p:<bhxh> | r:<kind>|<group>|<row_key>
  assignee    TEXT    NOT NULL,
  unit_code   TEXT,
  assigned_on INTEGER NOT NULL,
  rule        TEXT    NOT NULL,
  PRIMARY KEY (list, entry_key)
);
CREATE INDEX outreach_assignment_by_assignee ON outreach_assignment (assignee);

CREATE TABLE outreach_outcome (
  list        TEXT    NOT NULL,
  entry_key   TEXT    NOT NULL,
  seq         BIGINT  NOT NULL,
  date        INTEGER NOT NULL,
  outcome     INTEGER NOT NULL,                 -- OutcomeKind
  note        TEXT    NOT NULL,
  recorded_by TEXT    NOT NULL,
  PRIMARY KEY (list, entry_key, seq)
);
)sql";

constexpr const char* kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)";
constexpr const char* kMaxVersion = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
constexpr const char* kRecordVersion = "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)";
constexpr const char* kAppliedVersions = "SELECT version FROM schema_migrations ORDER BY version";

// Every version recorded in the file.
Result<std::vector<int>> AppliedVersions(Db* db) {
  auto q = db->Prepare(kAppliedVersions);
  if (!q.ok()) return q.status();
  std::vector<int> out;
  for (;;) {
    int rc = (*q)->Step();
    if (rc == SQLITE_DONE) return out;
    if (rc != SQLITE_ROW) return db->Error(rc, "không đọc được các phiên bản lược đồ đã áp dụng");
    out.push_back(static_cast<int>((*q)->Int(0)));
  }
}

bool Contains(const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); }

Status ApplyOne(Db* db, const Migration& m) {
  BAOPHU_RETURN_IF_ERROR(db->Exec("BEGIN IMMEDIATE"));
  auto fail = [&](Status st) {
    db->Exec("ROLLBACK");
    return st;
  };
  auto applied = AppliedVersions(db);
  if (!applied.ok()) return fail(applied.status());
  if (Contains(*applied, m.version)) return db->Exec("COMMIT");  // another process got here first
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
      {3, kV3},
      {4, kV4},
      {5, kV5},
      {6, kV6Steering},       // store/sqlite/migration_v6.h
      {7, kV7OutreachMatch},  // store/sqlite/migration_v7.h
      {12, kV12WriteToken},   // store/sqlite/migration_v12.h
  };
  return kAll;
}

Result<int> AppliedSchemaVersion(Db* db) {
  auto v = db->QueryInt(kMaxVersion);
  if (!v.ok()) return v.status();
  return static_cast<int>(*v);
}

Status Migrate(Db* db) { return MigrateWith(db, Migrations()); }

Status MigrateWith(Db* db, const std::vector<Migration>& migrations) {
  BAOPHU_RETURN_IF_ERROR(db->Exec(kCreateMigrationsTable));
  auto applied = AppliedVersions(db);
  if (!applied.ok()) return applied.status();
  // A version this program does not know means a newer program wrote the file.
  for (int v : *applied) {
    bool known = false;
    for (const Migration& m : migrations) known |= m.version == v;
    if (!known) {
      return Status::Unsupported("cơ sở dữ liệu '" + db->path() + "' có lược đồ phiên bản " + std::to_string(v) +
                                 ", mới hơn phiên bản " + std::to_string(migrations.back().version) +
                                 " mà chương trình này biết; hãy dùng bản baophu mới hơn");
    }
  }
  // Every migration not yet recorded, in order, also one numbered below the file's latest: the
  // numbers were handed out to branches ahead of time (2 engine, 3 money, 4 accounts, 5 outreach),
  // so a file may have received one before a lower one existed.
  for (const Migration& m : migrations) {
    if (Contains(*applied, m.version)) continue;
    BAOPHU_RETURN_IF_ERROR(ApplyOne(db, m));
  }
  return Status::Ok();
}

}  // namespace baophu::sqlite
