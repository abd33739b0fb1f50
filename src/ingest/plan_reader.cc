#include "ingest/plan_reader.h"

#include <nlohmann/json.hpp>

#include <sstream>

#include "core/quantity.h"
#include "ingest/json_document.h"

namespace paraat::ingest {
namespace {

using json = nlohmann::json;

}  // namespace

Result<std::vector<Shipment>> read_shipments(std::string_view text) {
  PARAAT_ASSIGN_OR_RETURN(const json doc, parse_strict_json(text, "plan", 8));
  const json* list = &doc;
  if (doc.is_object()) {
    if (doc.contains("items") && doc.contains("shipments")) {
      return make_error(ErrorCode::kInvalidInput, "the plan holds both items and shipments; send one list",
                        {{"plan", "shipments", "INVALID_VALUE", "both items and shipments are given"}});
    }
    for (const char* key : {"items", "shipments"}) {
      if (doc.contains(key)) list = &doc.at(key);
    }
  }
  if (!list->is_array()) {
    return make_error(ErrorCode::kInvalidInput, "the plan is not a list of shipments",
                      {{"plan", "", "INVALID_JSON", "expected a JSON array of shipments or {\"items\": [...]}"}});
  }
  std::vector<ErrorDetail> errors;
  std::vector<Shipment> out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string record = "shipments[" + std::to_string(i) + "]";
    const json& s = (*list)[i];
    if (!s.is_object()) {
      errors.push_back({record, "", "INVALID_VALUE", "a shipment is a JSON object"});
      continue;
    }
    const std::size_t before = errors.size();
    auto text_of = [&](const char* name) -> std::string {
      if (!s.contains(name) || !s.at(name).is_string()) {
        errors.push_back({record, name, "MISSING_VALUE", std::string(name) + " is required as a string"});
        return {};
      }
      return s.at(name).get<std::string>();
    };
    auto parsed = [&](const char* name, auto parser) {
      const std::string value = text_of(name);
      auto result = parser(value);
      if (!value.empty() && !result.ok()) errors.push_back({record, name, "INVALID_VALUE", result.error().message});
      return result.ok() ? std::move(result).value() : decltype(std::move(result).value()){};
    };
    Shipment sh;
    sh.offer = text_of("offer");
    sh.request = text_of("request");
    sh.depot = parsed("depot", parse_depot_id);
    sh.from = parsed("from", parse_region_code);
    sh.to = parsed("to", parse_region_code);
    sh.good = parsed("good", parse_good_id);
    sh.lot = text_of("lot");
    sh.departure = parsed("departure", parse_instant);
    sh.arrival = parsed("arrival", parse_instant);
    if (!s.contains("quantity") || !s.at("quantity").is_number_integer() ||
        s.at("quantity").get<std::int64_t>() <= 0 || s.at("quantity").get<std::int64_t>() > kMaxBalance) {
      errors.push_back({record, "quantity", "INVALID_VALUE", "quantity is a whole number of base units above 0"});
    } else {
      sh.quantity = s.at("quantity").get<std::int64_t>();
    }
    if (!s.contains("hours") || !s.at("hours").is_number()) {
      errors.push_back({record, "hours", "INVALID_VALUE", "hours is a number"});
    } else {
      sh.hours = s.at("hours").get<double>();
    }
    // The route as paraat writes it (link ids separated by spaces) or as a list.
    if (s.contains("route") && s.at("route").is_string()) {
      std::istringstream links(s.at("route").get<std::string>());
      for (std::string id; links >> id;) sh.route.push_back(id);
    } else if (s.contains("route") && s.at("route").is_array()) {
      for (const auto& id : s.at("route")) {
        if (id.is_string()) sh.route.push_back(id.get<std::string>());
        else errors.push_back({record, "route", "INVALID_VALUE", "a route lists link ids"});
      }
    } else {
      errors.push_back({record, "route", "MISSING_VALUE", "route is required: link ids, empty within one region"});
    }
    if (errors.size() == before) out.push_back(std::move(sh));
  }
  if (!errors.empty()) {
    const std::size_t n = errors.size();
    return make_error(ErrorCode::kInvalidInput, std::to_string(n) + (n == 1 ? " problem" : " problems") + " in the plan",
                      std::move(errors));
  }
  return out;
}

}  // namespace paraat::ingest
