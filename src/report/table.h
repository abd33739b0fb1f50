// A report as a typed table: named, typed columns and rows of cells. Every listing paraat shows
// is built once as a Table and then rendered as an aligned text table, CSV, JSON or XLSX, so
// the CLI, the API and the OpenAPI document all use the same column names and types.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "core/result.h"

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
  // Columns the aligned text table shows, when a report has more than fit a terminal; empty:
  // all. CSV, JSON and XLSX always carry every column.
  std::vector<std::string> text_columns = {};
};

// Rounds to the column's decimals, half away from zero.
double round_to(double value, int decimals);

// Aligned columns with a header line (text_columns, when given); numbers right-aligned; notes
// after the rows.
std::string render_text(const Table& table);
// RFC 4180 with a header row; null as an empty field; booleans as true/false.
std::string render_csv(const Table& table);
// The bytes of an Excel workbook (.xlsx) with one worksheet per table, named after it (made to
// fit Excel's rules: at most 31 characters, none of []:*?/\, unique). Each sheet has a bold,
// frozen header row, an autofilter over the data and columns sized to their contents. Integers
// and numbers are numbers shown with the column's decimals (an integer beyond 2^53, which
// Excel's doubles cannot hold exactly, stays text), booleans are booleans, dates are Excel
// dates shown as yyyy-mm-dd, strings are text and nulls are empty cells. The tables' notes are
// listed on a last sheet, "notes", beside the name of the sheet they belong to. kUsage when a
// table is larger than a worksheet can hold; kInternal when the workbook cannot be written.
Result<std::string> render_xlsx(const Table& table);
Result<std::string> render_xlsx(std::span<const Table> tables);

}  // namespace paraat::report
