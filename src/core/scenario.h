// Crisis scenarios and what people need in them.
#pragma once

#include <string>

#include "core/ids.h"
#include "core/quantity.h"
#include "core/time.h"

namespace paraat {

struct Scenario {
  ScenarioId id;
  std::string name;
  std::string hazard;     // "none" for the citizens' baseline, "flood", "pandemic", ...
  int window_days = 0;    // how long the crisis lasts / stock must cover, in days
  int minimum_days = 0;   // days of cover below which a region is short
  std::string version;    // of the scenario's list of goods, e.g. "2026.1"
  Date valid_from{};
  std::string description;

  bool operator==(const Scenario&) const = default;
};

// How much of one good one person needs per day in a scenario, exactly, in the good's base unit.
struct Need {
  ScenarioId scenario;
  GoodId good;
  Rational per_person_per_day;
  std::string basis;   // how the figure was derived
  std::string source;  // the published standard it comes from

  bool operator==(const Need&) const = default;
};

}  // namespace paraat
