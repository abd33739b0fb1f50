// Tables as an Excel workbook. libxlsxwriter is used only here. Debian 12 ships version 1.1.4,
// which can write a workbook only to a named file, so the workbook is written to a private
// temporary file and read back.
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <sstream>

#include "core/time.h"
#include "report/table.h"

namespace paraat::report {
namespace {

constexpr std::size_t kMaxSheetNameChars = 31;  // Excel's limits
constexpr std::size_t kMaxCellChars = 32767;
constexpr std::size_t kMaxRows = 1048576;  // the header row included
constexpr std::size_t kMaxColumns = 16384;
// Excel keeps numbers as doubles: integers beyond 2^53 would silently change, so they stay text.
constexpr std::int64_t kMaxExactInteger = std::int64_t{1} << 53;
constexpr double kMinColumnWidth = 6;
constexpr double kMaxColumnWidth = 60;
constexpr double kMaxNoteWidth = 120;

Error xlsx_error(lxw_error error) {
  return make_error(ErrorCode::kInternal, std::string("cannot write the workbook: ") + lxw_strerror(error));
}

// Invalid UTF-8 would make the worksheet XML unreadable; like the JSON output, each bad byte
// becomes U+FFFD.
std::string valid_utf8(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char lead = byte(i);
    std::size_t length = 0;
    std::uint32_t code = 0;
    if (lead < 0x80) {
      out += text[i++];
      continue;
    }
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
      code = lead & 0x1Fu;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      code = lead & 0x0Fu;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      code = lead & 0x07u;
    }
    bool ok = length > 0 && i + length <= text.size();
    for (std::size_t k = 1; ok && k < length; ++k) {
      ok = (byte(i + k) & 0xC0u) == 0x80u;
      code = (code << 6) | (byte(i + k) & 0x3Fu);
    }
    // Overlong forms, surrogates and code points beyond U+10FFFF are not UTF-8 either.
    ok = ok && !(length == 3 && code < 0x800) && !(length == 4 && code < 0x10000) &&
         !(code >= 0xD800 && code <= 0xDFFF) && code <= 0x10FFFF;
    if (ok) {
      out.append(text, i, length);
      i += length;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

std::size_t char_count(const std::string& utf8) {
  return static_cast<std::size_t>(std::count_if(
      utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// The first `limit` characters of valid UTF-8.
std::string first_chars(const std::string& utf8, std::size_t limit) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    if ((static_cast<unsigned char>(utf8[i]) & 0xC0) != 0x80 && chars++ == limit) return utf8.substr(0, i);
  }
  return utf8;
}

std::string cell_text(const std::string& text) { return first_chars(valid_utf8(text), kMaxCellChars); }

std::string ascii_lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Excel's rules: 1 to 31 characters, none of []:*?/\, no apostrophe first or last, unique
// regardless of case, and not "History". Clashes get " (2)", " (3)", ... A name cut short
// loses its trailing spaces too.
std::string sheet_name(const std::string& wanted, std::set<std::string>& used) {
  std::string base;
  for (const char c : valid_utf8(wanted)) base += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '_';
  const auto fit = [](std::string name, std::size_t limit) {
    name = first_chars(name, limit);
    while (!name.empty() && name.front() == '\'') name.erase(0, 1);
    while (!name.empty() && (name.back() == '\'' || name.back() == ' ')) name.pop_back();
    return name.empty() ? std::string("sheet") : name;
  };
  std::string name = fit(base, kMaxSheetNameChars);
  for (int n = 2; used.count(ascii_lower(name)) || ascii_lower(name) == "history"; ++n) {
    const std::string suffix = " (" + std::to_string(n) + ")";
    name = fit(base, kMaxSheetNameChars - suffix.size()) + suffix;
  }
  used.insert(ascii_lower(name));
  return name;
}

// Days since 1899-12-30, Excel's day zero. Excel also counts the 29 February 1900 that never
// was, so its serials for January and February 1900 are one lower.
std::optional<double> excel_serial(const std::string& iso) {
  const auto date = parse_date(iso);
  if (!date.ok()) return std::nullopt;
  using namespace std::chrono;
  const auto days = (sys_days(*date) - sys_days(year{1899} / December / 30)).count();
  return static_cast<double>(days < 61 ? days - 1 : days);
}

// Width in characters of a cell as Excel will show it, for sizing its column.
std::size_t shown_width(const Cell& cell, const Column& column) {
  if (std::holds_alternative<std::monostate>(cell)) return 0;
  if (const auto* s = std::get_if<std::string>(&cell)) return column.type == ColumnType::kDate ? 10 : char_count(*s);
  if (const auto* i = std::get_if<std::int64_t>(&cell)) return std::to_string(*i).size();
  if (std::holds_alternative<bool>(cell)) return 5;  // FALSE
  char buffer[64];
  const int n = std::snprintf(buffer, sizeof buffer, "%.*f", std::clamp(column.decimals, 0, 15),
                              std::get<double>(cell));
  return n > 0 ? static_cast<std::size_t>(n) : 0;
}

class WorkbookWriter {
 public:
  explicit WorkbookWriter(lxw_workbook* workbook) : workbook_(workbook) {
    header_ = workbook_add_format(workbook_);
    format_set_bold(header_);
    date_ = workbook_add_format(workbook_);
    format_set_num_format(date_, "yyyy-mm-dd");
  }

  // The first error met, or LXW_NO_ERROR.
  lxw_error write(std::span<const Table> tables) {
    std::vector<std::pair<std::string, const std::string*>> notes;
    for (const auto& table : tables) {
      const std::string name = sheet_name(table.name, used_);
      write_table(name, table);
      for (const auto& note : table.notes) notes.emplace_back(name, &note);
    }
    if (!notes.empty()) write_notes(notes);
    return error_;
  }

 private:
  void check(lxw_error error) {
    if (error_ == LXW_NO_ERROR) error_ = error;
  }

  lxw_worksheet* add_sheet(const std::string& name) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook_, name.c_str());
    if (sheet == nullptr) check(LXW_ERROR_PARAMETER_VALIDATION);
    return sheet;
  }

  lxw_format* number_format(const Column& column) {
    const int decimals = column.type == ColumnType::kInteger ? 0 : std::clamp(column.decimals, 0, 15);
    auto& format = numbers_[decimals];
    if (format == nullptr) {
      format = workbook_add_format(workbook_);
      const std::string code = decimals == 0 ? "0" : "0." + std::string(static_cast<std::size_t>(decimals), '0');
      format_set_num_format(format, code.c_str());
    }
    return format;
  }

  void write_header(lxw_worksheet* sheet, const std::vector<std::string>& names, lxw_row_t last_row) {
    for (std::size_t c = 0; c < names.size(); ++c) {
      check(worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), cell_text(names[c]).c_str(), header_));
    }
    worksheet_freeze_panes(sheet, 1, 0);
    if (!names.empty()) {
      check(worksheet_autofilter(sheet, 0, 0, last_row, static_cast<lxw_col_t>(names.size() - 1)));
    }
  }

