#include "api/json_codec.h"

#include "core/error_code.h"

namespace paraat::api {

using json = Json;

namespace {
thread_local TableCapture* current_capture = nullptr;
}  // namespace

TableCapture::TableCapture() : outer_(current_capture) { current_capture = this; }

TableCapture::~TableCapture() { current_capture = outer_; }

json table_rows_json(const report::Table& table) {
  if (current_capture != nullptr) current_capture->tables_.push_back(table);
  json rows = json::array();
  for (const auto& row : table.rows) {
    json object = json::object();
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      const auto& column = table.columns[c];
      const auto& cell = row[c];
      if (std::holds_alternative<std::monostate>(cell)) {
        object[column.name] = nullptr;
      } else if (const auto* s = std::get_if<std::string>(&cell)) {
        object[column.name] = *s;
      } else if (const auto* i = std::get_if<std::int64_t>(&cell)) {
        object[column.name] = *i;
      } else if (const auto* b = std::get_if<bool>(&cell)) {
        object[column.name] = *b;
      } else {
        object[column.name] = report::round_to(std::get<double>(cell), column.decimals);
      }
    }
    rows.push_back(std::move(object));
  }
  return rows;
}

json error_json(const Error& error) {
  json details = json::array();
  for (const auto& d : error.details) {
    details.push_back({{"record", d.record}, {"field", d.field}, {"code", d.code},
                       {"reason", d.reason}});
  }
  return {{"error",
           {{"code", std::string(error_code_name(error.code))},
            {"message", error.message},
            {"details", std::move(details)}}}};
}

json row_schema(const std::vector<report::Column>& columns) {
  json properties = json::object();
  json required = json::array();
  for (const auto& column : columns) {
    json property = {{"description", column.description}};
    switch (column.type) {
      case report::ColumnType::kString: property["type"] = "string"; break;
      case report::ColumnType::kInteger:
        property["type"] = "integer";
        property["format"] = "int64";
        break;
      case report::ColumnType::kNumber: property["type"] = "number"; break;
      case report::ColumnType::kBoolean: property["type"] = "boolean"; break;
      case report::ColumnType::kDate:
        property["type"] = "string";
        property["format"] = "date";
        break;
    }
    if (column.nullable) property["nullable"] = true;
    properties[column.name] = std::move(property);
    required.push_back(column.name);
  }
  return {{"type", "object"},
          {"properties", std::move(properties)},
          {"required", std::move(required)},
          {"additionalProperties", false}};
}

}  // namespace paraat::api
