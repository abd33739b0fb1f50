// The transport network as tables: its links with their hours and state, a route leg by leg,
// and the recorded closures and delays.
#pragma once

#include <optional>
#include <vector>

#include "core/transport.h"
#include "deploy/network.h"
#include "report/table.h"

namespace paraat::report {

struct LinkFilter {
  std::optional<RegionCode> region;  // links with this region at either end
  std::optional<LinkMode> mode;
  bool closed_only = false;
};

Table network_links_report(const deploy::TransportNetwork& network, const LinkFilter& filter = {});
Table route_report(const deploy::TransportNetwork& network, const deploy::Route& route);
// `at`: the moment in_force is judged at.
Table network_changes_report(const std::vector<NetworkChange>& changes, Instant at);

}  // namespace paraat::report
