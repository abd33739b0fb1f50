#include "ingest/dataset_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/gs1.h"
#include "core/quantity.h"
#include "ingest/csv.h"

namespace paraat::ingest {
namespace {

// Bounds that keep every product in readiness and ledger arithmetic far from int64 overflow.
constexpr std::int64_t kMaxPopulation = 10'000'000'000;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// One CSV record being turned into a domain value. Each failed field adds one ErrorDetail and
// marks the row bad; reading goes on so all problems of the row are reported together.
class Row {
 public:
  Row(const CsvTable& table, const CsvRecord& record, std::vector<ErrorDetail>& errors)
      : table_(table), record_(record), errors_(errors) {}

  std::string where() const { return table_.file + ":" + std::to_string(record_.line); }
  bool ok() const { return ok_; }

  std::string text(std::string_view column) const {
    const auto index = table_.column(column);
    return index ? std::string(trim(record_.fields[*index])) : std::string();
  }

  void fail(std::string_view field, std::string_view code, std::string reason) {
    errors_.push_back({where(), std::string(field), std::string(code), std::move(reason)});
    ok_ = false;
  }

  // Runs a core parser on a column; on failure records the parser's reason against the column.
  template <class T, class Parser>
  T parse(std::string_view column, Parser parser) {
    const std::string value = text(column);
    auto result = parser(value);
    if (result.ok()) return std::move(result).value();
    const Error& error = result.error();
    const std::string code = error.details.empty() ? "INVALID_VALUE" : error.details.front().code;
    fail(column, code, error.message);
    return T{};
  }

  std::string required(std::string_view column) {
    std::string value = text(column);
    if (value.empty()) fail(column, "MISSING_VALUE", std::string(column) + " is required");
    return value;
  }

  double decimal(std::string_view column, double min, double max) {
    const std::string value = text(column);
    double out = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
    if (value.empty() || ec != std::errc() || end != value.data() + value.size() ||
        !std::isfinite(out)) {
      fail(column, "INVALID_NUMBER", "'" + value + "' is not a decimal number");
      return 0;
    }
    if (out < min || out > max) {
      std::ostringstream range;
      range << "'" << value << "' is outside " << min << " to " << max;
      fail(column, "OUT_OF_RANGE", range.str());
    }
    return out;
  }

  std::optional<double> optional_decimal(std::string_view column, double min, double max) {
    if (text(column).empty()) return std::nullopt;
    return decimal(column, min, max);
  }

  std::int64_t integer(std::string_view column, std::int64_t min, std::int64_t max) {
    const std::string value = text(column);
    std::int64_t out = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
    if (value.empty() || ec != std::errc() || end != value.data() + value.size()) {
      fail(column, "INVALID_NUMBER", "'" + value + "' is not a whole number");
      return 0;
    }
    if (out < min || out > max) {
      fail(column, "OUT_OF_RANGE", "'" + value + "' is outside " + std::to_string(min) + " to " +
                                       std::to_string(max));
    }
    return out;
  }

  std::optional<std::int64_t> optional_integer(std::string_view column, std::int64_t min,
                                               std::int64_t max) {
    if (text(column).empty()) return std::nullopt;
    return integer(column, min, max);
  }

  bool flag(std::string_view column) {
    const std::string value = text(column);
    if (value == "0" || value.empty()) return false;
    if (value == "1") return true;
    fail(column, "INVALID_FLAG", "'" + value + "' must be 0 or 1");
    return false;
  }

