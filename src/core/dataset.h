// A batch of records to load, as plain domain values. Ingest produces it from files or from the
// demo generator; a Store writes it in one transaction.
#pragma once

#include <map>
#include <set>
#include <vector>

#include "core/depot.h"
#include "core/geography.h"
#include "core/good.h"
#include "core/scenario.h"
#include "core/time.h"

namespace paraat {

// Stock put into a depot when a lot is registered: the first receipt of the lot at that depot.
// Its id makes loading the same file twice a no-op.
struct OpeningStock {
  std::string movement_id;  // client-chosen, e.g. "import:lots.csv:NL-NAT-NL32:water-drinking:L1"
  LotBalance lot;           // region and country are taken from the depot
  Instant received_at{};
};

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
  std::vector<ResceuHost> resceu_hosts;
  std::vector<Good> goods;
  std::vector<Scenario> scenarios;
  std::vector<Need> needs;
  std::vector<DemoProfileLine> demo_profile;
  std::vector<Depot> depots;
  std::vector<OpeningStock> stock;

  std::size_t record_count() const {
    return countries.size() + regions.size() + population.size() + adjacency.size() +
           resceu_hosts.size() + goods.size() + scenarios.size() + needs.size() +
           demo_profile.size() + depots.size() + stock.size();
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
};

}  // namespace paraat
