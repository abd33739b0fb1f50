#include "service/service.h"

#include "service/depot_zones.h"

#include <algorithm>
#include <map>
#include <set>

#include "ingest/dataset_reader.h"
#include "ingest/demo_stock.h"
#include "zones/time_zones.h"

namespace paraat::service {
namespace {

Error not_found(const std::string& what, const std::string& id) {
  return make_error(ErrorCode::kNotFound, what + " '" + id + "' does not exist",
                    {{id, what, "NOT_FOUND", what + " '" + id + "' does not exist"}});
}


// An empty database is the usual reason a name is unknown; say so instead of "not found".
Status require_reference_data(store::Store& store) {
  PARAAT_ASSIGN_OR_RETURN(const KnownKeys keys, store.known_keys());
  if (keys.countries.empty()) {
    return make_error(ErrorCode::kNotFound,
                      "the database holds no reference data; load it with `paraat import data/eu`");
  }
  return {};
}

// kNotFound for the first name in the filter that the store does not hold.
Status check_names(store::Store& store, const std::optional<CountryCode>& country,
                   const std::optional<RegionCode>& region, const std::optional<GoodId>& good) {
  if (!country && !region && !good) return {};
  PARAAT_RETURN_IF_ERROR(require_reference_data(store));
  PARAAT_ASSIGN_OR_RETURN(const KnownKeys keys, store.known_keys());
  if (good && !keys.goods.count(*good)) return not_found("good", good->str());
  if (country && !keys.countries.count(*country)) return not_found("country", country->str());
  if (region && !keys.regions.count(*region)) return not_found("region", region->str());
  return {};
}

}  // namespace


namespace {

// A scenario imported without its need lines keeps the stored ones; its (new) area must still
// hold each of them, as the reader checks for lines that come with it.
Status check_stored_needs_fit(store::Store& store, const Dataset& batch) {
  std::vector<ErrorDetail> errors;
  for (const auto& s : batch.scenarios) {
    const bool lines_come_along = std::any_of(batch.needs.begin(), batch.needs.end(),
                                              [&](const Need& n) { return n.scenario == s.id; });
    if (lines_come_along) continue;
    PARAAT_ASSIGN_OR_RETURN(const auto stored, store.needs(s.id));
    for (const auto& n : stored) {
      if (n.area.is_eu() || n.area.overlaps(s.area)) continue;
      errors.push_back({"scenarios.csv", "area", "OUTSIDE_SCENARIO",
                        "scenario " + s.id.str() + "'s new area (" + s.area.to_string() + ") leaves out its stored need line " +
                            n.good.str() + " for " + n.area.to_string() + "; import scenario_needs.csv with it"});
    }
  }
  if (errors.empty()) return {};
  return make_error(ErrorCode::kInvalidInput,
                    std::to_string(errors.size()) + " problems in the input; nothing was imported", std::move(errors));
}

}  // namespace

Result<ImportResult> import_directory(store::Store& store, const std::filesystem::path& dir,
                                      Progress& progress) {
  PARAAT_ASSIGN_OR_RETURN(KnownKeys known, store.known_keys());
  known.is_time_zone = [](const std::string& zone) { return zones::check_zone(zone).ok(); };
  PARAAT_ASSIGN_OR_RETURN(ingest::DatasetRead read,
                          ingest::read_dataset_directory(dir, known, progress));
  PARAAT_RETURN_IF_ERROR(check_stored_needs_fit(store, read.dataset));
  PARAAT_ASSIGN_OR_RETURN(const DepotZones zones, DepotZones::load(store, &read.dataset));
  zones.localise(read.dataset.stock);
  progress.report("writing", 0, 1);
  PARAAT_ASSIGN_OR_RETURN(store::WriteSummary written, store.write(read.dataset));
  progress.report("writing", 1, 1);
  return ImportResult{std::move(read.files_read), std::move(read.files_ignored),
                      read.dataset.record_count(), written};
}

Result<ingest::DatasetRead> validate_directory(store::Store* store, const std::filesystem::path& dir,
                                               Progress& progress) {
  KnownKeys known;
  if (store) {
    PARAAT_ASSIGN_OR_RETURN(known, store->known_keys());
  }
  known.is_time_zone = [](const std::string& zone) { return zones::check_zone(zone).ok(); };
  PARAAT_ASSIGN_OR_RETURN(auto read, ingest::read_dataset_directory(dir, known, progress));
  if (store) PARAAT_RETURN_IF_ERROR(check_stored_needs_fit(*store, read.dataset));
  return read;
}

Result<DemoStockResult> demo_stock(store::Store& store, std::uint64_t seed, Date as_of,
                                   Progress& progress, bool if_absent) {
  PARAAT_RETURN_IF_ERROR(require_reference_data(store));
  const std::string parameters = "seed " + std::to_string(seed) + ", as of " + format_date(as_of);
  PARAAT_ASSIGN_OR_RETURN(const auto present, store.setting("demo-stock"));
  if (present) {
    if (*present == parameters || if_absent) return DemoStockResult{};
    return make_error(ErrorCode::kConflict,
                      "this database already holds demo stock (" + *present +
                          "); generated records are part of the ledger and are never deleted, "
                          "so generate another register into a new database (--db)");
  }
  ingest::DemoStockInput input;
  PARAAT_ASSIGN_OR_RETURN(input.countries, store.countries());
  PARAAT_ASSIGN_OR_RETURN(input.regions, store.regions(std::nullopt));
  PARAAT_ASSIGN_OR_RETURN(input.population, store.population());
  PARAAT_ASSIGN_OR_RETURN(input.goods, store.goods());
  PARAAT_ASSIGN_OR_RETURN(input.scenarios, store.scenarios());
  for (const auto& scenario : input.scenarios) {
    PARAAT_ASSIGN_OR_RETURN(auto needs, store.needs(scenario.id));
    input.needs.insert(input.needs.end(), needs.begin(), needs.end());
  }
  PARAAT_ASSIGN_OR_RETURN(input.resceu_hosts, store.resceu_hosts());
  PARAAT_ASSIGN_OR_RETURN(input.profile, store.demo_profile());
  PARAAT_ASSIGN_OR_RETURN(Dataset generated,
                          ingest::generate_demo_stock(input, {seed, as_of}, progress));
  generated.demo_parameters = parameters;
  progress.report("writing", 0, 1);
  PARAAT_RETURN_IF_ERROR(store.write(generated));
  progress.report("writing", 1, 1);
  return DemoStockResult{generated.depots.size(), generated.stock.size()};
}

Result<std::vector<PostedMovement>> post_movements(store::Store& store, PostRequest request) {
  PARAAT_RETURN_IF_ERROR(require_reference_data(store));
  PARAAT_ASSIGN_OR_RETURN(const DepotZones zones, DepotZones::load(store));
  zones.localise(request.lines);
  store::PostOptions options;
  options.backdate_days = request.backdate_days;
  options.today = utc_date(request.now);
  return store.post(request.lines, options);
}

Result<store::AsOf> parse_as_of(std::string_view text) {
  store::AsOf as_of;
  if (text.size() == 10) {
    auto day = parse_date(text);
    if (!day.ok()) {
      return make_error(ErrorCode::kUsage, day.error().message,
                        {{"", "as_of", "INVALID_DATE", day.error().message}});
    }
    as_of.day = *day;
    return as_of;
  }
  auto at = parse_instant(text);
  if (!at.ok()) {
    return make_error(ErrorCode::kUsage, at.error().message,
                      {{"", "as_of", "INVALID_TIME", "expected YYYY-MM-DD or an RFC 3339 time"}});
  }
  as_of.instant = *at;
  as_of.day = utc_date(*at);
  return as_of;
}

Result<std::vector<LotBalance>> stock(store::Store& store, store::StockFilter filter,
                                      std::optional<Instant> now) {
  if (filter.as_of && filter.as_of->instant && !filter.as_of->local_day) {
    PARAAT_ASSIGN_OR_RETURN(DepotZones zones, DepotZones::load(store));
    const Instant at = *filter.as_of->instant;
    filter.as_of->local_day = [zones = std::move(zones), at](const DepotId& depot) {
      return zones.local_day(depot, at);
    };
  }
  if (filter.depot) {
    PARAAT_ASSIGN_OR_RETURN(auto depots, store.depots({std::nullopt, std::nullopt, filter.depot}));
    if (depots.empty()) return not_found("depot", filter.depot->str());
  }
  PARAAT_RETURN_IF_ERROR(check_names(store, filter.country, filter.region, filter.good));
  PARAAT_ASSIGN_OR_RETURN(auto lots, store.stock(filter));
  std::optional<Instant> at = now;
  if (filter.as_of) {
    at = filter.as_of->instant ? *filter.as_of->instant
                               : Instant{std::chrono::sys_days{add_days(filter.as_of->day, 1)}};
  }
  if (at) {
    PARAAT_ASSIGN_OR_RETURN(const auto goods, store.goods());
    std::map<GoodId, double> half_lives;
    for (const auto& g : goods) {
      if (g.half_life_hours) half_lives[g.id] = *g.half_life_hours;
    }
    for (auto& lot : lots) {
      const auto it = half_lives.find(lot.good);
      if (it != half_lives.end() && lot.calibrated_at) lot.activity = activity_at(lot, *at, it->second);
    }
  }
  return lots;
}

Result<std::vector<Depot>> depots(store::Store& store, const store::DepotFilter& filter) {
  PARAAT_RETURN_IF_ERROR(check_names(store, filter.country, filter.region, std::nullopt));
  return store.depots(filter);
}

Result<std::vector<Region>> regions(store::Store& store, const std::optional<CountryCode>& country) {
  PARAAT_RETURN_IF_ERROR(check_names(store, country, std::nullopt, std::nullopt));
  return store.regions(country);
}

Result<std::vector<Need>> needs(store::Store& store, const ScenarioId& scenario) {
  PARAAT_RETURN_IF_ERROR(require_reference_data(store));
  PARAAT_ASSIGN_OR_RETURN(const KnownKeys keys, store.known_keys());
  if (!keys.scenarios.count(scenario)) return not_found("scenario", scenario.str());
  return store.needs(scenario);
}

Result<ReadinessResult> readiness(store::Store& store, const ReadinessRequest& request) {
  PARAAT_RETURN_IF_ERROR(require_reference_data(store));
  PARAAT_ASSIGN_OR_RETURN(const auto all_scenarios, store.scenarios());
  ReadinessResult result;
  if (request.scenarios.empty()) {
    for (const auto& s : all_scenarios) {
      if (s.valid_from <= request.as_of && (!s.valid_until || request.as_of <= *s.valid_until)) {
        result.scenarios.push_back(s);
      }
    }
  }
  for (const auto& id : request.scenarios) {
    const auto it = std::find_if(all_scenarios.begin(), all_scenarios.end(),
                                 [&](const Scenario& s) { return s.id == id; });
    if (it == all_scenarios.end()) return not_found("scenario", id.str());
    const bool listed = std::any_of(result.scenarios.begin(), result.scenarios.end(),
                                    [&](const Scenario& s) { return s.id == id; });
    if (!listed) result.scenarios.push_back(*it);  // a repeated id is one scenario
  }
  PARAAT_ASSIGN_OR_RETURN(const auto countries, store.countries());
  if (request.country &&
      std::none_of(countries.begin(), countries.end(),
                   [&](const Country& c) { return c.code == *request.country; })) {
    return not_found("country", request.country->str());
  }
  std::vector<Need> needs;
  for (const auto& s : result.scenarios) {
    PARAAT_ASSIGN_OR_RETURN(auto lines, store.needs(s.id));
    needs.insert(needs.end(), lines.begin(), lines.end());
  }
  PARAAT_ASSIGN_OR_RETURN(const auto goods, store.goods());
  PARAAT_ASSIGN_OR_RETURN(const auto regions, store.regions(std::nullopt));
  PARAAT_ASSIGN_OR_RETURN(const auto adjacency, store.adjacency());
  PARAAT_ASSIGN_OR_RETURN(const auto population, store.population());
  PARAAT_ASSIGN_OR_RETURN(const auto prices, store.prices());
  PARAAT_ASSIGN_OR_RETURN(const auto targets, store.targets(std::nullopt));
  // Every region's stock: reachable stock may lie across a border.
  PARAAT_ASSIGN_OR_RETURN(const auto lots, store.holdings());

  plan::ReadinessInput input;
  input.scenarios = &result.scenarios;
  input.needs = &needs;
  input.goods = &goods;
  input.regions = &regions;
  input.adjacency = &adjacency;
  input.population = &population;
  input.countries = &countries;
  input.stock = &lots;
  input.prices = &prices;
  input.targets = &targets;
  input.country = request.country;
  input.as_of = request.as_of;
  result.rows = plan::compute_readiness(input);
  result.index = plan::readiness_index(result.rows, countries);
  if (request.country) result.index.pop_back();  // the "EU" of one state's rows is that state
  return result;
}

namespace {

// "a,b,c" as its items; an empty list or item is a usage error.
Result<std::vector<std::string_view>> comma_items(std::string_view text) {
  std::vector<std::string_view> items;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = text.find(',', start);
    items.push_back(text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  if (std::any_of(items.begin(), items.end(), [](std::string_view i) { return i.empty(); })) {
    return make_error(ErrorCode::kUsage, "'" + std::string(text) + "' has an empty item");
  }
  return items;
}

}  // namespace

Result<std::vector<ScenarioId>> parse_scenario_list(std::string_view text) {
  std::vector<ScenarioId> ids;
  if (text == "all") return ids;
  PARAAT_ASSIGN_OR_RETURN(const auto items, comma_items(text));
  for (const auto item : items) {
    if (item == "all") return make_error(ErrorCode::kUsage, "'all' stands alone, not in a list");
    auto id = parse_scenario_id(item);
    if (!id.ok()) return make_error(ErrorCode::kUsage, id.error().message);
    ids.push_back(*id);
  }
  return ids;
}

Result<std::set<CountryCode>> parse_state_list(std::string_view text) {
  PARAAT_ASSIGN_OR_RETURN(const auto items, comma_items(text));
  std::set<CountryCode> states;
  for (const auto item : items) {
    auto code = parse_country_code(item);
    if (!code.ok()) return make_error(ErrorCode::kUsage, code.error().message);
    states.insert(*code);
  }
  return states;
}

Result<std::vector<ScenarioDetail>> scenarios(store::Store& store) {
  PARAAT_ASSIGN_OR_RETURN(const auto list, store.scenarios());
  std::vector<ScenarioDetail> out;
  for (const auto& s : list) {
    PARAAT_ASSIGN_OR_RETURN(auto needs, store.needs(s.id));
    out.push_back({s, std::move(needs)});
  }
  return out;
}

Result<ScenarioDetail> scenario(store::Store& store, const ScenarioId& id) {
  PARAAT_ASSIGN_OR_RETURN(const auto list, store.scenarios());
  const auto it = std::find_if(list.begin(), list.end(), [&](const Scenario& s) { return s.id == id; });
  if (it == list.end()) return not_found("scenario", id.str());
  PARAAT_ASSIGN_OR_RETURN(auto needs, store.needs(id));
  return ScenarioDetail{*it, std::move(needs)};
}

Result<plan::ProcurementPlan> procurement(store::Store& store, const ProcurementRequest& request) {
  PARAAT_ASSIGN_OR_RETURN(const KnownKeys keys, store.known_keys());
  for (const auto& state : request.states) {
    if (!keys.countries.count(state)) return not_found("states", state.str());
  }
  PARAAT_ASSIGN_OR_RETURN(const auto result, readiness(store, request.readiness));
  PARAAT_ASSIGN_OR_RETURN(const auto orders, store.orders());
  PARAAT_ASSIGN_OR_RETURN(const auto prices, store.prices());
  return plan::aggregate_procurement(result.rows, orders, prices, request.states, request.level);
}

Result<std::vector<plan::HoldingCostRow>> holding_costs(store::Store& store, const ReadinessRequest& request) {
  PARAAT_ASSIGN_OR_RETURN(const auto result, readiness(store, request));
  PARAAT_ASSIGN_OR_RETURN(const auto goods, store.goods());
  PARAAT_ASSIGN_OR_RETURN(const auto prices, store.prices());
  PARAAT_ASSIGN_OR_RETURN(const auto rates, store.holding_costs());
  return plan::holding_costs(result.rows, goods, prices, rates);
}

Status set_target(store::Store& store, TargetOverride target) {
  PARAAT_RETURN_IF_ERROR(require_reference_data(store));
  PARAAT_ASSIGN_OR_RETURN(const KnownKeys keys, store.known_keys());
  if (!keys.scenarios.count(target.scenario)) return not_found("scenario", target.scenario.str());
  if (!keys.goods.count(target.good)) return not_found("good", target.good.str());
  const bool state = target.scope.size() == 2 && keys.countries.count(CountryCode::trusted(target.scope));
  const bool region = keys.regions.count(RegionCode::trusted(target.scope)) > 0;
  if (!state && !region) return not_found("state or region", target.scope);
  auto refuse = [](const std::string& field, const std::string& reason) {
    return make_error(ErrorCode::kInvalidInput, reason, {{"target", field, "INVALID_LEVELS", reason}});
  };
  if (target.minimum < 0) return refuse("minimum", "minimum must not be negative");
  if (target.target_min < target.minimum) return refuse("target_min", "target_min must be at least minimum");
  if (target.target_max < target.target_min) return refuse("target_max", "target_max must be at least target_min");
  if (target.unit == TargetUnit::kDays && target.target_max > 3660) {
    return refuse("target_max", "days of cover above 3660 (ten years) are not a target");
  }
  if (target.unit == TargetUnit::kQuantity && target.target_max > kMaxBalance) {
    return refuse("target_max", "a quantity above 10^15 base units is not a target");
  }
  if (target.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return refuse("reason", "a reason is required: overrides are kept as history");
  }
  // An override must concern a need: the scenario needs the good somewhere in the scope.
  PARAAT_ASSIGN_OR_RETURN(const auto detail, scenario(store, target.scenario));
  const Area scope = region ? Area{{}, {RegionCode::trusted(target.scope)}} : Area{{CountryCode::trusted(target.scope)}, {}};
  if (!detail.scenario.area.overlaps(scope)) {
    return refuse("scope", target.scope + " lies outside the area of " + target.scenario.str() + " (" +
                               detail.scenario.area.to_string() + ")");
  }
  const bool needed = std::any_of(detail.needs.begin(), detail.needs.end(), [&](const Need& n) {
    return n.good == target.good && n.area.overlaps(scope);
  });
  if (!needed) {
    return refuse("good", target.scenario.str() + " needs no " + target.good.str() + " in " + target.scope);
  }
  return store.add_target(target);
}

Result<std::vector<TargetOverride>> targets(store::Store& store, const std::optional<ScenarioId>& scenario) {
  if (scenario) {
    PARAAT_ASSIGN_OR_RETURN(const KnownKeys keys, store.known_keys());
    if (!keys.scenarios.count(*scenario)) return not_found("scenario", scenario->str());
  }
  return store.targets(scenario);
}

}  // namespace paraat::service
