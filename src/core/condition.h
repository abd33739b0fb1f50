// Condition monitoring: sensor readings about stored goods and the verdict they give against a
// good's storage range. A reading outside the range, or a sensor's own alarm, is an excursion:
// the lots it concerns go into quarantine until an inspection releases or disposes of them. A
// failed sensor is a data-quality problem, not an excursion.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/good.h"
#include "core/ids.h"
#include "core/time.h"

namespace paraat {

// One measurement as kept: what was measured, where, about what, over which interval. Values
// are in the reading's own unit; temperatures also in °C (the unit storage ranges use).
struct ConditionReading {
  std::string event_id;   // the EPCIS event that carried it
  std::string gln;        // where it was taken
  std::optional<DepotId> depot;
  std::string subject;    // "location", or the lot ("<gtin>/<lot>") or object URI it is about
  std::string type;       // Temperature, RelativeHumidity, ...
  std::string feature;    // ambient, outer package, ... when the source tells them apart
  std::string device;
  std::string exception;  // "", ALARM_CONDITION, ERROR_CONDITION
  std::optional<Instant> from, to;
  std::optional<double> value, min_value, max_value, mean_value;
  std::string uom;
  std::optional<double> min_celsius, max_celsius;  // temperatures only

  bool operator==(const ConditionReading&) const = default;
};

enum class ConditionVerdict {
  kWithinRange,
  kExcursion,     // outside the storage range, or the sensor raised an alarm
  kSensorFault,   // ERROR_CONDITION: the reading cannot be trusted
  kNotApplicable  // no range to check (not a temperature, or the good has none)
};

// The verdict of one reading about a good stored in `range` (absent: no constraint). Bounds
// are inclusive: a good kept at 2–8 °C is fine at exactly 8.0 °C.
ConditionVerdict judge(const ConditionReading& reading, const std::optional<TemperatureRange>& range);

// An excursion, an alarm or a sensor fault, as raised for the people in charge of a depot.
struct ConditionAlert {
  std::string kind;  // temperature-excursion, sensor-alarm, sensor-fault
  std::string event_id;
  std::optional<DepotId> depot;
  std::string gln;
  GoodId good;
  std::string lot;
  Instant at{};
  std::string message;
  std::string quarantine_movement;  // the movement that quarantined the lot, if any

  bool operator==(const ConditionAlert&) const = default;
};

}  // namespace paraat
