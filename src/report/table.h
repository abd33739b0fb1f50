// A report as a typed table: named, typed columns and rows of cells. Every listing paraat shows
// is built once as a Table and then rendered as an aligned text table, CSV or JSON, so the CLI,
// the API and the OpenAPI document all use the same column names and types.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace paraat::report {

enum class ColumnType { kString, kInteger, kNumber, kBoolean, kDate };

struct Column {
  std::string name;         // snake_case; the JSON key and CSV header
  ColumnType type = ColumnType::kString;
  std::string description;  // shown in the OpenAPI document
  bool nullable = false;
  int decimals = 2;         // kNumber only: digits kept after the point
};

// std::monostate is null. Dates are ISO strings here: the table is already presentation.
using Cell = std::variant<std::monostate, std::string, std::int64_t, double, bool>;

struct Table {
  std::string name;
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  std::vector<std::string> notes;  // caveats shown with the data, e.g. what is generated
};

// Rounds to the column's decimals, half away from zero.
double round_to(double value, int decimals);

// Aligned columns with a header line; numbers right-aligned; notes after the rows.
std::string render_text(const Table& table);
// RFC 4180 with a header row; null as an empty field; booleans as true/false.
std::string render_csv(const Table& table);

}  // namespace paraat::report
