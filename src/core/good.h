// Goods: what a stockpile holds, in which unit, how long it keeps and how it must be stored.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/quantity.h"
#include "core/time.h"
#include "core/result.h"
#include "core/units.h"

namespace paraat {

enum class GoodCategory {
  kMedicalCountermeasure,
  kCbrn,
  kShelter,
  kWaterSanitation,
  kFood,
  kEnergyFuel,
  kPowerRepair,
  kCriticalRawMaterial,
};

// "medical-countermeasure", "cbrn", "shelter", "water-sanitation", "food", "energy-fuel",
// "power-repair", "critical-raw-material".
std::string_view category_name(GoodCategory category);
Result<GoodCategory> parse_category(std::string_view text);
const std::vector<GoodCategory>& all_categories();

struct TemperatureRange {
  int min_c = 0;
  int max_c = 0;

  bool operator==(const TemperatureRange&) const = default;
};

struct Good {
  GoodId id;
  std::string name;
  GoodCategory category = GoodCategory::kMedicalCountermeasure;
  std::string unit;                          // Rec 20 code of the base unit
  std::vector<PackSize> pack_sizes;
  std::optional<int> shelf_life_days;        // absent: does not expire
  std::optional<TemperatureRange> storage;   // absent: no constraint
  bool dual_use = false;
  std::string hs_code;                       // HS 2022 subheading, empty when unknown
  std::string atc_code;                      // WHO ATC code for medicines
  std::optional<double> half_life_hours;     // decaying goods (radioisotopes) only
  std::string notes;

  bool operator==(const Good&) const = default;
};

// What one base unit of a good costs, for valuing gaps and stock: an estimate from a public
// price list, not a quote.
struct ReferencePrice {
  GoodId good;
  Rational eur_per_unit;
  int year = 0;
  std::string source;

  bool operator==(const ReferencePrice&) const = default;
};

// The yearly cost of holding a category's stock, as shares of its value: capital tied up and
// storage with handling. Expected write-off from expiry is computed from the lots themselves.
struct HoldingCost {
  GoodCategory category = GoodCategory::kMedicalCountermeasure;
  Rational capital_rate;
  Rational storage_rate;
  std::string basis;
  std::string source;

  bool operator==(const HoldingCost&) const = default;
};

// Stock ordered and not yet received, by delivery region: joint procurement nets it out.
struct PurchaseOrder {
  std::string id;
  CountryCode country;
  RegionCode region;
  GoodId good;
  std::int64_t quantity = 0;
  Date expected{};

  bool operator==(const PurchaseOrder&) const = default;
};

// A GS1 trade item that carries a good. EPCIS events and barcodes name GTINs; the ledger counts
// goods in base units, so a counted trade item stands for `base_units` of its good (a box of
// 100 tablets: 100).
struct TradeItem {
  std::string gtin;  // GTIN-14
  GoodId good;
  std::int64_t base_units = 1;
  std::string description;

  bool operator==(const TradeItem&) const = default;
};

}  // namespace paraat
