#include "core/transport.h"

#include "core/enum_names.h"

namespace paraat {
namespace {

constexpr EnumNames<LinkMode, 6> kLinkModes = {{
    {LinkMode::kRoad, "road"},
    {LinkMode::kFerry, "ferry"},
    {LinkMode::kRailFerry, "rail_ferry"},
    {LinkMode::kBridge, "bridge"},
    {LinkMode::kTunnel, "tunnel"},
    {LinkMode::kFreightLine, "freight_line"},
}};

constexpr EnumNames<LinkService, 6> kLinkServices = {{
    {LinkService::kOperating, "operating"},
    {LinkService::kSeasonal, "seasonal"},
    {LinkService::kEmergency, "emergency"},
    {LinkService::kUnknown, "unknown"},
    {LinkService::kUnderConstruction, "under_construction"},
    {LinkService::kHistorical, "historical"},
}};

constexpr EnumNames<NetworkChangeKind, 2> kChangeKinds = {{
    {NetworkChangeKind::kClose, "close"},
    {NetworkChangeKind::kDelay, "delay"},
}};

}  // namespace

std::string_view link_mode_name(LinkMode mode) { return enum_name(kLinkModes, mode); }
Result<LinkMode> parse_link_mode(std::string_view text) {
  return parse_enum_name(kLinkModes, text, "link mode", "INVALID_VALUE");
}

std::string_view link_service_name(LinkService service) { return enum_name(kLinkServices, service); }
Result<LinkService> parse_link_service(std::string_view text) {
  return parse_enum_name(kLinkServices, text, "link status", "INVALID_VALUE");
}

bool carries_traffic(LinkService service) {
  return service != LinkService::kUnderConstruction && service != LinkService::kHistorical;
}

std::string_view network_change_kind_name(NetworkChangeKind kind) { return enum_name(kChangeKinds, kind); }
Result<NetworkChangeKind> parse_network_change_kind(std::string_view text) {
  return parse_enum_name(kChangeKinds, text, "network change kind", "INVALID_VALUE");
}

std::string border_id(const CountryCode& x, const CountryCode& y) {
  return x < y ? "border-" + x.str() + "-" + y.str() : "border-" + y.str() + "-" + x.str();
}

std::string road_link_id(const RegionCode& x, const RegionCode& y) {
  return x < y ? "road-" + x.str() + "-" + y.str() : "road-" + y.str() + "-" + x.str();
}

std::string normalise_target(const std::string& target) {
  for (const std::string prefix : {"border-", "road-"}) {
    if (target.rfind(prefix, 0) != 0) continue;
    const auto dash = target.find('-', prefix.size());
    if (dash == std::string::npos) return target;
    const std::string x = target.substr(prefix.size(), dash - prefix.size());
    const std::string y = target.substr(dash + 1);
    return x < y ? target : prefix + y + "-" + x;
  }
  return target;
}

}  // namespace paraat
