#include "cli/cli.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <span>
#include <sstream>

#include "api/json_codec.h"
#include "cli/command.h"
#include "cli/output.h"
#include "core/error_code.h"

namespace paraat::cli {
namespace {

Result<std::string> render(const report::Table& table, Format format) {
  switch (format) {
    case Format::kTable: return report::render_text(table);
    case Format::kCsv: return report::render_csv(table);
    case Format::kJson:
      return api::table_rows_json(table).dump(2, ' ', false, api::Json::error_handler_t::replace) + '\n';
    case Format::kXlsx: return report::render_xlsx(table);
  }
  return make_error(ErrorCode::kInternal, "unknown output format");
}

Status write_stdout(const std::string& bytes) {
  std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  std::cout.flush();
  if (!std::cout) return make_error(ErrorCode::kInternal, "cannot write to standard output");
  return {};
}

Status write_file(const std::string& path, const std::string& bytes, bool append) {
  std::ofstream out(path, std::ios::binary | (append ? std::ios::app : std::ios::trunc));
  if (!out) {
    return make_error(ErrorCode::kUsage, "--output: cannot write '" + path + "': " + std::strerror(errno));
  }
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return make_error(ErrorCode::kInternal, "--output: writing '" + path + "' failed");
  return {};
}

}  // namespace

Format Shell::format() const {
  if (format_text == "json") return Format::kJson;
  if (format_text == "csv") return Format::kCsv;
  if (format_text == "xlsx") return Format::kXlsx;
  return Format::kTable;
}

Result<std::unique_ptr<store::SqliteStore>> Shell::open_store(bool create) const {
  return store::SqliteStore::open(db, clock,
                                  create ? store::SqliteStore::OpenMode::kCreate
                                         : store::SqliteStore::OpenMode::kMustExist);
}

void Shell::print(const report::Table& table) const {
  if (print_error) return;
  if (format() == Format::kXlsx && printed) {
    print_error = make_error(ErrorCode::kInternal, "a workbook holds one report; this command printed two");
    return;
  }
  auto bytes = render(table, format());
  if (!bytes.ok()) {
    print_error = bytes.take_error();
    return;
  }
  // Several tables printed by one command follow each other in the --output file.
  Status written = output.empty() ? write_stdout(*bytes) : write_file(output, *bytes, printed);
  printed = true;
  if (!written.ok()) {
    print_error = written.take_error();
    return;
  }
  // Caveats stay visible without spoiling machine-readable output.
  if (format() != Format::kTable) {
    for (const auto& note : table.notes) std::cerr << "note: " << note << '\n';
  }
}

void Shell::print(const std::vector<report::Table>& tables) const {
  if (tables.empty()) return;
  if (format() != Format::kXlsx) {
    print(tables.front());
    return;
  }
  if (print_error) return;
  auto bytes = report::render_xlsx(std::span<const report::Table>(tables));
  if (!bytes.ok()) {
    print_error = bytes.take_error();
    return;
  }
  Status written = output.empty() ? write_stdout(*bytes) : write_file(output, *bytes, printed);
  printed = true;
  if (!written.ok()) print_error = written.take_error();
}

Status Shell::check_output() const {
  if (!output.empty()) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path path(output);
    if (fs::is_directory(path, ec)) {
      return make_error(ErrorCode::kUsage, "--output: '" + output + "' is a directory; name a file");
    }
    if (path.has_parent_path() && !fs::is_directory(path.parent_path(), ec)) {
      return make_error(ErrorCode::kUsage,
                        "--output: directory '" + path.parent_path().string() + "' does not exist");
    }
    return {};
  }
  if (format() == Format::kXlsx && isatty(STDOUT_FILENO) != 0) {
    return make_error(ErrorCode::kUsage,
                      "--format xlsx writes a binary workbook, which a terminal cannot show: add "
                      "--output FILE.xlsx or redirect standard output to a file");
  }
  return {};
}

Result<std::string> read_input(const std::string& path, const std::string& expected) {
  std::ostringstream content;
  if (path == "-") {
    content << std::cin.rdbuf();
    return content.str();
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return make_error(ErrorCode::kUsage, "'" + path + "' is a directory; name " + expected);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorCode::kNotFound, "cannot read '" + path + "'");
  content << in.rdbuf();
  return content.str();
}

Result<Date> date_flag(const std::string& value, const char* name, const Clock& clock) {
  if (value.empty()) return utc_date(clock.now());
  auto parsed = parse_date(value);
  if (!parsed.ok()) {
    return make_error(ErrorCode::kUsage, std::string("--") + name + ": " + parsed.error().message);
  }
  return *parsed;
}

Result<Instant> instant_flag(const std::string& value, const char* name, const Clock& clock) {
  if (value.empty()) return clock.now();
  auto parsed = parse_instant(value);
  if (!parsed.ok()) {
    return make_error(ErrorCode::kUsage, std::string("--") + name + ": " + parsed.error().message);
  }
  return *parsed;
}

int run(int argc, char** argv) {
  SystemClock clock;
  Shell shell{.clock = clock, .action = {}};
  CLI::App app{"paraat: stock registers, movement ledger and readiness for the EU's strategic "
               "stockpiles"};
  app.set_version_flag("--version", "paraat 0.1.0");
  app.require_subcommand(1);
  app.fallthrough();
  app.add_option("--db", shell.db, "SQLite database file")->envname("PARAAT_DB")->capture_default_str();
  app.add_option("--format", shell.format_text, "output format (xlsx: an Excel workbook)")
      ->check(CLI::IsMember({"table", "json", "csv", "xlsx"}))
      ->capture_default_str();
  app.add_option("-o,--output", shell.output, "write the report to FILE instead of standard output");

  add_reference_commands(app, shell);
  add_stock_commands(app, shell);
  add_ledger_commands(app, shell);
  add_epcis_commands(app, shell);
  add_readiness_commands(app, shell);
  add_network_commands(app, shell);
  add_deploy_commands(app, shell);
  add_serve_command(app, shell);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : exit_code(ErrorCode::kUsage);
  }
  if (!shell.action) return exit_code(ErrorCode::kUsage);
  if (Status writable = shell.check_output(); !writable.ok()) return report_error(writable.error());
  try {
    Status status = shell.action();
    // Output that could not be written comes first: what the command says next may refer to it.
    if (shell.print_error) {
      const int code = report_error(*shell.print_error);
      if (!status.ok()) report_error(status.error());
      return code;
    }
    if (!status.ok()) return report_error(status.error());
  } catch (const std::exception& e) {
    return report_error(make_error(ErrorCode::kInternal, std::string("internal error: ") + e.what()));
  }
  return kExitOk;
}

}  // namespace paraat::cli
