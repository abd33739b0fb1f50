#include "ingest/epcis_reader.h"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/gs1.h"
#include "core/quantity.h"
#include "core/time.h"
#include "ingest/json_limits.h"

namespace paraat::ingest {
namespace {

using nlohmann::json;
using epcis::Action;
using epcis::EventType;

constexpr std::string_view kContext200 = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";
constexpr std::string_view kDocumentRecord = "document";

// ---------------------------------------------------------------------------------------------
// Text helpers

// A value as quoted in a reason: long values are cut so that one bad 10 kB string does not
// make the error list unreadable.
std::string shown(std::string_view text) {
  constexpr std::size_t kLongest = 120;
  if (text.size() <= kLongest) return "'" + std::string(text) + "'";
  std::size_t cut = kLongest;
  // Never inside a UTF-8 sequence: the reason goes out as JSON, which must stay valid.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return "'" + std::string(text.substr(0, cut)) + "…'";
}

std::string shown_json(const json& value) {
  if (value.is_string()) return shown(value.get_ref<const std::string&>());
  return shown(value.dump(-1, ' ', false, json::error_handler_t::replace));
}

std::string a_json(const json& value) {
  switch (value.type()) {
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::null: return "null";
    default: return "a number";
  }
}

std::string indexed(std::string_view path, std::size_t index) {
  std::string out(path);
  out += '[';
  out += std::to_string(index);
  out += ']';
  return out;
}

std::string member(std::string_view path, std::string_view key) {
  std::string out(path);
  out += '.';
  out += key;
  return out;
}

bool is_upper_or_digit(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_hex(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

// ^\d+(\.\d+)*$
bool is_schema_version(std::string_view text) {
  bool digit_seen = false;
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      digit_seen = true;
    } else if (c == '.' && digit_seen) {
      digit_seen = false;
    } else {
      return false;
    }
  }
  return digit_seen;
}

// Standard values the 2.0 JSON binding refuses in URN (and old web) form.
bool in_old_cbv_namespace(std::string_view text) {
  return text.starts_with("urn:epcglobal:cbv:") || text.starts_with("https://ns.gs1.org/cbv/") ||
         text.starts_with("http://ns.gs1.org/cbv/");
}

bool is_accepted_context(std::string_view url) {
  for (const auto& accepted : accepted_epcis_contexts()) {
    if (url == accepted) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Times

struct PreciseInstant {
  Instant seconds{};
  std::int64_t milliseconds = 0;  // since the epoch
};

// RFC 3339 with a zone and any number of fractional digits; the reason when it is not one.
std::optional<PreciseInstant> parse_precise_instant(std::string_view text, std::string& why) {
  auto instant = parse_instant(text);
  if (!instant.ok()) {
    const Error& error = instant.error();
    why = error.details.empty() ? error.message : error.details.front().reason;
    return std::nullopt;
  }
  std::int64_t fraction = 0;
  if (text.size() > 19 && text[19] == '.') {
    std::size_t digits = 0;
    for (std::size_t i = 20; i < text.size() && digits < 3 && text[i] >= '0' && text[i] <= '9'; ++i, ++digits) {
      fraction = fraction * 10 + (text[i] - '0');
    }
    for (; digits < 3; ++digits) fraction *= 10;
  }
  return PreciseInstant{*instant, instant->time_since_epoch().count() * 1000 + fraction};
}

// ---------------------------------------------------------------------------------------------
// Identifiers

// Whether paraat reads GS1 keys out of this URI. Other EPC schemes (GIAI, GRAI, GDTI, …) and
// Digital Links of other primary keys are legitimate identifiers paraat only stores.
bool names_gs1_key(std::string_view uri) {
  if (uri.starts_with("urn:epc:")) {
    for (const std::string_view prefix : {"urn:epc:id:sgtin:", "urn:epc:id:sscc:", "urn:epc:id:sgln:",
                                          "urn:epc:id:pgln:", "urn:epc:class:lgtin:"}) {
      if (uri.starts_with(prefix)) return true;
    }
    constexpr std::string_view kPattern = "urn:epc:idpat:sgtin:";
    if (!uri.starts_with(kPattern) || !uri.ends_with(".*")) return false;
    // Only "any serial of one GTIN"; wider patterns (4012345.*.*) name no single GTIN.
    const std::string_view fields = uri.substr(kPattern.size(), uri.size() - kPattern.size() - 2);
    const std::size_t dot = fields.find('.');
    return dot != std::string_view::npos && all_digits(fields.substr(0, dot)) && all_digits(fields.substr(dot + 1));
  }
  std::string_view rest = uri;
  if (rest.starts_with("https://")) {
    rest.remove_prefix(8);
  } else if (rest.starts_with("http://")) {
    rest.remove_prefix(7);
  } else {
    return false;
  }
  const std::size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return false;
  const std::string_view path = rest.substr(slash + 1);
  return path.starts_with("01/") || path.starts_with("00/") || path.starts_with("414/") || path.starts_with("417/");
}

bool is_class_level(const EpcIdentifier& key) {
  return key.kind == EpcIdentifier::Kind::kLgtin || key.kind == EpcIdentifier::Kind::kGtinClass;
}

// ---------------------------------------------------------------------------------------------
// The fields of an event, and which event types have which

enum class Field : std::uint8_t {
  kContext, kType, kEventTime, kRecordTime, kTimeZoneOffset, kEventId, kCertificationInfo, kErrorDeclaration,
  kAction, kEpcList, kQuantityList, kBizStep, kDisposition, kPersistentDisposition, kReadPoint, kBizLocation,
  kBizTransactionList, kSourceList, kDestinationList, kSensorElementList, kIlmd, kParentId, kChildEpcs,
  kChildQuantityList, kInputEpcList, kInputQuantityList, kOutputEpcList, kOutputQuantityList, kTransformationId,
  kCount
};

constexpr std::array<std::pair<std::string_view, Field>, static_cast<std::size_t>(Field::kCount)> kFieldNames = {{
    {"@context", Field::kContext},
    {"action", Field::kAction},
    {"bizLocation", Field::kBizLocation},
    {"bizStep", Field::kBizStep},
    {"bizTransactionList", Field::kBizTransactionList},
    {"certificationInfo", Field::kCertificationInfo},
    {"childEPCs", Field::kChildEpcs},
    {"childQuantityList", Field::kChildQuantityList},
    {"destinationList", Field::kDestinationList},
    {"disposition", Field::kDisposition},
    {"epcList", Field::kEpcList},
    {"errorDeclaration", Field::kErrorDeclaration},
    {"eventID", Field::kEventId},
    {"eventTime", Field::kEventTime},
    {"eventTimeZoneOffset", Field::kTimeZoneOffset},
    {"ilmd", Field::kIlmd},
    {"inputEPCList", Field::kInputEpcList},
    {"inputQuantityList", Field::kInputQuantityList},
    {"outputEPCList", Field::kOutputEpcList},
    {"outputQuantityList", Field::kOutputQuantityList},
    {"parentID", Field::kParentId},
    {"persistentDisposition", Field::kPersistentDisposition},
    {"quantityList", Field::kQuantityList},
    {"readPoint", Field::kReadPoint},
    {"recordTime", Field::kRecordTime},
    {"sensorElementList", Field::kSensorElementList},
    {"sourceList", Field::kSourceList},
    {"transformationID", Field::kTransformationId},
    {"type", Field::kType},
}};
static_assert(std::is_sorted(kFieldNames.begin(), kFieldNames.end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; }));

std::optional<Field> find_field(std::string_view key) {
  const auto it = std::lower_bound(kFieldNames.begin(), kFieldNames.end(), key,
                                   [](const auto& entry, std::string_view k) { return entry.first < k; });
  if (it == kFieldNames.end() || it->first != key) return std::nullopt;
  return it->second;
}

constexpr std::uint32_t bit(Field field) { return std::uint32_t{1} << static_cast<unsigned>(field); }

template <class... Fields>
constexpr std::uint32_t bits(Fields... fields) { return (bit(fields) | ...); }

constexpr std::uint32_t kCommonFields = bits(Field::kContext, Field::kType, Field::kEventTime, Field::kRecordTime,
                                             Field::kTimeZoneOffset, Field::kEventId, Field::kCertificationInfo,
                                             Field::kErrorDeclaration);
constexpr std::uint32_t kWhereWhyFields = bits(Field::kBizStep, Field::kDisposition, Field::kReadPoint,
                                               Field::kBizLocation, Field::kBizTransactionList, Field::kSourceList,
                                               Field::kDestinationList, Field::kSensorElementList);
constexpr std::uint32_t kAllFields = (std::uint32_t{1} << static_cast<unsigned>(Field::kCount)) - 1;

// The JSON schema's propertyNames per event type.
std::uint32_t fields_of(EventType type) {
  switch (type) {
    case EventType::kObject:
      return kCommonFields | kWhereWhyFields |
             bits(Field::kAction, Field::kEpcList, Field::kQuantityList, Field::kPersistentDisposition, Field::kIlmd);
    case EventType::kAggregation:
    case EventType::kAssociation:
      return kCommonFields | kWhereWhyFields |
             bits(Field::kAction, Field::kParentId, Field::kChildEpcs, Field::kChildQuantityList);
    case EventType::kTransaction:
      return kCommonFields | kWhereWhyFields |
             bits(Field::kAction, Field::kParentId, Field::kEpcList, Field::kQuantityList);
    case EventType::kTransformation:
      return kCommonFields | kWhereWhyFields |
             bits(Field::kInputEpcList, Field::kInputQuantityList, Field::kOutputEpcList, Field::kOutputQuantityList,
                  Field::kTransformationId, Field::kPersistentDisposition, Field::kIlmd);
    case EventType::kExtension:
      break;
  }
  return kAllFields;
}

bool needs_action(EventType type) { return type != EventType::kTransformation && type != EventType::kExtension; }

// "an ObjectEvent", for reasons.
std::string an_event(const epcis::Event& event) {
  const std::string name = event.type == EventType::kExtension ? event.type_name
                                                               : std::string(epcis::event_type_name(event.type));
  const bool vowel = !name.empty() && std::string_view("AEIOU").find(name[0]) != std::string_view::npos;
  return (vowel ? "an " : "a ") + name;
}

// ---------------------------------------------------------------------------------------------
// @context

// Empty when `context` names an accepted EPCIS context; otherwise the detail's code and reason.
std::optional<std::pair<std::string, std::string>> context_problem(const json& context) {
  const auto unknown = [] {
    return std::make_pair(std::string("UNKNOWN_CONTEXT"),
                          "@context names none of the EPCIS 2.0 contexts paraat accepts (" + std::string(kContext200) +
                              " and its unversioned and draft forms); it is matched against that list, never fetched");
  };
  if (context.is_string()) {
    if (is_accepted_context(context.get_ref<const std::string&>())) return std::nullopt;
    return unknown();
  }
  if (context.is_object()) return unknown();
  if (!context.is_array()) {
    return std::make_pair(std::string("INVALID_JSON_TYPE"),
                          "@context is a URL, an object or an array of them, not " + a_json(context));
  }
  bool accepted = false;
  for (const auto& entry : context) {
    if (entry.is_string()) {
      accepted = accepted || is_accepted_context(entry.get_ref<const std::string&>());
    } else if (!entry.is_object()) {
      return std::make_pair(std::string("INVALID_JSON_TYPE"),
                            "@context entries are URLs or objects declaring prefixes, not " + a_json(entry));
    }
  }
  if (accepted) return std::nullopt;
  return unknown();
}

// ---------------------------------------------------------------------------------------------
// Canonical JSON and the content hash

void ensure_sodium() {
  // crypto_hash_sha256 needs no initialisation, but libsodium asks for sodium_init before any
  // use; doing it once here keeps that promise without a global constructor.
  static const bool ready = sodium_init() >= 0;
  (void)ready;
}

// Calls f(key, member) for each top-level `"key":value` of a compact JSON object as nlohmann
// writes it; `key` is the raw text between the quotes.
template <class F>
void for_each_member(std::string_view object, F f) {
  std::size_t i = 1;
  const std::size_t end = object.size() - 1;  // the closing brace
  while (i < end) {
    const std::size_t start = i;
    for (++i; object[i] != '"'; ++i) {
      if (object[i] == '\\') ++i;
    }
    const std::string_view key = object.substr(start + 1, i - start - 1);
    i += 2;  // the quote and the colon
    int depth = 0;
    bool in_string = false;
    for (; i < end; ++i) {
      const char c = object[i];
      if (in_string) {
        if (c == '\\') {
          ++i;
        } else if (c == '"') {
          in_string = false;
        }
      } else if (c == '"') {
        in_string = true;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        --depth;
      } else if (c == ',' && depth == 0) {
        break;
      }
    }
    f(key, object.substr(start, i - start));
    ++i;  // the comma
  }
}

// Fills event.json, content_hash and, when the event had none, event_id. The event is dumped
// once (nlohmann writes object members in key order: the canonical form); the hashed subset
// and the stored text are then cut from that one dump.
void canonicalise(const json& value, epcis::Event& event) {
  ensure_sodium();
  std::string dump = value.dump(-1, ' ', false, json::error_handler_t::replace);
  crypto_hash_sha256_state hash;
  crypto_hash_sha256_init(&hash);
  const auto hash_text = [&hash](std::string_view text) {
    crypto_hash_sha256_update(&hash, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  };
  const bool has_event_id = value.contains("eventID");
  const bool has_record_time = value.contains("recordTime");
  std::size_t members_before_event_id = 0;  // where an assigned eventID belongs, in key order
  if (!has_event_id) {
    for (auto it = value.begin(); it != value.end() && it.key() < std::string_view("eventID"); ++it) {
      if (it.key() != "recordTime") ++members_before_event_id;
    }
  }
  std::string assigned_event_id;  // `"eventID":"ni:…"`, filled once the hash is known
  std::vector<std::string_view> kept;
  hash_text("{");
  bool first_hashed = true;
  // What the hash covers is the event as read, not as written: the instant (not the offset it
  // was written in, nor the local offset), the CBV values in their bare form and quantities as
  // exact numbers, so the same event resent as 5.0 for 5, at +01:00 for Z or with a web-URI
  // business step is recognised.
  const auto quantities_text = [](const std::vector<epcis::QuantityElement>& list) {
    std::string out = "[";
    for (const auto& q : list) {
      out += json(q.epc_class).dump() + "|" + (q.quantity ? q.quantity->to_string() : "") + "|" + q.uom + ";";
    }
    return out + "]";
  };
  std::string normalised;
  const auto hashed_form = [&](std::string_view key, std::string_view text) -> std::string_view {
    if (key == "eventTime") {
      normalised = "\"eventTime\":" + std::to_string(event.event_time_ms);
    } else if (key == "bizStep") {
      normalised = "\"bizStep\":" + json(event.biz_step).dump();
    } else if (key == "disposition") {
      normalised = "\"disposition\":" + json(event.disposition).dump();
    } else if (key == "quantityList" || key == "childQuantityList") {
      normalised = std::string(key) + ":" + quantities_text(event.quantities);
    } else if (key == "inputQuantityList") {
      normalised = "inputQuantityList:" + quantities_text(event.input_quantities);
    } else if (key == "outputQuantityList") {
      normalised = "outputQuantityList:" + quantities_text(event.output_quantities);
    } else {
      return text;
    }
    return normalised;
  };
  for_each_member(dump, [&](std::string_view key, std::string_view text) {
    if (key == "recordTime") return;
    kept.push_back(text);
    if (key == "eventID" || key == "errorDeclaration" || key == "@context" || key == "eventTimeZoneOffset") return;
    if (!first_hashed) hash_text(",");
    hash_text(hashed_form(key, text));
    first_hashed = false;
  });
  hash_text("}");
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_final(&hash, digest.data());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  event.content_hash.assign(hex.data(), crypto_hash_sha256_BYTES * 2);
  if (!has_event_id) {
    event.event_id = "ni:///sha-256;" + event.content_hash + "?ver=CBV2.0";
    event.event_id_assigned = true;
    assigned_event_id = "\"eventID\":\"" + event.event_id + "\"";
    kept.insert(kept.begin() + static_cast<std::ptrdiff_t>(members_before_event_id), assigned_event_id);
  }
  if (has_event_id && !has_record_time) {
    event.json = std::move(dump);
    return;
  }
  event.json.clear();
  event.json.reserve(dump.size() + assigned_event_id.size() + 1);
  event.json += '{';
  for (std::size_t i = 0; i < kept.size(); ++i) {
    if (i > 0) event.json += ',';
    event.json += kept[i];
  }
  event.json += '}';
}

// ---------------------------------------------------------------------------------------------
// Quantities

// A JSON number as the exact decimal it was written as. A double's shortest round-trip
// decimal is that text; past 12 decimals (0.1 + 0.2 from a JavaScript client) it is rounded
// to 12, which is far below any unit a stockpile counts in.
std::optional<Rational> decimal_of(double value) {
  if (value == 0) return Rational();
  std::array<char, 400> buffer{};
  auto written = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed);
  std::string_view text(buffer.data(), static_cast<std::size_t>(written.ptr - buffer.data()));
  const std::size_t dot = text.find('.');
  if (dot != std::string_view::npos && text.size() - dot - 1 > 12) {
    written = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed, 12);
    text = std::string_view(buffer.data(), static_cast<std::size_t>(written.ptr - buffer.data()));
    while (text.back() == '0') text.remove_suffix(1);
    if (text.back() == '.') text.remove_suffix(1);
  }
  auto parsed = Rational::parse(text);
  if (!parsed.ok()) return std::nullopt;
  return *parsed;
}

bool is_uom(std::string_view text) {
  return (text.size() == 2 || text.size() == 3) && std::all_of(text.begin(), text.end(), is_upper_or_digit);
}

// ---------------------------------------------------------------------------------------------
// One event

class EventReader {
 public:
  EventReader(const EpcisReadOptions& options, std::vector<ErrorDetail>& errors)
      : options_(options), errors_(errors) {}

