// The demo stock register: depots in real NUTS-2 regions and lots in them, made up for trying
// paraat out where no real register is at hand. Everything it makes is flagged `generated`.
//
// National depots: one per region, owned by the member state, holding every good that a
// scenario covering the region needs. A person-day good's quantity is the region's population ×
// the largest such need per person per day × a number of days drawn between 0.5 and 8, so some
// regions fall below a scenario's minimum and some do not; an incident good's is between 0 and 3
// times what the largest incident need asks of the region. rescEU depots: one per (host country, category) of the real
// rescEU host list, in a region of that country drawn at random, holding the medical and/or CBRN
// goods of the demo profile, scaled to the host country's population. Expiries spread uniformly
// over each good's shelf life from slightly in the past to a full shelf life ahead.
// The same seed and as-of date always give the same register.
#pragma once

#include <cstdint>
#include <vector>

#include "core/dataset.h"
#include "core/progress.h"
#include "core/result.h"

namespace paraat::ingest {

struct DemoStockInput {
  std::vector<Country> countries;
  std::vector<Region> regions;
  std::vector<Population> population;
  std::vector<Good> goods;
  std::vector<Scenario> scenarios;
  std::vector<Need> needs;  // of every scenario
  std::vector<ResceuHost> resceu_hosts;
  std::vector<DemoProfileLine> profile;
};

struct DemoStockOptions {
  std::uint64_t seed = 1;
  Date as_of{};
};

// kInvalidInput when the inputs cannot support a register (no regions, no goods, no needs).
Result<Dataset> generate_demo_stock(const DemoStockInput& input, const DemoStockOptions& options,
                                    Progress& progress);

}  // namespace paraat::ingest
