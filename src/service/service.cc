#include "service/service.h"

#include <algorithm>

#include "ingest/dataset_reader.h"
#include "ingest/demo_stock.h"

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

Result<ImportResult> import_directory(store::Store& store, const std::filesystem::path& dir,
                                      Progress& progress) {
  PARAAT_ASSIGN_OR_RETURN(const KnownKeys known, store.known_keys());
  PARAAT_ASSIGN_OR_RETURN(ingest::DatasetRead read,
                          ingest::read_dataset_directory(dir, known, progress));
  progress.report("writing", 0, 1);
  PARAAT_ASSIGN_OR_RETURN(store::WriteSummary written,
                          store.write(read.dataset, store::WriteMode::kUpsert));
  progress.report("writing", 1, 1);
  return ImportResult{std::move(read.files_read), std::move(read.files_ignored),
                      read.dataset.record_count(), written};
}

Result<DemoStockResult> demo_stock(store::Store& store, std::uint64_t seed, Date as_of,
                                   Progress& progress) {
  PARAAT_RETURN_IF_ERROR(require_reference_data(store));
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
  progress.report("writing", 0, 1);
  PARAAT_RETURN_IF_ERROR(store.write(generated, store::WriteMode::kReplaceGenerated));
  progress.report("writing", 1, 1);
  return DemoStockResult{generated.depots.size(), generated.stock.size()};
}

Result<std::vector<LotBalance>> stock(store::Store& store, const store::StockFilter& filter) {
  if (filter.depot) {
    PARAAT_ASSIGN_OR_RETURN(auto depots, store.depots({std::nullopt, std::nullopt, filter.depot}));
    if (depots.empty()) return not_found("depot", filter.depot->str());
  }
  PARAAT_RETURN_IF_ERROR(check_names(store, filter.country, filter.region, filter.good));
  return store.stock(filter);
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
