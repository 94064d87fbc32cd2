// Fills the weekly report's steering sections from the SteeringStore: the campaigns under way in
// the unit (started by the date, ended less than four weeks before it) with their progress, the
// agencies of the unit and below with their completeness, and each sub-unit's area conditions.
// Reads the store (one thread, as SteeringStore); the rest is pure.
#pragma once

#include "report/registry_loader.h"
#include "steering/area_conditions.h"
#include "steering/weekly_report.h"
#include "store/steering_store.h"

namespace baophu {

Status AddSteeringSections(const LoadedRegistry& reg, SteeringStore* store, const ConditionLevels& levels, Lang lang,
                           WeeklyReport* w);

}  // namespace baophu
