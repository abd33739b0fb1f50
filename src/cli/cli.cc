#include "cli/cli.h"

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>

#include "api/json_codec.h"
#include "api/server.h"
#include "core/clock.h"
#include "core/error_code.h"
#include "report/reports.h"
#include "service/service.h"
#include "store/sqlite_store.h"

namespace paraat::cli {
namespace {

enum class Format { kTable, kJson, kCsv };

struct GlobalOptions {
  std::string db = "paraat.db";
  Format format = Format::kTable;
};

// Progress on stderr: rewritten in place on a terminal, one line per stage otherwise.
class StderrProgress final : public Progress {
 public:
  StderrProgress() : tty_(isatty(STDERR_FILENO) != 0) {}
  ~StderrProgress() override {
    if (tty_ && dirty_) std::fputc('\n', stderr);
  }
  void report(std::string_view stage, std::size_t done, std::size_t total) override {
    if (tty_) {
      std::fprintf(stderr, "\r%-40.*s %zu/%zu", static_cast<int>(stage.size()), stage.data(),
                   done, total);
      dirty_ = true;
    } else if (stage != last_stage_) {
      std::fprintf(stderr, "%.*s ...\n", static_cast<int>(stage.size()), stage.data());
      last_stage_ = stage;
    }
    std::fflush(stderr);
  }

 private:
  bool tty_;
  bool dirty_ = false;
  std::string last_stage_;
};

int report_error(const Error& error) {
  std::cerr << "paraat: " << error.message << '\n';
  for (const auto& d : error.details) {
    std::cerr << "  ";
    if (!d.record.empty()) std::cerr << d.record << ": ";
    if (!d.field.empty()) std::cerr << d.field << ": ";
    std::cerr << d.reason;
    if (!d.code.empty()) std::cerr << " [" << d.code << "]";
    std::cerr << '\n';
  }
  return exit_code(error.code);
}

void print(const report::Table& table, Format format) {
  switch (format) {
    case Format::kTable: std::cout << report::render_text(table); break;
    case Format::kCsv: std::cout << report::render_csv(table); break;
    case Format::kJson: std::cout << api::table_rows_json(table).dump(2) << '\n'; break;
  }
  if (format != Format::kTable) {
    for (const auto& note : table.notes) std::cerr << "note: " << note << '\n';
  }
}

// Only `import` creates a database; every other command needs an existing one, so a mistyped
// --db is reported instead of silently answering from a new empty file.
Result<std::unique_ptr<store::SqliteStore>> open_store(const GlobalOptions& global,
                                                        const Clock& clock, bool create = false) {
  return store::SqliteStore::open(global.db, clock,
                                  create ? store::SqliteStore::OpenMode::kCreate
                                         : store::SqliteStore::OpenMode::kMustExist);
}

// Turns an optional flag value into a typed id, or reports a usage error naming the flag.
template <class T, class Parser>
Result<std::optional<T>> flag(const std::string& value, const char* name, Parser parse) {
  if (value.empty()) return std::optional<T>{};
  auto parsed = parse(value);
  if (!parsed.ok()) {
    return make_error(ErrorCode::kUsage, std::string("--") + name + ": " + parsed.error().message);
  }
  return std::optional<T>{std::move(parsed).value()};
}

Result<Date> as_of_flag(const std::string& value, const Clock& clock) {
  if (value.empty()) return utc_date(clock.now());
  auto parsed = parse_date(value);
  if (!parsed.ok()) return make_error(ErrorCode::kUsage, "--as-of: " + parsed.error().message);
  return *parsed;
}

}  // namespace

int run(int argc, char** argv) {
  SystemClock clock;
  GlobalOptions global;
  CLI::App app{"paraat: stock registers and readiness for the EU's strategic stockpiles"};
  app.set_version_flag("--version", "paraat 0.1.0");
  app.require_subcommand(1);
  app.fallthrough();
  app.add_option("--db", global.db, "SQLite database file")
      ->envname("PARAAT_DB")
      ->capture_default_str();
  std::string format_text = "table";
  app.add_option("--format", format_text, "output format")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();
  app.parse_complete_callback([&] {
    global.format = format_text == "json" ? Format::kJson
                    : format_text == "csv" ? Format::kCsv
                                           : Format::kTable;
  });

  // Each subcommand sets `action`; it runs after parsing so errors become exit codes in one place.
  std::function<Status()> action;

  auto* import_cmd = app.add_subcommand("import", "Load a dataset directory (see docs/data-format.md)");
  std::string import_dir;
  import_cmd->add_option("DIR", import_dir, "directory with the dataset's CSV files")->required();
  import_cmd->callback([&] {
    action = [&]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(auto store, open_store(global, clock, /*create=*/true));
      StderrProgress progress;
      PARAAT_ASSIGN_OR_RETURN(auto result, service::import_directory(*store, import_dir, progress));
      std::cout << "imported " << import_dir << ": " << result.records << " records from "
                << result.files_read.size() << " files (" << result.written.records_written
                << " new or changed, " << result.written.records_unchanged << " unchanged)\n";
      for (const auto& f : result.files_ignored) std::cout << "ignored " << f << " (not part of the format)\n";
      return {};
    };
  });

