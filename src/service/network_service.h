// Transport network use cases: the network as it stands at a moment, the fastest route between
// two regions, and recording closures and delays of links and borders. docs/transport.md gives
// the rules for travel hours.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"
#include "core/transport.h"
#include "deploy/network.h"
#include "store/store.h"

namespace paraat::service {

// What the network is built from, read once: regions, land borders, published links and every
// recorded change.
struct NetworkData {
  std::vector<Region> regions;
  std::vector<Adjacency> adjacency;
  std::vector<TransportLink> links;
  std::vector<NetworkChange> changes;
};
Result<NetworkData> network_data(store::Store& store);

// The network at `at`, with `what_if` changes added as if recorded (nothing is written).
deploy::TransportNetwork build_network(const NetworkData& data, Instant at,
                                       const std::vector<NetworkChange>& what_if = {});

// The network as the store holds it, at `at`.
Result<deploy::TransportNetwork> transport_network(store::Store& store, Instant at);

struct RouteAnswer {
  deploy::TransportNetwork network;
  deploy::Route route;
};

// The fastest open route. kNotFound for an unknown region, and for two regions no open path
// joins, saying which closures cut the destination (or the origin) off where that is the cause.
Result<RouteAnswer> route(store::Store& store, const RegionCode& from, const RegionCode& to, Instant at);

// Checks and records a closure or delay: the target must be a link or border of the network,
// a delay needs hours above 0 (at most 720), a closure none, the end must follow the start and
// a reason is required. kInvalidInput names the field.
Result<NetworkChange> add_network_change(store::Store& store, const NetworkChange& change);

// Ends a change at `at` (default `now`); one that has not started yet is cancelled. A lift only
// brings an end forward and never rewrites the past: kInvalidInput for an `at` before now on a
// change already in force, kConflict for a change that has ended or already ends by `at`.
// kNotFound for an unknown id.
Result<NetworkChange> lift_network_change(store::Store& store, std::int64_t id, std::optional<Instant> at, Instant now);

}  // namespace paraat::service
