// Depots and the lots held in them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/geography.h"
#include "core/ids.h"
#include "core/result.h"
#include "core/time.h"

namespace paraat {

enum class DepotKind { kNational, kResceu, kSupplierManaged, kMilitary, kHumanitarian };

// "national", "resceu", "supplier-managed", "military", "humanitarian".
std::string_view depot_kind_name(DepotKind kind);
Result<DepotKind> parse_depot_kind(std::string_view text);

struct Depot {
  DepotId id;
  std::string name;
  OrganisationId owner;
  DepotKind kind = DepotKind::kNational;
  CountryCode country;  // where it stands (custody), which may differ from the owner's
  RegionCode region;    // NUTS-2
  GeoPoint location;
  std::string gln;      // GS1 Global Location Number, empty when none
  std::string timezone; // IANA zone of its business days, e.g. "Europe/Lisbon"; empty: region's
  bool generated = false;  // made up by `paraat demo-stock`, not reported by anyone

  bool operator==(const Depot&) const = default;
};

enum class LotStatus { kAvailable, kQuarantined, kRecalled, kOnHold };

// "available", "quarantined", "recalled", "on-hold".
std::string_view lot_status_name(LotStatus status);
Result<LotStatus> parse_lot_status(std::string_view text);

// A lot's balance at one depot: the unit every stock report is built from.
struct LotBalance {
  DepotId depot;
  RegionCode region;
  CountryCode country;
  GoodId good;
  std::string lot;            // lot (batch) code as printed on the goods
  OrganisationId owner;
  std::optional<Date> expiry; // usable through this day; absent: does not expire
  LotStatus status = LotStatus::kAvailable;
  std::int64_t quantity = 0;  // base units
  bool generated = false;
  std::int64_t pack_size = 1;                // base units per pack of this lot
  std::optional<Instant> calibrated_at;      // decaying goods: when `quantity` was the activity
  std::optional<double> activity;            // decaying goods: what is left at the time asked

  bool operator==(const LotBalance&) const = default;
};

// What whole-register planning needs of one lot's current balance at one depot: where, what,
// how much, until when, in what state. A fraction of a LotBalance's memory and no names to copy,
// which matters at a million lots.
struct Holding {
  RegionCode region;
  GoodId good;
  std::int64_t lot = 0;  // the lot's record id: a stable tie-break
  std::optional<Date> expiry;
  LotStatus status = LotStatus::kAvailable;
  std::int64_t quantity = 0;
  bool generated = false;
  std::optional<Instant> calibrated_at;  // decaying goods: when `quantity` was the activity

  bool operator==(const Holding&) const = default;
};

// Whether a lot can be used on every day up to and including `through`: it is available, holds
// a positive quantity and does not expire before that day ends.
bool usable_through(const LotBalance& lot, Date through);
bool usable_through(const Holding& lot, Date through);

// A decaying lot's activity at `at`: its quantity when calibrated, halved every half-life.
double activity_at(const LotBalance& lot, Instant at, double half_life_hours);

// Whole base units of the lot usable at `at`: its quantity, or for a decaying good (a
// half-life given) the whole units of activity left.
std::int64_t usable_quantity(const LotBalance& lot, Instant at,
                             std::optional<double> half_life_hours);
std::int64_t usable_quantity(const Holding& lot, Instant at, std::optional<double> half_life_hours);

}  // namespace paraat