  // Fills `event` (fresh, filled in place so that 100,000 of them are never moved); false when
  // the event has problems, which are added to the error list. `bare`: the event was sent
  // alone, so its own @context must name EPCIS.
  bool read(const json& value, std::string record, bool bare, epcis::Event& event) {
    event.record = std::move(record);
    event_ = &event;
    const std::size_t errors_before = errors_.size();
    if (!value.is_object()) {
      fail("", "NOT_AN_OBJECT", "an event is a JSON object, not " + a_json(value));
      return false;
    }
    const std::uint32_t allowed = read_type(value);
    std::array<std::size_t, static_cast<std::size_t>(Field::kCount)> sizes{};
    std::uint32_t present = 0;
    const json* ilmd = nullptr;
    for (auto it = value.begin(); it != value.end(); ++it) {
      const std::string& key = it.key();
      const json& v = it.value();
      const auto field = find_field(key);
      if (!field) {
        if (!epcis::looks_like_uri(key) && type_known_ && event.type != EventType::kExtension) {
          fail(key, "UNKNOWN_FIELD",
               shown(key) + " is not a field of " + an_event(event) +
                   "; an extension needs a prefix, e.g. example:" + key);
        }
        continue;
      }
      present |= bit(*field);
      if (v.is_array()) sizes[static_cast<std::size_t>(*field)] = v.size();
      if (*field == Field::kIlmd) {
        ilmd = &v;  // read once the action and the quantities are known
        continue;
      }
      if ((allowed & bit(*field)) == 0) {
        fail(key, "UNKNOWN_FIELD",
             *field == Field::kAction ? "a TransformationEvent has no action"
                                      : shown(key) + " is not a field of " + an_event(event));
        continue;
      }
      read_field(*field, key, v, bare);
    }
    const auto has = [&](Field f) { return (present & bit(f)) != 0; };
    const auto size = [&](Field f) { return sizes[static_cast<std::size_t>(f)]; };
    if (!has(Field::kEventTime)) {
      fail("eventTime", "MISSING_FIELD", "every event needs eventTime (RFC 3339 with offset)");
    }
    if (!has(Field::kTimeZoneOffset)) {
      fail("eventTimeZoneOffset", "MISSING_FIELD", "every event needs eventTimeZoneOffset, e.g. +02:00");
    }
    if (type_known_) {
      if (needs_action(event.type) && !has(Field::kAction)) {
        fail("action", "MISSING_FIELD", an_event(event) + " needs an action: ADD, OBSERVE or DELETE");
      }
      check_what(has, size);
    }
    if (ilmd != nullptr) read_ilmd(*ilmd);
    if (errors_.size() != errors_before) return false;
    canonicalise(value, event);
    return true;
  }

