// Use cases shared by the CLI and the HTTP API: each takes the Store and a typed request, checks
// that named things exist, and returns core or plan values. No formatting, no transport.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/progress.h"
#include "core/result.h"
#include "ingest/dataset_reader.h"
#include "plan/procurement.h"
#include "plan/readiness.h"
#include "store/store.h"

namespace paraat::service {

struct ImportResult {
  std::vector<std::string> files_read;
  std::vector<std::string> files_ignored;
  std::size_t records = 0;  // records in the files
  store::WriteSummary written;
};

// Reads a dataset directory, checks it completely, and writes it in one transaction; any error
// leaves the store exactly as it was.
Result<ImportResult> import_directory(store::Store& store, const std::filesystem::path& dir,
                                      Progress& progress);

// Reads and checks a dataset directory as import would, writing nothing. With a store, keys it
// already holds count as known; without one, the directory must be complete by itself.
Result<ingest::DatasetRead> validate_directory(store::Store* store, const std::filesystem::path& dir,
                                               Progress& progress);

struct DemoStockResult {
  std::size_t depots = 0;
  std::size_t lots = 0;
};

// The baseline scenario the demo generator sizes national stock on.
inline constexpr const char* kBaselineScenario = "baseline-72h";

// Generates a demo register for (seed, as_of) into a database that has none. Generated
// records are part of the ledger and are never deleted: when demo stock is already present,
// the same parameters are a no-op (depots = lots = 0), `if_absent` makes any parameters a
// no-op, and other parameters are a kConflict (use a new database).
Result<DemoStockResult> demo_stock(store::Store& store, std::uint64_t seed, Date as_of,
                                   Progress& progress, bool if_absent = false);

struct PostRequest {
  std::vector<MovementLine> lines;
  std::optional<int> backdate_days = 92;
  Instant now{};
};

// Posts a batch: each timed line's business day becomes the local date in its depot's time
// zone, then the store posts the batch all or nothing.
Result<std::vector<PostedMovement>> post_movements(store::Store& store, PostRequest request);

// "2026-03-09" (the end of that business day in every depot) or an RFC 3339 instant; a usage
// error otherwise.
Result<store::AsOf> parse_as_of(std::string_view text);

// Lot balances; kNotFound when a named depot, good, region or country does not exist. An
// as-of instant is placed on each depot's local business day.
// Decaying goods get their activity at the as-of time (the end of an as-of day), or at `now`.
Result<std::vector<LotBalance>> stock(store::Store& store, store::StockFilter filter,
                                      std::optional<Instant> now = std::nullopt);

// Depots and regions, with the same kNotFound rule for the names in the filter.
Result<std::vector<Depot>> depots(store::Store& store, const store::DepotFilter& filter);
Result<std::vector<Region>> regions(store::Store& store, const std::optional<CountryCode>& country);

// Needs of one scenario; kNotFound when it does not exist.
Result<std::vector<Need>> needs(store::Store& store, const ScenarioId& scenario);

struct ReadinessRequest {
  // Scenarios to assess; empty: every scenario valid on `as_of`.
  std::vector<ScenarioId> scenarios;
  std::optional<CountryCode> country;  // all countries when absent
  Date as_of{};
};

struct ReadinessResult {
  std::vector<Scenario> scenarios;  // those assessed
  std::vector<plan::ReadinessRow> rows;
  std::vector<plan::ReadinessIndex> index;  // per state, then the EU (not when one state is asked)
};

// kNotFound for an unknown scenario or country.
Result<ReadinessResult> readiness(store::Store& store, const ReadinessRequest& request);

// "all" (empty: every scenario valid on the day) or ids separated by commas; the states of a
// procurement, separated by commas. kUsage names the bad item; the CLI and the API both parse
// their flags and query parameters with these.
Result<std::vector<ScenarioId>> parse_scenario_list(std::string_view text);
Result<std::set<CountryCode>> parse_state_list(std::string_view text);

struct ScenarioDetail {
  Scenario scenario;
  std::vector<Need> needs;
};
Result<std::vector<ScenarioDetail>> scenarios(store::Store& store);
Result<ScenarioDetail> scenario(store::Store& store, const ScenarioId& id);

struct ProcurementRequest {
  ReadinessRequest readiness;
  std::set<CountryCode> states;  // taking part; empty: all
  plan::ProcurementLevel level = plan::ProcurementLevel::kTarget;
};
// kNotFound for an unknown participating state.
Result<plan::ProcurementPlan> procurement(store::Store& store, const ProcurementRequest& request);

Result<std::vector<plan::HoldingCostRow>> holding_costs(store::Store& store, const ReadinessRequest& request);

// Checks the override (scenario, good and scope exist; levels rise) and records it.
Status set_target(store::Store& store, TargetOverride target);
Result<std::vector<TargetOverride>> targets(store::Store& store, const std::optional<ScenarioId>& scenario);

}  // namespace paraat::service
