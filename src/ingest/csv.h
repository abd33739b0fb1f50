// RFC 4180 CSV: comma-separated, fields optionally in double quotes with "" for a quote, CRLF or
// LF line ends, a header row. Records remember the line they start on, so every complaint can
// name file and line.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace paraat::ingest {

struct CsvRecord {
  std::size_t line = 0;  // 1-based physical line where the record starts
  std::vector<std::string> fields;
};

struct CsvTable {
  std::string file;  // name used in error records, e.g. "lots.csv"
  std::vector<std::string> header;
  std::vector<CsvRecord> records;

  // Index of a header column, if present.
  std::optional<std::size_t> column(std::string_view name) const;
};

// Parses `text`. Malformed records (unterminated quote, wrong number of fields, bytes that are
// not UTF-8) are left out of the table and listed in `problems`, so the caller can still check
// every other line; blank lines are skipped; a UTF-8 byte-order mark is ignored. An error is
// returned only when there is no header at all.
Result<CsvTable> parse_csv(std::string_view text, std::string file,
                           std::vector<ErrorDetail>* problems = nullptr);

// Whether `text` is well-formed UTF-8.
bool valid_utf8(std::string_view text);

// Checks that the header holds exactly `columns` (any order). The error names missing, unknown
// and repeated columns.
// `optional` columns may be absent (files written before they existed); all others must be there.
Status check_header(const CsvTable& table, const std::vector<std::string_view>& columns,
                    const std::vector<std::string_view>& optional = {});

// Quotes a field for output when it needs it.
std::string csv_escape(std::string_view field);

}  // namespace paraat::ingest
