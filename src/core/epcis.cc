#include "core/epcis.h"

#include <algorithm>
#include <array>

#include "core/enum_names.h"

namespace paraat::epcis {
namespace {

constexpr EnumNames<EventType, 5> kEventTypeNames = {{
    {EventType::kObject, "ObjectEvent"},
    {EventType::kAggregation, "AggregationEvent"},
    {EventType::kTransaction, "TransactionEvent"},
    {EventType::kTransformation, "TransformationEvent"},
    {EventType::kAssociation, "AssociationEvent"},
}};

// The CBV 2.0 lists, sorted so that membership is a binary search.
constexpr std::array<std::string_view, 41> kBizSteps = {
    "accepting",       "arriving",         "assembling",     "collecting",
    "commissioning",   "consigning",       "creating_class_instance",
    "cycle_counting",  "decommissioning",  "departing",      "destroying",
    "disassembling",   "dispensing",       "encoding",       "entering_exiting",
    "holding",         "inspecting",       "installing",     "killing",
    "loading",         "other",            "packing",        "picking",
    "receiving",       "removing",         "repackaging",    "repairing",
    "replacing",       "reserving",        "retail_selling", "sampling",
    "sensor_reporting", "shipping",        "staging_outbound", "stock_taking",
    "stocking",        "storing",          "transporting",   "unloading",
    "unpacking",       "void_shipping"};

constexpr std::array<std::string_view, 33> kDispositions = {
    "active",              "available",          "completeness_inferred",
    "completeness_verified", "conformant",       "container_closed",
    "container_open",      "damaged",            "destroyed",
    "dispensed",           "disposed",           "encoded",
    "expired",             "in_progress",        "in_transit",
    "inactive",            "mismatch_class",     "mismatch_instance",
    "mismatch_quantity",   "needs_replacement",  "no_pedigree_match",
    "non_conformant",      "non_sellable_other", "partially_dispensed",
    "recalled",            "reserved",           "retail_sold",
    "returned",            "sellable_accessible", "sellable_not_accessible",
    "stolen",              "unavailable",        "unknown"};

constexpr std::array<std::string_view, 13> kBizTransactionTypes = {
    "bol", "cert", "desadv", "inv", "pedigree", "po", "poc",
    "prodorder", "recadv", "rma", "testprd", "testres", "upevt"};

constexpr std::array<std::string_view, 3> kSourceTypes = {"location", "owning_party", "possessing_party"};

constexpr std::array<std::string_view, 2> kErrorReasons = {"did_not_occur", "incorrect_data"};

constexpr std::array<std::string_view, 72> kMeasurementTypes = {
    "AbsoluteHumidity", "AbsorbedDose", "AbsorbedDoseRate", "Acceleration", "Altitude",
    "AmountOfSubstance", "AmountOfSubstancePerUnitVolume", "Angle", "AngularAcceleration",
    "AngularMomentum", "AngularVelocity", "Area", "Capacitance", "Conductance", "Conductivity",
    "Count", "Density", "Dimensionless", "DoseEquivalent", "DoseEquivalentRate", "DynamicViscosity",
    "ElectricCharge", "ElectricCurrent", "ElectricCurrentDensity", "ElectricFieldStrength",
    "Energy", "Exposure", "Force", "Frequency", "Illuminance", "Inductance", "Irradiance",
    "KinematicViscosity", "Length", "LinearMomentum", "Luminance", "LuminousFlux",
    "LuminousIntensity", "MagneticFlux", "MagneticFluxDensity", "MagneticVectorPotential", "Mass",
    "MassConcentration", "MassFlowRate", "MassPerAreaTime", "MemoryCapacity", "MolalityOfSolute",
    "MolarEnergy", "MolarMass", "MolarVolume", "Power", "Pressure", "RadiantFlux",
    "RadiantIntensity", "Radioactivity", "RelativeHumidity", "Resistance", "Resistivity",
    "SolidAngle", "SpecificVolume", "Speed", "SurfaceDensity", "SurfaceTension", "Temperature",
    "Time", "Torque", "Voltage", "Volume", "VolumeFlowRate", "VolumeFraction", "VolumetricFlux",
    "Wavenumber"};

static_assert(std::is_sorted(kBizSteps.begin(), kBizSteps.end()));
static_assert(std::is_sorted(kDispositions.begin(), kDispositions.end()));
static_assert(std::is_sorted(kBizTransactionTypes.begin(), kBizTransactionTypes.end()));
static_assert(std::is_sorted(kSourceTypes.begin(), kSourceTypes.end()));
static_assert(std::is_sorted(kErrorReasons.begin(), kErrorReasons.end()));
static_assert(std::is_sorted(kMeasurementTypes.begin(), kMeasurementTypes.end()));

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& sorted, std::string_view value) {
  return std::binary_search(sorted.begin(), sorted.end(), value);
}

// One CBV vocabulary and the two prefixes its standard values carry outside the bare form.
struct Vocabulary {
  std::string_view urn_prefix;  // urn:epcglobal:cbv:bizstep:
  std::string_view web_term;    // BizStep- (after https://ref.gs1.org/cbv/ or cbv:)
  bool (*is_standard)(std::string_view);
};

bool standard_biz_transaction_type(std::string_view v) { return contains(kBizTransactionTypes, v); }
bool standard_source_type(std::string_view v) { return contains(kSourceTypes, v); }
bool standard_error_reason(std::string_view v) { return contains(kErrorReasons, v); }

bool strip_prefix(std::string_view& text, std::string_view prefix) {
  if (!text.starts_with(prefix)) return false;
  text.remove_prefix(prefix.size());
  return true;
}

// Standard values in any of their spellings become bare; a URN or web URI in GS1's own CBV
// namespace that names no standard value is refused rather than kept, since it is a typo of
// a standard value and never a legitimate user-defined one.
std::optional<std::string> normalise(std::string_view text, const Vocabulary& vocabulary) {
  if (vocabulary.is_standard(text)) return std::string(text);
  std::string_view rest = text;
  if (strip_prefix(rest, "urn:epcglobal:cbv:")) {
    rest = text;
    if (strip_prefix(rest, vocabulary.urn_prefix) && vocabulary.is_standard(rest)) return std::string(rest);
    return std::nullopt;
  }
  if (strip_prefix(rest, "https://ref.gs1.org/cbv/") || strip_prefix(rest, "http://ref.gs1.org/cbv/") ||
      strip_prefix(rest, "https://ns.gs1.org/cbv/") || strip_prefix(rest, "http://ns.gs1.org/cbv/") ||
      strip_prefix(rest, "cbv:")) {
    if (strip_prefix(rest, vocabulary.web_term) && vocabulary.is_standard(rest)) return std::string(rest);
    return std::nullopt;
  }
  if (looks_like_uri(text)) return std::string(text);
  return std::nullopt;
}

std::string_view without_gs1_vocabulary_prefix(std::string_view text) {
  std::string_view rest = text;
  if (strip_prefix(rest, "gs1:") || strip_prefix(rest, "https://gs1.org/voc/") ||
      strip_prefix(rest, "http://gs1.org/voc/") || strip_prefix(rest, "https://www.gs1.org/voc/")) {
    return rest;
  }
  return text;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string_view event_type_name(EventType type) {
  if (type == EventType::kExtension) return "ExtensionEvent";
  return enum_name(kEventTypeNames, type);
}

Result<EventType> parse_event_type(std::string_view text) {
  for (const auto& [value, name] : kEventTypeNames) {
    if (name == text) return value;
  }
  if (looks_like_uri(text)) return EventType::kExtension;
  return make_error(ErrorCode::kInvalidInput, "unknown EPCIS event type '" + std::string(text) + "'",
                    {{"", "type", "UNKNOWN_EVENT_TYPE",
                      "'" + std::string(text) +
                          "' is none of ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent, "
                          "AssociationEvent, nor a URI naming an extension event type"}});
}

std::string_view action_name(Action action) {
  switch (action) {
    case Action::kAdd: return "ADD";
    case Action::kObserve: return "OBSERVE";
    case Action::kDelete: return "DELETE";
    case Action::kNone: break;
  }
  return "";
}

bool is_standard_biz_step(std::string_view bare) { return contains(kBizSteps, bare); }
bool is_standard_disposition(std::string_view bare) { return contains(kDispositions, bare); }
bool is_standard_measurement_type(std::string_view bare) { return contains(kMeasurementTypes, bare); }

std::optional<std::string> normalise_biz_step(std::string_view text) {
  return normalise(text, {"urn:epcglobal:cbv:bizstep:", "BizStep-", is_standard_biz_step});
}

std::optional<std::string> normalise_disposition(std::string_view text) {
  return normalise(text, {"urn:epcglobal:cbv:disp:", "Disp-", is_standard_disposition});
}

std::optional<std::string> normalise_biz_transaction_type(std::string_view text) {
  return normalise(text, {"urn:epcglobal:cbv:btt:", "BTT-", standard_biz_transaction_type});
}

std::optional<std::string> normalise_source_type(std::string_view text) {
  return normalise(text, {"urn:epcglobal:cbv:sdt:", "SDT-", standard_source_type});
}

std::optional<std::string> normalise_error_reason(std::string_view text) {
  return normalise(text, {"urn:epcglobal:cbv:er:", "ER-", standard_error_reason});
}

std::string normalise_measurement_type(std::string_view text) {
  return std::string(without_gs1_vocabulary_prefix(text));
}

std::optional<std::string> normalise_sensor_exception(std::string_view text) {
  const std::string_view bare = without_gs1_vocabulary_prefix(text);
  if (bare == "ALARM_CONDITION" || bare == "ERROR_CONDITION") return std::string(bare);
  if (bare.size() == text.size() && looks_like_uri(text)) return std::string(text);
  return std::nullopt;
}

bool looks_like_uri(std::string_view text) {
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  const auto is_alpha = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  if (!is_alpha(text[0])) return false;
  for (std::size_t i = 1; i < colon; ++i) {
    const char c = text[i];
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '.' && c != '-') return false;
  }
  for (std::size_t i = colon + 1; i < text.size(); ++i) {
    const char c = text[i];
    // \S in the pattern: no ASCII blank of any kind.
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return false;
  }
  return true;
}

Result<int> parse_offset_minutes(std::string_view text) {
  const auto bad = [&] {
    return make_error(ErrorCode::kInvalidInput, "invalid time zone offset '" + std::string(text) + "'",
                      {{"", "", "INVALID_TIME_ZONE_OFFSET",
                        "'" + std::string(text) + "' is not ±hh:mm between -14:00 and +14:00"}});
  };
  if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':' || !is_digit(text[1]) ||
      !is_digit(text[2]) || !is_digit(text[4]) || !is_digit(text[5])) {
    return bad();
  }
  const int hours = (text[1] - '0') * 10 + (text[2] - '0');
  const int minutes = (text[4] - '0') * 10 + (text[5] - '0');
  if (minutes > 59 || hours > 14 || (hours == 14 && minutes != 0)) return bad();
  const int total = hours * 60 + minutes;
  return text[0] == '-' ? -total : total;
}

std::optional<double> to_celsius(double value, std::string_view uom) {
  if (uom == "CEL") return value;
  if (uom == "KEL") return value - 273.15;
  if (uom == "FAH") return (value - 32.0) * 5.0 / 9.0;
  return std::nullopt;
}

}  // namespace paraat::epcis
