// Coverage as a DHIS2 data value set (JSON, identifiers as codes: import with
// dataElementIdScheme=CODE&orgUnitIdScheme=CODE&categoryOptionComboIdScheme=CODE): per ISO week
// in a range, per unit down to `depth` and per reporting group, the raw data elements
// BHYT_INSURED, BHYT_POPULATION and BHYT_GAP as of the week's Sunday (or `to` for the last, partial
// week). Rates are left to DHIS2 indicators (insured / population), as DHIS2 keeps them. Figures
// from BuildCoverageReport. Pure function of a const LoadedRegistry: safe to run concurrently.
#pragma once

#include <string>

#include "core/date.h"
#include "core/status.h"
#include "report/registry_loader.h"

namespace baophu {

struct Dhis2Query {
  std::string unit_code;
  Date from, to;  // the weeks that contain a day of [from, to]
  int depth = 1;  // levels below the unit
};

// "2021W45" (ISO 8601 week of the day, as DHIS2 names weekly periods).
std::string IsoWeekPeriod(Date d);

// {"dataSet": "BHYT_WEEKLY", "dataValues": [{"dataElement", "period", "orgUnit",
// "categoryOptionCombo" (the group code; "default" for all groups), "value" (a string)}]}.
// InvalidArgument for from > to or more than 260 weeks; NotFound for an unknown unit.
Result<std::string> ExportDhis2DataValueSet(const LoadedRegistry& reg, const Dhis2Query& q);

}  // namespace baophu
