// Schema version 12 (numbered after issue 12, "trust first", to stay clear of the numbers
// other branches of that issue take; migrations apply out of order, see migrations.h):
//   store_state.write_token  a random number redrawn in the same transaction as every
//                            generation bump and by `baophu restore` (StoreState::write_token):
//                            a snapshot of the coverage index is trusted only when the store's
//                            instance, generation AND token match the ones it was written from,
//                            so a store restored from a backup and written to again (whose
//                            generation may climb back to the snapshot's) never matches it.
#pragma once

namespace baophu::sqlite {

inline constexpr const char* kV12WriteToken = R"sql(
ALTER TABLE store_state ADD COLUMN write_token BIGINT NOT NULL DEFAULT 0;
UPDATE store_state SET write_token = abs(random() % 9007199254740991) + 1;
)sql";

// PostgreSQL's random() is a double in [0, 1).
inline constexpr const char* kV12WriteTokenPg = R"sql(
ALTER TABLE store_state ADD COLUMN write_token BIGINT NOT NULL DEFAULT 0;
UPDATE store_state SET write_token = floor(random() * 9007199254740991)::bigint + 1;
)sql";

}  // namespace baophu::sqlite
