#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <map>
#include <set>

#include "api/api_fixture.h"
#include "api/routes.h"
#include "testing/fixtures.h"

namespace paraat::api {
namespace {

using nlohmann::json;

// Checks a value against the subset of JSON Schema the OpenAPI document uses: type, nullable,
// format date, properties, required, additionalProperties false, items, enum. Returns the
// first mismatch as a path, or "" when the value conforms.
std::string violation(const json& value, const json& schema, const std::string& path = "$") {
  if (schema.contains("$ref")) return "";  // the shared Error schema is checked separately
  if (value.is_null()) {
    return schema.value("nullable", false) ? "" : path + ": null not allowed";
  }
  const std::string type = schema.value("type", "");
  if (type == "object") {
    if (!value.is_object()) return path + ": expected object";
    for (const auto& name : schema.value("required", json::array())) {
      if (!value.contains(name.get<std::string>())) return path + ": missing " + name.get<std::string>();
    }
    const json properties = schema.value("properties", json::object());
    for (const auto& [key, item] : value.items()) {
      if (properties.contains(key)) {
        if (auto v = violation(item, properties[key], path + "." + key); !v.empty()) return v;
      } else if (schema.contains("additionalProperties") && !schema["additionalProperties"].get<bool>()) {
        return path + ": unexpected property " + key;
      }
    }
  } else if (type == "array") {
    if (!value.is_array()) return path + ": expected array";
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (auto v = violation(value[i], schema["items"], path + "[" + std::to_string(i) + "]"); !v.empty()) return v;
    }
  } else if (type == "string") {
    if (!value.is_string()) return path + ": expected string";
    if (schema.value("format", "") == "date" && !parse_date(value.get<std::string>()).ok()) {
      return path + ": not a date";
    }
    if (schema.contains("enum")) {
      const auto& allowed = schema["enum"];
      if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) return path + ": not in enum";
    }
  } else if (type == "integer") {
    if (!value.is_number_integer()) return path + ": expected integer";
  } else if (type == "number") {
    if (!value.is_number()) return path + ": expected number";
  } else if (type == "boolean") {
    if (!value.is_boolean()) return path + ": expected boolean";
  }
  return "";
}

class ApiTest : public DemoServerTest {};

TEST_F(ApiTest, ServesAPortChosenByTheSystem) { EXPECT_GT(server_->port(), 0); }

TEST_F(ApiTest, HealthAnswers) {
  const json body = get_json("/api/v1/health", 200);
  EXPECT_EQ(body["status"], "ok");
  EXPECT_EQ(body["time"], "2026-12-03T00:00:00Z");
}

TEST_F(ApiTest, TheOpenApiDocumentListsExactlyTheServedRoutes) {
  const json doc = get_json("/api/v1/openapi.json", 200);
  EXPECT_EQ(doc["openapi"], "3.0.3");
  std::set<std::string> documented;
  for (const auto& [path, operations] : doc["paths"].items()) {
    for (const auto& [method, op] : operations.items()) documented.insert(method + " " + path);
  }
  std::set<std::string> routed;
  for (const auto& route : routes()) {
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    routed.insert(method + " " + route.path);
  }
  EXPECT_EQ(documented, routed);
  // Every documented path is really served, and a path outside the document is not.
  httplib::Client client("127.0.0.1", server_->port());
  // Values for the parameters a route requires.
  const std::map<std::string, std::string> examples = {
      {"depot", "MT-NAT-MT00"}, {"good", "water-drinking"}, {"from", "2026-01-01"}, {"by", "country"}};
  for (const auto& [path, operations] : doc["paths"].items()) {
    for (const auto& [method, op] : operations.items()) {
      std::string target = path;
      char separator = '?';
      bool in_path = false;
      for (const auto& param : op["parameters"]) {
        if (param["in"] == "path") {
          // "/capture/{captureID}", "/units/{sscc}": a job or unit that does not exist is
          // answered 404 by that route.
          const std::string name = "{" + param["name"].get<std::string>() + "}";
          target.replace(target.find(name), name.size(), param["name"] == "sscc" ? "040123450000000016" : "no-such-job");
          in_path = true;
          continue;
        }
        if (!param["required"].get<bool>()) continue;
        // /routes goes from one region to another; elsewhere from is a date.
        const std::string value = path == "/api/v1/routes" ? (param["name"] == "from" ? "DK01" : "SE22")
                                                            : examples.at(param["name"]);
        target += separator + param["name"].get<std::string>() + "=" + value;
        separator = '&';
      }
      auto res = method == "get" ? client.Get(target.c_str()) : client.Post(target.c_str(), "[]", "application/json");
      ASSERT_TRUE(res) << path;
      // A GET answers; an empty POST is refused as bad input (400 in the EPCIS binding, 422
      // elsewhere), which still proves it is routed.
      const bool epcis = path.starts_with("/api/v1/epcis/");
      const int expected = in_path ? 404 : method == "get" ? 200 : (epcis ? 400 : 422);
      EXPECT_EQ(res->status, expected) << method << " " << path << ": " << res->body;
    }
  }
  EXPECT_EQ(get("/api/v1/nothing-here")->status, 404);
}

