#include "ingest/crisis_reader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <string_view>

#include "core/quantity.h"
#include "ingest/json_document.h"

namespace paraat::ingest {
namespace {

using json = nlohmann::json;

constexpr int kMaxUseWindowDays = 3660;
constexpr std::size_t kMaxRequests = 10'000;   // a linear programme per good grows with them
constexpr std::size_t kMaxOffers = 100'000;
constexpr std::size_t kMaxIdBytes = 100;

// Reads the fields of one object, collecting every problem against its record.
class Fields {
 public:
  Fields(const json& object, std::string record, std::vector<ErrorDetail>& errors,
         const std::set<std::string>& allowed)
      : object_(object), record_(std::move(record)), errors_(errors) {
    for (const auto& [key, value] : object.items()) {
      if (!allowed.count(key)) fail(key, "UNKNOWN_FIELD", "unknown field '" + key + "'");
    }
  }

  void fail(const std::string& field, const char* code, std::string reason) {
    errors_.push_back({record_, field, code, std::move(reason)});
  }
  bool has(const char* name) const { return object_.contains(name) && !object_.at(name).is_null(); }

  // An id: 1 to 100 bytes of printable text, as it names records in errors and reports.
  std::string id(const char* name) {
    std::string value = text(name);
    if (value.empty() && has(name)) fail(name, "INVALID_VALUE", std::string(name) + " is empty");
    if (value.size() > kMaxIdBytes) fail(name, "INVALID_VALUE", std::string(name) + " is longer than 100 bytes");
    if (std::any_of(value.begin(), value.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; })) {
      fail(name, "INVALID_VALUE", std::string(name) + " holds control characters");
    }
    return value;
  }

  std::string text(const char* name, bool required = true) {
    if (!has(name)) {
      if (required) fail(name, "MISSING_VALUE", std::string(name) + " is required");
      return {};
    }
    if (!object_.at(name).is_string()) {
      fail(name, "INVALID_VALUE", std::string(name) + " must be a string");
      return {};
    }
    return object_.at(name).get<std::string>();
  }

  // A whole number in [min, max]; JSON's 5.9 is not quietly 5.
  std::int64_t integer(const char* name, std::int64_t min, std::int64_t max, std::int64_t fallback) {
    if (!has(name)) return fallback;
    const json& v = object_.at(name);
    if (!v.is_number_integer() || (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(max))) {
      fail(name, "INVALID_VALUE", std::string(name) + " must be a whole number from " + std::to_string(min) + " to " +
                                      std::to_string(max));
      return fallback;
    }
    const auto n = v.get<std::int64_t>();
    if (n < min || n > max) {
      fail(name, "OUT_OF_RANGE", std::string(name) + " must be from " + std::to_string(min) + " to " + std::to_string(max));
      return fallback;
    }
    return n;
  }

  std::int64_t required_integer(const char* name, std::int64_t min, std::int64_t max) {
    if (!has(name)) {
      fail(name, "MISSING_VALUE", std::string(name) + " is required");
      return 0;
    }
    return integer(name, min, max, 0);
  }

  // A key read from `name` must be one the store holds.
  template <class Key, class Set>
  void must_know(const char* name, const Key& key, const Set& known, const char* code, const char* what) {
    if (!key.empty() && !known.count(key)) fail(name, code, std::string(what) + " " + key.str() + " is not known");
  }

  Instant instant(const char* name) {
    const std::string value = text(name);
    if (value.empty()) return {};
    auto parsed = parse_instant(value);
    if (!parsed.ok()) {
      fail(name, "INVALID_TIME", parsed.error().message);
      return {};
    }
    return *parsed;
  }

  template <class T, class Parser>
  T parse(const char* name, Parser parser) {
    const std::string value = text(name);
    if (value.empty()) return T{};
    auto parsed = parser(value);
    if (!parsed.ok()) {
      fail(name, "INVALID_VALUE", parsed.error().message);
      return T{};
    }
    return std::move(parsed).value();
  }

  const json& at(const char* name) const { return object_.at(name); }
  const std::string& record() const { return record_; }

 private:
  const json& object_;
  std::string record_;
  std::vector<ErrorDetail>& errors_;
};

// Runs `read` on each entry of a list that is a JSON object, naming it "requests[2]"; any other
// entry is an error.
template <class Read>
void each_object(const json& list, const std::string& name, std::vector<ErrorDetail>& errors, Read read) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string record = name + "[" + std::to_string(i) + "]";
    if (list[i].is_object()) {
      read(list[i], record);
    } else {
      errors.push_back({record, "", "INVALID_VALUE", "each entry of " + name + " is a JSON object"});
    }
  }
}

