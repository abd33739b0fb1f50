// Where things are: countries, NUTS-2 regions with their population, and which regions touch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/ids.h"

namespace paraat {

struct GeoPoint {
  double lat = 0;  // WGS84 degrees
  double lon = 0;

  bool operator==(const GeoPoint&) const = default;
};

// Great-circle distance in kilometres (haversine, mean Earth radius 6371.0088 km).
double great_circle_km(GeoPoint a, GeoPoint b);

struct Country {
  CountryCode code;
  std::string name;
  // Emergency oil stocks held under Directive 2009/119/EC, in days, as published by Eurostat
  // (nrg_stk_oem) for `oil_stock_month`; absent when not published.
  std::optional<double> oil_stock_days;
  std::string oil_stock_month;  // "2026-06"
  // Share of the population with a severe long-standing activity limitation (Eurostat
  // EU-SILC); absent when not published. Readiness counts that many people with disabilities.
  std::optional<double> disability_share;

  bool operator==(const Country&) const = default;
};

struct Region {
  RegionCode code;        // NUTS 2024
  CountryCode country;
  std::string name;
  GeoPoint label_point;   // GISCO label point, inside the region
  double area_km2 = 0;    // of the 1:20M generalised boundary; approximate
  std::string timezone;   // IANA time zone of the region, e.g. "Atlantic/Canary"

  bool operator==(const Region&) const = default;
};

// Population on 1 January of `year`.
struct Population {
  RegionCode region;
  int year = 0;
  std::int64_t total = 0;
  std::int64_t under5 = 0;
  std::int64_t over65 = 0;

  bool operator==(const Population&) const = default;
};

// Two regions sharing a land border; a < b.
struct Adjacency {
  RegionCode a;
  RegionCode b;
  double shared_border_km = 0;

  bool operator==(const Adjacency&) const = default;
};

// A member state that hosts a rescEU reserve of the given category.
struct ResceuHost {
  CountryCode country;
  std::string category;   // "rescEU medical stockpile", "rescEU CBRN reserve", ...
  std::string announced;  // as published: "2020", "2023-01", "by 2023-01"
  std::string source_url;

  bool operator==(const ResceuHost&) const = default;
};

}  // namespace paraat
