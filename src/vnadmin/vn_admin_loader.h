// Loads Vietnam's real administrative units (../shared/data/vn-admin, GSO codes) into the
// store: the pre-2025 three-level hierarchy (valid until 2025-06-30), the post-2025 two-level
// one (from 2025-07-01), the old→new mapping as successor links (full and partial), the 2019
// census as population rows dated 2019-04-01, and census figures carried into the post-2025
// units through the mapping (dated 2025-07-01). Idempotent: loading twice changes nothing.
#pragma once

#include <string>

#include "store/store.h"

namespace baophu {

struct VnAdminLoadStats {
  int64_t units_inserted = 0, units_updated = 0, units_unchanged = 0;
  int64_t successors = 0, population_rows = 0, mapped_population_rows = 0;
  int64_t skipped_mapping_edges = 0;  // edges from the 12 stale codes absent from the 2025 list
};

// The whole load is one transaction: it lands entirely or not at all.
Result<VnAdminLoadStats> LoadVnAdmin(Store* store, const std::string& dir);

// The first day of the post-2025 units (Decision 19/2025/QĐ-TTg) and the census date.
Date Reform2025Date();
Date Census2019Date();

}  // namespace baophu
