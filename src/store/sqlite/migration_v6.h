// Schema version 6: the steering tables (store/steering_store.h). Kept apart from migrations.cc
// so that its list only gains a line.
#pragma once

namespace baophu::sqlite {

inline constexpr const char* kV6Steering = R"sql(
CREATE TABLE campaign (
  code       TEXT    PRIMARY KEY,
  name       TEXT    NOT NULL,
  date_from  INTEGER NOT NULL,
  date_to    INTEGER NOT NULL,
  target_new BIGINT  NOT NULL
);
CREATE TABLE campaign_unit (
  campaign_code TEXT NOT NULL REFERENCES campaign (code),
  unit_code     TEXT NOT NULL REFERENCES unit_code (code),
  PRIMARY KEY (campaign_code, unit_code)
);
CREATE TABLE campaign_group (
  campaign_code TEXT    NOT NULL REFERENCES campaign (code),
  group_id      INTEGER NOT NULL,
  PRIMARY KEY (campaign_code, group_id)
);
CREATE TABLE campaign_assignee (
  campaign_code TEXT    NOT NULL REFERENCES campaign (code),
  name          TEXT    NOT NULL,
  person        INTEGER NOT NULL,             -- 0 = an organisation
  unit_code     TEXT    NOT NULL REFERENCES unit_code (code),
  target_new    BIGINT  NOT NULL,
  PRIMARY KEY (campaign_code, name)
);
CREATE TABLE area_condition (
  unit_code TEXT    NOT NULL REFERENCES unit_code (code),
  kind      TEXT    NOT NULL,                 -- "covid", "flood" (data/rules/area_condition_levels.csv)
  date_from INTEGER NOT NULL,
  level     INTEGER NOT NULL,
  note      TEXT    NOT NULL,
  PRIMARY KEY (unit_code, kind, date_from)
);
CREATE TABLE agency (
  code      TEXT    PRIMARY KEY,
  name      TEXT    NOT NULL,
  unit_code TEXT    NOT NULL REFERENCES unit_code (code),
  date_from INTEGER NOT NULL,
  due_days  INTEGER NOT NULL
);
CREATE TABLE agency_report (
  agency_code  TEXT    NOT NULL REFERENCES agency (code),
  week_end     INTEGER NOT NULL,
  group_id     INTEGER NOT NULL,
  insured      BIGINT  NOT NULL,
  population   BIGINT  NOT NULL,              -- -1 = not given
  submitted_on INTEGER NOT NULL,
  PRIMARY KEY (agency_code, week_end, group_id)
);
)sql";

}  // namespace baophu::sqlite