 private:
  void fail(std::string field, std::string_view code, std::string reason) {
    errors_.push_back({event_->record, std::move(field), std::string(code), std::move(reason)});
  }

  // Sets the event's type; returns the fields that type may carry.
  std::uint32_t read_type(const json& value) {
    type_known_ = false;
    const auto it = value.find("type");
    if (it == value.end()) {
      fail("type", "MISSING_FIELD", "every event needs a type: ObjectEvent, AggregationEvent, …");
      return kAllFields;
    }
    if (!it->is_string()) {
      fail("type", "INVALID_JSON_TYPE", "type is a string, not " + a_json(*it));
      return kAllFields;
    }
    const std::string& name = it->get_ref<const std::string&>();
    auto type = epcis::parse_event_type(name);
    if (!type.ok()) {
      fail("type", "UNKNOWN_EVENT_TYPE", type.error().details.front().reason);
      return kAllFields;
    }
    type_known_ = true;
    event_->type = *type;
    event_->type_name = name;
    return fields_of(*type);
  }

  void read_field(Field field, const std::string& key, const json& v, bool bare) {
    epcis::Event& event = *event_;
    switch (field) {
      case Field::kContext:
        if (bare) {
          if (auto problem = context_problem(v)) fail(key, problem->first, problem->second);
        } else if (!v.is_string() && !v.is_object() && !v.is_array()) {
          fail(key, "INVALID_JSON_TYPE", "@context is a URL, an object or an array of them, not " + a_json(v));
        }
        break;
      case Field::kType:
        break;  // read first, in read_type
      case Field::kEventTime:
        if (auto at = read_time(v, key)) {
          event.event_time = at->seconds;
          event.event_time_ms = at->milliseconds;
        }
        break;
      case Field::kRecordTime:
        read_time(v, key);  // checked, then ignored: paraat records its own capture time
        break;
      case Field::kTimeZoneOffset:
        if (const std::string* text = read_string(v, key)) {
          if (epcis::parse_offset_minutes(*text).ok()) {
            event.time_zone_offset = *text;
          } else {
            fail(key, "INVALID_TIME_ZONE_OFFSET", shown(*text) + " is not an offset ±hh:mm from -14:00 to +14:00");
          }
        }
        break;
      case Field::kEventId:
        if (const std::string* id = read_uri(v, key)) event.event_id = *id;
        break;
      case Field::kCertificationInfo:
        if (v.is_array()) {
          for (std::size_t i = 0; i < v.size(); ++i) read_uri(v[i], indexed(key, i));
        } else {
          read_uri(v, key);
        }
        break;
      case Field::kErrorDeclaration:
        read_error_declaration(v);
        break;
      case Field::kAction:
        if (const std::string* action = read_string(v, key)) {
          if (*action == "ADD") {
            event.action = Action::kAdd;
          } else if (*action == "OBSERVE") {
            event.action = Action::kObserve;
          } else if (*action == "DELETE") {
            event.action = Action::kDelete;
          } else {
            fail(key, "INVALID_ACTION", shown(*action) + " is not an EPCIS action: ADD, OBSERVE or DELETE");
          }
        }
        break;
      case Field::kEpcList:
      case Field::kChildEpcs:
        read_epcs(v, key, event.epcs);
        break;
      case Field::kInputEpcList:
        read_epcs(v, key, event.input_epcs);
        break;
      case Field::kOutputEpcList:
        read_epcs(v, key, event.output_epcs);
        break;
      case Field::kQuantityList:
      case Field::kChildQuantityList:
        read_quantities(v, key, event.quantities);
        break;
      case Field::kInputQuantityList:
        read_quantities(v, key, event.input_quantities);
        break;
      case Field::kOutputQuantityList:
        read_quantities(v, key, event.output_quantities);
        break;
      case Field::kBizStep:
        if (auto step = read_vocabulary(v, key, epcis::normalise_biz_step, "INVALID_BIZ_STEP", "business step")) {
          event.biz_step = std::move(*step);
        }
        break;
      case Field::kDisposition:
        if (auto disposition =
                read_vocabulary(v, key, epcis::normalise_disposition, "INVALID_DISPOSITION", "disposition")) {
          event.disposition = std::move(*disposition);
        }
        break;
      case Field::kPersistentDisposition:
        read_persistent_disposition(v);
        break;
      case Field::kReadPoint:
        read_location(v, key, event.read_point);
        break;
      case Field::kBizLocation:
        read_location(v, key, event.biz_location);
        break;
      case Field::kBizTransactionList:
        read_transactions(v);
        break;
      case Field::kSourceList:
        read_parties(v, key, "source", event.sources);
        break;
      case Field::kDestinationList:
        read_parties(v, key, "destination", event.destinations);
        break;
      case Field::kSensorElementList:
        read_sensor_elements(v);
        break;
      case Field::kParentId:
        if (const std::string* parent = read_uri(v, key)) {
          check_key(*parent, key);
          event.parent_id = *parent;
        }
        break;
      case Field::kTransformationId:
        if (const std::string* id = read_uri(v, key)) event.transformation_id = *id;
        break;
      case Field::kIlmd:
      case Field::kCount:
        break;
    }
  }

  // What the event is about, as the schema requires per type (INTEROP §1.4).
  template <class Has, class Size>
  void check_what(const Has& has, const Size& size) {
    const epcis::Event& event = *event_;
    switch (event.type) {
      case EventType::kObject:
        if (has(Field::kEpcList) || size(Field::kQuantityList) > 0 ||
            (size(Field::kSensorElementList) > 0 && has(Field::kReadPoint))) {
          return;
        }
        if (has(Field::kQuantityList)) {
          fail("quantityList", "MISSING_WHAT",
               "quantityList is empty and the event names nothing else: give at least one quantity element");
        } else if (size(Field::kSensorElementList) > 0) {
          fail("readPoint", "MISSING_WHAT", "sensor readings about no objects need readPoint, the place they describe");
        } else {
          fail("epcList", "MISSING_WHAT",
               "an ObjectEvent names what it is about: epcList, quantityList, or sensorElementList with readPoint");
        }
        return;
      case EventType::kAggregation:
      case EventType::kAssociation:
        if (event.action == Action::kAdd || event.action == Action::kDelete || event.type == EventType::kAssociation) {
          if (!has(Field::kParentId)) {
            fail("parentID", "MISSING_FIELD",
                 an_event(event) + (event.type == EventType::kAssociation ? "" : " with action ADD or DELETE") +
                     " needs parentID, the container or asset the children belong to");
          }
        }
        if (event.action == Action::kNone || event.action == Action::kDelete) return;
        if (size(Field::kChildEpcs) == 0 && size(Field::kChildQuantityList) == 0) {
          fail("childEPCs", "MISSING_WHAT",
               an_event(event) + " with action " + std::string(epcis::action_name(event.action)) +
                   " needs childEPCs or childQuantityList (only DELETE may leave both out)");
        }
        return;
      case EventType::kTransaction:
        if (!has(Field::kBizTransactionList)) {
          fail("bizTransactionList", "MISSING_FIELD", "a TransactionEvent names its business transactions");
        } else if (size(Field::kBizTransactionList) == 0) {
          fail("bizTransactionList", "EMPTY_LIST", "a TransactionEvent names at least one business transaction");
        }
        if (event.action == Action::kNone || event.action == Action::kDelete) return;
        if (!has(Field::kEpcList) && size(Field::kQuantityList) == 0) {
          fail("epcList", "MISSING_WHAT",
               "a TransactionEvent with action " + std::string(epcis::action_name(event.action)) +
                   " needs epcList or quantityList (only DELETE may leave both out)");
        }
        return;
      case EventType::kTransformation: {
        const bool inputs = size(Field::kInputEpcList) > 0 || size(Field::kInputQuantityList) > 0;
        const bool outputs = size(Field::kOutputEpcList) > 0 || size(Field::kOutputQuantityList) > 0;
        if ((inputs && outputs) || (has(Field::kTransformationId) && (inputs || outputs))) return;
        fail(inputs ? "outputEPCList" : "inputEPCList", "MISSING_WHAT",
             "a TransformationEvent needs inputs (inputEPCList or inputQuantityList) and outputs (outputEPCList or "
             "outputQuantityList), or a transformationID with either");
        return;
      }
      case EventType::kExtension:
        return;
    }
  }

  // -- typed values

  const std::string* read_string(const json& v, const std::string& path) {
    if (v.is_string()) return &v.get_ref<const std::string&>();
    fail(path, "INVALID_JSON_TYPE", path + " is a string, not " + a_json(v));
    return nullptr;
  }

  const std::string* read_uri(const json& v, const std::string& path) {
    const std::string* text = read_string(v, path);
    if (text == nullptr) return nullptr;
    if (epcis::looks_like_uri(*text)) return text;
    fail(path, "NOT_A_URI", shown(*text) + " is not a URI (scheme:rest, no blanks)");
    return nullptr;
  }

  std::optional<PreciseInstant> read_time(const json& v, const std::string& path) {
    const std::string* text = read_string(v, path);
    if (text == nullptr) return std::nullopt;
    std::string why;
    auto at = parse_precise_instant(*text, why);
    if (!at) fail(path, "INVALID_DATE_TIME", shown(*text) + " is not an RFC 3339 date-time with offset: " + why);
    return at;
  }

  std::optional<Instant> read_instant(const json& v, const std::string& path) {
    if (auto at = read_time(v, path)) return at->seconds;
    return std::nullopt;
  }

  std::optional<double> read_number(const json& v, const std::string& path) {
    if (v.is_number()) return v.get<double>();
    fail(path, "NOT_A_NUMBER", path + " is a JSON number, not " + a_json(v) + " " + shown_json(v));
    return std::nullopt;
  }