 private:
  const CsvTable& table_;
  const CsvRecord& record_;
  std::vector<ErrorDetail>& errors_;
  bool ok_ = true;
};

// Keys known so far: the store's plus those of files already read in this batch.
struct Keys {
  KnownKeys known;
  std::map<ScenarioId, Area> scenario_areas;  // of scenarios read in this batch
};

// An empty zone means "the region's" (depots) and is checked elsewhere.
void check_time_zone(Row& row, const KnownKeys& known, const std::string& zone) {
  if (zone.empty()) return;
  const bool plausible = zone.find('/') != std::string::npos;
  if (!plausible || (known.is_time_zone && !known.is_time_zone(zone))) {
    row.fail("timezone", "INVALID_TIMEZONE", "'" + zone + "' is not a zone of the tz database such as Europe/Lisbon");
  }
}

bool is_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

template <class Key>
void check_unique(std::set<Key>& seen, const Key& key, Row& row, std::string_view field,
                  const std::string& shown) {
  if (!seen.insert(key).second) {
    row.fail(field, "DUPLICATE_KEY", shown + " appears more than once in this file");
  }
}

void read_countries(const CsvTable& t, Keys& keys, Dataset& out, std::vector<ErrorDetail>& errors) {
  std::set<CountryCode> seen;
  for (const auto& rec : t.records) {
    Row row(t, rec, errors);
    Country c;
    c.code = row.parse<CountryCode>("code", parse_country_code);
    c.name = row.required("name");
    c.oil_stock_days = row.optional_decimal("oil_stock_days", 0, 3650);
    c.oil_stock_month = row.text("oil_stock_month");
    c.disability_share = row.optional_decimal("disability_share", 0, 1);
    if (c.oil_stock_days && c.oil_stock_month.empty()) {
      row.fail("oil_stock_month", "MISSING_VALUE", "oil_stock_days needs the month it refers to");
    } else if (!c.oil_stock_month.empty() && !parse_date(c.oil_stock_month + "-01").ok()) {
      row.fail("oil_stock_month", "INVALID_DATE", "'" + c.oil_stock_month + "' is not a month YYYY-MM");
    }
    check_unique(seen, c.code, row, "code", "country " + c.code.str());
    if (!row.ok()) continue;
    keys.known.countries.insert(c.code);
    out.countries.push_back(std::move(c));
  }
}

void read_regions(const CsvTable& t, Keys& keys, Dataset& out, std::vector<ErrorDetail>& errors) {
  std::set<RegionCode> seen;
  for (const auto& rec : t.records) {
    Row row(t, rec, errors);
    Region r;
    r.code = row.parse<RegionCode>("nuts_id", parse_region_code);
    r.country = row.parse<CountryCode>("country", parse_country_code);
    r.name = row.required("name");
    r.label_point.lat = row.decimal("label_lat", -90, 90);
    r.label_point.lon = row.decimal("label_lon", -180, 180);
    r.area_km2 = row.decimal("area_km2", 0, 1e7);
    r.timezone = row.required("timezone");
    check_time_zone(row, keys.known, r.timezone);
    if (!r.code.empty() && !r.country.empty()) {
      if (!keys.known.countries.count(r.country)) {
        row.fail("country", "UNKNOWN_COUNTRY", "country " + r.country.str() + " is not known");
      } else if (country_of(r.code) != r.country) {
        row.fail("country", "COUNTRY_MISMATCH",
                 "NUTS code " + r.code.str() + " does not belong to country " + r.country.str());
      }
    }
    check_unique(seen, r.code, row, "nuts_id", "region " + r.code.str());
    if (!row.ok()) continue;
    keys.known.regions.insert(r.code);
    out.regions.push_back(std::move(r));
  }
}

void read_population(const CsvTable& t, Keys& keys, Dataset& out,
                     std::vector<ErrorDetail>& errors) {
  std::set<std::pair<RegionCode, int>> seen;
  for (const auto& rec : t.records) {
    Row row(t, rec, errors);
    Population p;
    p.region = row.parse<RegionCode>("nuts_id", parse_region_code);
    p.year = static_cast<int>(row.integer("year", 1900, 2200));
    p.total = row.parse<std::int64_t>("total", parse_count);
    p.under5 = row.parse<std::int64_t>("under5", parse_count);
    p.over65 = row.parse<std::int64_t>("over65", parse_count);
    if (p.total > kMaxPopulation) {
      row.fail("total", "OUT_OF_RANGE", "more people than live on Earth");
    }
    if (p.under5 > p.total) row.fail("under5", "OUT_OF_RANGE", "under5 exceeds total");
    if (p.over65 > p.total) row.fail("over65", "OUT_OF_RANGE", "over65 exceeds total");
    if (!p.region.empty() && !keys.known.regions.count(p.region)) {
      row.fail("nuts_id", "UNKNOWN_REGION", "region " + p.region.str() + " is not known");
    }
    if (!seen.insert({p.region, p.year}).second) {
      row.fail("nuts_id", "DUPLICATE_KEY",
               "region " + p.region.str() + " year " + std::to_string(p.year) +
                   " appears more than once in this file");
    }
    if (row.ok()) out.population.push_back(std::move(p));
  }
}

// A region column that must name a region read before or already stored.
RegionCode known_region(Row& row, std::string_view column, const Keys& keys) {
  RegionCode code = row.parse<RegionCode>(column, parse_region_code);
  if (!code.empty() && !keys.known.regions.count(code)) {
    row.fail(column, "UNKNOWN_REGION", "region " + code.str() + " is not known");
  }
  return code;
}

void read_adjacency(const CsvTable& t, Keys& keys, Dataset& out, std::vector<ErrorDetail>& errors) {
  std::set<std::pair<RegionCode, RegionCode>> seen;
  for (const auto& rec : t.records) {
    Row row(t, rec, errors);
    Adjacency a;
    a.a = known_region(row, "region_a", keys);
    a.b = known_region(row, "region_b", keys);
    a.shared_border_km = row.decimal("shared_border_km", 0, 1e5);
    if (!a.a.empty() && !(a.a < a.b)) {
      row.fail("region_b", "INVALID_VALUE", "region_a must sort before region_b");
    }
    if (!seen.insert({a.a, a.b}).second) {
      row.fail("region_a", "DUPLICATE_KEY", "pair " + a.a.str() + "-" + a.b.str() +
                                                " appears more than once in this file");
    }
    if (row.ok()) out.adjacency.push_back(std::move(a));
  }
}

// Sea and fixed links. Ids are lower-case words joined by hyphens; "road-" and "border-" are
// the network's own names for land links and borders, so a published link may not take them.
void read_transport_links(const CsvTable& t, Keys& keys, Dataset& out, std::vector<ErrorDetail>& errors) {
  std::set<std::string> seen;
  for (const auto& rec : t.records) {
    Row row(t, rec, errors);
    TransportLink l;
    l.id = row.required("id");
    const bool well_formed =
        !l.id.empty() && l.id.front() != '-' && l.id.back() != '-' &&
        std::all_of(l.id.begin(), l.id.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        });
    if (!l.id.empty() && !well_formed) {
      row.fail("id", "INVALID_VALUE", "'" + l.id + "' is not lower-case letters, digits and hyphens");
    } else if (l.id.rfind("road-", 0) == 0 || l.id.rfind("border-", 0) == 0) {
      row.fail("id", "INVALID_VALUE", "'" + l.id + "': road- and border- name the network's own links");
    }
    l.a = known_region(row, "region_a", keys);
    l.b = known_region(row, "region_b", keys);
    if (!l.a.empty() && l.a == l.b) {
      row.fail("region_b", "INVALID_VALUE", "a link joins two different regions");
    }
    l.mode = row.parse<LinkMode>("mode", parse_link_mode);
    if (row.text("mode") == link_mode_name(LinkMode::kRoad)) {
      row.fail("mode", "INVALID_VALUE", "road links follow from adjacency.csv and are not listed here");
    }
    l.hours = row.optional_decimal("hours", 0.01, 24 * 60);
    l.length_km = row.optional_decimal("length_km", 0.01, 1000);
    l.service = row.parse<LinkService>("status", parse_link_service);
    l.name = row.text("name");
    l.source = row.text("source");
    l.not_routed = row.text("not_routed");
    if (!l.id.empty() && !seen.insert(l.id).second) {
      row.fail("id", "DUPLICATE_KEY", "link " + l.id + " appears more than once in this file");
    }
    if (row.ok()) out.transport_links.push_back(std::move(l));
  }
}

void read_resceu_hosts(const CsvTable& t, Keys& keys, Dataset& out,
                       std::vector<ErrorDetail>& errors) {
  std::set<std::pair<CountryCode, std::string>> seen;
  for (const auto& rec : t.records) {
    Row row(t, rec, errors);
    ResceuHost h;
    h.country = row.parse<CountryCode>("country", parse_country_code);
    h.category = row.required("category");
    h.announced = row.text("announced");
    h.source_url = row.required("source_url");
    if (!h.country.empty() && !keys.known.countries.count(h.country)) {
      row.fail("country", "UNKNOWN_COUNTRY", "country " + h.country.str() + " is not known");
    }
    if (!seen.insert({h.country, h.category}).second) {
      row.fail("category", "DUPLICATE_KEY", h.country.str() + " / " + h.category +
                                                " appears more than once in this file");
    }
    if (row.ok()) out.resceu_hosts.push_back(std::move(h));
  }
}

void read_goods(const CsvTable& t, Keys& keys, Dataset& out, std::vector<ErrorDetail>& errors) {
  std::set<GoodId> seen;
  for (const auto& rec : t.records) {
    Row row(t, rec, errors);
    Good g;
    g.id = row.parse<GoodId>("id", parse_good_id);
    g.name = row.required("name");
    g.category = row.parse<GoodCategory>("category", parse_category);
    g.unit = row.parse<UnitInfo>("unit", find_unit).code;
    g.pack_sizes = row.parse<std::vector<PackSize>>("pack_sizes", parse_pack_sizes);
    if (auto days = row.optional_integer("shelf_life_days", 1, 100 * 366)) {
      g.shelf_life_days = static_cast<int>(*days);
    }
    const auto min_c = row.optional_integer("storage_min_c", -100, 100);
    const auto max_c = row.optional_integer("storage_max_c", -100, 100);
    if (min_c.has_value() != max_c.has_value()) {
      row.fail(min_c ? "storage_max_c" : "storage_min_c", "MISSING_VALUE",
               "give both ends of the storage range or neither");
    } else if (min_c && *min_c > *max_c) {
      row.fail("storage_max_c", "OUT_OF_RANGE", "storage_max_c is below storage_min_c");
    } else if (min_c) {
      g.storage = TemperatureRange{static_cast<int>(*min_c), static_cast<int>(*max_c)};
    }
    g.dual_use = row.flag("dual_use");
    g.hs_code = row.text("hs_code");
    if (!g.hs_code.empty() && (!is_digits(g.hs_code) || g.hs_code.size() < 4 ||
                               g.hs_code.size() > 10 || g.hs_code.size() % 2 != 0)) {
      row.fail("hs_code", "INVALID_HS_CODE", "'" + g.hs_code + "' must be 4, 6, 8 or 10 digits");
    }
    g.atc_code = row.text("atc_code");
    g.half_life_hours = row.optional_decimal("half_life_hours", 1e-6, 1e9);
    g.notes = row.text("notes");
    check_unique(seen, g.id, row, "id", "good " + g.id.str());
    if (!row.ok()) continue;
    keys.known.goods.insert(g.id);
    if (g.shelf_life_days) {
      keys.known.expiring_goods.insert(g.id);
    } else {
      keys.known.expiring_goods.erase(g.id);
    }
    out.goods.push_back(std::move(g));
  }
}

// Codes of an area that the store or this batch does not know.
void check_area_codes(Row& row, std::string_view column, const Area& area, const KnownKeys& known) {
  for (const auto& c : area.countries) {
    if (!known.countries.count(c)) row.fail(column, "UNKNOWN_COUNTRY", "country " + c.str() + " is not known");
  }
  for (const auto& r : area.regions) {
    if (!known.regions.count(r)) row.fail(column, "UNKNOWN_REGION", "region " + r.str() + " is not known");
  }
}

// Each listed code of an area as an area of its own.
std::vector<Area> split_area(const Area& area) {
  std::vector<Area> parts;
  for (const auto& c : area.countries) parts.push_back(Area{{c}, {}});
  for (const auto& r : area.regions) parts.push_back(Area{{}, {r}});
  return parts;
}

// Bounds far above any real norm (a person needs litres, not tonnes, a day) that keep every
// level a readiness row computes below 10^15 base units, the most one lot may hold.
constexpr std::int64_t kMaxPerPersonDay = 10'000;
constexpr std::int64_t kMaxPerIncident = 1'000'000'000;
constexpr std::int64_t kMaxFactor = 100;

// A rational no larger than `max`, or a failure naming the bound.
Rational bounded(Row& row, std::string_view column, Rational value, std::int64_t max) {
  if (value.num() / value.den() > max || (value.num() / value.den() == max && value.num() % value.den() != 0)) {
    row.fail(column, "OUT_OF_RANGE", "'" + row.text(column) + "' is above " + std::to_string(max));
  }
  return value;
}

Rational factor(Row& row, std::string_view column) {
  if (row.text(column).empty()) return Rational::one();
  return bounded(row, column, row.parse<Rational>(column, Rational::parse), kMaxFactor);
}

void read_scenarios(const CsvTable& t, Keys& keys, Dataset& out, std::vector<ErrorDetail>& errors) {
  std::set<ScenarioId> seen;
  for (const auto& rec : t.records) {
    Row row(t, rec, errors);
    Scenario s;
    s.id = row.parse<ScenarioId>("id", parse_scenario_id);
    s.name = row.required("name");
    s.hazard = row.required("hazard");
    s.area = row.parse<Area>("area", parse_area);
    check_area_codes(row, "area", s.area, keys.known);
    s.window_days = static_cast<int>(row.integer("window_days", 1, 3660));
    s.response_hours = static_cast<int>(row.integer("response_hours", 1, 24 * 3660));
    s.minimum_days = static_cast<int>(row.integer("minimum_days", 0, 3660));
    s.target_min_days = static_cast<int>(row.integer("target_min_days", 0, 3660));
    s.target_max_days = static_cast<int>(row.integer("target_max_days", 0, 3660));
    if (row.ok() && !(s.minimum_days <= s.target_min_days && s.target_min_days <= s.target_max_days)) {
      row.fail("target_min_days", "INCONSISTENT_LEVELS",
               "levels must rise: minimum_days " + std::to_string(s.minimum_days) + " <= target_min_days " +
                   std::to_string(s.target_min_days) + " <= target_max_days " + std::to_string(s.target_max_days));
    }
    s.version = row.required("version");
    const auto from = parse_date(row.text("valid_from"));
    s.valid_from = row.parse<Date>("valid_from", parse_date);
    if (!row.text("valid_until").empty()) {
      const auto until = parse_date(row.text("valid_until"));
      s.valid_until = row.parse<Date>("valid_until", parse_date);
      if (from.ok() && until.ok() && *until < *from) {
        row.fail("valid_until", "INVALID_PERIOD", "valid_until comes before valid_from");
      }
    }
    s.description = row.text("description");
    s.source = row.required("source");
    check_unique(seen, s.id, row, "id", "scenario " + s.id.str());
    if (!row.ok()) continue;
    keys.known.scenarios.insert(s.id);
    keys.scenario_areas[s.id] = s.area;
    out.scenarios.push_back(std::move(s));
  }
}

void read_needs(const CsvTable& t, Keys& keys, Dataset& out, std::vector<ErrorDetail>& errors) {
  // Lines of one (scenario, good) may split it by area, but no region may get two of them.
  std::map<std::pair<ScenarioId, GoodId>, std::vector<std::pair<Area, std::string>>> seen;
  for (const auto& rec : t.records) {
    Row row(t, rec, errors);
    Need n;
    n.scenario = row.parse<ScenarioId>("scenario", parse_scenario_id);
    n.good = row.parse<GoodId>("good", parse_good_id);
    n.area = row.parse<Area>("area", parse_area);
    check_area_codes(row, "area", n.area, keys.known);
    n.basis = row.parse<NeedBasis>("basis", parse_need_basis);
    n.quantity = row.parse<Rational>("quantity", Rational::parse);
    n.quantity = bounded(row, "quantity", n.quantity,
                         n.basis == NeedBasis::kIncident ? kMaxPerIncident : kMaxPerPersonDay);
    n.under5_factor = factor(row, "under5_factor");
    n.over65_factor = factor(row, "over65_factor");
    n.disability_factor = factor(row, "disability_factor");
    if (n.basis == NeedBasis::kIncident) {
      for (const char* column : {"under5_factor", "over65_factor", "disability_factor"}) {
        if (!row.text(column).empty()) {
          row.fail(column, "NOT_APPLICABLE", "population-group factors are for basis 'person-day' only");
        }
      }
      n.incidents = static_cast<int>(row.integer("incidents", 1, 1'000'000));
    } else if (!row.text("incidents").empty()) {
      row.fail("incidents", "NOT_APPLICABLE", "incidents are for basis 'incident' only");
    }
    n.note = row.text("note");
    n.source = row.required("source");
    if (!n.scenario.empty() && !keys.known.scenarios.count(n.scenario)) {
      row.fail("scenario", "UNKNOWN_SCENARIO", "scenario " + n.scenario.str() + " is not known");
    }
    if (!n.good.empty() && !keys.known.goods.count(n.good)) {
      row.fail("good", "UNKNOWN_GOOD", "good " + n.good.str() + " is not known");
    }
    if (const auto it = keys.scenario_areas.find(n.scenario); it != keys.scenario_areas.end() && row.ok()) {
      for (const auto& part : split_area(n.area)) {
        if (!part.overlaps(it->second)) {
          row.fail("area", "OUTSIDE_SCENARIO", part.to_string() + " lies outside the scenario's area (" +
                                                   it->second.to_string() + ")");
        }
      }
    }
    if (row.ok()) {
      auto& earlier = seen[{n.scenario, n.good}];
      for (const auto& [area, where] : earlier) {
        if (!area.overlaps(n.area)) continue;
        row.fail("area", "DUPLICATE_KEY", n.scenario.str() + " / " + n.good.str() + " for " + n.area.to_string() +
                                              " overlaps the line at " + where + " (" + area.to_string() + ")");
        break;
      }
      earlier.emplace_back(n.area, row.where());
    }
    if (row.ok()) out.needs.push_back(std::move(n));
  }
}

void read_prices(const CsvTable& t, Keys& keys, Dataset& out, std::vector<ErrorDetail>& errors) {
  std::set<GoodId> seen;
  for (const auto& rec : t.records) {
    Row row(t, rec, errors);
    ReferencePrice p;
    p.good = row.parse<GoodId>("good", parse_good_id);
    p.eur_per_unit = row.parse<Rational>("eur_per_unit", Rational::parse);
    p.year = static_cast<int>(row.integer("year", 1900, 2100));
    p.source = row.required("source");
    if (!p.good.empty() && !keys.known.goods.count(p.good)) {
      row.fail("good", "UNKNOWN_GOOD", "good " + p.good.str() + " is not known");
    }
    check_unique(seen, p.good, row, "good", "good " + p.good.str());
    if (row.ok()) out.prices.push_back(std::move(p));
  }
}

void read_holding_costs(const CsvTable& t, Keys&, Dataset& out, std::vector<ErrorDetail>& errors) {
  std::set<GoodCategory> seen;
  for (const auto& rec : t.records) {
    Row row(t, rec, errors);
    HoldingCost h;
    h.category = row.parse<GoodCategory>("category", parse_category);
    h.capital_rate = row.parse<Rational>("capital_rate", Rational::parse);
    h.storage_rate = row.parse<Rational>("storage_rate", Rational::parse);
    h.basis = row.text("basis");
    h.source = row.required("source");
    if (row.ok()) check_unique(seen, h.category, row, "category", "category " + std::string(category_name(h.category)));
    if (row.ok()) out.holding_costs.push_back(std::move(h));
  }
}

void read_orders(const CsvTable& t, Keys& keys, Dataset& out, std::vector<ErrorDetail>& errors) {
  std::set<std::string> seen;
  for (const auto& rec : t.records) {
    Row row(t, rec, errors);
    PurchaseOrder o;
    o.id = row.required("id");
    o.region = row.parse<RegionCode>("region", parse_region_code);
    o.country = country_of(o.region);
    o.good = row.parse<GoodId>("good", parse_good_id);
    o.quantity = row.integer("quantity", 1, kMaxMovementQuantity);
    o.expected = row.parse<Date>("expected", parse_date);
    if (!o.region.empty() && !keys.known.regions.count(o.region)) {
      row.fail("region", "UNKNOWN_REGION", "region " + o.region.str() + " is not known");
    }
    if (!o.good.empty() && !keys.known.goods.count(o.good)) {
      row.fail("good", "UNKNOWN_GOOD", "good " + o.good.str() + " is not known");
    }
    check_unique(seen, o.id, row, "id", "order " + o.id);
    if (row.ok()) out.orders.push_back(std::move(o));
  }
}

void read_trade_items(const CsvTable& t, Keys& keys, Dataset& out, std::vector<ErrorDetail>& errors) {
  std::set<std::string> seen;
  for (const auto& rec : t.records) {
    Row row(t, rec, errors);
    TradeItem item;
    item.gtin = row.parse<std::string>("gtin", parse_gtin);
    item.good = row.parse<GoodId>("good", parse_good_id);
    item.base_units = row.integer("base_units", 1, kMaxMovementQuantity);
    item.description = row.text("description");
    if (!item.good.empty() && !keys.known.goods.count(item.good)) {
      row.fail("good", "UNKNOWN_GOOD", "good " + item.good.str() + " is not known");
    }
    check_unique(seen, item.gtin, row, "gtin", "GTIN " + item.gtin);
    if (row.ok()) out.trade_items.push_back(std::move(item));
  }
}

void read_demo_profile(const CsvTable& t, Keys& keys, Dataset& out,
                       std::vector<ErrorDetail>& errors) {
  std::set<std::pair<GoodId, DepotKind>> seen;
  for (const auto& rec : t.records) {
    Row row(t, rec, errors);
    DemoProfileLine line;
    line.good = row.parse<GoodId>("good", parse_good_id);
    line.depot_kind = row.parse<DepotKind>("depot_kind", parse_depot_kind);
    line.per_100k_min = row.parse<std::int64_t>("per_100k_min", parse_count);
    line.per_100k_max = row.parse<std::int64_t>("per_100k_max", parse_count);
    if (line.per_100k_min > line.per_100k_max) {
      row.fail("per_100k_max", "OUT_OF_RANGE", "per_100k_max is below per_100k_min");
    }
    if (!line.good.empty() && !keys.known.goods.count(line.good)) {
      row.fail("good", "UNKNOWN_GOOD", "good " + line.good.str() + " is not known");
    }
    if (!seen.insert({line.good, line.depot_kind}).second) {
      row.fail("good", "DUPLICATE_KEY", line.good.str() + " / " +
                                            std::string(depot_kind_name(line.depot_kind)) +
                                            " appears more than once in this file");
    }
    if (row.ok()) out.demo_profile.push_back(std::move(line));
  }
}

void read_depots(const CsvTable& t, Keys& keys, Dataset& out, std::vector<ErrorDetail>& errors) {
  std::set<DepotId> seen;
  for (const auto& rec : t.records) {
    Row row(t, rec, errors);
    Depot d;
    d.id = row.parse<DepotId>("id", parse_depot_id);
    d.name = row.required("name");
    d.owner = row.parse<OrganisationId>("owner", parse_organisation_id);
    d.kind = row.parse<DepotKind>("kind", parse_depot_kind);
    d.country = row.parse<CountryCode>("country", parse_country_code);
    d.region = row.parse<RegionCode>("region", parse_region_code);
    d.location.lat = row.decimal("lat", -90, 90);
    d.location.lon = row.decimal("lon", -180, 180);
    d.gln = row.text("gln");
    d.timezone = row.text("timezone");
    check_time_zone(row, keys.known, d.timezone);
    d.generated = row.flag("generated");
    if (auto gln = parse_gln(d.gln); !d.gln.empty() && !gln.ok()) {
      row.fail("gln", "INVALID_GLN", gln.error().message);
    }
    if (!d.country.empty() && !keys.known.countries.count(d.country)) {
      row.fail("country", "UNKNOWN_COUNTRY", "country " + d.country.str() + " is not known");
    }
    if (!d.region.empty()) {
      if (!keys.known.regions.count(d.region)) {
        row.fail("region", "UNKNOWN_REGION", "region " + d.region.str() + " is not known");
      } else if (!d.country.empty() && country_of(d.region) != d.country) {
        row.fail("region", "COUNTRY_MISMATCH",
                 "region " + d.region.str() + " is not in country " + d.country.str());
      }
    }
    check_unique(seen, d.id, row, "id", "depot " + d.id.str());
    if (!row.ok()) continue;
    keys.known.depot_owners[d.id] = d.owner;
    out.depots.push_back(std::move(d));
  }
}

// "2027-03-31", or month-only "2027-03" meaning the month's last day.
Result<std::optional<Date>> parse_expiry(std::string_view text) {
  if (text.empty()) return std::optional<Date>{};
  if (text.size() == 7 && text[4] == '-') {
    auto first = parse_date(std::string(text) + "-01");
    if (!first.ok()) return first.take_error();
    return std::optional<Date>{last_day_of_month(first->year() / first->month())};
  }
  auto date = parse_date(text);
  if (!date.ok()) return date.take_error();
  return std::optional<Date>{*date};
}

// A date (the business day; incoming stock counts from its start), or a full RFC 3339 time
// whose business day is its UTC date until the depot's time zone is applied.
Result<std::pair<Date, std::optional<Instant>>> parse_received(std::string_view text) {
  if (text.size() == 10) {
    auto date = parse_date(text);
    if (!date.ok()) return date.take_error();
    return std::make_pair(*date, std::optional<Instant>{});
  }
  auto at = parse_instant(text);
  if (!at.ok()) return at.take_error();
  return std::make_pair(utc_date(*at), std::optional<Instant>{*at});
}

// Each line registers a lot at a depot with its opening quantity: a receipt from "opening".
void read_lots(const CsvTable& t, Keys& keys, Dataset& out, std::vector<ErrorDetail>& errors) {
  const auto& depot_owner = keys.known.depot_owners;
  std::set<std::tuple<DepotId, GoodId, std::string, OrganisationId>> seen;
  std::map<std::tuple<GoodId, std::string, OrganisationId>, std::optional<Date>> expiries;
  for (const auto& rec : t.records) {
    Row row(t, rec, errors);
    MovementLine m;
    m.record = row.where();
    m.kind = MovementKind::kReceipt;
    m.source = "opening";
    m.depot = row.parse<DepotId>("depot", parse_depot_id);
    m.good = row.parse<GoodId>("good", parse_good_id);
    m.lot = row.required("lot");
    const std::string owner_text = row.text("owner");
    OrganisationId owner;
    if (owner_text.empty()) {
      if (const auto it = depot_owner.find(m.depot); it != depot_owner.end()) owner = it->second;
    } else {
      owner = row.parse<OrganisationId>("owner", parse_organisation_id);
    }
    m.owner = owner;
    m.expiry = row.parse<std::optional<Date>>("expiry", parse_expiry);
    m.quantity = row.parse<std::int64_t>("quantity", parse_count);
    if (row.ok() && m.quantity == 0) {
      row.fail("quantity", "INVALID_QUANTITY", "an opening quantity must be above 0");
    } else if (m.quantity > kMaxMovementQuantity) {
      row.fail("quantity", "OUT_OF_RANGE", "above the largest quantity one line may carry (10^15)");
    }
    m.status = row.parse<LotStatus>("status", parse_lot_status);
    if (row.text("received").empty()) row.fail("received", "MISSING_VALUE", "received is required");
    const auto received = row.text("received").empty()
                              ? std::pair<Date, std::optional<Instant>>{}
                              : row.parse<std::pair<Date, std::optional<Instant>>>("received", parse_received);
    m.day = received.first;
    m.at = received.second;
    m.generated = row.flag("generated");

    if (!m.depot.empty() && !depot_owner.count(m.depot)) {
      row.fail("depot", "UNKNOWN_DEPOT", "depot " + m.depot.str() + " is not known");
    }
    if (!m.good.empty()) {
      if (!keys.known.goods.count(m.good)) {
        row.fail("good", "UNKNOWN_GOOD", "good " + m.good.str() + " is not known");
      } else if (keys.known.expiring_goods.count(m.good) && row.text("expiry").empty()) {
        row.fail("expiry", "EXPIRY_REQUIRED",
                 "good " + m.good.str() + " has a shelf life; give the lot's expiry");
      }
    }
    if (!seen.insert(std::make_tuple(m.depot, m.good, m.lot, owner)).second) {
      row.fail("lot", "DUPLICATE_KEY", "lot " + m.lot + " of " + m.good.str() + " at " +
                                           m.depot.str() + " appears more than once in this file");
    }
    const auto identity = std::make_tuple(m.good, m.lot, owner);
    if (const auto [it, inserted] = expiries.emplace(identity, m.expiry);
        !inserted && it->second != m.expiry && row.ok()) {
      row.fail("expiry", "EXPIRY_CONFLICT",
               "lot " + m.lot + " of " + m.good.str() + " already has expiry " +
                   (it->second ? format_date(*it->second) : "none") + " in this file");
    }
    if (!row.ok()) continue;
    // The id uses the owner as written, so the same line means the same movement even if the
    // depot's owner changed in between (the changed content is then reported, not doubled).
    m.id = "import:" + m.depot.str() + ":" + m.good.str() + ":" + m.lot + ":" + owner_text;
    out.stock.push_back(std::move(m));
  }
}

struct FileSpec {
  std::string name;
  std::vector<std::string_view> columns;
  std::vector<std::string_view> optional = {};  // columns added later; older files lack them
};

const std::vector<FileSpec>& file_specs() {
  static const std::vector<FileSpec> kSpecs = {
      {"countries.csv", {"code", "name", "oil_stock_days", "oil_stock_month"}, {"disability_share"}},
      {"regions.csv",
       {"nuts_id", "country", "name", "label_lat", "label_lon", "area_km2", "timezone"}},
      {"population.csv", {"nuts_id", "year", "total", "under5", "over65"}},
      {"adjacency.csv", {"region_a", "region_b", "shared_border_km"}},
      {"transport_links.csv",
       {"id", "region_a", "region_b", "mode", "hours", "length_km", "status", "name", "source"}, {"not_routed"}},
      {"resceu_hosts.csv", {"country", "category", "announced", "source_url"}},
      {"goods.csv",
       {"id", "name", "category", "unit", "pack_sizes", "shelf_life_days", "storage_min_c",
        "storage_max_c", "dual_use", "hs_code", "atc_code", "half_life_hours", "notes"}},
      {"scenarios.csv",
       {"id", "name", "hazard", "area", "window_days", "response_hours", "minimum_days", "target_min_days",
        "target_max_days", "version", "valid_from", "valid_until", "description", "source"}},
      {"scenario_needs.csv",
       {"scenario", "good", "area", "basis", "quantity", "under5_factor", "over65_factor", "disability_factor",
        "incidents", "note", "source"}},
      {"reference_prices.csv", {"good", "eur_per_unit", "year", "source"}},
      {"holding_costs.csv", {"category", "capital_rate", "storage_rate", "basis", "source"}},
      {"orders.csv", {"id", "region", "good", "quantity", "expected"}},
      {"trade_items.csv", {"gtin", "good", "base_units", "description"}},
      {"demo_profile.csv", {"good", "depot_kind", "per_100k_min", "per_100k_max"}},
      {"depots.csv",
       {"id", "name", "owner", "kind", "country", "region", "lat", "lon", "gln", "timezone",
        "generated"}},
      {"lots.csv",
       {"depot", "good", "lot", "owner", "expiry", "quantity", "status", "received", "generated"}},
  };
  return kSpecs;
}

}  // namespace

