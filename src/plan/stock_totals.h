// Stock on hand added up per depot, region, state or owner: the same lot balances the books give
// per lot, summed so that a coordinator sees one line per place and good. Custody (where the lot
// lies) and ownership (who it belongs to, e.g. rescEU stock hosted by a state) are separate
// groupings, so hosted stock can be counted either way.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/depot.h"
#include "core/result.h"
#include "core/time.h"

namespace paraat::plan {

enum class StockLevel { kLot, kDepot, kRegion, kCountry, kOwner };

// "lot", "depot", "region", "country" (the state holding custody) or "owner".
Result<StockLevel> parse_stock_level(std::string_view text);
std::string_view stock_level_name(StockLevel level);

// What a line adds up: the fields the grouping fixes are set, the others absent (by depot: the
// depot with its region and country; by region: region and country; by country; by owner).
struct StockTotal {
  std::optional<DepotId> depot;
  std::optional<RegionCode> region;
  std::optional<CountryCode> country;
  std::optional<OrganisationId> owner;
  GoodId good;
  std::int64_t lots = 0;         // lot balances added up (a lot at two depots counts twice)
  std::int64_t on_hand = 0;      // = usable + unavailable + expired
  std::int64_t usable = 0;       // available and not expired on the as-of day
  std::int64_t unavailable = 0;  // quarantined, recalled or on hold, not expired
  std::int64_t expired = 0;      // past expiry, whatever the status: may only be disposed of
  std::optional<double> activity;  // decaying goods: activity left, summed over the lots
  bool generated = false;        // any lot made up by the demo generator
};

// One line per group and good, ordered by group then good. Lots with an expiry before `as_of` count
// as expired. Quantities are summed exactly; a sum beyond int64 is an error, never a wrap.
// For kLot there is nothing to add up: use the balances themselves.
Result<std::vector<StockTotal>> total_stock(const std::vector<LotBalance>& lots, StockLevel by,
                                            Date as_of);

}  // namespace paraat::plan
