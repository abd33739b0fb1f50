// EPCIS captures, captured events and condition monitoring as typed tables (see reports.h).
#pragma once

#include <vector>

#include "report/table.h"
#include "service/epcis_service.h"

namespace paraat::report {

// One row per event of a capture: what it became and what it booked.
Table capture_report(const service::CaptureReport& report);
Table capture_jobs_report(const std::vector<store::CaptureJob>& jobs);
Table epcis_events_report(const std::vector<store::EpcisEventRecord>& events);
Table condition_alerts_report(const std::vector<ConditionAlert>& alerts);
Table condition_readings_report(const std::vector<ConditionReading>& readings);
// One row per lot amount or unit inside.
Table logistic_unit_report(const store::LogisticUnit& unit);

}  // namespace paraat::report
