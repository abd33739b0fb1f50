#include "cli/cli.h"

#include <iostream>

#include "api/json_codec.h"
#include "cli/command.h"
#include "cli/output.h"
#include "core/error_code.h"

namespace paraat::cli {

Format Shell::format() const {
  if (format_text == "json") return Format::kJson;
  if (format_text == "csv") return Format::kCsv;
  return Format::kTable;
}

Result<std::unique_ptr<store::SqliteStore>> Shell::open_store(bool create) const {
  return store::SqliteStore::open(db, clock,
                                  create ? store::SqliteStore::OpenMode::kCreate
                                         : store::SqliteStore::OpenMode::kMustExist);
}

void Shell::print(const report::Table& table) const {
  switch (format()) {
    case Format::kTable: std::cout << report::render_text(table); break;
    case Format::kCsv: std::cout << report::render_csv(table); break;
    case Format::kJson:
      std::cout << api::table_rows_json(table).dump(2, ' ', false, api::Json::error_handler_t::replace)
                << '\n';
      break;
  }
  // Caveats stay visible without spoiling machine-readable output.
  if (format() != Format::kTable) {
    for (const auto& note : table.notes) std::cerr << "note: " << note << '\n';
  }
}

Result<Date> date_flag(const std::string& value, const char* name, const Clock& clock) {
  if (value.empty()) return utc_date(clock.now());
  auto parsed = parse_date(value);
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
  app.add_option("--format", shell.format_text, "output format")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();

  add_reference_commands(app, shell);
  add_stock_commands(app, shell);
  add_ledger_commands(app, shell);
  add_readiness_commands(app, shell);
  add_serve_command(app, shell);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : exit_code(ErrorCode::kUsage);
  }
  if (!shell.action) return exit_code(ErrorCode::kUsage);
  try {
    Status status = shell.action();
    if (!status.ok()) return report_error(status.error());
  } catch (const std::exception& e) {
    return report_error(make_error(ErrorCode::kInternal, std::string("internal error: ") + e.what()));
  }
  return kExitOk;
}

}  // namespace paraat::cli
