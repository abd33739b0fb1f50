#include "core/condition.h"

namespace paraat {

ConditionVerdict judge(const ConditionReading& reading, const std::optional<TemperatureRange>& range) {
  if (reading.exception == "ERROR_CONDITION") return ConditionVerdict::kSensorFault;
  if (reading.exception == "ALARM_CONDITION") return ConditionVerdict::kExcursion;
  if (reading.type != "Temperature" || !range) return ConditionVerdict::kNotApplicable;
  if (!reading.min_celsius && !reading.max_celsius) return ConditionVerdict::kNotApplicable;
  const bool too_warm = reading.max_celsius && *reading.max_celsius > range->max_c;
  const bool too_cold = reading.min_celsius && *reading.min_celsius < range->min_c;
  return too_warm || too_cold ? ConditionVerdict::kExcursion : ConditionVerdict::kWithinRange;
}

}  // namespace paraat