TEST_F(ApiTest, EveryResponseMatchesItsDocumentedSchema) {
  const json doc = get_json("/api/v1/openapi.json", 200);
  const std::vector<std::string> requests = {
      "/api/v1", "/api/v1/health", "/api/v1/countries", "/api/v1/needs?scenario=baseline-72h", "/api/v1/regions?country=NL",
      "/api/v1/goods?category=cbrn", "/api/v1/scenarios", "/api/v1/depots?country=DE",
      "/api/v1/stock?country=MT", "/api/v1/stock/totals?by=region&country=MT", "/api/v1/readiness?country=NL&as_of=2026-12-03",
      "/api/v1/readiness", "/api/v1/stock?depot=MT-NAT-MT00&as_of=2026-06-01",
      "/api/v1/stockcard?depot=MT-NAT-MT00&good=water-drinking",
      "/api/v1/expiry?country=MT&within=400", "/api/v1/transfers", "/api/v1/alerts?within=30",
      "/api/v1/network/links?region=MT00", "/api/v1/network/changes", "/api/v1/routes?from=DK01&to=SE22",
      "/api/v1/consumption?depot=MT-NAT-MT00&good=water-drinking&from=2026-01-01",
      "/api/v1/rotation?depot=MT-NAT-MT00&good=water-drinking",
      "/api/v1/waste?from=2026-01-01", "/api/v1/discrepancies", "/api/v1/ledger/verify"};
  for (const auto& request : requests) {
    const std::string path = request.substr(0, request.find('?'));
    const json& schema = doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    const json body = get_json(request, 200);
    EXPECT_EQ(violation(body, schema), "") << request;
  }
  // The check itself catches a wrong type, a missing field and an extra field.
  const json& readiness = doc["paths"]["/api/v1/readiness"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
  json body = get_json("/api/v1/readiness?country=MT", 200);
  body["items"][0]["stock"] = "12";
  EXPECT_NE(violation(body, readiness), "");
  body = get_json("/api/v1/readiness?country=MT", 200);
  body["items"][0].erase("status");
  EXPECT_NE(violation(body, readiness), "");
  body["items"][0]["status"] = "ok";
  body["items"][0]["surprise"] = 1;
  EXPECT_NE(violation(body, readiness), "");
}

TEST_F(ApiTest, ReadinessCoversAllMemberStates) {
  const json body = get_json("/api/v1/readiness?scenario=baseline-72h", 200);
  EXPECT_EQ(body["countries"].size(), 28u);  // 27 states and the EU
  EXPECT_EQ(body["countries"].back()["country"], "EU");
  EXPECT_EQ(body["count"], 244 * 7);
  EXPECT_EQ(body["as_of"], "2026-12-03");
  EXPECT_EQ(body["notes"].size(), 1u);  // generated stock is labelled
  const json nl = get_json("/api/v1/readiness?scenario=baseline-72h&country=NL", 200);
  EXPECT_EQ(nl["count"], 12 * 7);
  for (const auto& row : nl["items"]) {
    EXPECT_EQ(row["country"], "NL");
    // daily_need is shown to 2 decimals, so the recomputed ratio carries that rounding too.
    const double daily_need = row["daily_need"].get<double>();
    const double expected = row["stock"].get<double>() / daily_need;
    EXPECT_NEAR(row["days_of_cover"].get<double>(), expected, 0.006 + expected * 0.005 / daily_need);
    const bool meets = row["days_of_cover"].get<double>() >= 3.0;
    if (std::abs(expected - 3.0) > 0.01) {
      EXPECT_EQ(row["status"] == "below_minimum", !meets);
    }
  }
}

TEST_F(ApiTest, ErrorsCarryCodeMessageAndDetailsWithTheMatchingStatus) {
  json body = get_json("/api/v1/readiness?scenario=no-such", 404);
  EXPECT_EQ(body["error"]["code"], "not_found");
  EXPECT_EQ(body["error"]["details"][0]["code"], "NOT_FOUND");
  body = get_json("/api/v1/readiness?contry=NL", 400);
  EXPECT_EQ(body["error"]["code"], "usage");
  EXPECT_EQ(body["error"]["details"][0]["field"], "contry");
  body = get_json("/api/v1/readiness?as_of=2026-02-30", 400);
  EXPECT_EQ(body["error"]["details"][0]["field"], "as_of");
  body = get_json("/api/v1/stock?depot=NOPE", 404);
  EXPECT_EQ(body["error"]["message"], "depot 'NOPE' does not exist");
  body = get_json("/api/v1/goods?category=weapons", 400);
  EXPECT_EQ(body["error"]["code"], "usage");
  body = get_json("/api/v1/missing", 404);
  EXPECT_EQ(body["error"]["code"], "not_found");
  body = get_json("/api/v1/readiness?country=MT&country=LU", 400);
  EXPECT_EQ(body["error"]["details"][0]["code"], "REPEATED_PARAMETER");
  body = get_json("/api/v1/readiness?country=", 400);
  EXPECT_EQ(body["error"]["details"][0]["code"], "EMPTY_PARAMETER");
  body = get_json("/api/v1/depots?country=XX", 404);
  EXPECT_EQ(body["error"]["message"], "country 'XX' does not exist");
  body = get_json("/api/v1/regions?country=GR", 400);
  EXPECT_NE(body["error"]["message"].get<std::string>().find("EL"), std::string::npos);
  httplib::Client client("127.0.0.1", server_->port());
  for (const bool with_body : {true, false}) {
    auto res = with_body ? client.Post("/api/v1/goods", "{}", "application/json")
                         : client.Post("/api/v1/health");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 405);
    EXPECT_EQ(res->get_header_value("Allow"), "GET");
    EXPECT_EQ(json::parse(res->body)["error"]["code"], "usage");
  }
}

TEST_F(ApiTest, BytesThatAreNotUtf8GetAClientErrorNotACrash) {
  for (const char* path : {"/api/v1/regions?country=%FF", "/api/v1/stock?depot=%FF",
                           "/api/v1/health?%FF=1"}) {
    auto res = get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 400) << path;
    EXPECT_FALSE(json::parse(res->body)["error"]["message"].get<std::string>().empty());
  }
}

TEST_F(ApiTest, RoutePathsAreLiteralNotPatterns) {
  EXPECT_EQ(get("/api/v1/openapiXjson")->status, 404);
}

TEST_F(ApiTest, ASecondServerCannotTakeAPortInUse) {
  ServerConfig config;
  config.port = server_->port();
  const auto second = ApiServer::start(*store_, kClock, config, nullptr);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::kInternal);
}

TEST_F(ApiTest, TheIndexListsEveryEndpoint) {
  const json body = get_json("/api/v1/", 200);
  EXPECT_EQ(body["endpoints"].size(), routes().size());
  EXPECT_EQ(body["openapi"], "/api/v1/openapi.json");
}

}  // namespace
}  // namespace paraat::api
