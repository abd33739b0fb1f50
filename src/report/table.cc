#include "report/table.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace paraat::report {
namespace {

std::string format_cell(const Cell& cell, const Column& column) {
  if (std::holds_alternative<std::monostate>(cell)) return "";
  if (const auto* s = std::get_if<std::string>(&cell)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(&cell)) return std::to_string(*i);
  if (const auto* b = std::get_if<bool>(&cell)) return *b ? "true" : "false";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", column.decimals,
                round_to(std::get<double>(cell), column.decimals));
  return buffer;
}

bool right_aligned(const Column& column) {
  return column.type == ColumnType::kInteger || column.type == ColumnType::kNumber;
}

std::string csv_field(const std::string& field) {
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string out = "\"";
  for (const char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

// Display width of UTF-8 text: counts code points, which is right for the Latin, Greek and
// Cyrillic names in the bundled data.
std::size_t display_width(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

double round_to(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

std::string render_text(const Table& table) {
  // Nullable columns that are null in every row say nothing to a reader; CSV and JSON keep them
  // so that their shape stays fixed.
  std::vector<std::size_t> shown;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    if (!table.text_columns.empty() &&
        std::find(table.text_columns.begin(), table.text_columns.end(), table.columns[c].name) ==
            table.text_columns.end()) {
      continue;
    }
    const bool all_null = !table.rows.empty() && std::all_of(table.rows.begin(), table.rows.end(), [c](const auto& row) {
      return std::holds_alternative<std::monostate>(row[c]);
    });
    if (!(table.columns[c].nullable && all_null)) shown.push_back(c);
  }
  const std::size_t n = shown.size();
  std::vector<std::vector<std::string>> cells;
  std::vector<std::size_t> width(n);
  for (std::size_t c = 0; c < n; ++c) width[c] = display_width(table.columns[shown[c]].name);
  for (const auto& row : table.rows) {
    std::vector<std::string> line;
    for (std::size_t c = 0; c < n; ++c) {
      line.push_back(format_cell(row[shown[c]], table.columns[shown[c]]));
      width[c] = std::max(width[c], display_width(line.back()));
    }
    cells.push_back(std::move(line));
  }
  std::string out;
  auto append_line = [&](const std::vector<std::string>& line) {
    std::string text;
    for (std::size_t c = 0; c < n; ++c) {
      const std::size_t pad = width[c] - display_width(line[c]);
      if (c > 0) text += "  ";
      if (right_aligned(table.columns[shown[c]])) {
        text += std::string(pad, ' ') + line[c];
      } else {
        text += line[c] + (c + 1 < n ? std::string(pad, ' ') : "");
      }
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text + '\n';
  };
  std::vector<std::string> header;
  for (const std::size_t c : shown) header.push_back(table.columns[c].name);
  append_line(header);
  for (const auto& line : cells) append_line(line);
  out += "(" + std::to_string(table.rows.size()) + (table.rows.size() == 1 ? " row)\n" : " rows)\n");
  for (const auto& note : table.notes) out += "note: " + note + '\n';
  return out;
}

std::string render_csv(const Table& table) {
  std::string out;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    if (c > 0) out += ',';
    out += csv_field(table.columns[c].name);
  }
  out += '\n';
  for (const auto& row : table.rows) {
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      if (c > 0) out += ',';
      out += csv_field(format_cell(row[c], table.columns[c]));
    }
    out += '\n';
  }
  return out;
}

}  // namespace paraat::report