const std::vector<std::string>& dataset_file_names() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (const auto& spec : file_specs()) names.push_back(spec.name);
    return names;
  }();
  return kNames;
}

Result<DatasetRead> read_dataset(const std::vector<NamedText>& files, const KnownKeys& known,
                                 Progress& progress) {
  DatasetRead result;
  Keys keys;
  keys.known = known;
  std::vector<ErrorDetail> errors;

  for (const auto& file : files) {
    const auto& names = dataset_file_names();
    if (std::find(names.begin(), names.end(), file.name) == names.end()) {
      result.files_ignored.push_back(file.name);
    }
  }
  const auto& specs = file_specs();
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const auto& spec = specs[i];
    const auto file = std::find_if(files.begin(), files.end(),
                                   [&](const NamedText& f) { return f.name == spec.name; });
    if (file == files.end()) continue;
    progress.report("reading " + spec.name, i, specs.size());
    auto table = parse_csv(file->content, spec.name, &errors);
    if (!table.ok()) {
      for (auto& d : table.take_error().details) errors.push_back(std::move(d));
      continue;
    }
    if (auto header = check_header(*table, spec.columns, spec.optional); !header.ok()) {
      for (auto& d : header.take_error().details) errors.push_back(std::move(d));
      continue;
    }
    result.files_read.push_back(spec.name);
    Dataset& out = result.dataset;
    if (spec.name == "countries.csv") read_countries(*table, keys, out, errors);
    if (spec.name == "regions.csv") read_regions(*table, keys, out, errors);
    if (spec.name == "population.csv") read_population(*table, keys, out, errors);
    if (spec.name == "adjacency.csv") read_adjacency(*table, keys, out, errors);
    if (spec.name == "transport_links.csv") read_transport_links(*table, keys, out, errors);
    if (spec.name == "resceu_hosts.csv") read_resceu_hosts(*table, keys, out, errors);
    if (spec.name == "goods.csv") read_goods(*table, keys, out, errors);
    if (spec.name == "scenarios.csv") read_scenarios(*table, keys, out, errors);
    if (spec.name == "scenario_needs.csv") read_needs(*table, keys, out, errors);
    if (spec.name == "reference_prices.csv") read_prices(*table, keys, out, errors);
    if (spec.name == "holding_costs.csv") read_holding_costs(*table, keys, out, errors);
    if (spec.name == "orders.csv") read_orders(*table, keys, out, errors);
    if (spec.name == "trade_items.csv") read_trade_items(*table, keys, out, errors);
    if (spec.name == "demo_profile.csv") read_demo_profile(*table, keys, out, errors);
    if (spec.name == "depots.csv") read_depots(*table, keys, out, errors);
    if (spec.name == "lots.csv") read_lots(*table, keys, out, errors);
  }
  if (!errors.empty()) {
    const std::size_t n = errors.size();
    return make_error(ErrorCode::kInvalidInput,
                      std::to_string(n) + (n == 1 ? " problem" : " problems") +
                          " in the input; nothing was imported",
                      std::move(errors));
  }
  return result;
}

