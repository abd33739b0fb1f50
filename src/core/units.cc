#include "core/units.h"

#include <set>

#include "core/quantity.h"

namespace paraat {

const std::vector<UnitInfo>& known_units() {
  static const std::vector<UnitInfo> kUnits = {
      {"H87", "piece", "pce"},       {"C62", "one", "1"},
      {"LTR", "litre", "l"},         {"MLT", "millilitre", "ml"},
      {"MTQ", "cubic metre", "m3"},  {"KGM", "kilogram", "kg"},
      {"GRM", "gram", "g"},          {"MGM", "milligram", "mg"},
      {"TNE", "tonne", "t"},         {"MTR", "metre", "m"},
      {"KMT", "kilometre", "km"},    {"MTK", "square metre", "m2"},
      {"KWH", "kilowatt hour", "kWh"}, {"MWH", "megawatt hour", "MWh"},
      {"GBQ", "gigabecquerel", "GBq"}, {"MBQ", "megabecquerel", "MBq"},
      {"PR", "pair", "pr"},          {"SET", "set", "set"},
      {"KT", "kit", "kit"},          {"E14", "kilocalorie (international table)", "kcal"},
  };
  return kUnits;
}

Result<UnitInfo> find_unit(std::string_view code) {
  for (const auto& unit : known_units()) {
    if (unit.code == code) return unit;
  }
  return make_error(ErrorCode::kInvalidInput,
                    "unknown unit '" + std::string(code) + "': not a supported UN/CEFACT Rec 20 code",
                    {{"", "", "UNKNOWN_UNIT", "not a supported UN/CEFACT Rec 20 code"}});
}

Result<std::vector<PackSize>> parse_pack_sizes(std::string_view text) {
  std::vector<PackSize> packs;
  std::set<std::string> names;
  auto fail = [&](std::string why) {
    return make_error(ErrorCode::kInvalidInput,
                      "invalid pack sizes '" + std::string(text) + "': " + why,
                      {{"", "", "INVALID_PACK_SIZE", why}});
  };
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(';', start);
    if (end == std::string_view::npos) end = text.size();
    const auto item = text.substr(start, end - start);
    const auto colon = item.find(':');
    if (colon == std::string_view::npos || colon == 0) return fail("expected name:count");
    const std::string name(item.substr(0, colon));
    for (const char c : name) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return fail("pack name '" + name + "' must be lowercase letters, digits or '-'");
      }
    }
    auto amount = Rational::parse(item.substr(colon + 1));
    if (!amount.ok() || amount->num() == 0) {
      return fail("pack '" + name + "' needs an amount > 0 such as 100 or 1/20");
    }
    if (!names.insert(name).second) return fail("pack '" + name + "' appears twice");
    packs.push_back({name, *amount});
    start = end + 1;
  }
  return packs;
}

std::string format_pack_sizes(const std::vector<PackSize>& packs) {
  std::string out;
  for (const auto& pack : packs) {
    if (!out.empty()) out += ';';
    out += pack.name + ':' + pack.base_units.to_string();
  }
  return out;
}

Result<std::int64_t> packs_to_base_units(std::int64_t count, const PackSize& pack) {
  std::int64_t scaled = 0;
  if (count < 0 || !checked_mul(count, pack.base_units.num(), &scaled)) {
    return make_error(ErrorCode::kInvalidInput, "pack quantity out of range",
                      {{"", "", "INVALID_QUANTITY", "pack quantity out of range"}});
  }
  if (scaled % pack.base_units.den() != 0) {
    const std::string why = std::to_string(count) + " " + pack.name + " is not a whole number of base units (1 " +
                            pack.name + " = " + pack.base_units.to_string() + ")";
    return make_error(ErrorCode::kInvalidInput, why, {{"", "", "NON_INTEGER_PACKS", why}});
  }
  return scaled / pack.base_units.den();
}

}  // namespace paraat