  std::optional<std::string> read_vocabulary(const json& v, const std::string& path,
                                             std::optional<std::string> (*normalise)(std::string_view),
                                             std::string_view code, std::string_view what) {
    const std::string* text = read_string(v, path);
    if (text == nullptr) return std::nullopt;
    auto bare = normalise(*text);
    if (!bare) {
      fail(path, code,
           epcis::looks_like_uri(*text)
               ? shown(*text) + " is in GS1's CBV namespace but names no CBV 2.0 " + std::string(what)
               : shown(*text) + " is neither a CBV 2.0 " + std::string(what) + " nor a URI");
      return std::nullopt;
    }
    if (!options_.lenient && in_old_cbv_namespace(*text)) {
      fail(path, code,
           shown(*text) + " is the URN form of " + shown(*bare) +
               ", which EPCIS 2.0 JSON does not accept: write " + shown(*bare) + " (or import in lenient mode)");
      return std::nullopt;
    }
    return bare;
  }

  // Check digits and shape of a GS1 key inside `uri`, when it names one.
  std::optional<EpcIdentifier> check_key(const std::string& uri, const std::string& path) {
    if (!names_gs1_key(uri)) return std::nullopt;
    auto key = parse_epc(uri);
    if (key.ok()) return std::move(key).value();
    const std::string& why = key.error().message;
    fail(path, why.find("check digit") != std::string::npos ? "CHECK_DIGIT" : "INVALID_EPC", why);
    return std::nullopt;
  }

  // check_key for the few places and parties a document names again and again.
  std::optional<EpcIdentifier> check_place_key(const std::string& uri, const std::string& path) {
    if (const auto it = known_places_.find(uri); it != known_places_.end()) return it->second;
    auto key = check_key(uri, path);
    constexpr std::size_t kRemembered = 4096;
    if (key && known_places_.size() < kRemembered) known_places_.emplace(uri, *key);
    return key;
  }

  // -- the what

  void read_epcs(const json& v, const std::string& path, std::vector<epcis::ObjectId>& out) {
    if (!v.is_array()) {
      fail(path, "INVALID_JSON_TYPE", path + " is an array of URIs, not " + a_json(v));
      return;
    }
    out.reserve(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
      const json& item = v[i];
      if (!item.is_string() || !epcis::looks_like_uri(item.get_ref<const std::string&>())) {
        read_uri(item, indexed(path, i));  // says which of the two it is
        continue;
      }
      const std::string& uri = item.get_ref<const std::string&>();
      epcis::ObjectId id{uri, std::nullopt};
      if (names_gs1_key(uri)) {
        const std::string at = indexed(path, i);
        id.key = check_key(uri, at);
        if (id.key && is_class_level(*id.key)) {
          fail(at, "NOT_AN_INSTANCE",
               shown(uri) + " names a class of trade items; " + path +
                   " lists single objects (a class goes in a quantity list)");
        }
      }
      out.push_back(std::move(id));
    }
    report_duplicates(v, path);
  }

  void report_duplicates(const json& list, const std::string& path) {
    if (list.size() < 2) return;
    std::unordered_set<std::string_view> seen;
    seen.reserve(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (!list[i].is_string()) continue;
      const std::string& uri = list[i].get_ref<const std::string&>();
      if (!seen.insert(uri).second) fail(indexed(path, i), "DUPLICATE_EPC", shown(uri) + " is listed twice");
    }
  }

  void read_quantities(const json& v, const std::string& path, std::vector<epcis::QuantityElement>& out) {
    if (!v.is_array()) {
      fail(path, "INVALID_JSON_TYPE", path + " is an array of {epcClass, quantity, uom}, not " + a_json(v));
      return;
    }
    out.reserve(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
      const json& element = v[i];
      const std::string at = indexed(path, i);
      if (!element.is_object()) {
        fail(at, "INVALID_JSON_TYPE",
             "a quantity element is an object {epcClass, quantity, uom}, not " + a_json(element));
        continue;
      }
      epcis::QuantityElement q;
      bool has_class = false;
      for (auto it = element.begin(); it != element.end(); ++it) {
        const std::string& key = it.key();
        if (key == "epcClass") {
          has_class = true;
          const std::string field = member(at, key);
          if (const std::string* uri = read_uri(it.value(), field)) {
            q.epc_class = *uri;
            q.key = check_key(*uri, field);
            if (q.key && !is_class_level(*q.key)) {
              fail(field, "NOT_A_CLASS",
                   shown(*uri) +
                       " names one object; a quantity is of a class (an LGTIN, a GTIN pattern or /01/<gtin>)");
            }
          }
        } else if (key == "quantity") {
          q.quantity = read_quantity(it.value(), member(at, key));
        } else if (key == "uom") {
          if (const std::string* uom = read_string(it.value(), member(at, key))) {
            if (is_uom(*uom)) {
              q.uom = *uom;
            } else {
              fail(member(at, key), "INVALID_UOM",
                   shown(*uom) + " is not a UN/CEFACT Rec 20 code (2 or 3 of A-Z, 0-9, e.g. KGM)");
            }
          }
        } else {
          fail(member(at, key), "UNKNOWN_FIELD",
               shown(key) + " is not allowed in a quantity element: only epcClass, quantity and uom");
        }
      }
      if (!has_class) fail(member(at, "epcClass"), "MISSING_FIELD", "a quantity element names its epcClass");
      if (q.quantity && q.quantity->den() != 1 && !element.contains("uom")) {
        fail(member(at, "quantity"), "NON_INTEGER_COUNT",
             shown_json(element.at("quantity")) + " has no uom, so it counts items and must be a whole number");
      }
      out.push_back(std::move(q));
    }
  }

  std::optional<Rational> read_quantity(const json& v, const std::string& path) {
    if (!v.is_number()) {
      fail(path, "NOT_A_NUMBER", "quantity is a JSON number, not " + a_json(v) + " " + shown_json(v));
      return std::nullopt;
    }
    const auto negative = [&] {
      fail(path, "NEGATIVE_QUANTITY",
           shown_json(v) +
               " is negative: a quantity says how much the event is about; a decrease is its own event (e.g. DELETE)");
    };
    if (v.is_number_unsigned()) {
      const auto n = v.get<std::uint64_t>();
      if (n <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        if (auto r = Rational::make(static_cast<std::int64_t>(n), 1); r.ok()) return *r;
      }
    } else if (v.is_number_integer()) {
      if (v.get<std::int64_t>() < 0) {
        negative();
        return std::nullopt;
      }
      if (auto r = Rational::make(v.get<std::int64_t>(), 1); r.ok()) return *r;
    } else {
      const double d = v.get<double>();
      if (std::isfinite(d) && d < 0) {
        negative();
        return std::nullopt;
      }
      if (std::isfinite(d)) {
        if (auto r = decimal_of(d)) return r;
      }
    }
    fail(path, "INVALID_QUANTITY", shown_json(v) + " is too large to be a quantity");
    return std::nullopt;
  }

  // -- where

  void read_location(const json& v, const std::string& path, std::optional<epcis::Location>& out) {
    if (!v.is_object()) {
      fail(path, "INVALID_JSON_TYPE", path + " is an object {\"id\": URI}, not " + a_json(v));
      return;
    }
    const auto id = v.find("id");
    const std::string field = member(path, "id");
    if (id == v.end()) {
      fail(field, "MISSING_FIELD", path + " names its place in id");
      return;
    }
    const std::string* uri = read_uri(*id, field);
    if (uri == nullptr) return;
    epcis::Location location{*uri, "", ""};
    if (auto key = check_place_key(*uri, field)) {
      if (key->kind == EpcIdentifier::Kind::kSgln) {
        location.gln = key->gln;
        location.extension = key->extension;
      } else {
        fail(field, "NOT_A_LOCATION", shown(*uri) + " names no location (an SGLN or a Digital Link /414/<gln>)");
      }
    }
    out = std::move(location);
  }

  void read_parties(const json& v, const std::string& path, std::string_view role,
                    std::vector<epcis::PartyOrPlace>& out) {
    if (!v.is_array()) {
      fail(path, "INVALID_JSON_TYPE", path + " is an array, not " + a_json(v));
      return;
    }
    out.reserve(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
      const json& element = v[i];
      const std::string at = indexed(path, i);
      if (!element.is_object()) {
        fail(at, "INVALID_JSON_TYPE",
             "each entry is an object {type, " + std::string(role) + "}, not " + a_json(element));
        continue;
      }
      epcis::PartyOrPlace party;
      bool has_type = false;
      bool has_uri = false;
      for (auto it = element.begin(); it != element.end(); ++it) {
        const std::string& key = it.key();
        if (key == "type") {
          has_type = true;
          if (auto type = read_vocabulary(it.value(), member(at, key), epcis::normalise_source_type,
                                          "INVALID_SOURCE_TYPE",
                                          "source or destination type (owning_party, possessing_party, location)")) {
            party.type = std::move(*type);
          }
        } else if (key == role) {
          has_uri = true;
          const std::string field = member(at, key);
          if (const std::string* uri = read_uri(it.value(), field)) {
            party.uri = *uri;
            if (auto key_of = check_place_key(*uri, field)) {
              // An SGLN standing for a party (older data, Example 9.6.2) counts by its GLN.
              if (key_of->kind == EpcIdentifier::Kind::kSgln || key_of->kind == EpcIdentifier::Kind::kPgln) {
                party.gln = key_of->gln;
              } else {
                fail(field, "NOT_A_PARTY", shown(*uri) + " names neither a party (PGLN) nor a location (SGLN)");
              }
            }
          }
        } else {
          fail(member(at, key), "UNKNOWN_FIELD",
               shown(key) + " is not allowed here: only type and " + std::string(role));
        }
      }
      if (!has_type) fail(member(at, "type"), "MISSING_FIELD", "each entry says its type, e.g. owning_party");
      if (!has_uri) fail(member(at, role), "MISSING_FIELD", "each entry names its " + std::string(role));
      out.push_back(std::move(party));
    }
  }

  // -- why

