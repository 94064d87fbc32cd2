// Schema version 7: the outreach lists' match results kept with their rows, so that a list
// does not run the matcher (store lookups by number, CCCD and name) for every row it shows.
//   outreach_match       the matcher's answer for a roster row (decisions are applied when read);
//   outreach_match_unit  the distinct units the rows are listed under, per kind (a list for a
//                        commune reads only that commune's rows);
//   outreach_state       the person generation the matches were computed against, and whether
//                        some rows were written since and wait for their match;
//   store_state.person_generation  grows with every commit that changed a person (the matches
//                        depend on people only: a card import leaves them current).
#pragma once

namespace baophu::sqlite {

inline constexpr const char* kV7OutreachMatch = R"sql(
CREATE TABLE outreach_match (
  kind       INTEGER NOT NULL,
  group_code TEXT    NOT NULL,
  row_key    TEXT    NOT NULL,
  state      INTEGER NOT NULL,                  -- outreach::MatchState
  method     INTEGER NOT NULL,                  -- outreach::MatchMethod
  bhxh       BIGINT,                            -- the matched person
  list_unit  TEXT    NOT NULL,                  -- the row's commune, else the matched person's, else ''
  candidates TEXT    NOT NULL,                  -- uncertain: one line per candidate (outreach/match_store.cc)
  PRIMARY KEY (kind, group_code, row_key)
);
CREATE INDEX outreach_match_by_unit ON outreach_match (kind, list_unit);

CREATE TABLE outreach_match_unit (
  kind      INTEGER NOT NULL,
  list_unit TEXT    NOT NULL,
  PRIMARY KEY (kind, list_unit)
);

CREATE TABLE outreach_state (
  id               INTEGER PRIMARY KEY CHECK (id = 1),
  match_generation BIGINT  NOT NULL,             -- -1: never matched
  pending          INTEGER NOT NULL              -- 1: rows written since, without a match
);
INSERT INTO outreach_state (id, match_generation, pending) VALUES (1, -1, 1);

ALTER TABLE store_state ADD COLUMN person_generation BIGINT NOT NULL DEFAULT 0;
)sql";

}  // namespace baophu::sqlite
