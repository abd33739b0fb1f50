#include "service/service.h"

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

// Each depot's time zone: its own, else its region's.
class DepotZones {
 public:
  static Result<DepotZones> load(store::Store& store, const Dataset* batch = nullptr) {
    DepotZones zones;
    std::map<RegionCode, std::string> region_zone;
    PARAAT_ASSIGN_OR_RETURN(auto regions, store.regions(std::nullopt));
    for (const auto& r : regions) region_zone[r.code] = r.timezone;
    PARAAT_ASSIGN_OR_RETURN(auto depots, store.depots({}));
    if (batch) {
      for (const auto& r : batch->regions) region_zone[r.code] = r.timezone;
      depots.insert(depots.end(), batch->depots.begin(), batch->depots.end());
    }
    for (const auto& d : depots) {
      zones.zone_[d.id] = d.timezone.empty() ? region_zone[d.region] : d.timezone;
    }
    return zones;
  }

  // The business day of an instant at a depot (UTC when the depot's zone is unknown).
  Date local_day(const DepotId& depot, Instant at) const {
    const auto it = zone_.find(depot);
    if (it == zone_.end() || it->second.empty()) return utc_date(at);
    auto day = zones::local_date(it->second, at);
    return day.ok() ? *day : utc_date(at);
  }

  // Sets the business day of every timed line from its depot's zone.
  void localise(std::vector<MovementLine>& lines) const {
    for (auto& line : lines) {
      if (line.at) line.day = local_day(line.depot, *line.at);
    }
  }

 private:
  std::map<DepotId, std::string> zone_;
};

Result<ImportResult> import_directory(store::Store& store, const std::filesystem::path& dir,
                                      Progress& progress) {
  PARAAT_ASSIGN_OR_RETURN(KnownKeys known, store.known_keys());
  known.is_time_zone = [](const std::string& zone) { return zones::check_zone(zone).ok(); };
  PARAAT_ASSIGN_OR_RETURN(ingest::DatasetRead read,
                          ingest::read_dataset_directory(dir, known, progress));
  PARAAT_ASSIGN_OR_RETURN(const DepotZones zones, DepotZones::load(store, &read.dataset));
  zones.localise(read.dataset.stock);
  progress.report("writing", 0, 1);
  PARAAT_ASSIGN_OR_RETURN(store::WriteSummary written, store.write(read.dataset));
  progress.report("writing", 1, 1);
  return ImportResult{std::move(read.files_read), std::move(read.files_ignored),
                      read.dataset.record_count(), written};
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
  PARAAT_ASSIGN_OR_RETURN(input.baseline_needs,
                          store.needs(ScenarioId::trusted(kBaselineScenario)));
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
  PARAAT_ASSIGN_OR_RETURN(const auto scenarios, store.scenarios());
  const auto scenario = std::find_if(scenarios.begin(), scenarios.end(),
                                     [&](const Scenario& s) { return s.id == request.scenario; });
  if (scenario == scenarios.end()) return not_found("scenario", request.scenario.str());
  PARAAT_ASSIGN_OR_RETURN(const auto countries, store.countries());
  if (request.country &&
      std::none_of(countries.begin(), countries.end(),
                   [&](const Country& c) { return c.code == *request.country; })) {
    return not_found("country", request.country->str());
  }
  PARAAT_ASSIGN_OR_RETURN(const auto needs, store.needs(request.scenario));
  PARAAT_ASSIGN_OR_RETURN(const auto goods, store.goods());
  PARAAT_ASSIGN_OR_RETURN(const auto regions, store.regions(request.country));
  PARAAT_ASSIGN_OR_RETURN(const auto population, store.population());
  store::StockFilter filter;
  filter.country = request.country;
  PARAAT_ASSIGN_OR_RETURN(const auto lots, store.stock(filter));

  plan::ReadinessInput input{&*scenario, &needs, &goods, &regions, &population, &lots,
                             request.as_of};
  ReadinessResult result;
  result.scenario = *scenario;
  result.rows = plan::compute_readiness(input);
  result.countries = plan::summarise_by_country(result.rows, countries);
  return result;
}

}  // namespace paraat::service