  void read_transactions(const json& v) {
    const std::string path = "bizTransactionList";
    if (!v.is_array()) {
      fail(path, "INVALID_JSON_TYPE", path + " is an array, not " + a_json(v));
      return;
    }
    event_->transactions.reserve(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
      const json& element = v[i];
      const std::string at = indexed(path, i);
      if (!element.is_object()) {
        fail(at, "INVALID_JSON_TYPE", "each entry is an object {type, bizTransaction}, not " + a_json(element));
        continue;
      }
      epcis::BizTransaction transaction;
      bool has_id = false;
      for (auto it = element.begin(); it != element.end(); ++it) {
        const std::string& key = it.key();
        if (key == "type") {
          if (auto type = read_vocabulary(it.value(), member(at, key), epcis::normalise_biz_transaction_type,
                                          "INVALID_BIZ_TRANSACTION_TYPE", "business transaction type")) {
            transaction.type = std::move(*type);
          }
        } else if (key == "bizTransaction") {
          has_id = true;
          // Never checked as a GS1 key: GS1's own examples carry GLNs with wrong check digits
          // inside transaction ids, and the id belongs to the partner's system (INTEROP A5).
          if (const std::string* id = read_uri(it.value(), member(at, key))) transaction.id = *id;
        } else {
          fail(member(at, key), "UNKNOWN_FIELD", shown(key) + " is not allowed here: only type and bizTransaction");
        }
      }
      if (!has_id) fail(member(at, "bizTransaction"), "MISSING_FIELD", "each entry names its bizTransaction (a URI)");
      event_->transactions.push_back(std::move(transaction));
    }
  }

  void read_persistent_disposition(const json& v) {
    const std::string path = "persistentDisposition";
    if (!v.is_object()) {
      fail(path, "INVALID_JSON_TYPE", path + " is an object {set, unset}, not " + a_json(v));
      return;
    }
    if (!v.contains("set") && !v.contains("unset")) {
      fail(member(path, "set"), "MISSING_FIELD", "persistentDisposition sets or unsets at least one disposition");
    }
    for (auto it = v.begin(); it != v.end(); ++it) {
      const std::string& key = it.key();
      const std::string at = member(path, key);
      std::vector<std::string>* out = key == "set"     ? &event_->persistent_set
                                      : key == "unset" ? &event_->persistent_unset
                                                       : nullptr;
      if (out == nullptr) {
        fail(at, "UNKNOWN_FIELD", shown(key) + " is not allowed here: only set and unset");
        continue;
      }
      const json& list = it.value();
      if (!list.is_array()) {
        fail(at, "INVALID_JSON_TYPE", at + " is an array of dispositions, not " + a_json(list));
        continue;
      }
      if (list.empty()) fail(at, "EMPTY_LIST", at + " lists at least one disposition, or is left out");
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (auto disposition = read_vocabulary(list[i], indexed(at, i), epcis::normalise_disposition,
                                               "INVALID_DISPOSITION", "disposition")) {
          out->push_back(std::move(*disposition));
        }
      }
    }
  }

  void read_error_declaration(const json& v) {
    const std::string path = "errorDeclaration";
    if (!v.is_object()) {
      fail(path, "INVALID_JSON_TYPE", path + " is an object, not " + a_json(v));
      return;
    }
    epcis::ErrorDeclaration declaration;
    bool has_time = false;
    for (auto it = v.begin(); it != v.end(); ++it) {
      const std::string& key = it.key();
      const std::string at = member(path, key);
      if (key == "declarationTime") {
        has_time = true;
        if (auto at_time = read_instant(it.value(), at)) declaration.declaration_time = *at_time;
      } else if (key == "reason") {
        if (auto reason = read_vocabulary(it.value(), at, epcis::normalise_error_reason, "INVALID_ERROR_REASON",
                                          "error reason (did_not_occur, incorrect_data)")) {
          declaration.reason = std::move(*reason);
        }
      } else if (key == "correctiveEventIDs") {
        const json& ids = it.value();
        if (!ids.is_array()) {
          fail(at, "INVALID_JSON_TYPE", at + " is an array of event ids, not " + a_json(ids));
          continue;
        }
        for (std::size_t i = 0; i < ids.size(); ++i) {
          if (const std::string* id = read_uri(ids[i], indexed(at, i))) declaration.corrective_event_ids.push_back(*id);
        }
      } else if (!epcis::looks_like_uri(key)) {
        fail(at, "UNKNOWN_FIELD", shown(key) + " is not a field of an error declaration; an extension needs a prefix");
      }
    }
    if (!has_time) {
      fail(member(path, "declarationTime"), "MISSING_FIELD", "an error declaration says when it was declared");
    }
    if (declaration.reason == "did_not_occur" && !declaration.corrective_event_ids.empty()) {
      fail(member(path, "correctiveEventIDs"), "CORRECTIVE_EVENTS_NOT_ALLOWED",
           "did_not_occur declares that nothing happened, so no event can correct it: leave out correctiveEventIDs or "
           "use incorrect_data");
    }
    event_->error_declaration = std::move(declaration);
  }

  // -- ilmd

  void read_ilmd(const json& v) {
    epcis::Event& event = *event_;
    const bool allowed = event.type == EventType::kTransformation || event.type == EventType::kExtension ||
                         (event.type == EventType::kObject && event.action == Action::kAdd) || !type_known_;
    if (!allowed) {
      // With the action missing or wrong that problem is already reported; this one would only
      // guess at what was meant.
      if (event.type == EventType::kObject && event.action == Action::kNone) return;
      fail("ilmd", "ILMD_NOT_ALLOWED",
           "ilmd (lot master data) belongs only to an ObjectEvent with action ADD and to a TransformationEvent, "
           "not to " +
               an_event(event) +
               (event.action == Action::kNone ? "" : " with action " + std::string(epcis::action_name(event.action))));
      return;
    }
    if (!v.is_object()) {
      fail("ilmd", "INVALID_JSON_TYPE", "ilmd is an object, not " + a_json(v));
      return;
    }
    std::string lot_key;
    for (auto it = v.begin(); it != v.end(); ++it) {
      const std::string& key = it.key();
      const std::string at = member("ilmd", key);
      if (!epcis::looks_like_uri(key)) {
        fail(at, "NOT_A_URI",
             "ilmd key " + shown(key) +
                 " has no prefix: ilmd keys are URIs or CURIEs such as cbvmda:lotNumber or example:" + key);
        continue;
      }
      if (key == "cbvmda:lotNumber" || key == "urn:epcglobal:cbv:mda:lotNumber") {
        const json& lot = it.value();
        if (lot.is_string() && !lot.get_ref<const std::string&>().empty()) {
          event.ilmd.lot = lot.get_ref<const std::string&>();
          lot_key = key;
        } else {
          fail(at, "INVALID_VALUE",
               "a lot number is a non-empty string (a number would lose leading zeros), not " + shown_json(lot));
        }
      } else if (key == "cbvmda:itemExpirationDate" || key == "urn:epcglobal:cbv:mda:itemExpirationDate") {
        event.ilmd.expiry = read_ilmd_date(it.value(), at);
      } else if (key == "cbvmda:bestBeforeDate" || key == "urn:epcglobal:cbv:mda:bestBeforeDate") {
        event.ilmd.best_before = read_ilmd_date(it.value(), at);
      }
    }
    // With instance-level objects in the event the lot number may be theirs (GS1's all-fields
    // example gives lot ABC123 next to an LGTIN of lot 998877); only when the event names
    // nothing but classes does a different lot in an LGTIN contradict it.
    const bool transformation = event.type == EventType::kTransformation;
    if (event.ilmd.lot.empty() || !(transformation ? event.output_epcs : event.epcs).empty()) return;
    const auto& classes = transformation ? event.output_quantities : event.quantities;
    for (const auto& q : classes) {
      if (q.key && q.key->kind == EpcIdentifier::Kind::kLgtin && q.key->lot != event.ilmd.lot) {
        fail(member("ilmd", lot_key), "LOT_MISMATCH",
             "lotNumber " + shown(event.ilmd.lot) + " contradicts lot " + shown(q.key->lot) + " of epcClass " +
                 shown(q.epc_class));
      }
    }
  }

  // xsd:date; an xsd:dateTime is tolerated and its day in the event's own offset taken.
  std::optional<Date> read_ilmd_date(const json& v, const std::string& path) {
    const auto bad = [&] {
      fail(path, "INVALID_DATE", shown_json(v) + " is not a date YYYY-MM-DD");
      return std::nullopt;
    };
    if (!v.is_string()) return bad();
    const std::string& text = v.get_ref<const std::string&>();
    if (text.size() == 10) {
      auto date = parse_date(text);
      if (date.ok()) return *date;
      fail(path, "INVALID_DATE", shown(text) + ": " + date.error().details.front().reason);
      return std::nullopt;
    }
    if (text.size() < 19 || text[10] != 'T') return bad();
    if (auto instant = parse_instant(text); instant.ok()) {
      const auto offset = epcis::parse_offset_minutes(event_->time_zone_offset);
      const int minutes = offset.ok() ? *offset : 0;
      return utc_date(*instant + std::chrono::minutes{minutes});
    }
    // A dateTime without a zone is its own local day.
    if (parse_instant(text + "Z").ok()) {
      if (auto date = parse_date(std::string_view(text).substr(0, 10)); date.ok()) return *date;
    }
    return bad();
  }

  // -- how

  void read_sensor_elements(const json& v) {
    const std::string path = "sensorElementList";
    if (!v.is_array()) {
      fail(path, "INVALID_JSON_TYPE", path + " is an array, not " + a_json(v));
      return;
    }
    for (std::size_t i = 0; i < v.size(); ++i) {
      const json& element = v[i];
      const std::string at = indexed(path, i);
      if (!element.is_object()) {
        fail(at, "INVALID_JSON_TYPE",
             "a sensor element is an object {sensorMetadata, sensorReport}, not " + a_json(element));
        continue;
      }
      epcis::SensorElement sensor;
      const json* reports = nullptr;
      for (auto it = element.begin(); it != element.end(); ++it) {
        const std::string& key = it.key();
        if (key == "sensorMetadata") {
          read_sensor_metadata(it.value(), member(at, key), sensor);
        } else if (key == "sensorReport") {
          reports = &it.value();
        } else if (!epcis::looks_like_uri(key)) {
          fail(member(at, key), "UNKNOWN_FIELD",
               shown(key) + " is not a field of a sensor element; an extension needs a prefix");
        }
      }
      const std::string reports_path = member(at, "sensorReport");
      if (reports == nullptr) {
        fail(reports_path, "MISSING_FIELD", "a sensor element carries at least one sensorReport");
      } else if (!reports->is_array()) {
        fail(reports_path, "INVALID_JSON_TYPE", "sensorReport is an array, not " + a_json(*reports));
      } else if (reports->empty()) {
        fail(reports_path, "EMPTY_LIST", "a sensor element carries at least one sensorReport");
      } else {
        for (std::size_t j = 0; j < reports->size(); ++j) {
          read_sensor_report((*reports)[j], indexed(reports_path, j), sensor);
        }
      }
      event_->sensors.push_back(std::move(sensor));
    }
  }

