#include "report/reports.h"

#include <map>

namespace paraat::report {

const char* const kGeneratedNote =
    "rows marked generated come from `paraat demo-stock`: made-up depots and lots placed in real "
    "regions, not figures reported by any member state";

namespace {

using T = ColumnType;

Cell optional_cell(const std::optional<double>& v) {
  return v ? Cell{*v} : Cell{std::monostate{}};
}
Cell optional_cell(const std::optional<int>& v) {
  return v ? Cell{static_cast<std::int64_t>(*v)} : Cell{std::monostate{}};
}
Cell date_cell(const std::optional<Date>& d) {
  return d ? Cell{format_date(*d)} : Cell{std::monostate{}};
}
Cell text(const std::string& s) { return Cell{s}; }
Cell integer(std::int64_t v) { return Cell{v}; }

}  // namespace

Table countries_report(const std::vector<Country>& countries) {
  Table t{"countries",
          {{"code", T::kString, "Eurostat country code (ISO 3166-1, EL for Greece)"},
           {"name", T::kString, "English short name"},
           {"oil_stock_days", T::kNumber,
            "emergency oil stocks in days (Directive 2009/119/EC), Eurostat nrg_stk_oem", true, 1},
           {"oil_stock_month", T::kString, "month the oil stock figure refers to (YYYY-MM)"}},
          {},
          {}};
  for (const auto& c : countries) {
    t.rows.push_back({text(c.code.str()), text(c.name), optional_cell(c.oil_stock_days),
                      text(c.oil_stock_month)});
  }
  return t;
}

Table regions_report(const std::vector<Region>& regions,
                     const std::vector<Population>& population) {
  std::map<RegionCode, const Population*> by_region;
  for (const auto& p : population) by_region[p.region] = &p;
  Table t{"regions",
          {{"region", T::kString, "NUTS 2024 code"},
           {"country", T::kString, "country code"},
           {"name", T::kString, "region name (Latin script)"},
           {"label_lat", T::kNumber, "GISCO label point latitude, WGS84 degrees", false, 5},
           {"label_lon", T::kNumber, "GISCO label point longitude, WGS84 degrees", false, 5},
           {"area_km2", T::kNumber, "area of the 1:20M boundary in km2 (approximate)", false, 1},
           {"population", T::kInteger, "population on 1 January of population_year", true},
           {"population_year", T::kInteger, "year of the population figure", true},
           {"share_under5", T::kNumber, "share of the population under 5", true, 4},
           {"share_65plus", T::kNumber, "share of the population aged 65 or more", true, 4}},
          {},
          {}};
  for (const auto& r : regions) {
    std::vector<Cell> row{text(r.code.str()), text(r.country.str()), text(r.name),
                          r.label_point.lat, r.label_point.lon, r.area_km2};
    const auto it = by_region.find(r.code);
    if (it != by_region.end() && it->second->total > 0) {
      const Population& p = *it->second;
      const auto total = static_cast<double>(p.total);
      row.insert(row.end(), {integer(p.total), integer(p.year),
                             static_cast<double>(p.under5) / total,
                             static_cast<double>(p.over65) / total});
    } else {
      row.insert(row.end(), 4, Cell{std::monostate{}});
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

Table goods_report(const std::vector<Good>& goods) {
  Table t{"goods",
          {{"id", T::kString, "good id"},
           {"name", T::kString, "name"},
           {"category", T::kString, "category"},
           {"unit", T::kString, "base unit, UN/CEFACT Rec 20 code; all quantities are whole base units"},
           {"pack_sizes", T::kString, "packs as name:base units, ';'-separated"},
           {"shelf_life_days", T::kInteger, "typical shelf life in days; null if it does not expire", true},
           {"storage_min_c", T::kInteger, "lowest storage temperature, degrees C", true},
           {"storage_max_c", T::kInteger, "highest storage temperature, degrees C", true},
           {"dual_use", T::kBoolean, "civil and military use"},
           {"hs_code", T::kString, "Harmonized System 2022 subheading"},
           {"atc_code", T::kString, "WHO ATC code (medicines)"},
           {"half_life_hours", T::kNumber, "half-life of a decaying good", true, 2}},
          {},
          {}};
  for (const auto& g : goods) {
    t.rows.push_back({text(g.id.str()), text(g.name), text(std::string(category_name(g.category))),
                      text(g.unit), text(format_pack_sizes(g.pack_sizes)),
                      optional_cell(g.shelf_life_days),
                      g.storage ? integer(g.storage->min_c) : Cell{std::monostate{}},
                      g.storage ? integer(g.storage->max_c) : Cell{std::monostate{}},
                      Cell{g.dual_use}, text(g.hs_code), text(g.atc_code),
                      optional_cell(g.half_life_hours)});
  }
  return t;
}

Table scenarios_report(const std::vector<Scenario>& scenarios) {
  Table t{"scenarios",
          {{"id", T::kString, "scenario id"},
           {"name", T::kString, "name"},
           {"hazard", T::kString, "hazard"},
           {"window_days", T::kInteger, "days the stock must cover"},
           {"minimum_days", T::kInteger, "minimum days of cover"},
           {"version", T::kString, "version of the list of goods"},
           {"valid_from", T::kDate, "date the version applies from"},
           {"description", T::kString, "description"}},
          {},
          {}};
  for (const auto& s : scenarios) {
    t.rows.push_back({text(s.id.str()), text(s.name), text(s.hazard),
                      integer(s.window_days), integer(s.minimum_days), text(s.version),
                      text(format_date(s.valid_from)), text(s.description)});
  }
  return t;
}

Table needs_report(const std::vector<Need>& needs) {
  Table t{"needs",
          {{"scenario", T::kString, "scenario id"},
           {"good", T::kString, "good id"},
           {"per_person_per_day", T::kString, "exact need in base units per person per day (a or a/b)"},
           {"per_person_per_day_value", T::kNumber, "the same as a decimal", false, 6},
           {"basis", T::kString, "how the figure was derived"},
           {"source", T::kString, "published standard it comes from"}},
          {},
          {}};
  for (const auto& n : needs) {
    t.rows.push_back({text(n.scenario.str()), text(n.good.str()),
                      text(n.per_person_per_day.to_string()), n.per_person_per_day.to_double(),
                      text(n.basis), text(n.source)});
  }
  return t;
}

Table depots_report(const std::vector<Depot>& depots) {
  Table t{"depots",
          {{"id", T::kString, "depot id"},
           {"name", T::kString, "name"},
           {"owner", T::kString, "owning organisation"},
           {"kind", T::kString, "national, resceu, supplier-managed, military or humanitarian"},
           {"country", T::kString, "country where the depot stands"},
           {"region", T::kString, "NUTS-2 region where the depot stands"},
           {"lat", T::kNumber, "latitude, WGS84 degrees", false, 5},
           {"lon", T::kNumber, "longitude, WGS84 degrees", false, 5},
           {"gln", T::kString, "GS1 Global Location Number"},
           {"generated", T::kBoolean, "made up by paraat demo-stock"}},
          {},
          {}};
  bool any_generated = false;
  for (const auto& d : depots) {
    any_generated = any_generated || d.generated;
    t.rows.push_back({text(d.id.str()), text(d.name), text(d.owner.str()),
                      text(std::string(depot_kind_name(d.kind))), text(d.country.str()),
                      text(d.region.str()), d.location.lat, d.location.lon, text(d.gln),
                      Cell{d.generated}});
  }
  if (any_generated) t.notes.push_back(kGeneratedNote);
  return t;
}

Table stock_report(const std::vector<LotBalance>& stock, Date as_of) {
  Table t{"stock",
          {{"depot", T::kString, "depot id"},
           {"region", T::kString, "NUTS-2 region of the depot"},
           {"country", T::kString, "country of the depot"},
           {"good", T::kString, "good id"},
           {"lot", T::kString, "lot (batch) code"},
           {"owner", T::kString, "owning organisation"},
           {"expiry", T::kDate, "usable through this day; null if it does not expire", true},
           {"status", T::kString, "available, quarantined, recalled or on-hold"},
           {"expired", T::kBoolean, "expiry is before the as-of date: may only be disposed of"},
           {"quantity", T::kInteger, "on hand, whole base units (for a decaying good: at calibration)"},
           {"activity", T::kNumber, "decaying goods: what is left of the quantity at that time", true, 3},
           {"generated", T::kBoolean, "made up by paraat demo-stock"}},
          {},
          {}};
  bool any_generated = false;
  for (const auto& b : stock) {
    any_generated = any_generated || b.generated;
    t.rows.push_back({text(b.depot.str()), text(b.region.str()), text(b.country.str()),
                      text(b.good.str()), text(b.lot), text(b.owner.str()), date_cell(b.expiry),
                      text(std::string(lot_status_name(b.status))),
                      Cell{b.expiry.has_value() && *b.expiry < as_of}, integer(b.quantity),
                      b.activity ? Cell{*b.activity} : Cell{std::monostate{}},
                      Cell{b.generated}});
  }
  if (any_generated) t.notes.push_back(kGeneratedNote);
  return t;
}

Table stock_totals_report(const std::vector<plan::StockTotal>& totals) {
  Table t{"stock_totals",
          {{"depot", T::kString, "depot id (by depot)", true},
           {"region", T::kString, "NUTS-2 region (by depot or region)", true},
           {"country", T::kString, "state holding custody (by depot, region or country)", true},
           {"owner", T::kString, "owning organisation (by owner)", true},
           {"good", T::kString, "good id"},
           {"lots", T::kInteger, "lot balances added up"},
           {"on_hand", T::kInteger, "usable + unavailable + expired, base units"},
           {"usable", T::kInteger, "available and not expired, base units"},
           {"unavailable", T::kInteger, "quarantined, recalled or on hold (not expired), base units"},
           {"expired", T::kInteger, "past expiry: may only be disposed of, base units"},
           {"activity", T::kNumber, "decaying goods: activity left at that time", true, 3},
           {"generated", T::kBoolean, "includes lots made up by paraat demo-stock"}},
          {},
          {}};
  auto optional_text = [](const auto& v) { return v ? text(v->str()) : Cell{std::monostate{}}; };
  bool any_generated = false;
  for (const auto& s : totals) {
    any_generated = any_generated || s.generated;
    t.rows.push_back({optional_text(s.depot), optional_text(s.region), optional_text(s.country),
                      optional_text(s.owner), text(s.good.str()), integer(s.lots), integer(s.on_hand),
                      integer(s.usable), integer(s.unavailable), integer(s.expired),
                      s.activity ? Cell{*s.activity} : Cell{std::monostate{}}, Cell{s.generated}});
  }
  if (any_generated) t.notes.push_back(kGeneratedNote);
  return t;
}

Table readiness_report(const std::vector<plan::ReadinessRow>& rows) {
  Table t{"readiness",
          {{"region", T::kString, "NUTS-2 region"},
           {"region_name", T::kString, "region name"},
           {"country", T::kString, "country code"},
           {"good", T::kString, "good id"},
           {"unit", T::kString, "base unit (Rec 20)"},
           {"population", T::kInteger, "population of the region"},
           {"stock", T::kInteger, "usable stock held in the region through the window, base units"},
           {"daily_need", T::kNumber, "population x need per person per day, base units", false, 2},
           {"days_of_cover", T::kNumber, "stock / daily_need", true, 2},
           {"minimum_days", T::kInteger, "the scenario's minimum days of cover"},
           {"status", T::kString, "below_minimum, meets_minimum or no_need"},
           {"stock_generated", T::kBoolean, "the stock figure includes generated (demo) lots"}},
          {},
          {}};
  bool any_generated = false;
  for (const auto& r : rows) {
    any_generated = any_generated || r.stock_generated;
    const bool no_need = r.status == plan::ReadinessStatus::kNoNeed;
    t.rows.push_back({text(r.region.str()), text(r.region_name), text(r.country.str()),
                      text(r.good.str()), text(r.unit), integer(r.population), integer(r.stock),
                      r.daily_need, no_need ? Cell{std::monostate{}} : Cell{r.days_of_cover},
                      integer(r.minimum_days),
                      text(std::string(plan::readiness_status_name(r.status))),
                      Cell{r.stock_generated}});
  }
  if (any_generated) t.notes.push_back(kGeneratedNote);
  return t;
}

Table country_readiness_report(const std::vector<plan::CountryReadiness>& rows) {
  Table t{"country_readiness",
          {{"country", T::kString, "country code"},
           {"name", T::kString, "country name"},
           {"regions", T::kInteger, "NUTS-2 regions assessed"},
           {"population", T::kInteger, "population of those regions"},
           {"pairs", T::kInteger, "(region, good) pairs assessed"},
           {"pairs_below_minimum", T::kInteger, "pairs whose usable stock is below the minimum"},
           {"share_meeting_minimum", T::kNumber, "share of pairs at or above the minimum", true, 3},
           {"stock_generated", T::kBoolean, "the stock behind these figures includes generated (demo) lots"},
           {"oil_stock_days", T::kNumber, "emergency oil stocks in days (Eurostat, real figure)", true, 1},
           {"oil_stock_month", T::kString, "month of the oil stock figure"}},
          {},
          {}};
  bool any_generated = false;
  for (const auto& r : rows) {
    any_generated = any_generated || r.stock_generated;
    std::optional<double> share;
    if (r.pairs > 0) {
      share = static_cast<double>(r.pairs - r.pairs_below_minimum) / static_cast<double>(r.pairs);
    }
    t.rows.push_back({text(r.country.str()), text(r.name), integer(r.regions),
                      integer(r.population), integer(r.pairs), integer(r.pairs_below_minimum),
                      optional_cell(share), Cell{r.stock_generated},
                      optional_cell(r.oil_stock_days), text(r.oil_stock_month)});
  }
  if (any_generated) t.notes.push_back(kGeneratedNote);
  return t;
}

}  // namespace paraat::report
