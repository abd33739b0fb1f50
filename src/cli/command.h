// What every paraat command shares: the global options, the clock, output in the chosen
// format (to stdout or the --output file), and the one place where a command's result becomes
// an exit code. Each command group
// registers its subcommands on the CLI11 app and sets `action`, which runs after parsing.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "report/table.h"
#include "store/sqlite_store.h"

namespace paraat::cli {

enum class Format { kTable, kJson, kCsv, kXlsx };

struct Shell {
  std::string db = "paraat.db";
  std::string format_text = "table";
  std::string output = {};  // --output: where print() writes; empty for stdout
  const Clock& clock;
  std::function<Status()> action;
  // The first failure of print() (a workbook that cannot be made, a file that cannot be
  // written). Commands print and carry on; run() reports it and exits with its code.
  mutable std::optional<Error> print_error = {};
  mutable bool printed = false;

  Format format() const;
  // Only `import` creates a database; every other command needs an existing one, so a
  // mistyped --db is reported instead of silently answering from a new, empty file.
  Result<std::unique_ptr<store::SqliteStore>> open_store(bool create = false) const;
  // Writes the table in the chosen format to --output or stdout; notes go to stderr except in
  // the text table, which shows them itself. An xlsx workbook holds one table, so a second
  // table in xlsx is an error.
  void print(const report::Table& table) const;
  // A report of several tables: in xlsx one workbook with a sheet each; in the other formats
  // the first table (the command offers flags for the others).
  void print(const std::vector<report::Table>& tables) const;
  // Checked before any command runs, so nothing is done that cannot be shown: --output must
  // not name a directory or sit in a missing one, and a workbook is never sent to a terminal.
  Status check_output() const;
};

// Turns an optional flag value into a typed value, or a usage error naming the flag.
template <class T, class Parser>
Result<std::optional<T>> flag(const std::string& value, const char* name, Parser parse) {
  if (value.empty()) return std::optional<T>{};
  auto parsed = parse(value);
  if (!parsed.ok()) {
    // Options are named with their dashes; a name in capitals is a positional argument.
    const bool positional = std::string_view(name) == "FROM" || std::string_view(name) == "TO";
    return make_error(ErrorCode::kUsage,
                      (positional ? "" : "--") + std::string(name) + ": " + parsed.error().message_with_hint());
  }
  return std::optional<T>{std::move(parsed).value()};
}

// The contents of an input file, or of stdin for "-". `expected` says what the file should be,
// for the error when a directory is named ("a movements file (.jsonl, .json or .csv)").
Result<std::string> read_input(const std::string& path, const std::string& expected);

// A date flag, defaulting to today (UTC).
Result<Date> date_flag(const std::string& value, const char* name, const Clock& clock);
// A time flag (RFC 3339 with a zone: 2026-12-04T10:00:00+01:00), defaulting to now.
Result<Instant> instant_flag(const std::string& value, const char* name, const Clock& clock);

void add_reference_commands(CLI::App& app, Shell& shell);
void add_stock_commands(CLI::App& app, Shell& shell);
void add_ledger_commands(CLI::App& app, Shell& shell);
void add_epcis_commands(CLI::App& app, Shell& shell);
void add_readiness_commands(CLI::App& app, Shell& shell);
void add_network_commands(CLI::App& app, Shell& shell);
void add_deploy_commands(CLI::App& app, Shell& shell);
void add_serve_command(CLI::App& app, Shell& shell);

}  // namespace paraat::cli