  void read_sensor_metadata(const json& v, const std::string& path, epcis::SensorElement& sensor) {
    if (!v.is_object()) {
      fail(path, "INVALID_JSON_TYPE", "sensorMetadata is an object, not " + a_json(v));
      return;
    }
    for (auto it = v.begin(); it != v.end(); ++it) {
      const std::string& key = it.key();
      const std::string at = member(path, key);
      if (key == "time") {
        sensor.time = read_instant(it.value(), at);
      } else if (key == "startTime") {
        sensor.start_time = read_instant(it.value(), at);
      } else if (key == "endTime") {
        sensor.end_time = read_instant(it.value(), at);
      } else if (key == "deviceID") {
        if (const std::string* id = read_uri(it.value(), at)) sensor.device_id = *id;
      } else if (key == "deviceMetadata" || key == "rawData" || key == "dataProcessingMethod" || key == "bizRules") {
        read_uri(it.value(), at);
      } else if (!epcis::looks_like_uri(key)) {
        fail(at, "UNKNOWN_FIELD", shown(key) + " is not a field of sensorMetadata; an extension needs a prefix");
      }
    }
  }

  void read_sensor_report(const json& v, const std::string& path, epcis::SensorElement& sensor) {
    if (!v.is_object()) {
      fail(path, "INVALID_JSON_TYPE", "a sensor report is an object, not " + a_json(v));
      return;
    }
    epcis::SensorReport report;
    bool has_type = false;
    for (auto it = v.begin(); it != v.end(); ++it) {
      const std::string& key = it.key();
      const json& value = it.value();
      const std::string at = member(path, key);
      if (key == "type") {
        has_type = true;
        if (const std::string* type = read_string(value, at)) {
          std::string bare = epcis::normalise_measurement_type(*type);
          // A URI of the sender's own is a measurement type too; gs1:Typo is not.
          const bool custom = bare == *type && epcis::looks_like_uri(bare);
          if (epcis::is_standard_measurement_type(bare) || custom) {
            report.type = std::move(bare);
          } else {
            fail(at, "INVALID_MEASUREMENT_TYPE",
                 shown(*type) + " is neither a GS1 measurement type (e.g. Temperature) nor a URI");
          }
        }
      } else if (key == "exception") {
        if (const std::string* text = read_string(value, at)) {
          if (auto exception = epcis::normalise_sensor_exception(*text)) {
            report.exception = std::move(*exception);
          } else {
            fail(at, "INVALID_SENSOR_EXCEPTION",
                 shown(*text) + " is neither ALARM_CONDITION, ERROR_CONDITION nor a URI");
          }
        }
      } else if (key == "value") {
        report.value = read_number(value, at);
      } else if (key == "minValue") {
        report.min_value = read_number(value, at);
      } else if (key == "maxValue") {
        report.max_value = read_number(value, at);
      } else if (key == "meanValue") {
        report.mean_value = read_number(value, at);
      } else if (key == "sDev" || key == "percRank" || key == "percValue") {
        read_number(value, at);
      } else if (key == "uom") {
        if (const std::string* uom = read_string(value, at)) report.uom = *uom;
      } else if (key == "time") {
        report.time = read_instant(value, at);
      } else if (key == "deviceID") {
        if (const std::string* id = read_uri(value, at)) report.device_id = *id;
      } else if (key == "deviceMetadata" || key == "rawData" || key == "dataProcessingMethod" || key == "bizRules" ||
                 key == "microorganism" || key == "chemicalSubstance" || key == "coordinateReferenceSystem" ||
                 key == "uriValue") {
        read_uri(value, at);
      } else if (key == "stringValue") {
        read_string(value, at);
      } else if (key == "booleanValue") {
        if (!value.is_boolean()) fail(at, "INVALID_JSON_TYPE", "booleanValue is true or false, not " + a_json(value));
      } else if (key == "hexBinaryValue") {
        if (const std::string* hex = read_string(value, at); hex != nullptr && !is_hex(*hex)) {
          fail(at, "INVALID_VALUE", shown(*hex) + " is not hexadecimal");
        }
      } else if (key == "component") {
        read_component(value, at);
      } else if (epcis::looks_like_uri(key)) {
        if (key.ends_with(":feature")) {
          report.feature = value.is_string() ? value.get<std::string>()
                                             : value.dump(-1, ' ', false, json::error_handler_t::replace);
        }
      } else {
        fail(at, "UNKNOWN_FIELD", shown(key) + " is not a field of a sensor report; an extension needs a prefix");
      }
    }
    if (!has_type) {
      fail(member(path, "type"), "MISSING_FIELD", "a sensor report says what it measures, e.g. Temperature");
    }
    if (report.device_id.empty()) report.device_id = sensor.device_id;
    if (!report.time) report.time = sensor.time;
    sensor.reports.push_back(std::move(report));
  }

  void read_component(const json& v, const std::string& path) {
    static constexpr std::array<std::string_view, 14> kComponents = {
        "x", "y", "z", "axial_distance", "azimuth", "height", "spherical_radius", "polar_angle", "elevation_angle",
        "easting", "northing", "latitude", "longitude", "altitude"};
    const std::string* text = read_string(v, path);
    if (text == nullptr) return;
    if (std::find(kComponents.begin(), kComponents.end(), *text) != kComponents.end()) return;
    if (epcis::looks_like_uri(*text) && !in_old_cbv_namespace(*text)) return;
    fail(path, "INVALID_VALUE", shown(*text) + " is neither a CBV component (x, latitude, …) nor a URI");
  }

  const EpcisReadOptions& options_;
  std::vector<ErrorDetail>& errors_;
  epcis::Event* event_ = nullptr;
  bool type_known_ = false;
  std::unordered_map<std::string, EpcIdentifier> known_places_;
};

// ---------------------------------------------------------------------------------------------
// Errors of a whole read

Error invalid_input(std::vector<ErrorDetail> details, std::string_view subject) {
  std::size_t invalid_events = 0;
  std::size_t header_problems = 0;
  const std::string* last_record = nullptr;
  for (const auto& detail : details) {
    if (detail.record == kDocumentRecord) {
      ++header_problems;
    } else if (last_record == nullptr || *last_record != detail.record) {
      ++invalid_events;
      last_record = &detail.record;
    }
  }
  const ErrorDetail& first = details.front();
  const std::string where = first.field.empty() ? first.record : first.record + " " + first.field;
  std::string message;
  if (subject == "event") {
    message = "the EPCIS event is invalid: " + (first.field.empty() ? "" : first.field + ": ") + first.reason;
    if (details.size() > 1) message += " (and " + std::to_string(details.size() - 1) + " more problems)";
  } else if (invalid_events == 0) {
    message = "the EPCIS document is invalid: " + (first.field.empty() ? "" : first.field + ": ") + first.reason;
    if (details.size() > 1) message += " (and " + std::to_string(details.size() - 1) + " more problems)";
  } else {
    message = "the EPCIS document has " + std::to_string(invalid_events) +
              (invalid_events == 1 ? " invalid event" : " invalid events");
    if (header_problems > 0) {
      message += " and " + std::to_string(header_problems) + (header_problems == 1 ? " problem" : " problems") +
                 " in its header";
    }
    message += "; first: " + where + ": " + first.reason;
  }
  return make_error(ErrorCode::kInvalidInput, std::move(message), std::move(details));
}

// ---------------------------------------------------------------------------------------------
// The document around the events

class DocumentChecker {
 public:
  explicit DocumentChecker(std::vector<ErrorDetail>& errors) : errors_(errors) {}

  // Checks the document with its events already taken out; returns its type ("" if unknown).
  std::string check(const json& root, epcis::Document& document) {
    if (!root.is_object()) {
      fail("", "NOT_AN_OBJECT", "an EPCIS document is a JSON object, not " + a_json(root));
      return "";
    }
    std::string type;
    if (const auto it = root.find("type"); it == root.end()) {
      fail("type", "MISSING_FIELD", "an EPCIS document says its type: EPCISDocument or EPCISQueryDocument");
    } else if (!it->is_string()) {
      fail("type", "INVALID_JSON_TYPE", "type is a string, not " + a_json(*it));
    } else if (*it == "EPCISDocument" || *it == "EPCISQueryDocument") {
      type = it->get<std::string>();
    } else if (epcis::parse_event_type(it->get_ref<const std::string&>()).ok()) {
      fail("type", "INVALID_DOCUMENT_TYPE",
           shown_json(*it) + " is a single event: send it to POST /events, or wrap it in an EPCISDocument");
    } else {
      fail("type", "INVALID_DOCUMENT_TYPE", shown_json(*it) + " is neither EPCISDocument nor EPCISQueryDocument");
    }
    const bool query = type == "EPCISQueryDocument";
    document.type = type;
    if (const auto it = root.find("@context"); it == root.end()) {
      fail("@context", "MISSING_FIELD",
           "@context is required and names the EPCIS 2.0 context, e.g. [\"" + std::string(kContext200) + "\"]");
    } else if (auto problem = context_problem(*it)) {
      fail("@context", problem->first, problem->second);
    }
    if (const auto it = root.find("schemaVersion"); it == root.end()) {
      if (!query) fail("schemaVersion", "MISSING_FIELD", "an EPCISDocument says its schemaVersion, e.g. \"2.0\"");
    } else if (!it->is_string() || !is_schema_version(it->get_ref<const std::string&>())) {
      fail("schemaVersion", "INVALID_SCHEMA_VERSION", shown_json(*it) + " is not a version such as \"2.0\"");
    }
    if (const auto it = root.find("creationDate"); it == root.end()) {
      if (!query) fail("creationDate", "MISSING_FIELD", "an EPCISDocument says when it was created (creationDate)");
    } else {
      std::string why;
      if (!it->is_string() || !parse_precise_instant(it->get_ref<const std::string&>(), why)) {
        fail("creationDate", "INVALID_DATE_TIME", shown_json(*it) + " is not an RFC 3339 date-time with offset" +
                                                      (why.empty() ? "" : ": " + why));
      }
    }
    for (auto it = root.begin(); it != root.end(); ++it) {
      const std::string& key = it.key();
      if (key == "id") {
        if (!it->is_string() || !epcis::looks_like_uri(it->get_ref<const std::string&>())) {
          fail("id", "NOT_A_URI", shown_json(*it) + " is not a URI");
        }
      } else if (key == "instanceIdentifier" || key == "sender" || key == "receiver") {
        if (!it->is_string()) fail(key, "INVALID_JSON_TYPE", key + " is a string, not " + a_json(*it));
      } else if (key == "epcisHeader") {
        if (!it->is_object()) fail(key, "INVALID_JSON_TYPE", "epcisHeader is an object, not " + a_json(*it));
      } else if (key != "@context" && key != "type" && key != "schemaVersion" && key != "creationDate" &&
                 key != "epcisBody" && !epcis::looks_like_uri(key)) {
        fail(key, "UNKNOWN_FIELD", shown(key) + " is not a field of an EPCIS document; an extension needs a prefix");
      }
    }
    check_body(root, query, type.empty(), document);
    return type;
  }