  auto* goods_cmd = app.add_subcommand("goods", "List the essential-goods catalogue");
  std::string category_text;
  goods_cmd->add_option("--category", category_text, "only this category, e.g. cbrn");
  goods_cmd->callback([&] {
    action = [&]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(auto category, flag<GoodCategory>(category_text, "category", parse_category));
      PARAAT_ASSIGN_OR_RETURN(auto store, open_store(global, clock));
      PARAAT_ASSIGN_OR_RETURN(auto goods, store->goods());
      if (category) std::erase_if(goods, [&](const Good& g) { return g.category != *category; });
      print(report::goods_report(goods), global.format);
      return {};
    };
  });

  std::string country_text, region_text, depot_text, good_text, lot_text;
  auto* depots_cmd = app.add_subcommand("depots", "List depots");
  depots_cmd->add_option("--country", country_text, "country code, e.g. NL");
  depots_cmd->add_option("--region", region_text, "NUTS-2 code, e.g. NL32");
  depots_cmd->callback([&] {
    action = [&]() -> Status {
      store::DepotFilter filter;
      PARAAT_ASSIGN_OR_RETURN(filter.country, flag<CountryCode>(country_text, "country", parse_country_code));
      PARAAT_ASSIGN_OR_RETURN(filter.region, flag<RegionCode>(region_text, "region", parse_region_code));
      PARAAT_ASSIGN_OR_RETURN(auto store, open_store(global, clock));
      PARAAT_ASSIGN_OR_RETURN(auto depots, service::depots(*store, filter));
      print(report::depots_report(depots), global.format);
      return {};
    };
  });

  auto* stock_cmd = app.add_subcommand("stock", "Stock on hand per lot and depot");
  stock_cmd->add_option("--country", country_text, "country code");
  stock_cmd->add_option("--region", region_text, "NUTS-2 code");
  stock_cmd->add_option("--depot", depot_text, "depot id");
  stock_cmd->add_option("--good", good_text, "good id");
  stock_cmd->add_option("--lot", lot_text, "lot code");
  stock_cmd->callback([&] {
    action = [&]() -> Status {
      store::StockFilter filter;
      PARAAT_ASSIGN_OR_RETURN(filter.country, flag<CountryCode>(country_text, "country", parse_country_code));
      PARAAT_ASSIGN_OR_RETURN(filter.region, flag<RegionCode>(region_text, "region", parse_region_code));
      PARAAT_ASSIGN_OR_RETURN(filter.depot, flag<DepotId>(depot_text, "depot", parse_depot_id));
      PARAAT_ASSIGN_OR_RETURN(filter.good, flag<GoodId>(good_text, "good", parse_good_id));
      if (!lot_text.empty()) filter.lot = lot_text;
      PARAAT_ASSIGN_OR_RETURN(auto store, open_store(global, clock));
      PARAAT_ASSIGN_OR_RETURN(auto rows, service::stock(*store, filter));
      print(report::stock_report(rows, utc_date(clock.now())), global.format);
      return {};
    };
  });

  auto* countries_cmd = app.add_subcommand("countries", "Member states and their emergency oil stock days");
  countries_cmd->callback([&] {
    action = [&]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(auto store, open_store(global, clock));
      PARAAT_ASSIGN_OR_RETURN(auto rows, store->countries());
      print(report::countries_report(rows), global.format);
      return {};
    };
  });

  auto* regions_cmd = app.add_subcommand("regions", "NUTS-2 regions with population");
  regions_cmd->add_option("--country", country_text, "country code");
  regions_cmd->callback([&] {
    action = [&]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(auto country, flag<CountryCode>(country_text, "country", parse_country_code));
      PARAAT_ASSIGN_OR_RETURN(auto store, open_store(global, clock));
      PARAAT_ASSIGN_OR_RETURN(auto rows, service::regions(*store, country));
      PARAAT_ASSIGN_OR_RETURN(auto population, store->population());
      print(report::regions_report(rows, population), global.format);
      return {};
    };
  });

  auto* scenarios_cmd = app.add_subcommand("scenarios", "Crisis scenarios and their needs");
  std::string needs_of;
  scenarios_cmd->add_option("--needs", needs_of, "list the needs of this scenario instead");
  scenarios_cmd->callback([&] {
    action = [&]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(auto store, open_store(global, clock));
      if (!needs_of.empty()) {
        PARAAT_ASSIGN_OR_RETURN(auto id, flag<ScenarioId>(needs_of, "needs", parse_scenario_id));
        PARAAT_ASSIGN_OR_RETURN(auto needs, service::needs(*store, *id));
        print(report::needs_report(needs), global.format);
        return {};
      }
      PARAAT_ASSIGN_OR_RETURN(auto rows, store->scenarios());
      print(report::scenarios_report(rows), global.format);
      return {};
    };
  });

  auto* readiness_cmd = app.add_subcommand(
      "readiness", "Days of cover per region and good for a scenario");
  std::string scenario_text = service::kBaselineScenario;
  std::string as_of_text;
  bool summary = false;
  readiness_cmd->add_option("--scenario", scenario_text, "scenario id")->capture_default_str();
  readiness_cmd->add_option("--country", country_text, "only this country");
  readiness_cmd->add_option("--as-of", as_of_text, "first day of the crisis window (default today, UTC)");
  readiness_cmd->add_flag("--summary", summary, "one line per country instead of per region and good");
  readiness_cmd->callback([&] {
    action = [&]() -> Status {
      service::ReadinessRequest request;
      PARAAT_ASSIGN_OR_RETURN(auto scenario, flag<ScenarioId>(scenario_text, "scenario", parse_scenario_id));
      if (!scenario) return make_error(ErrorCode::kUsage, "--scenario must not be empty");
      request.scenario = *scenario;
      PARAAT_ASSIGN_OR_RETURN(request.country, flag<CountryCode>(country_text, "country", parse_country_code));
      PARAAT_ASSIGN_OR_RETURN(request.as_of, as_of_flag(as_of_text, clock));
      PARAAT_ASSIGN_OR_RETURN(auto store, open_store(global, clock));
      PARAAT_ASSIGN_OR_RETURN(auto result, service::readiness(*store, request));
      if (summary) {
        print(report::country_readiness_report(result.countries), global.format);
      } else {
        print(report::readiness_report(result.rows), global.format);
      }
      return {};
    };
  });

  auto* demo_cmd = app.add_subcommand(
      "demo-stock", "Replace generated depots and lots with a demo register for a seed");
  std::uint64_t seed = 1;
  demo_cmd->add_option("--seed", seed, "random seed; the same seed and --as-of give the same register")
      ->required();
  demo_cmd->add_option("--as-of", as_of_text, "date the expiries are spread from (default today, UTC)");
  demo_cmd->callback([&] {
    action = [&]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(Date as_of, as_of_flag(as_of_text, clock));
      PARAAT_ASSIGN_OR_RETURN(auto store, open_store(global, clock));
      StderrProgress progress;
      PARAAT_ASSIGN_OR_RETURN(auto result, service::demo_stock(*store, seed, as_of, progress));
      std::cout << "generated " << result.depots << " depots and " << result.lots
                << " lots (seed " << seed << ", as of " << format_date(as_of)
                << "); all are labelled generated\n";
      return {};
    };
  });

  auto* serve_cmd = app.add_subcommand("serve", "Serve the HTTP JSON API");
  api::ServerConfig server_config;
  serve_cmd->add_option("--port", server_config.port, "TCP port (0 picks a free one)")->capture_default_str();
  serve_cmd->add_option("--host", server_config.host, "address to listen on")->capture_default_str();
  serve_cmd->callback([&] {
    action = [&]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(auto store, open_store(global, clock));
      // SIGINT/SIGTERM are taken by this thread with sigwait; server threads inherit the mask.
      sigset_t signals;
      sigemptyset(&signals);
      sigaddset(&signals, SIGINT);
      sigaddset(&signals, SIGTERM);
      pthread_sigmask(SIG_BLOCK, &signals, nullptr);
      PARAAT_ASSIGN_OR_RETURN(auto server,
                              api::ApiServer::start(*store, clock, server_config, [](std::string_view line) {
                                std::cerr << line << '\n';
                              }));
      std::cout << "paraat serving " << global.db << " on http://" << server_config.host << ":"
                << server->port() << "/api/v1/ (Ctrl-C stops)" << std::endl;
      int received = 0;
      sigwait(&signals, &received);
      std::cout << "stopping" << std::endl;
      server->stop();
      return {};
    };
  });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : exit_code(ErrorCode::kUsage);
  }
  if (!action) return exit_code(ErrorCode::kUsage);
  try {
    Status status = action();
    if (!status.ok()) return report_error(status.error());
  } catch (const std::exception& e) {
    return report_error(make_error(ErrorCode::kInternal, std::string("internal error: ") + e.what()));
  }
  return kExitOk;
}

}  // namespace paraat::cli
