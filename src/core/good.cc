#include "core/good.h"

#include "core/enum_names.h"

namespace paraat {
namespace {

constexpr EnumNames<GoodCategory, 8> kCategories = {{
    {GoodCategory::kMedicalCountermeasure, "medical-countermeasure"},
    {GoodCategory::kCbrn, "cbrn"},
    {GoodCategory::kShelter, "shelter"},
    {GoodCategory::kWaterSanitation, "water-sanitation"},
    {GoodCategory::kFood, "food"},
    {GoodCategory::kEnergyFuel, "energy-fuel"},
    {GoodCategory::kPowerRepair, "power-repair"},
    {GoodCategory::kCriticalRawMaterial, "critical-raw-material"},
}};

}  // namespace

std::string_view category_name(GoodCategory category) { return enum_name(kCategories, category); }

Result<GoodCategory> parse_category(std::string_view text) {
  return parse_enum_name(kCategories, text, "category", "UNKNOWN_CATEGORY");
}

const std::vector<GoodCategory>& all_categories() {
  static const std::vector<GoodCategory> kAll = [] {
    std::vector<GoodCategory> all;
    for (const auto& entry : kCategories) all.push_back(entry.first);
    return all;
  }();
  return kAll;
}

}  // namespace paraat