 private:
  void fail(std::string field, std::string_view code, std::string reason) {
    errors_.push_back({std::string(kDocumentRecord), std::move(field), std::string(code), std::move(reason)});
  }

  // The object at `key` of `parent`, or a complaint and nullptr.
  const json* object_at(const json& parent, const char* key, const std::string& path, std::string_view why) {
    const auto it = parent.find(key);
    if (it == parent.end()) {
      fail(path, "MISSING_FIELD", std::string(why));
      return nullptr;
    }
    if (!it->is_object()) {
      fail(path, "INVALID_JSON_TYPE", path + " is an object, not " + a_json(*it));
      return nullptr;
    }
    return &*it;
  }

  void event_list_at(const json& parent, const std::string& path) {
    const auto it = parent.find("eventList");
    if (it == parent.end()) {
      fail(path, "MISSING_FIELD", "the events go in " + path + " (an array, which may be empty)");
    } else if (!it->is_array()) {
      fail(path, "INVALID_JSON_TYPE", path + " is an array of events, not " + a_json(*it));
    }
  }

  void check_body(const json& root, bool query, bool type_unknown, epcis::Document& document) {
    const json* body = object_at(root, "epcisBody", "epcisBody", "an EPCIS document carries its events in epcisBody");
    if (body == nullptr || type_unknown) return;
    if (!query) {
      event_list_at(*body, "epcisBody.eventList");
      if (body->contains("queryResults")) {
        fail("epcisBody.queryResults", "UNKNOWN_FIELD", "queryResults belongs to an EPCISQueryDocument");
      }
      return;
    }
    for (auto it = body->begin(); it != body->end(); ++it) {
      if (it.key() != "queryResults" && !epcis::looks_like_uri(it.key())) {
        fail(member("epcisBody", it.key()), "UNKNOWN_FIELD", "an EPCISQueryDocument's body holds only queryResults");
      }
    }
    const json* results = object_at(*body, "queryResults", "epcisBody.queryResults",
                                    "an EPCISQueryDocument carries epcisBody.queryResults");
    if (results == nullptr) return;
    for (auto it = results->begin(); it != results->end(); ++it) {
      const std::string& key = it.key();
      const std::string at = member("epcisBody.queryResults", key);
      if (key == "queryName" || key == "subscriptionID") {
        if (!it->is_string()) {
          fail(at, "INVALID_JSON_TYPE", key + " is a string, not " + a_json(*it));
        } else {
          (key == "queryName" ? document.query_name : document.subscription_id) = it->get<std::string>();
        }
      } else if (key != "resultsBody" && !epcis::looks_like_uri(key)) {
        fail(at, "UNKNOWN_FIELD", shown(key) + " is not a field of queryResults");
      }
    }
    if (!results->contains("queryName")) {
      fail("epcisBody.queryResults.queryName", "MISSING_FIELD", "a query document names the query it answers");
    }
    const json* results_body = object_at(*results, "resultsBody", "epcisBody.queryResults.resultsBody",
                                         "a query document carries its events in queryResults.resultsBody");
    if (results_body == nullptr) return;
    event_list_at(*results_body, "epcisBody.queryResults.resultsBody.eventList");
    for (auto it = results_body->begin(); it != results_body->end(); ++it) {
      if (it.key() != "eventList" && it.key() != "vocabularyList" && !epcis::looks_like_uri(it.key())) {
        fail(member("epcisBody.queryResults.resultsBody", it.key()), "UNKNOWN_FIELD",
             shown(it.key()) + " is not a field of resultsBody");
      }
    }
  }

  std::vector<ErrorDetail>& errors_;
};

// Where the streaming parser is: the keys on the path from the root and whether each open
// container is an array, as deep as an event list lies (epcisBody.queryResults.resultsBody.
// eventList[i] is at depth 5). Depths follow nlohmann's callback: the root object is 0, its
// keys are 1.
class EventListTracker {
 public:
  void on_key(std::size_t depth, const std::string& key) {
    if (depth >= 1 && depth <= keys_.size()) keys_[depth - 1] = key;
  }
  void on_open(std::size_t depth, bool array) {
    if (depth < array_.size()) array_[depth] = array;
  }
  // 1: an element of epcisBody.eventList; 2: of epcisBody.queryResults.resultsBody.eventList.
  int list_of_element_at(std::size_t depth) const {
    if (depth == 3 && array_[2] && keys_[0] == "epcisBody" && keys_[1] == "eventList") return 1;
    if (depth == 5 && array_[4] && keys_[0] == "epcisBody" && keys_[1] == "queryResults" &&
        keys_[2] == "resultsBody" && keys_[3] == "eventList") {
      return 2;
    }
    return 0;
  }

 private:
  std::array<std::string, 4> keys_{};
  std::array<bool, 5> array_{};
};

}  // namespace

const std::vector<std::string>& accepted_epcis_contexts() {
  static const std::vector<std::string> kContexts = {
      std::string(kContext200),
      "https://ref.gs1.org/standards/epcis/epcis-context.jsonld",
      "https://gs1.github.io/EPCIS/epcis-context.jsonld",
  };
  return kContexts;
}

namespace {

// The deepest nesting accepted: the standard's own structures reach 6 levels inside a document
// (sensorElementList, sensorReport, ...); extensions get room, a stack-exhausting body does not.
constexpr int kMaxJsonDepth = 64;

// Reads the document once; each event, as soon as the parser has completed it, goes to `sink`
// (or into the returned document when there is none).
Result<epcis::Document> read_document(std::string_view text, const EpcisReadOptions& options,
                                      const std::function<bool(epcis::Event&&)>* sink) {
  PARAAT_RETURN_IF_ERROR(check_json_nesting(text, kMaxJsonDepth, kDocumentRecord));
  std::vector<ErrorDetail> errors;
  EventReader reader(options, errors);
  EventListTracker tracker;
  // Events are read as the parser completes each one and then dropped from the tree, so a
  // document of 100,000 events never exists as one DOM: parse once, walk each event once.
  std::array<std::vector<epcis::Event>, 2> events;
  std::array<std::size_t, 2> counts{};
  std::array<std::size_t, 2> streamed{};
  bool sink_open = sink != nullptr;
  // Events are rarely under 400 bytes; reserving (address space, not touched memory) avoids
  // moving 100,000 events while the list grows.
  if (!sink) events[0].reserve(std::min(options.max_events, text.size() / 400));
  json::parser_callback_t on_parse = [&](int depth, json::parse_event_t what, json& parsed) {
    const auto d = static_cast<std::size_t>(depth);
    switch (what) {
      case json::parse_event_t::key:
        tracker.on_key(d, parsed.get_ref<const std::string&>());
        return true;
      case json::parse_event_t::object_start:
        tracker.on_open(d, false);
        return true;
      case json::parse_event_t::array_start:
        tracker.on_open(d, true);
        return true;
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
      case json::parse_event_t::value:
        break;
    }
    const int list = tracker.list_of_element_at(d);
    if (list == 0) return true;
    const auto which = static_cast<std::size_t>(list - 1);
    const std::size_t index = counts[which]++;
    if (index < options.max_events) {
      epcis::Event event;
      if (reader.read(parsed, indexed("eventList", index), false, event)) {
        if (!sink) {
          events[which].push_back(std::move(event));
        } else if (sink_open) {
          ++streamed[which];
          sink_open = (*sink)(std::move(event));
        }
      }
    }
    return false;
  };
  json root;
  try {
    root = json::parse(text.begin(), text.end(), on_parse);
  } catch (const json::exception& e) {
    return make_error(ErrorCode::kInvalidInput, "the EPCIS document is not valid JSON: " + std::string(e.what()),
                      {{std::string(kDocumentRecord), "", "JSON_SYNTAX", e.what()}});
  }
  const std::size_t total = std::max(counts[0], counts[1]);
  if (total > options.max_events) {
    const std::string reason = "the document has " + std::to_string(total) + " events; at most " +
                               std::to_string(options.max_events) + " are accepted at once: split it";
    return make_error(ErrorCode::kInvalidInput, "the EPCIS document is too large: " + reason,
                      {{std::string(kDocumentRecord), "epcisBody", "CAPTURE_LIMIT_EXCEEDED", reason}});
  }
  epcis::Document document;
  std::vector<ErrorDetail> header_errors;
  DocumentChecker checker(header_errors);
  const std::string type = checker.check(root, document);
  const std::size_t list = type == "EPCISQueryDocument" ? 1 : 0;
  if (streamed[1 - list] > 0) {
    // Streamed events that turn out not to be the document's own events.
    header_errors.push_back({std::string(kDocumentRecord), "epcisBody", "MISPLACED_EVENTS",
                             "events outside the event list of a " + type});
  }
  // Header problems first: the document's own shape explains the rest.
  header_errors.insert(header_errors.end(), std::make_move_iterator(errors.begin()),
                       std::make_move_iterator(errors.end()));
  if (!header_errors.empty()) return invalid_input(std::move(header_errors), "document");
  document.events = std::move(events[list]);
  return document;
}

}  // namespace

Result<epcis::Document> read_epcis_document(std::string_view text, const EpcisReadOptions& options) {
  return read_document(text, options, nullptr);
}

