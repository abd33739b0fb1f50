// Helpers shared by the route groups: typed query parameters and list envelopes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/routes.h"
#include "report/table.h"

namespace paraat::api {

inline const char* const kVersion = "0.1.0";

Error usage_error(const std::string& param, const std::string& reason);

// Parses an optional query parameter with a core parser; a malformed value is a usage error.
template <class T, class Parser>
Result<std::optional<T>> optional_param(const Query& query, const std::string& name, Parser parse) {
  const auto it = query.find(name);
  if (it == query.end()) return std::optional<T>{};
  auto parsed = parse(it->second);
  if (!parsed.ok()) return usage_error(name, parsed.error().message_with_hint());
  return std::optional<T>{std::move(parsed).value()};
}

std::optional<std::string> text_param(const Query& query, const std::string& name);

// {"items": [...], "count": n, "notes": [...]} and its schema.
Json list_body(const report::Table& table);
Json list_schema(const std::vector<report::Column>& columns);
// The schema with more required properties: the fields an answer adds beside its items.
Json with(Json schema, std::initializer_list<std::pair<const char*, Json>> extra);
// True for a schema made by list_schema, extra properties allowed: a report's answer.
bool is_list_schema(const Json& schema);

extern const QueryParam kCountryParam;
extern const QueryParam kRegionParam;
// ?format=json|xlsx, which every GET route answering a list schema takes (see answers_tables).
extern const QueryParam kFormatParam;

// The route groups, each in its own file.
std::vector<Route> reference_routes();
std::vector<Route> stock_routes();
std::vector<Route> ledger_routes();
std::vector<Route> readiness_routes();
std::vector<Route> epcis_routes();
std::vector<Route> network_routes();
std::vector<Route> deploy_routes();

}  // namespace paraat::api