  void write_cell(lxw_worksheet* sheet, lxw_row_t r, lxw_col_t c, const Cell& cell, const Column& column) {
    if (std::holds_alternative<std::monostate>(cell)) return;  // an empty cell
    if (const auto* s = std::get_if<std::string>(&cell)) {
      const auto serial = column.type == ColumnType::kDate ? excel_serial(*s) : std::nullopt;
      if (serial) {
        check(worksheet_write_number(sheet, r, c, *serial, date_));
      } else {
        check(worksheet_write_string(sheet, r, c, cell_text(*s).c_str(), nullptr));
      }
    } else if (const auto* i = std::get_if<std::int64_t>(&cell)) {
      if (*i > kMaxExactInteger || *i < -kMaxExactInteger) {
        check(worksheet_write_string(sheet, r, c, std::to_string(*i).c_str(), nullptr));
      } else {
        check(worksheet_write_number(sheet, r, c, static_cast<double>(*i), number_format(column)));
      }
    } else if (const auto* b = std::get_if<bool>(&cell)) {
      check(worksheet_write_boolean(sheet, r, c, *b ? 1 : 0, nullptr));
    } else {
      const double value = std::get<double>(cell);
      // Excel has no NaN or infinity; such a value is left empty as it has no figure to show.
      if (!std::isfinite(value)) return;
      // The rounded figure, as in CSV and JSON, so every format gives the same numbers.
      check(worksheet_write_number(sheet, r, c, round_to(value, column.decimals), number_format(column)));
    }
  }

