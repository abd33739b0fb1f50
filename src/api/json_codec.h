// JSON encoding of reports and errors. Json is used only in this component.
#pragma once

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "report/table.h"

namespace paraat::api {

// Objects keep their keys in insertion order, so JSON fields follow the report's column order.
using Json = nlohmann::ordered_json;

// Rows as an array of objects keyed by column name; numbers rounded to the column's decimals.
Json table_rows_json(const report::Table& table);

// {"error": {"code", "message", "details": [{"record", "field", "code", "reason"}]}}
Json error_json(const Error& error);

// JSON Schema (OpenAPI 3.0 flavour) of one row of a table with these columns.
Json row_schema(const std::vector<report::Column>& columns);

}  // namespace paraat::api
