#include "core/ids.h"

namespace paraat {
namespace {

bool is_lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

Error id_error(std::string_view kind, std::string_view text, std::string_view why) {
  return make_error(ErrorCode::kInvalidInput,
                    "invalid " + std::string(kind) + " '" + std::string(text) + "': " +
                        std::string(why),
                    {{"", "", "INVALID_ID", std::string(why)}});
}

// Lowercase letters and digits in groups joined by single hyphens, 1..64 characters.
bool is_slug(std::string_view text) {
  if (text.empty() || text.size() > 64 || text.front() == '-' || text.back() == '-') return false;
  char prev = ' ';
  for (const char c : text) {
    if (!is_lower_or_digit(c) && c != '-') return false;
    if (c == '-' && prev == '-') return false;
    prev = c;
  }
  return true;
}

bool is_code(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  for (const char c : text) {
    if (!is_upper(c) && !is_digit(c) && !(c >= 'a' && c <= 'z') && c != '-' && c != '_' &&
        c != '.') {
      return false;
    }
  }
  return true;
}

}  // namespace

Result<GoodId> parse_good_id(std::string_view text) {
  if (!is_slug(text)) return id_error("good id", text, "expected a slug such as 'water-drinking'");
  return GoodId::trusted(std::string(text));
}

Result<ScenarioId> parse_scenario_id(std::string_view text) {
  if (!is_slug(text)) {
    return id_error("scenario id", text, "expected a slug such as 'baseline-72h'");
  }
  return ScenarioId::trusted(std::string(text));
}

Result<DepotId> parse_depot_id(std::string_view text) {
  if (!is_code(text)) {
    return id_error("depot id", text, "expected 1-64 letters, digits, '-', '_' or '.'");
  }
  return DepotId::trusted(std::string(text));
}

Result<OrganisationId> parse_organisation_id(std::string_view text) {
  if (!is_code(text)) {
    return id_error("organisation id", text, "expected 1-64 letters, digits, '-', '_' or '.'");
  }
  return OrganisationId::trusted(std::string(text));
}

Result<RegionCode> parse_region_code(std::string_view text) {
  // NUTS: two-letter country code then up to three letters or digits (level 0 to 3).
  bool ok = text.size() >= 2 && text.size() <= 5 && is_upper(text[0]) && is_upper(text[1]);
  for (std::size_t i = 2; ok && i < text.size(); ++i) {
    ok = is_upper(text[i]) || is_digit(text[i]);
  }
  if (!ok) return id_error("NUTS code", text, "expected a NUTS code such as 'NL32'");
  return RegionCode::trusted(std::string(text));
}

Result<CountryCode> parse_country_code(std::string_view text) {
  if (text == "GR") return id_error("country code", text, "Greece is EL in EU usage");
  if (text.size() != 2 || !is_upper(text[0]) || !is_upper(text[1])) {
    return id_error("country code", text, "expected two capital letters such as 'NL' (EL for Greece)");
  }
  return CountryCode::trusted(std::string(text));
}

CountryCode country_of(const RegionCode& region) {
  return CountryCode::trusted(region.str().substr(0, 2));
}

}  // namespace paraat
