// JSON encoding of reports and errors. Json is used only in this component.
#pragma once

#include <nlohmann/json.hpp>

#include <vector>

#include "core/result.h"
#include "report/table.h"

namespace paraat::api {

// Objects keep their keys in insertion order, so JSON fields follow the report's column order.
using Json = nlohmann::ordered_json;

// Rows as an array of objects keyed by column name; numbers rounded to the column's decimals.
// While a TableCapture is alive on the calling thread, the table is also copied into it.
Json table_rows_json(const report::Table& table);

// Collects, in order, every table that table_rows_json encodes on this thread while it is
// alive. Handlers answer JSON, and table_rows_json is the one place every report table passes
// on its way there, so a handler's answer can be given in another format (a workbook) without
// each handler knowing about formats. Scoped to one thread and one call: dispatch creates it
// around a handler it runs synchronously. Captures nest; the innermost one collects.
class TableCapture {
 public:
  TableCapture();
  ~TableCapture();
  TableCapture(const TableCapture&) = delete;
  TableCapture& operator=(const TableCapture&) = delete;

  std::vector<report::Table> take() { return std::move(tables_); }

 private:
  friend Json table_rows_json(const report::Table& table);
  std::vector<report::Table> tables_;
  TableCapture* outer_;
};

// {"error": {"code", "message", "details": [{"record", "field", "code", "reason"}]}}
Json error_json(const Error& error);

// JSON Schema (OpenAPI 3.0 flavour) of one row of a table with these columns.
Json row_schema(const std::vector<report::Column>& columns);

}  // namespace paraat::api
