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
           {"area", T::kString, "EU, or the states and NUTS-2 regions it concerns"},
           {"window_days", T::kInteger, "days the stock must cover"},
           {"response_hours", T::kInteger, "hours within which goods must arrive (reachable stock)"},
           {"minimum_days", T::kInteger, "default minimum level, days of cover"},
           {"target_min_days", T::kInteger, "default target range, lower end, days of cover"},
           {"target_max_days", T::kInteger, "default target range, upper end, days of cover"},
           {"version", T::kString, "version of the list of goods"},
           {"valid_from", T::kDate, "date the version applies from"},
           {"valid_until", T::kDate, "last date it applies", true},
           {"description", T::kString, "description"},
           {"source", T::kString, "where the framing and durations come from"}},
          {},
          {}};
  for (const auto& s : scenarios) {
    t.rows.push_back({text(s.id.str()), text(s.name), text(s.hazard), text(s.area.to_string()),
                      integer(s.window_days), integer(s.response_hours), integer(s.minimum_days),
                      integer(s.target_min_days), integer(s.target_max_days), text(s.version),
                      text(format_date(s.valid_from)), date_cell(s.valid_until), text(s.description),
                      text(s.source)});
  }
  return t;
}

Table needs_report(const std::vector<Need>& needs) {
  Table t{"needs",
          {{"scenario", T::kString, "scenario id"},
           {"good", T::kString, "good id"},
           {"area", T::kString, "EU (the scenario's whole area) or the states and regions of this line"},
           {"basis", T::kString, "person-day or incident"},
           {"quantity", T::kString, "exact need in base units per person per day, or per incident (a or a/b)"},
           {"quantity_value", T::kNumber, "the same as a decimal", false, 6},
           {"under5_factor", T::kString, "multiplier for children under 5"},
           {"over65_factor", T::kString, "multiplier for people over 65"},
           {"disability_factor", T::kString, "multiplier for people with disabilities"},
           {"incidents", T::kInteger, "incidents each region must answer (basis incident)", true},
           {"note", T::kString, "how the figure was derived"},
           {"source", T::kString, "published standard it comes from"}},
          {},
          {}};
  for (const auto& n : needs) {
    t.rows.push_back({text(n.scenario.str()), text(n.good.str()), text(n.area.to_string()),
                      text(std::string(need_basis_name(n.basis))), text(n.quantity.to_string()),
                      n.quantity.to_double(), text(n.under5_factor.to_string()), text(n.over65_factor.to_string()),
                      text(n.disability_factor.to_string()),
                      n.basis == NeedBasis::kIncident ? integer(n.incidents) : Cell{std::monostate{}},
                      text(n.note), text(n.source)});
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

namespace {

std::vector<Column> readiness_columns() {
  return {{"scenario", T::kString, "scenario id"},
          {"region", T::kString, "NUTS-2 region"},
          {"region_name", T::kString, "region name"},
          {"country", T::kString, "country code"},
          {"good", T::kString, "good id"},
          {"unit", T::kString, "base unit (Rec 20)"},
          {"basis", T::kString, "person-day or incident"},
          {"population", T::kInteger, "population of the region"},
          {"daily_need", T::kNumber, "need per day in base units (population groups weighted)", false, 2},
          {"window_need", T::kInteger, "need over the scenario's window, base units, rounded up"},
          {"stock", T::kInteger, "usable stock held in the region through the window, base units"},
          {"stock_reachable", T::kInteger, "usable stock within the response time, the region's own included"},
          {"days_of_cover", T::kNumber, "stock / daily_need", true, 2},
          {"days_of_cover_reachable", T::kNumber, "stock_reachable / daily_need", true, 2},
          {"minimum_level", T::kInteger, "minimum level, base units"},
          {"target_min_level", T::kInteger, "target range, lower end, base units"},
          {"target_max_level", T::kInteger, "target range, upper end, base units"},
          {"levels_from", T::kString, "scenario defaults, or the state or region whose override applies"},
          {"status", T::kString, "below_minimum, below_target, in_range, above_range or no_need (own stock)"},
          {"status_reachable", T::kString, "the same for reachable stock"},
          {"gap_to_minimum", T::kInteger, "base units missing to the minimum level"},
          {"gap_to_target", T::kInteger, "base units missing to the target range"},
          {"gap_value_eur", T::kNumber, "gap_to_target at the reference price (null: no price)", true, 2},
          {"over_target", T::kInteger, "base units above the target range"},
          {"expiring_unused", T::kInteger, "base units that would expire before use even if the crisis began today"},
          {"stock_generated", T::kBoolean, "the stock figure includes generated (demo) lots"}};
}

std::vector<Cell> readiness_cells(const plan::ReadinessRow& r) {
  return {text(r.scenario.str()), text(r.region.str()), text(r.region_name), text(r.country.str()),
          text(r.good.str()), text(r.unit), text(std::string(need_basis_name(r.basis))), integer(r.population),
          r.daily_need, integer(r.window_need), integer(r.stock), integer(r.stock_reachable),
          optional_cell(r.days_of_cover), optional_cell(r.days_of_cover_reachable), integer(r.minimum_level),
          integer(r.target_min_level), integer(r.target_max_level), text(r.levels_from),
          text(std::string(plan::readiness_status_name(r.status))),
          text(std::string(plan::readiness_status_name(r.status_reachable))), integer(r.gap_to_minimum),
          integer(r.gap_to_target), optional_cell(r.gap_value_eur), integer(r.over_target),
          integer(r.expiring_unused), Cell{r.stock_generated}};
}

}  // namespace

// What a terminal shows of a readiness row; the other columns are in CSV, JSON and XLSX.
const std::vector<std::string> kReadinessBrief = {
    "scenario", "region", "good", "unit", "population", "daily_need", "stock", "days_of_cover",
    "minimum_level", "status", "status_reachable", "gap_to_target", "gap_value_eur", "expiring_unused"};

Table readiness_report(const std::vector<plan::ReadinessRow>& rows) {
  Table t{"readiness", readiness_columns(), {}, {}, kReadinessBrief};
  bool any_generated = false;
  for (const auto& r : rows) {
    any_generated = any_generated || r.stock_generated;
    t.rows.push_back(readiness_cells(r));
  }
  if (any_generated) t.notes.push_back(kGeneratedNote);
  return t;
}

Table gaps_report(const std::vector<plan::ReadinessRow>& rows) {
  Table t{"gaps", readiness_columns(), {}, {}, kReadinessBrief};
  bool any_generated = false;
  for (const auto& r : rows) {
    if (r.gap_to_target == 0 && r.over_target == 0) continue;
    any_generated = any_generated || r.stock_generated;
    t.rows.push_back(readiness_cells(r));
  }
  if (any_generated) t.notes.push_back(kGeneratedNote);
  return t;
}

Table readiness_index_report(const std::vector<plan::ReadinessIndex>& rows) {
  Table t{"readiness_index",
          {{"country", T::kString, "state code, or EU for the Union as a whole"},
           {"name", T::kString, "name"},
           {"index", T::kNumber, "readiness index 0-100: weighted share of (scenario, good, region) rows at or above the minimum (null: nothing to assess)", true, 1},
           {"rows", T::kInteger, "(scenario, good, region) rows assessed"},
           {"rows_meeting_minimum", T::kInteger, "rows whose own stock meets the minimum"},
           {"rows_with_own_levels", T::kInteger, "rows judged against a state's or region's override instead of the scenario's levels"},
           {"population", T::kInteger, "population of the regions assessed"},
           {"largest_loss", T::kString, "the row that costs the most points", true},
           {"stock_generated", T::kBoolean, "the stock behind these figures includes generated (demo) lots"},
           {"oil_stock_days", T::kNumber, "emergency oil stocks in days (Eurostat, real figure)", true, 1},
           {"oil_stock_month", T::kString, "month of the oil stock figure", true}},
          {},
          {}};
  bool any_generated = false;
  for (const auto& r : rows) {
    any_generated = any_generated || r.stock_generated;
    Cell largest{std::monostate{}};
    if (!r.losses.empty()) {
      const auto& l = r.losses.front();
      largest = text(l.scenario.str() + " / " + l.good.str() + " / " + l.region.str());
    }
    t.rows.push_back({text(r.scope), text(r.name), optional_cell(r.index), integer(r.rows),
                      integer(r.rows_meeting_minimum), integer(r.rows_with_own_levels), integer(r.population), largest, Cell{r.stock_generated}, optional_cell(r.oil_stock_days),
                      r.scope == "EU" ? Cell{std::monostate{}} : text(r.oil_stock_month)});
  }
  if (any_generated) t.notes.push_back(kGeneratedNote);
  return t;
}

Table index_losses_report(const std::vector<plan::ReadinessIndex>& rows) {
  Table t{"readiness_index_losses",
          {{"country", T::kString, "state code, or EU"},
           {"scenario", T::kString, "scenario id"},
           {"good", T::kString, "good id"},
           {"region", T::kString, "NUTS-2 region below its minimum"},
           {"gap_to_minimum", T::kInteger, "base units missing to the minimum level"},
           {"points", T::kNumber, "index points this row costs", false, 3}},
          {},
          {}};
  for (const auto& r : rows) {
    for (const auto& l : r.losses) {
      t.rows.push_back({text(r.scope), text(l.scenario.str()), text(l.good.str()), text(l.region.str()),
                        integer(l.gap_to_minimum), l.points});
    }
  }
  return t;
}

Table tender_lots_report(const plan::ProcurementPlan& plan) {
  Table t{"tender_lots",
          {{"good", T::kString, "good id"},
           {"unit", T::kString, "base unit (Rec 20)"},
           {"quantity", T::kInteger, "base units to procure, net of open orders"},
           {"eur_per_unit", T::kNumber, "reference price", true, 4},
           {"value_eur", T::kNumber, "estimated value at the reference price", true, 2},
           {"states", T::kInteger, "states taking delivery"},
           {"regions", T::kInteger, "delivery regions"},
           {"stock_generated", T::kBoolean, "the gaps rest on generated (demo) stock"}},
          {},
          {}};
  for (const auto& l : plan.lots) {
    t.rows.push_back({text(l.good.str()), text(l.unit), integer(l.quantity), optional_cell(l.eur_per_unit),
                      optional_cell(l.value_eur), integer(l.states), integer(l.regions), Cell{l.stock_generated}});
  }
  if (std::any_of(plan.lots.begin(), plan.lots.end(), [](const auto& l) { return l.stock_generated; })) {
    t.notes.push_back(kGeneratedNote);
  }
  return t;
}

Table tender_deliveries_report(const plan::ProcurementPlan& plan) {
  Table t{"tender_deliveries",
          {{"good", T::kString, "good id"},
           {"unit", T::kString, "base unit (Rec 20)"},
           {"country", T::kString, "state"},
           {"region", T::kString, "delivery region (NUTS-2)"},
           {"gap", T::kInteger, "largest gap of the assessed scenarios, base units"},
           {"gap_scenario", T::kString, "the scenario with that gap"},
           {"on_order", T::kInteger, "open purchase orders for the region"},
           {"quantity", T::kInteger, "to procure: gap - on_order"},
           {"value_eur", T::kNumber, "estimated value at the reference price", true, 2},
           {"stock_generated", T::kBoolean, "the gap rests on generated (demo) stock"}},
          {},
          {}};
  for (const auto& d : plan.deliveries) {
    t.rows.push_back({text(d.good.str()), text(d.unit), text(d.country.str()), text(d.region.str()), integer(d.gap),
                      text(d.gap_scenario.str()), integer(d.on_order), integer(d.quantity), optional_cell(d.value_eur),
                      Cell{d.stock_generated}});
  }
  if (std::any_of(plan.deliveries.begin(), plan.deliveries.end(), [](const auto& d) { return d.stock_generated; })) {
    t.notes.push_back(kGeneratedNote);
  }
  return t;
}

Table holding_costs_report(const std::vector<plan::HoldingCostRow>& rows) {
  Table t{"holding_costs",
          {{"good", T::kString, "good id"},
           {"country", T::kString, "state"},
           {"unit", T::kString, "base unit (Rec 20)"},
           {"stock", T::kInteger, "usable stock, base units"},
           {"covering", T::kInteger, "of which counts towards each region's target"},
           {"gap_to_target", T::kInteger, "still missing to the targets"},
           {"stock_value_eur", T::kNumber, "stock at the reference price", true, 2},
           {"capital_eur", T::kNumber, "yearly cost of the capital tied up", true, 2},
           {"storage_eur", T::kNumber, "yearly storage and handling", true, 2},
           {"write_off_eur", T::kNumber, "yearly write-off from expiry (value / shelf life in years)", true, 2},
           {"total_eur", T::kNumber, "yearly holding cost", true, 2},
           {"eur_per_unit_covering", T::kNumber, "yearly cost per unit that counts towards a target", true, 4},
           {"stock_generated", T::kBoolean, "the stock includes generated (demo) lots"}},
          {},
          {}};
  for (const auto& r : rows) {
    t.rows.push_back({text(r.good.str()), text(r.country.str()), text(r.unit), integer(r.stock), integer(r.covering),
                      integer(r.gap_to_target), optional_cell(r.stock_value_eur), optional_cell(r.capital_eur),
                      optional_cell(r.storage_eur), optional_cell(r.write_off_eur), optional_cell(r.total_eur),
                      optional_cell(r.eur_per_unit_covering), Cell{r.stock_generated}});
  }
  if (std::any_of(rows.begin(), rows.end(), [](const auto& r) { return r.stock_generated; })) {
    t.notes.push_back(kGeneratedNote);
  }
  return t;
}

Table targets_report(const std::vector<TargetOverride>& targets) {
  Table t{"targets",
          {{"scenario", T::kString, "scenario id"},
           {"good", T::kString, "good id"},
           {"scope", T::kString, "state or NUTS-2 region"},
           {"unit", T::kString, "days (of cover) or quantity (base units)"},
           {"minimum", T::kInteger, "minimum level"},
           {"target_min", T::kInteger, "target range, lower end"},
           {"target_max", T::kInteger, "target range, upper end"},
           {"effective_from", T::kDate, "first day it applies"},
           {"reason", T::kString, "why it was set"},
           {"recorded_by", T::kString, "who set it"},
           {"recorded_at", T::kString, "when it was recorded (UTC)"}},
          {},
          {}};
  for (const auto& o : targets) {
    t.rows.push_back({text(o.scenario.str()), text(o.good.str()), text(o.scope),
                      text(std::string(target_unit_name(o.unit))), integer(o.minimum), integer(o.target_min),
                      integer(o.target_max), text(format_date(o.effective_from)), text(o.reason), text(o.recorded_by),
                      o.recorded_at ? text(format_instant(*o.recorded_at)) : Cell{std::monostate{}}});
  }
  return t;
}

}  // namespace paraat::report
