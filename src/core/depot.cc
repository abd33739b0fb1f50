#include "core/depot.h"

#include <algorithm>
#include <cmath>

#include "core/enum_names.h"
#include "core/ledger.h"

namespace paraat {
namespace {

constexpr EnumNames<DepotKind, 5> kDepotKinds = {{
    {DepotKind::kNational, "national"},
    {DepotKind::kResceu, "resceu"},
    {DepotKind::kSupplierManaged, "supplier-managed"},
    {DepotKind::kMilitary, "military"},
    {DepotKind::kHumanitarian, "humanitarian"},
}};

constexpr EnumNames<LotStatus, 4> kLotStatuses = {{
    {LotStatus::kAvailable, "available"},
    {LotStatus::kQuarantined, "quarantined"},
    {LotStatus::kRecalled, "recalled"},
    {LotStatus::kOnHold, "on-hold"},
}};

}  // namespace

std::string_view depot_kind_name(DepotKind kind) { return enum_name(kDepotKinds, kind); }
Result<DepotKind> parse_depot_kind(std::string_view text) {
  return parse_enum_name(kDepotKinds, text, "depot kind", "UNKNOWN_DEPOT_KIND");
}

std::string_view lot_status_name(LotStatus status) { return enum_name(kLotStatuses, status); }
Result<LotStatus> parse_lot_status(std::string_view text) {
  return parse_enum_name(kLotStatuses, text, "lot status", "UNKNOWN_LOT_STATUS");
}

double activity_at(const LotBalance& lot, Instant at, double half_life_hours) {
  const Instant from = lot.calibrated_at.value_or(at);
  const double hours = std::chrono::duration<double, std::ratio<3600>>(at - from).count();
  return decayed(static_cast<double>(lot.quantity), std::max(hours, 0.0), half_life_hours);
}

namespace {

// Both kinds of balance answer the same way.
template <class Lot>
std::int64_t whole_units_usable(const Lot& lot, Instant at, std::optional<double> half_life_hours) {
  if (!half_life_hours || !lot.calibrated_at) return lot.quantity;
  const double hours = std::chrono::duration<double, std::ratio<3600>>(at - *lot.calibrated_at).count();
  const double left = decayed(static_cast<double>(lot.quantity), std::max(hours, 0.0), *half_life_hours);
  return static_cast<std::int64_t>(std::floor(left + 1e-9));
}

template <class Lot>
bool usable_until(const Lot& lot, Date through) {
  if (lot.status != LotStatus::kAvailable || lot.quantity <= 0) return false;
  return !lot.expiry || *lot.expiry >= through;
}

}  // namespace

std::int64_t usable_quantity(const LotBalance& lot, Instant at, std::optional<double> half_life_hours) {
  return whole_units_usable(lot, at, half_life_hours);
}
std::int64_t usable_quantity(const Holding& lot, Instant at, std::optional<double> half_life_hours) {
  return whole_units_usable(lot, at, half_life_hours);
}
bool usable_through(const LotBalance& lot, Date through) { return usable_until(lot, through); }
bool usable_through(const Holding& lot, Date through) { return usable_until(lot, through); }

}  // namespace paraat
