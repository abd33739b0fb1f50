// The HTTP API as a table of routes. Each route carries its documentation (summary, query
// parameters, response schema) next to its handler, and the OpenAPI document is generated from
// this table, so what is documented is exactly what is served.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "api/json_codec.h"

#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace paraat::api {

struct QueryParam {
  std::string name;
  std::string description;
  bool required = false;
  std::string format;  // "date" for ISO dates, empty for plain strings
};

struct Context {
  store::Store& store;
  const Clock& clock;
};

// Query parameters as received, repeated names included (dispatch rejects repeats).
using Query = std::multimap<std::string, std::string>;
using Handler = std::function<Result<Json>(Context&, const Query&)>;

struct Route {
  std::string method;  // "GET"
  std::string path;    // "/api/v1/readiness"
  std::string summary;
  std::vector<QueryParam> params;
  Json response_schema;
  Handler handler;
};

const std::vector<Route>& routes();

// Checks the query against the route's parameters (unknown or missing required ones are usage
// errors, so a typo such as ?contry=NL is reported instead of silently ignored), then runs it.
Result<Json> dispatch(const Route& route, Context& context, const Query& query);

// The OpenAPI 3.0 document describing routes().
Json openapi_document();

}  // namespace paraat::api
