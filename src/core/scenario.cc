#include "core/scenario.h"

#include <algorithm>

namespace paraat {

bool Area::contains(const RegionCode& region) const {
  if (is_eu()) return true;
  if (std::binary_search(regions.begin(), regions.end(), region)) return true;
  return std::binary_search(countries.begin(), countries.end(), country_of(region));
}

bool Area::overlaps(const Area& other) const {
  if (is_eu() || other.is_eu()) return true;
  for (const auto& c : countries) {
    if (std::binary_search(other.countries.begin(), other.countries.end(), c)) return true;
    for (const auto& r : other.regions) {
      if (country_of(r) == c) return true;
    }
  }
  for (const auto& r : regions) {
    if (other.contains(r)) return true;
  }
  return false;
}

std::string Area::to_string() const {
  if (is_eu()) return "EU";
  std::string out;
  for (const auto& c : countries) out += (out.empty() ? "" : " ") + c.str();
  for (const auto& r : regions) out += (out.empty() ? "" : " ") + r.str();
  return out;
}

Result<Area> parse_area(std::string_view text) {
  Area area;
  std::size_t pos = 0;
  bool eu = false;
  while (pos < text.size()) {
    const std::size_t start = text.find_first_not_of(' ', pos);
    if (start == std::string_view::npos) break;
    const std::size_t end = std::min(text.find(' ', start), text.size());
    const std::string_view code = text.substr(start, end - start);
    pos = end;
    if (code == "EU") {
      eu = true;
    } else if (code.size() == 2) {
      PARAAT_ASSIGN_OR_RETURN(auto country, parse_country_code(code));
      area.countries.push_back(country);
    } else if (code.size() == 4) {
      PARAAT_ASSIGN_OR_RETURN(auto region, parse_region_code(code));
      area.regions.push_back(region);
    } else {
      return make_error(ErrorCode::kInvalidInput,
                        "'" + std::string(code) + "' is neither EU, a state code (DE) nor a NUTS-2 code (DE11)");
    }
  }
  if (eu && !area.is_eu()) {
    return make_error(ErrorCode::kInvalidInput, "EU already covers every state; list either EU or codes");
  }
  std::sort(area.countries.begin(), area.countries.end());
  std::sort(area.regions.begin(), area.regions.end());
  if (std::adjacent_find(area.countries.begin(), area.countries.end()) != area.countries.end() ||
      std::adjacent_find(area.regions.begin(), area.regions.end()) != area.regions.end()) {
    return make_error(ErrorCode::kInvalidInput, "a code is listed twice");
  }
  for (const auto& r : area.regions) {
    if (std::binary_search(area.countries.begin(), area.countries.end(), country_of(r))) {
      return make_error(ErrorCode::kInvalidInput,
                        r.str() + " lies in " + country_of(r).str() + ", which is listed already");
    }
  }
  return area;
}

std::string_view need_basis_name(NeedBasis basis) {
  return basis == NeedBasis::kIncident ? "incident" : "person-day";
}

Result<NeedBasis> parse_need_basis(std::string_view text) {
  if (text == "person-day") return NeedBasis::kPersonDay;
  if (text == "incident") return NeedBasis::kIncident;
  return make_error(ErrorCode::kInvalidInput, "'" + std::string(text) + "' is not a need basis (person-day or incident)");
}

std::string_view target_unit_name(TargetUnit unit) {
  return unit == TargetUnit::kQuantity ? "quantity" : "days";
}

Result<TargetUnit> parse_target_unit(std::string_view text) {
  if (text == "days") return TargetUnit::kDays;
  if (text == "quantity") return TargetUnit::kQuantity;
  return make_error(ErrorCode::kInvalidInput, "'" + std::string(text) + "' is not a target unit (days or quantity)");
}

}  // namespace paraat
