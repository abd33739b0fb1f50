// A batch of records to load, as plain domain values. Ingest produces it from files or from the
// demo generator; a Store writes it in one transaction.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <vector>

#include "core/depot.h"
#include "core/geography.h"
#include "core/good.h"
#include "core/movement.h"
#include "core/scenario.h"
#include "core/time.h"
#include "core/transport.h"

namespace paraat {

// A parameter of the demo stock generator (not a real figure): how much of a good a depot of a
// kind holds per 100,000 inhabitants it serves, drawn between min and max.
struct DemoProfileLine {
  GoodId good;
  DepotKind depot_kind = DepotKind::kResceu;
  std::int64_t per_100k_min = 0;
  std::int64_t per_100k_max = 0;

  bool operator==(const DemoProfileLine&) const = default;
};

struct Dataset {
  std::vector<Country> countries;
  std::vector<Region> regions;
  std::vector<Population> population;
  std::vector<Adjacency> adjacency;
  std::vector<TransportLink> transport_links;
  std::vector<ResceuHost> resceu_hosts;
  std::vector<Good> goods;
  std::vector<Scenario> scenarios;
  std::vector<Need> needs;
  std::vector<ReferencePrice> prices;
  std::vector<HoldingCost> holding_costs;
  std::vector<PurchaseOrder> orders;
  std::vector<TradeItem> trade_items;
  std::vector<DemoProfileLine> demo_profile;
  std::vector<Depot> depots;
  // Opening stock: receipts (source "opening") that register lots in depots. Their ids make
  // loading the same file twice a no-op.
  std::vector<MovementLine> stock;
  // Parameters of the demo generator that made this batch, kept so a second run can tell.
  std::optional<std::string> demo_parameters;

  std::size_t record_count() const {
    return countries.size() + regions.size() + population.size() + adjacency.size() + transport_links.size() +
           resceu_hosts.size() + goods.size() + scenarios.size() + needs.size() +
           prices.size() + holding_costs.size() + orders.size() + trade_items.size() + demo_profile.size() + depots.size() + stock.size();
  }
};

// The keys a store already holds, and the few facts about them that checking a new batch needs.
struct KnownKeys {
  std::set<CountryCode> countries;
  std::set<RegionCode> regions;
  std::set<GoodId> goods;
  std::set<GoodId> expiring_goods;  // goods with a shelf life: their lots need an expiry
  std::set<ScenarioId> scenarios;
  std::map<DepotId, OrganisationId> depot_owners;
  // Whether a name is a zone of the tz database; unset: any "Area/Location" name passes.
  std::function<bool(const std::string&)> is_time_zone;
};

}  // namespace paraat
