#include "core/deployment.h"

#include "core/enum_names.h"

namespace paraat {
namespace {

constexpr EnumNames<UnmetReason, 8> kUnmetReasons = {{
    {UnmetReason::kNone, "none"},
    {UnmetReason::kNoStock, "no_stock"},
    {UnmetReason::kNoRoute, "no_route"},
    {UnmetReason::kNoRouteInTime, "no_route_in_time"},
    {UnmetReason::kExpiry, "expiry"},
    {UnmetReason::kDonorMinimum, "donor_minimum"},
    {UnmetReason::kShortOfStock, "short_of_stock"},
    {UnmetReason::kSharedFairly, "shared_fairly"},
}};

}  // namespace

std::string_view unmet_reason_name(UnmetReason reason) { return enum_name(kUnmetReasons, reason); }

}  // namespace paraat
