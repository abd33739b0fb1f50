// The HTTP API as a table of routes. Each route carries its documentation (summary, query
// parameters, body and response schemas) next to its handler, and the OpenAPI document is
// generated from this table, so what is documented is exactly what is served.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <variant>
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
  std::string format;  // "date" for ISO dates, "date-time", or empty for plain strings
  bool in_path = false;  // a path segment ("/capture/{id}"), handed to the handler as a query value
};

struct CaptureWorker;  // api/capture_worker.h

// What every handler may use. One per server; the store serialises its own writes.
struct Context {
  store::Store& store;
  const Clock& clock;
  std::optional<int> backdate_days = 92;  // allowed age of posted movements
  CaptureWorker* captures = nullptr;      // runs EPCIS captures in the background
};

// Query parameters as received, repeated names included (dispatch rejects repeats).
using Query = std::multimap<std::string, std::string>;

struct Request {
  Query query;
  std::string body;
  std::string content_type;  // the media type alone, lower case: "application/json", "text/csv"
  std::string accept;        // the Accept header as sent; empty when there is none
  std::map<std::string, std::string> headers = {};  // other headers, names in lower case
};

using Handler = std::function<Result<Json>(Context&, const Request&)>;

struct Route {
  std::string method;  // "GET" or "POST"
  std::string path;    // "/api/v1/readiness"
  std::string summary;
  std::vector<QueryParam> params;
  Json response_schema;
  Handler handler;
  Json body_schema = nullptr;  // POST: what the body holds (documentation)
  bool accepts_csv = false;    // POST: a text/csv body is read too
  int success_status = 200;    // 201 Created, 202 Accepted, ...
  // Response headers derived from the answer (Location of a created resource, Link to the next
  // page); the answer's "_headers" object, if any, is taken out of the body.
  bool answer_carries_headers = false;
  // Errors as RFC 7807 problems with the GS1 EPCIS exception types (REST binding), not paraat's
  // {"error": ...} shape.
  bool epcis_problems = false;
};

const std::vector<Route>& routes();

// Checks the query against the route's parameters (unknown, repeated, empty or missing
// required ones are usage errors, so a typo such as ?contry=NL is reported instead of silently
// ignored), then runs the handler.
Result<Json> dispatch(const Route& route, Context& context, const Request& request);

inline constexpr const char* kXlsxMediaType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// True for the GET routes that answer report tables (the {"items","count","notes"} envelope).
// They also answer as an Excel workbook, asked for with ?format=xlsx or an Accept header naming
// kXlsxMediaType (preferred over application/json); ?format=json forces JSON. Every other
// route answers JSON whatever the Accept header says.
bool answers_tables(const Route& route);

// A report answered as an Excel workbook: one sheet per table of the answer (readiness has two),
// to be sent as `filename`, the first table's name with ".xlsx".
struct Workbook {
  std::string filename;
  std::string bytes;
};
using Answer = std::variant<Json, Workbook>;

// Chooses the format the client asked for, then dispatches. A ?format other than json or xlsx
// is a usage error; a table too large for a worksheet is a usage error too.
Result<Answer> answer(const Route& route, Context& context, const Request& request);

// The OpenAPI 3.0 document describing routes().
Json openapi_document();

}  // namespace paraat::api