Result<DatasetRead> read_dataset_directory(const std::filesystem::path& dir,
                                           const KnownKeys& known, Progress& progress) {
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) {
    return make_error(ErrorCode::kNotFound, "no such directory: " + dir.string());
  }
  if (!std::filesystem::is_directory(dir, ec)) {
    return make_error(ErrorCode::kUsage, dir.string() + " is not a directory; import takes the "
                                         "directory that holds the CSV files");
  }
  std::vector<NamedText> files;
  std::vector<std::string> skipped;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || entry.path().extension() != ".csv") {
      skipped.push_back(name + (entry.is_directory() ? "/" : ""));
      continue;
    }
    std::ifstream in(entry.path(), std::ios::binary);
    if (!in) {
      return make_error(ErrorCode::kNotFound, "cannot read " + entry.path().string());
    }
    std::ostringstream content;
    content << in.rdbuf();
    files.push_back({entry.path().filename().string(), content.str()});
  }
  if (ec) return make_error(ErrorCode::kInternal, "cannot list " + dir.string() + ": " + ec.message());
  const auto& names = dataset_file_names();
  const bool any = std::any_of(files.begin(), files.end(), [&](const NamedText& f) {
    return std::find(names.begin(), names.end(), f.name) != names.end();
  });
  if (!any) {
    return make_error(ErrorCode::kNotFound,
                      dir.string() + " holds none of the dataset files (see docs/data-format.md)");
  }
  auto read = read_dataset(files, known, progress);
  if (read.ok()) {
    read->files_ignored.insert(read->files_ignored.end(), skipped.begin(), skipped.end());
    std::sort(read->files_ignored.begin(), read->files_ignored.end());
  }
  return read;
}

}  // namespace paraat::ingest
