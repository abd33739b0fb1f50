#include "api/route_support.h"

namespace paraat::api {

using json = Json;

const QueryParam kCountryParam{"country", "country code, e.g. NL (EL for Greece)", false, ""};
const QueryParam kRegionParam{"region", "NUTS-2 code, e.g. NL32", false, ""};
const QueryParam kFormatParam{
    "format",
    "json (the default) or xlsx: the same report as an Excel workbook, one sheet per table and a "
    "sheet of notes; an Accept header naming the xlsx media type asks for it too",
    false, ""};

Error usage_error(const std::string& param, const std::string& reason) {
  return make_error(ErrorCode::kUsage, "query parameter '" + param + "': " + reason,
                    {{"query", param, "INVALID_PARAMETER", reason}});
}

std::optional<std::string> text_param(const Query& query, const std::string& name) {
  const auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

json with(json schema, std::initializer_list<std::pair<const char*, json>> extra) {
  for (const auto& [name, property] : extra) {
    schema["properties"][name] = property;
    schema["required"].push_back(name);
  }
  return schema;
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

bool is_list_schema(const json& schema) {
  if (!schema.is_object() || !schema.contains("properties")) return false;
  const json& properties = schema["properties"];
  if (!properties.is_object()) return false;
  for (const char* key : {"items", "count", "notes"}) {
    if (!properties.contains(key)) return false;
  }
  const json& items = properties["items"];
  return items.is_object() && items.value("type", "") == "array";
}

json list_body(const report::Table& table) {
  return {{"items", table_rows_json(table)}, {"count", table.rows.size()}, {"notes", table.notes}};
}

}  // namespace paraat::api