  void write_table(const std::string& name, const Table& table) {
    lxw_worksheet* sheet = add_sheet(name);
    if (sheet == nullptr) return;
    std::vector<std::string> names;
    std::vector<std::size_t> width;
    for (const auto& column : table.columns) {
      names.push_back(column.name);
      width.push_back(char_count(column.name) + 3);  // room for the filter button
    }
    write_header(sheet, names, static_cast<lxw_row_t>(table.rows.size()));
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      const auto& row = table.rows[r];
      for (std::size_t c = 0; c < table.columns.size() && c < row.size(); ++c) {
        write_cell(sheet, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), row[c], table.columns[c]);
        width[c] = std::max(width[c], shown_width(row[c], table.columns[c]));
      }
    }
    for (std::size_t c = 0; c < width.size(); ++c) {
      const double chars = std::clamp(static_cast<double>(width[c]) + 1, kMinColumnWidth, kMaxColumnWidth);
      check(worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), chars, nullptr));
    }
  }

  // Notes get a sheet of their own, so the data sheets hold nothing but the table and can be
  // sorted, filtered or read by other programs as they are.
  void write_notes(const std::vector<std::pair<std::string, const std::string*>>& notes) {
    lxw_worksheet* sheet = add_sheet(sheet_name("notes", used_));
    if (sheet == nullptr) return;
    write_header(sheet, {"sheet", "note"}, static_cast<lxw_row_t>(notes.size()));
    std::size_t sheet_width = 8, note_width = 7;
    for (std::size_t i = 0; i < notes.size(); ++i) {
      const auto row = static_cast<lxw_row_t>(i + 1);
      const std::string note = cell_text(*notes[i].second);
      check(worksheet_write_string(sheet, row, 0, notes[i].first.c_str(), nullptr));
      check(worksheet_write_string(sheet, row, 1, note.c_str(), nullptr));
      sheet_width = std::max(sheet_width, char_count(notes[i].first) + 1);
      note_width = std::max(note_width, char_count(note) + 1);
    }
    check(worksheet_set_column(sheet, 0, 0, static_cast<double>(sheet_width), nullptr));
    check(worksheet_set_column(sheet, 1, 1, std::min(static_cast<double>(note_width), kMaxNoteWidth), nullptr));
  }

  lxw_workbook* workbook_;
  lxw_format* header_ = nullptr;
  lxw_format* date_ = nullptr;
  std::map<int, lxw_format*> numbers_;  // by decimals
  std::set<std::string> used_;          // sheet names, lower case
  lxw_error error_ = LXW_NO_ERROR;
};

// A private file (mode 0600) in the system temp directory, removed when this goes out of scope.
class TempFile {
 public:
  static Result<TempFile> create() {
    std::error_code ec;
    const auto dir = std::filesystem::temp_directory_path(ec);
    if (ec) return make_error(ErrorCode::kInternal, "no temporary directory: " + ec.message());
    std::string path = (dir / "paraat-xlsx-XXXXXX").string();
    const int fd = mkstemp(path.data());
    if (fd < 0) {
      return make_error(ErrorCode::kInternal, "cannot create a temporary file in " + dir.string() + ": " +
                                                  std::strerror(errno));
    }
    close(fd);
    return TempFile(dir.string(), std::move(path));
  }
  TempFile(TempFile&& other) noexcept : dir_(std::move(other.dir_)), path_(std::move(other.path_)) {
    other.path_.clear();
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  TempFile& operator=(TempFile&&) = delete;
  ~TempFile() {
    if (!path_.empty()) unlink(path_.c_str());
  }

  const std::string& dir() const { return dir_; }
  const std::string& path() const { return path_; }

  Result<std::string> read() const {
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream bytes;
    if (!in || !(bytes << in.rdbuf())) return make_error(ErrorCode::kInternal, "cannot read back " + path_);
    return bytes.str();
  }

 private:
  TempFile(std::string dir, std::string path) : dir_(std::move(dir)), path_(std::move(path)) {}
  std::string dir_;
  std::string path_;
};

}  // namespace

Result<std::string> render_xlsx(const Table& table) { return render_xlsx(std::span<const Table>(&table, 1)); }

Result<std::string> render_xlsx(std::span<const Table> tables) {
  if (tables.empty()) return make_error(ErrorCode::kInternal, "a workbook needs at least one table");
  for (const auto& table : tables) {
    if (table.rows.size() >= kMaxRows || table.columns.size() > kMaxColumns) {
      return make_error(ErrorCode::kUsage,
                        "'" + table.name + "' has " + std::to_string(table.rows.size()) + " rows and " +
                            std::to_string(table.columns.size()) + " columns; an Excel worksheet holds at most " +
                            std::to_string(kMaxRows - 1) + " rows below its header and " +
                            std::to_string(kMaxColumns) + " columns: narrow the selection or ask for CSV");
    }
  }
  PARAAT_ASSIGN_OR_RETURN(const TempFile file, TempFile::create());
  // libxlsxwriter keeps its own scratch files beside ours rather than in a fixed /tmp.
  std::string scratch = file.dir();
  lxw_workbook_options options{};
  options.tmpdir = scratch.data();
  lxw_workbook* workbook = workbook_new_opt(file.path().c_str(), &options);
  if (workbook == nullptr) return xlsx_error(LXW_ERROR_MEMORY_MALLOC_FAILED);
  const lxw_error written = WorkbookWriter(workbook).write(tables);
  const lxw_error closed = workbook_close(workbook);  // also frees the workbook, so always called
  if (written != LXW_NO_ERROR) return xlsx_error(written);
  if (closed != LXW_NO_ERROR) return xlsx_error(closed);
  return file.read();
}

}  // namespace paraat::report
