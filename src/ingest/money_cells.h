// The cell parsers of the money imports (ingest/money_handlers.cc): tax codes, short codes,
// dates, whole đồng, counts, yes/no, months and unit codes. Each reads one cell of the row in
// `ctx` and, on a bad value, adds the row error (column, value, reason) and returns false.
// Thread-safety: pure functions over the RowCtx they are given.
#pragma once

#include <cstdint>
#include <string>

#include "core/date.h"
#include "core/money.h"
#include "ingest/row_handler.h"
#include "registry/unit_tree.h"

namespace baophu::money_cells {

// A tax code (mã số thuế): 10 digits, or 13 as 10 + "-" + 3 (branches); Excel may drop zeros.
bool ParseTaxCode(RowCtx& ctx, int col, std::string* out);

bool Required(RowCtx& ctx, int col, const char* what, std::string* out);

// A short code of letters, digits, '-', '_', '.' and '/' (school, sponsor, household).
bool ParseCode(RowCtx& ctx, int col, const char* what, std::string* out);

bool ParseDateCell(RowCtx& ctx, int col, Date* out);

// Đồng, whole (thousands separators accepted); `optional` allows an empty cell (= 0).
bool ParseMoney(RowCtx& ctx, int col, bool optional, Money* out);

bool ParseCountCell(RowCtx& ctx, int col, bool optional, int64_t* out);

// có/không, x/'', 1/0, yes/no, true/false.
bool ParseYesNo(RowCtx& ctx, int col, bool* out);

// A month: "01/2025", "1/2025", "2025-01", or a date in it.
bool ParseMonth(RowCtx& ctx, int col, int* year, int* month);

// An optional administrative unit code that the store knows.
bool ParseUnit(RowCtx& ctx, int col, const UnitTree& units, UnitCode* out);

}  // namespace baophu::money_cells
