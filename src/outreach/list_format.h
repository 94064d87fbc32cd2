// The outreach lists and their follow-up as tables (money/MoneyTable: aligned text, CSV, XLSX
// with Vietnamese headers), in Vietnamese or English. CCCD and phone numbers are masked unless
// `unmask` (the role needs them). Pure; thread-safe.
#pragma once

#include <string>

#include "money/money_table.h"
#include "outreach/followup.h"
#include "outreach/lists.h"

namespace baophu::outreach {

// The list's headline: "Học sinh theo trường, lớp — Tỉnh Bạc Liêu, ngày 10/11/2021: 5 người".
std::string ListHeadline(const OutreachList& list, bool en);
// One line per section (school / class / organisation / type / household); empty for expired
// and expiring.
money::MoneyTable SectionsTable(const OutreachList& list, bool en);
// One line per person to reach.
money::MoneyTable EntriesTable(const OutreachList& list, bool en, bool unmask);

money::MoneyTable ProgressEntriesTable(const Progress& p, bool en);
money::MoneyTable ConversionTable(const Progress& p, bool by_unit, bool en);

}  // namespace baophu::outreach