Result<epcis::Document> stream_epcis_document(std::string_view text, const EpcisReadOptions& options,
                                              const std::function<bool(epcis::Event&&)>& sink) {
  return read_document(text, options, &sink);
}

Result<epcis::Event> read_epcis_event(std::string_view text, const EpcisReadOptions& options) {
  PARAAT_RETURN_IF_ERROR(check_json_nesting(text, kMaxJsonDepth, "event"));
  json value;
  try {
    value = json::parse(text.begin(), text.end());
  } catch (const json::exception& e) {
    return make_error(ErrorCode::kInvalidInput, "the EPCIS event is not valid JSON: " + std::string(e.what()),
                      {{"event", "", "JSON_SYNTAX", e.what()}});
  }
  std::vector<ErrorDetail> errors;
  if (value.is_object()) {
    if (const auto type = value.find("type");
        type != value.end() && (*type == "EPCISDocument" || *type == "EPCISQueryDocument")) {
      errors.push_back({"event", "type", "INVALID_EVENT_TYPE",
                        "this is a whole " + type->get<std::string>() + ": send it to /capture, not as one event"});
      return invalid_input(std::move(errors), "event");
    }
  }
  EventReader reader(options, errors);
  epcis::Event event;
  if (!reader.read(value, "event", true, event)) return invalid_input(std::move(errors), "event");
  return event;
}

std::string write_epcis_document(const std::vector<std::string>& event_jsons, std::string_view creation_date) {
  std::size_t size = 256;
  for (const auto& e : event_jsons) size += e.size() + 1;
  std::string out;
  out.reserve(size);
  out += R"({"@context":[")";
  out += kContext200;
  out += R"("],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":)";
  out += json(std::string(creation_date)).dump(-1, ' ', false, json::error_handler_t::replace);
  out += R"(,"epcisBody":{"eventList":[)";
  for (std::size_t i = 0; i < event_jsons.size(); ++i) {
    if (i > 0) out += ',';
    out += event_jsons[i];
  }
  out += "]}}";
  return out;
}

std::string write_epcis_query_document(const std::vector<std::string>& event_jsons, std::string_view query_name) {
  std::size_t size = 256;
  for (const auto& e : event_jsons) size += e.size() + 1;
  std::string out;
  out.reserve(size);
  out += R"({"@context":[")";
  out += kContext200;
  out += R"("],"type":"EPCISQueryDocument","schemaVersion":"2.0","epcisBody":{"queryResults":{"queryName":)";
  out += json(std::string(query_name)).dump(-1, ' ', false, json::error_handler_t::replace);
  out += R"(,"resultsBody":{"eventList":[)";
  for (std::size_t i = 0; i < event_jsons.size(); ++i) {
    if (i > 0) out += ',';
    out += event_jsons[i];
  }
  out += "]}}}}";
  return out;
}

namespace {

json quantity_json(const Rational& quantity) {
  if (quantity.den() == 1) return quantity.num();
  return quantity.to_double();
}

json quantities_json(const std::vector<epcis::QuantityElement>& quantities) {
  json list = json::array();
  for (const auto& q : quantities) {
    json element = {{"epcClass", q.epc_class}};
    if (q.quantity) element["quantity"] = quantity_json(*q.quantity);
    if (!q.uom.empty()) element["uom"] = q.uom;
    list.push_back(std::move(element));
  }
  return list;
}

json uris_json(const std::vector<epcis::ObjectId>& ids) {
  json list = json::array();
  for (const auto& id : ids) list.push_back(id.uri);
  return list;
}

json parties_json(const std::vector<epcis::PartyOrPlace>& parties, const char* role) {
  json list = json::array();
  for (const auto& p : parties) list.push_back({{"type", p.type}, {role, p.uri}});
  return list;
}

// "2025-09-01T10:00:00.250+02:00": the instant as a clock at `offset` shows it.
std::string local_time_text(Instant instant, std::int64_t milliseconds, int offset_minutes, std::string_view offset) {
  std::string text = format_instant(instant + std::chrono::minutes{offset_minutes});
  text.pop_back();  // the Z
  if (milliseconds > 0) {
    std::array<char, 8> fraction{};
    std::to_chars(fraction.data() + 1, fraction.data() + fraction.size(), 1000 + milliseconds);
    fraction[1] = '.';
    text.append(fraction.data() + 1, 4);
  }
  text += offset;
  return text;
}

}  // namespace

std::string write_epcis_event(const epcis::Event& event) {
  json out = json::object();
  out["type"] = event.type == EventType::kExtension ? event.type_name : std::string(epcis::event_type_name(event.type));
  if (!event.event_id.empty()) out["eventID"] = event.event_id;
  const auto offset = epcis::parse_offset_minutes(event.time_zone_offset);
  const std::string offset_text = offset.ok() ? event.time_zone_offset : "+00:00";
  const std::int64_t seconds = event.event_time.time_since_epoch().count();
  const std::int64_t milliseconds = event.event_time_ms - seconds * 1000;
  out["eventTime"] = local_time_text(event.event_time, milliseconds >= 0 && milliseconds < 1000 ? milliseconds : 0,
                                     offset.ok() ? *offset : 0, offset_text);
  out["eventTimeZoneOffset"] = offset_text;
  if (event.action != Action::kNone) out["action"] = std::string(epcis::action_name(event.action));
  if (!event.biz_step.empty()) out["bizStep"] = event.biz_step;
  if (!event.disposition.empty()) out["disposition"] = event.disposition;
  if (event.read_point) out["readPoint"] = {{"id", event.read_point->uri}};
  if (event.biz_location) out["bizLocation"] = {{"id", event.biz_location->uri}};
  switch (event.type) {
    case EventType::kAggregation:
    case EventType::kAssociation:
      if (!event.epcs.empty()) out["childEPCs"] = uris_json(event.epcs);
      if (!event.quantities.empty()) out["childQuantityList"] = quantities_json(event.quantities);
      break;
    case EventType::kTransformation:
      if (!event.input_epcs.empty()) out["inputEPCList"] = uris_json(event.input_epcs);
      if (!event.input_quantities.empty()) out["inputQuantityList"] = quantities_json(event.input_quantities);
      if (!event.output_epcs.empty()) out["outputEPCList"] = uris_json(event.output_epcs);
      if (!event.output_quantities.empty()) out["outputQuantityList"] = quantities_json(event.output_quantities);
      break;
    case EventType::kObject:
    case EventType::kTransaction:
    case EventType::kExtension:
      // An ObjectEvent about nothing in particular still says so, as the schema wants a what.
      if (!event.epcs.empty() || (event.quantities.empty() && event.sensors.empty())) {
        out["epcList"] = uris_json(event.epcs);
      }
      if (!event.quantities.empty()) out["quantityList"] = quantities_json(event.quantities);
      break;
  }
  if (!event.parent_id.empty()) out["parentID"] = event.parent_id;
  if (!event.transformation_id.empty()) out["transformationID"] = event.transformation_id;
  if (!event.sources.empty()) out["sourceList"] = parties_json(event.sources, "source");
  if (!event.destinations.empty()) out["destinationList"] = parties_json(event.destinations, "destination");
  if (!event.transactions.empty()) {
    json list = json::array();
    for (const auto& t : event.transactions) {
      json entry = {{"bizTransaction", t.id}};
      if (!t.type.empty()) entry["type"] = t.type;
      list.push_back(std::move(entry));
    }
    out["bizTransactionList"] = std::move(list);
  }
  if (!event.persistent_set.empty() || !event.persistent_unset.empty()) {
    json persistent = json::object();
    if (!event.persistent_set.empty()) persistent["set"] = event.persistent_set;
    if (!event.persistent_unset.empty()) persistent["unset"] = event.persistent_unset;
    out["persistentDisposition"] = std::move(persistent);
  }
  const bool ilmd_allowed = event.type == EventType::kTransformation || event.type == EventType::kExtension ||
                            (event.type == EventType::kObject && event.action == Action::kAdd);
  if (ilmd_allowed && (!event.ilmd.lot.empty() || event.ilmd.expiry || event.ilmd.best_before)) {
    json ilmd = json::object();
    if (!event.ilmd.lot.empty()) ilmd["cbvmda:lotNumber"] = event.ilmd.lot;
    if (event.ilmd.expiry) ilmd["cbvmda:itemExpirationDate"] = format_date(*event.ilmd.expiry);
    if (event.ilmd.best_before) ilmd["cbvmda:bestBeforeDate"] = format_date(*event.ilmd.best_before);
    out["ilmd"] = std::move(ilmd);
  }
  if (!event.sensors.empty()) {
    json elements = json::array();
    for (const auto& sensor : event.sensors) {
      json metadata = json::object();
      if (sensor.time) metadata["time"] = format_instant(*sensor.time);
      if (sensor.start_time) metadata["startTime"] = format_instant(*sensor.start_time);
      if (sensor.end_time) metadata["endTime"] = format_instant(*sensor.end_time);
      if (!sensor.device_id.empty()) metadata["deviceID"] = sensor.device_id;
      json reports = json::array();
      for (const auto& r : sensor.reports) {
        json report = {{"type", r.type}};
        if (!r.exception.empty()) report["exception"] = r.exception;
        if (r.value) report["value"] = *r.value;
        if (r.min_value) report["minValue"] = *r.min_value;
        if (r.max_value) report["maxValue"] = *r.max_value;
        if (r.mean_value) report["meanValue"] = *r.mean_value;
        if (!r.uom.empty()) report["uom"] = r.uom;
        if (r.time) report["time"] = format_instant(*r.time);
        if (!r.device_id.empty()) report["deviceID"] = r.device_id;
        reports.push_back(std::move(report));
      }
      json element = {{"sensorReport", std::move(reports)}};
      if (!metadata.empty()) element["sensorMetadata"] = std::move(metadata);
      elements.push_back(std::move(element));
    }
    out["sensorElementList"] = std::move(elements);
  }
  if (event.error_declaration) {
    json declaration = {{"declarationTime", format_instant(event.error_declaration->declaration_time)}};
    if (!event.error_declaration->reason.empty()) declaration["reason"] = event.error_declaration->reason;
    if (!event.error_declaration->corrective_event_ids.empty()) {
      declaration["correctiveEventIDs"] = event.error_declaration->corrective_event_ids;
    }
    out["errorDeclaration"] = std::move(declaration);
  }
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace paraat::ingest
