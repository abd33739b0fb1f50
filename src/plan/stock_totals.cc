#include "plan/stock_totals.h"

#include <map>
#include <utility>

#include "core/quantity.h"

namespace paraat::plan {

Result<StockLevel> parse_stock_level(std::string_view text) {
  if (text == "lot") return StockLevel::kLot;
  if (text == "depot") return StockLevel::kDepot;
  if (text == "region") return StockLevel::kRegion;
  if (text == "country") return StockLevel::kCountry;
  if (text == "owner") return StockLevel::kOwner;
  return make_error(ErrorCode::kUsage, "unknown grouping '" + std::string(text) + "'",
                    {{"by", "by", "INVALID_VALUE", "expected lot, depot, region, country or owner"}});
}

std::string_view stock_level_name(StockLevel level) {
  switch (level) {
    case StockLevel::kLot: return "lot";
    case StockLevel::kDepot: return "depot";
    case StockLevel::kRegion: return "region";
    case StockLevel::kCountry: return "country";
    case StockLevel::kOwner: return "owner";
  }
  return "lot";
}

namespace {

// The group a lot balance falls in, and the fields that name it.
StockTotal group_of(const LotBalance& lot, StockLevel by) {
  StockTotal t;
  t.good = lot.good;
  switch (by) {
    case StockLevel::kLot:
    case StockLevel::kDepot:
      t.depot = lot.depot;
      t.region = lot.region;
      t.country = lot.country;
      break;
    case StockLevel::kRegion:
      t.region = lot.region;
      t.country = lot.country;
      break;
    case StockLevel::kCountry: t.country = lot.country; break;
    case StockLevel::kOwner: t.owner = lot.owner; break;
  }
  return t;
}

std::string key_of(const StockTotal& t) {
  if (t.depot) return t.depot->str();
  if (t.region) return t.region->str();
  if (t.country) return t.country->str();
  return t.owner ? t.owner->str() : std::string();
}

}  // namespace

Result<std::vector<StockTotal>> total_stock(const std::vector<LotBalance>& lots, StockLevel by,
                                            Date as_of) {
  std::map<std::pair<std::string, GoodId>, StockTotal> totals;
  for (const LotBalance& lot : lots) {
    StockTotal group = group_of(lot, by);
    const std::string name = key_of(group);
    auto it = totals.try_emplace(std::make_pair(name, lot.good), std::move(group)).first;
    StockTotal& t = it->second;
    t.lots += 1;
    t.generated = t.generated || lot.generated;
    std::int64_t* bucket = &t.usable;
    if (lot.expiry && *lot.expiry < as_of) {
      bucket = &t.expired;
    } else if (lot.status != LotStatus::kAvailable) {
      bucket = &t.unavailable;
    }
    if (!checked_add(*bucket, lot.quantity, bucket) || !checked_add(t.on_hand, lot.quantity, &t.on_hand)) {
      return make_error(ErrorCode::kInternal, "stock of " + lot.good.str() + " at " + name +
                                                  " does not fit in 64 bits");
    }
    if (lot.activity) t.activity = t.activity.value_or(0.0) + *lot.activity;
  }
  std::vector<StockTotal> out;
  out.reserve(totals.size());
  for (auto& [key, total] : totals) out.push_back(std::move(total));
  return out;
}

}  // namespace paraat::plan
