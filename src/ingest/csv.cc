#include "ingest/csv.h"

#include <algorithm>
#include <set>

namespace paraat::ingest {

std::optional<std::size_t> CsvTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  return std::nullopt;
}

bool valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    std::uint32_t code = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      length = 2;
      code = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3;
      code = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4;
      code = c & 0x07u;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3Fu);
    }
    // Overlong forms, surrogates and values beyond U+10FFFF are not UTF-8.
    if ((length == 2 && code < 0x80) || (length == 3 && code < 0x800) ||
        (length == 4 && code < 0x10000) || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

Result<CsvTable> parse_csv(std::string_view text, std::string file,
                           std::vector<ErrorDetail>* problems) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  CsvTable table;
  table.file = std::move(file);
  std::vector<ErrorDetail> errors;

  std::size_t pos = 0;
  std::size_t line = 1;
  bool have_header = false;
  while (pos < text.size()) {
    CsvRecord record;
    record.line = line;
    std::string field;
    bool in_quotes = false;
    bool field_was_quoted = false;
    bool end_of_record = false;
    bool broken = false;
    while (!end_of_record) {
      if (pos >= text.size()) {
        if (in_quotes) {
          errors.push_back({table.file + ":" + std::to_string(record.line), "", "CSV_SYNTAX",
                            "quoted field is never closed"});
          broken = true;
        }
        record.fields.push_back(std::move(field));
        break;
      }
      const char c = text[pos++];
      if (in_quotes) {
        if (c == '"') {
          if (pos < text.size() && text[pos] == '"') {
            field += '"';
            ++pos;
          } else {
            in_quotes = false;
          }
        } else {
          if (c == '\n') ++line;
          field += c;
        }
        continue;
      }
      switch (c) {
        case '"':
          if (!field.empty() || field_was_quoted) {
            errors.push_back({table.file + ":" + std::to_string(record.line), "", "CSV_SYNTAX",
                              "quote inside an unquoted field"});
            broken = true;
          }
          in_quotes = true;
          field_was_quoted = true;
          break;
        case ',':
          record.fields.push_back(std::move(field));
          field.clear();
          field_was_quoted = false;
          break;
        case '\r':
          if (pos < text.size() && text[pos] == '\n') ++pos;
          [[fallthrough]];
        case '\n':
          ++line;
          record.fields.push_back(std::move(field));
          end_of_record = true;
          break;
        default:
          if (field_was_quoted) {
            errors.push_back({table.file + ":" + std::to_string(record.line), "", "CSV_SYNTAX",
                              "text after a closing quote"});
            broken = true;
            field_was_quoted = false;
          }
          field += c;
      }
    }
    const bool blank = record.fields.size() == 1 && record.fields[0].empty();
    if (blank || broken) continue;
    if (!std::all_of(record.fields.begin(), record.fields.end(),
                     [](const std::string& f) { return valid_utf8(f); })) {
      errors.push_back({table.file + ":" + std::to_string(record.line), "", "INVALID_UTF8",
                        "the line is not valid UTF-8 text"});
      continue;
    }
    if (!have_header) {
      table.header = std::move(record.fields);
      have_header = true;
      continue;
    }
    if (record.fields.size() != table.header.size()) {
      errors.push_back({table.file + ":" + std::to_string(record.line), "", "CSV_FIELD_COUNT",
                        "expected " + std::to_string(table.header.size()) + " fields, found " +
                            std::to_string(record.fields.size())});
      continue;
    }
    table.records.push_back(std::move(record));
  }
  if (!have_header) {
    errors.push_back({table.file + ":1", "", "CSV_EMPTY", "file has no header row"});
    return make_error(ErrorCode::kInvalidInput, table.file + ": no header row", std::move(errors));
  }
  if (!errors.empty() && !problems) {
    return make_error(ErrorCode::kInvalidInput,
                      table.file + ": " + std::to_string(errors.size()) + " malformed line(s)",
                      std::move(errors));
  }
  if (problems) problems->insert(problems->end(), errors.begin(), errors.end());
  return table;
}

Status check_header(const CsvTable& table, const std::vector<std::string_view>& columns,
                    const std::vector<std::string_view>& optional) {
  std::vector<ErrorDetail> errors;
  const std::string record = table.file + ":1";
  std::set<std::string> seen;
  for (const auto& name : table.header) {
    if (!seen.insert(name).second) {
      errors.push_back({record, name, "BAD_HEADER", "column '" + name + "' appears twice"});
    } else if (std::find(columns.begin(), columns.end(), name) == columns.end() &&
               std::find(optional.begin(), optional.end(), name) == optional.end()) {
      errors.push_back({record, name, "BAD_HEADER", "unknown column '" + name + "'"});
    }
  }
  for (const auto& name : columns) {
    if (!seen.count(std::string(name))) {
      errors.push_back({record, std::string(name), "BAD_HEADER",
                        "missing column '" + std::string(name) + "'"});
    }
  }
  if (errors.empty()) return {};
  std::string expected;
  for (const auto& name : columns) expected += (expected.empty() ? "" : ",") + std::string(name);
  return make_error(ErrorCode::kInvalidInput,
                    table.file + ": wrong header; expected " + expected, std::move(errors));
}

std::string csv_escape(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (const char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace paraat::ingest