void read_requests(const json& list, const KnownKeys& known, Instant start, Crisis& crisis,
                   std::vector<ErrorDetail>& errors) {
  std::set<std::string> ids;
  each_object(list, "requests", errors, [&](const json& entry, const std::string& record) {
    const std::size_t before = errors.size();
    Fields f(entry, record, errors, {"id", "region", "good", "quantity", "needed_by", "priority"});
    AidRequest r;
    r.id = f.id("id");
    r.region = f.parse<RegionCode>("region", parse_region_code);
    r.good = f.parse<GoodId>("good", parse_good_id);
    r.quantity = f.required_integer("quantity", 1, kMaxBalance);
    r.needed_by = f.instant("needed_by");
    r.priority = static_cast<int>(f.integer("priority", 1, 5, 1));
    if (!r.id.empty() && !ids.insert(r.id).second) f.fail("id", "DUPLICATE_KEY", "request " + r.id + " appears twice");
    f.must_know("region", r.region, known.regions, "UNKNOWN_REGION", "region");
    f.must_know("good", r.good, known.goods, "UNKNOWN_GOOD", "good");
    if (f.has("needed_by") && r.needed_by != Instant{} && r.needed_by <= start) {
      f.fail("needed_by", "INVALID_VALUE", "needed_by " + format_instant(r.needed_by) + " is not after the crisis start");
    }
    if (errors.size() == before) crisis.requests.push_back(std::move(r));
  });
}

void read_offers(const json& list, const KnownKeys& known, Crisis& crisis, std::vector<ErrorDetail>& errors) {
  std::set<std::string> ids;
  std::set<std::pair<DepotId, GoodId>> depot_goods;
  each_object(list, "offers", errors, [&](const json& entry, const std::string& record) {
    const std::size_t before = errors.size();
    Fields f(entry, record, errors, {"id", "depot", "good", "quantity", "keep", "only_to"});
    AidOffer o;
    o.id = f.id("id");
    o.depot = f.parse<DepotId>("depot", parse_depot_id);
    o.good = f.parse<GoodId>("good", parse_good_id);
    o.quantity = f.required_integer("quantity", 1, kMaxBalance);
    o.keep = f.integer("keep", 0, kMaxBalance, 0);
    if (f.has("only_to")) {
      const json& to = f.at("only_to");
      if (!to.is_array() || to.empty()) {
        f.fail("only_to", "INVALID_VALUE", "only_to is a non-empty list of country codes");
      } else {
        for (const auto& c : to) {
          auto code = c.is_string() ? parse_country_code(c.get<std::string>()) : parse_country_code("");
          if (!code.ok() || !known.countries.count(*code)) {
            f.fail("only_to", "UNKNOWN_COUNTRY", c.dump() + " is not a known country code");
          } else {
            o.only_to.push_back(*code);
          }
        }
      }
    }
    if (!o.id.empty() && !ids.insert(o.id).second) f.fail("id", "DUPLICATE_KEY", "offer " + o.id + " appears twice");
    f.must_know("depot", o.depot, known.depot_owners, "UNKNOWN_DEPOT", "depot");
    f.must_know("good", o.good, known.goods, "UNKNOWN_GOOD", "good");
    if (!o.depot.empty() && !o.good.empty() && !depot_goods.insert({o.depot, o.good}).second) {
      f.fail("good", "DUPLICATE_KEY", "a second offer of " + o.good.str() + " from " + o.depot.str() + "; offer the sum once");
    }
    if (errors.size() == before) crisis.offers.push_back(std::move(o));
  });
}

}  // namespace

Result<Crisis> read_crisis(std::string_view text, const KnownKeys& known) {
  PARAAT_ASSIGN_OR_RETURN(const json doc, parse_strict_json(text, "crisis", 8));
  if (!doc.is_object()) {
    return make_error(ErrorCode::kInvalidInput, "the crisis is not a JSON object",
                      {{"crisis", "", "INVALID_JSON", "expected {\"id\", \"start\", \"requests\", \"offers\"}"}});
  }
  std::vector<ErrorDetail> errors;
  Fields f(doc, "crisis", errors, {"id", "name", "start", "use_window_days", "requests", "offers"});
  Crisis crisis;
  crisis.id = f.id("id");
  crisis.start = f.instant("start");
  crisis.use_window_days = static_cast<int>(f.integer("use_window_days", 0, kMaxUseWindowDays, 0));
  for (const char* list : {"requests", "offers"}) {
    if (!f.has(list)) {
      f.fail(list, "MISSING_VALUE", std::string(list) + " is required (a list, which may be empty)");
    } else if (!f.at(list).is_array()) {
      f.fail(list, "INVALID_VALUE", std::string(list) + " must be a list");
    } else if (f.at(list).size() > (std::string_view(list) == "requests" ? kMaxRequests : kMaxOffers)) {
      f.fail(list, "OUT_OF_RANGE", std::string(list) + " holds more than " +
                                       (std::string_view(list) == "requests" ? "10000" : "100000") + " entries");
    }
  }
  if (f.has("requests") && f.at("requests").is_array() && f.at("requests").size() <= kMaxRequests) {
    read_requests(f.at("requests"), known, crisis.start, crisis, errors);
  }
  if (f.has("offers") && f.at("offers").is_array() && f.at("offers").size() <= kMaxOffers) {
    read_offers(f.at("offers"), known, crisis, errors);
  }
  if (!errors.empty()) {
    const std::size_t n = errors.size();
    return make_error(ErrorCode::kInvalidInput,
                      std::to_string(n) + (n == 1 ? " problem" : " problems") + " in the crisis; no plan was made",
                      std::move(errors));
  }
  return crisis;
}

}  // namespace paraat::ingest
