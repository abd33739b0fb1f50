#include "api/route_support.h"

namespace paraat::api {

using json = Json;

const QueryParam kCountryParam{"country", "country code, e.g. NL (EL for Greece)", false, ""};
const QueryParam kRegionParam{"region", "NUTS-2 code, e.g. NL32", false, ""};

Error usage_error(const std::string& param, const std::string& reason) {
  return make_error(ErrorCode::kUsage, "query parameter '" + param + "': " + reason,
                    {{"query", param, "INVALID_PARAMETER", reason}});
}

std::optional<std::string> text_param(const Query& query, const std::string& name) {
  const auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

json list_schema(const std::vector<report::Column>& columns) {
  return {{"type", "object"},
          {"properties",
           {{"items", {{"type", "array"}, {"items", row_schema(columns)}}},
            {"count", {{"type", "integer"}}},
            {"notes", {{"type", "array"}, {"items", {{"type", "string"}}}}}}},
          {"required", {"items", "count", "notes"}},
          {"additionalProperties", false}};
}

json list_body(const report::Table& table) {
  return {{"items", table_rows_json(table)}, {"count", table.rows.size()}, {"notes", table.notes}};
}

}  // namespace paraat::api
