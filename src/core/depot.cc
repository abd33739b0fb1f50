#include "core/depot.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "core/ledger.h"
#include <utility>

namespace paraat {
namespace {

constexpr std::array<std::pair<DepotKind, std::string_view>, 5> kDepotKinds = {{
    {DepotKind::kNational, "national"},
    {DepotKind::kResceu, "resceu"},
    {DepotKind::kSupplierManaged, "supplier-managed"},
    {DepotKind::kMilitary, "military"},
    {DepotKind::kHumanitarian, "humanitarian"},
}};

constexpr std::array<std::pair<LotStatus, std::string_view>, 4> kLotStatuses = {{
    {LotStatus::kAvailable, "available"},
    {LotStatus::kQuarantined, "quarantined"},
    {LotStatus::kRecalled, "recalled"},
    {LotStatus::kOnHold, "on-hold"},
}};

template <class Enum, std::size_t N>
Result<Enum> parse_enum(const std::array<std::pair<Enum, std::string_view>, N>& table,
                        std::string_view text, std::string_view what, std::string_view code) {
  std::string allowed;
  for (const auto& [value, name] : table) {
    if (name == text) return value;
    allowed += (allowed.empty() ? "" : ", ") + std::string(name);
  }
  return make_error(ErrorCode::kInvalidInput,
                    "unknown " + std::string(what) + " '" + std::string(text) + "'",
                    {{"", "", std::string(code), "expected one of " + allowed}});
}

template <class Enum, std::size_t N>
std::string_view enum_name(const std::array<std::pair<Enum, std::string_view>, N>& table,
                           Enum value) {
  for (const auto& [candidate, name] : table) {
    if (candidate == value) return name;
  }
  return "unknown";
}

}  // namespace

std::string_view depot_kind_name(DepotKind kind) { return enum_name(kDepotKinds, kind); }
Result<DepotKind> parse_depot_kind(std::string_view text) {
  return parse_enum(kDepotKinds, text, "depot kind", "UNKNOWN_DEPOT_KIND");
}

std::string_view lot_status_name(LotStatus status) { return enum_name(kLotStatuses, status); }
Result<LotStatus> parse_lot_status(std::string_view text) {
  return parse_enum(kLotStatuses, text, "lot status", "UNKNOWN_LOT_STATUS");
}

double activity_at(const LotBalance& lot, Instant at, double half_life_hours) {
  const Instant from = lot.calibrated_at.value_or(at);
  const double hours = std::chrono::duration<double, std::ratio<3600>>(at - from).count();
  return decayed(static_cast<double>(lot.quantity), std::max(hours, 0.0), half_life_hours);
}

std::int64_t usable_quantity(const LotBalance& lot, Instant at,
                             std::optional<double> half_life_hours) {
  if (!half_life_hours || !lot.calibrated_at) return lot.quantity;
  return static_cast<std::int64_t>(std::floor(activity_at(lot, at, *half_life_hours) + 1e-9));
}

bool usable_through(const LotBalance& lot, Date through) {
  if (lot.status != LotStatus::kAvailable || lot.quantity <= 0) return false;
  return !lot.expiry || *lot.expiry >= through;
}

}  // namespace paraat
