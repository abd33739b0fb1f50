#include "core/depot.h"

#include <array>
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

bool usable_through(const LotBalance& lot, Date through) {
  if (lot.status != LotStatus::kAvailable || lot.quantity <= 0) return false;
  return !lot.expiry || *lot.expiry >= through;
}

}  // namespace paraat
