#include "core/good.h"

#include <array>
#include <utility>

namespace paraat {
namespace {

constexpr std::array<std::pair<GoodCategory, std::string_view>, 8> kCategories = {{
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

std::string_view category_name(GoodCategory category) {
  for (const auto& [value, name] : kCategories) {
    if (value == category) return name;
  }
  return "unknown";
}

Result<GoodCategory> parse_category(std::string_view text) {
  for (const auto& [value, name] : kCategories) {
    if (name == text) return value;
  }
  std::string allowed;
  for (const auto& entry : kCategories) {
    allowed += (allowed.empty() ? "" : ", ") + std::string(entry.second);
  }
  return make_error(ErrorCode::kInvalidInput, "unknown category '" + std::string(text) + "'",
                    {{"", "", "UNKNOWN_CATEGORY", "expected one of " + allowed}});
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
