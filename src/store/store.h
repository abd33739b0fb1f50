// The Store interface: everything paraat keeps, behind one abstraction that SQLite implements
// today and PostgreSQL will implement for shared servers. It speaks core types only.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/dataset.h"
#include "core/result.h"

namespace paraat::store {

enum class WriteMode {
  kUpsert,            // insert new records, update changed reference records (import)
  kReplaceGenerated,  // first delete every generated depot, lot and movement (demo-stock)
};

struct DepotFilter {
  std::optional<CountryCode> country;
  std::optional<RegionCode> region;
  std::optional<DepotId> depot;
};

struct StockFilter {
  std::optional<CountryCode> country;
  std::optional<RegionCode> region;
  std::optional<DepotId> depot;
  std::optional<GoodId> good;
  std::optional<std::string> lot;
};

struct WriteSummary {
  std::size_t records_written = 0;  // new or changed
  std::size_t records_unchanged = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Writes the whole batch in one transaction: either every record lands or none does. Opening
  // stock whose movement id is already stored is skipped when it is identical and rejected
  // (kConflict) when it differs; a lot whose expiry differs from the stored one is rejected.
  virtual Result<WriteSummary> write(const Dataset& batch, WriteMode mode) = 0;

  virtual Result<KnownKeys> known_keys() = 0;
  virtual Result<std::vector<Country>> countries() = 0;
  virtual Result<std::vector<Region>> regions(const std::optional<CountryCode>& country) = 0;
  // The latest year's population of each region.
  virtual Result<std::vector<Population>> population() = 0;
  virtual Result<std::vector<Adjacency>> adjacency() = 0;
  virtual Result<std::vector<ResceuHost>> resceu_hosts() = 0;
  virtual Result<std::vector<Good>> goods() = 0;
  virtual Result<std::vector<Scenario>> scenarios() = 0;
  virtual Result<std::vector<Need>> needs(const ScenarioId& scenario) = 0;
  virtual Result<std::vector<DemoProfileLine>> demo_profile() = 0;
  virtual Result<std::vector<Depot>> depots(const DepotFilter& filter) = 0;
  // Balance per lot and depot (non-zero only), ordered by depot, good, lot.
  virtual Result<std::vector<LotBalance>> stock(const StockFilter& filter) = 0;
};

}  // namespace paraat::store
