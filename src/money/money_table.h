// The money commands' tables are the report layer's Table (report/table.h); these names stay
// for the money code that says MoneyTable.
#pragma once

#include "report/table.h"

namespace baophu::money {

using Cell = ::baophu::Cell;
using MoneyTable = ::baophu::Table;

}  // namespace baophu::money
