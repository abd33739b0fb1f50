// scenario list|show|validate, readiness, gaps, procurement, holding-costs, targets.
#include <memory>
#include <set>

#include "cli/command.h"
#include "cli/output.h"
#include "report/reports.h"
#include "service/service.h"

namespace paraat::cli {
namespace {

// A service list parser's usage error, prefixed with the flag it came from.
template <class T>
Result<T> listed(Result<T> parsed, const char* name) {
  if (parsed.ok()) return parsed;
  return make_error(ErrorCode::kUsage, std::string("--") + name + ": " + parsed.error().message);
}

// The flags every readiness-based command shares.
struct Assessment {
  std::string scenarios = service::kBaselineScenario;  // "all", or ids separated by commas
  std::string country;
  std::string as_of;

  void add_to(CLI::App* cmd) {
    cmd->add_option("--scenario", scenarios, "scenario id, several separated by commas, or 'all' (those valid on --as-of)")
        ->capture_default_str();
    cmd->add_option("--country", country, "only this state's regions");
    cmd->add_option("--as-of", as_of,
                    "first day of the crisis window (default today, UTC); the stock assessed is the register's "
                    "current stock, aged to that window");
  }

  Result<service::ReadinessRequest> request(const Shell& shell) const {
    service::ReadinessRequest r;
    PARAAT_ASSIGN_OR_RETURN(r.scenarios, listed(service::parse_scenario_list(scenarios), "scenario"));
    PARAAT_ASSIGN_OR_RETURN(r.country, flag<CountryCode>(country, "country", parse_country_code));
    PARAAT_ASSIGN_OR_RETURN(r.as_of, date_flag(as_of, "as-of", shell.clock));
    return r;
  }
};

void add_scenario_commands(CLI::App& app, Shell& shell) {
  auto* scenario = app.add_subcommand("scenario", "The scenario library: list, show, validate");
  scenario->require_subcommand(1);
  scenario->add_subcommand("list", "Every scenario with its area, window and default levels")->callback([&shell] {
    shell.action = [&shell]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto rows, store->scenarios());
      shell.print(report::scenarios_report(rows));
      return {};
    };
  });
  auto id = std::make_shared<std::string>();
  auto* show = scenario->add_subcommand("show", "One scenario's needs, line by line, with their sources");
  show->add_option("id", *id, "scenario id")->required();
  show->callback([&shell, id] {
    shell.action = [&shell, id]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(auto parsed, flag<ScenarioId>(*id, "id", parse_scenario_id));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto detail, service::scenario(*store, *parsed));
      shell.print(report::needs_report(detail.needs));
      return {};
    };
  });
  auto dir = std::make_shared<std::string>();
  auto* validate = scenario->add_subcommand(
      "validate", "Check a dataset directory's scenario files (and any others) without importing anything");
  validate->add_option("dir", *dir, "directory with scenarios.csv and scenario_needs.csv")->required();
  validate->callback([&shell, dir] {
    shell.action = [&shell, dir]() -> Status {
      // Keys already imported count as known; without a database the directory stands alone.
      std::unique_ptr<store::SqliteStore> store;
      if (auto opened = shell.open_store(); opened.ok()) store = std::move(*opened);
      StderrProgress progress;
      PARAAT_ASSIGN_OR_RETURN(auto read, service::validate_directory(store.get(), *dir, progress));
      const auto& d = read.dataset;
      std::cout << *dir << ": valid; " << d.scenarios.size() << " scenarios, " << d.needs.size()
                << " need lines, " << d.record_count() << " records in " << read.files_read.size()
                << " files (nothing imported)\n";
      return {};
    };
  });
}

void add_readiness_command(CLI::App& app, Shell& shell) {
  struct Options : Assessment {
    bool summary = false;
    bool losses = false;
  };
  auto opts = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("readiness", "Usable stock against need per scenario, region and good");
  opts->add_to(cmd);
  cmd->add_flag("--summary", opts->summary, "the readiness index per state and for the EU instead");
  cmd->add_flag("--losses", opts->losses, "every point the indexes lose, row by row");
  cmd->callback([&shell, opts] {
    shell.action = [&shell, opts]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(auto request, opts->request(shell));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto result, service::readiness(*store, request));
      if (opts->losses) {
        shell.print(report::index_losses_report(result.index));
      } else if (opts->summary) {
        shell.print(report::readiness_index_report(result.index));
      } else {
        shell.print(report::readiness_report(result.rows));
      }
      return {};
    };
  });

  auto gaps = std::make_shared<Assessment>();
  auto* gaps_cmd = app.add_subcommand("gaps", "Readiness rows below their target range or above it, with values");
  gaps->add_to(gaps_cmd);
  gaps_cmd->callback([&shell, gaps] {
    shell.action = [&shell, gaps]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(auto request, gaps->request(shell));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto result, service::readiness(*store, request));
      shell.print(report::gaps_report(result.rows));
      return {};
    };
  });

  auto costs = std::make_shared<Assessment>();
  auto* costs_cmd = app.add_subcommand(
      "holding-costs", "Yearly cost of holding each good per state, against the part of the need it covers");
  costs->add_to(costs_cmd);
  costs_cmd->callback([&shell, costs] {
    shell.action = [&shell, costs]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(auto request, costs->request(shell));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto rows, service::holding_costs(*store, request));
      shell.print(report::holding_costs_report(rows));
      return {};
    };
  });
}

void add_procurement_command(CLI::App& app, Shell& shell) {
  struct Options : Assessment {
    std::string states;
    std::string level = "target";
    bool deliveries = false;
  };
  auto opts = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("procurement", "Joint procurement: the participating states' gaps as tender lots");
  opts->add_to(cmd);
  cmd->add_option("--states", opts->states, "participating states, separated by commas (default all)");
  cmd->add_option("--level", opts->level, "close the gap to the minimum or to the target")
      ->check(CLI::IsMember({"minimum", "target"}))
      ->capture_default_str();
  cmd->add_flag("--deliveries", opts->deliveries,
                "each lot's quantity per delivery region instead (an xlsx workbook has both sheets anyway)");
  cmd->callback([&shell, opts] {
    shell.action = [&shell, opts]() -> Status {
      service::ProcurementRequest request;
      PARAAT_ASSIGN_OR_RETURN(request.readiness, opts->request(shell));
      if (!opts->states.empty()) {
        PARAAT_ASSIGN_OR_RETURN(request.states, listed(service::parse_state_list(opts->states), "states"));
      }
      request.level = opts->level == "minimum" ? plan::ProcurementLevel::kMinimum : plan::ProcurementLevel::kTarget;
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto plan, service::procurement(*store, request));
      if (opts->deliveries) {
        shell.print(report::tender_deliveries_report(plan));
      } else {
        shell.print(std::vector<report::Table>{report::tender_lots_report(plan), report::tender_deliveries_report(plan)});
      }
      return {};
    };
  });
}

void add_target_commands(CLI::App& app, Shell& shell) {
  auto* targets = app.add_subcommand("targets", "Minimum levels and target ranges set per state or region");
  targets->require_subcommand(1);
  auto scenario = std::make_shared<std::string>();
  auto* list = targets->add_subcommand("list", "Every override, by scenario, good and scope, oldest first within each: the history");
  list->add_option("--scenario", *scenario, "only this scenario's");
  list->callback([&shell, scenario] {
    shell.action = [&shell, scenario]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(auto id, flag<ScenarioId>(*scenario, "scenario", parse_scenario_id));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto rows, service::targets(*store, id));
      shell.print(report::targets_report(rows));
      return {};
    };
  });
  struct SetOptions {
    std::string scenario, good, scope, unit = "days", from, reason, by;
    std::int64_t minimum = 0, target_min = 0, target_max = 0;
  };
  auto s = std::make_shared<SetOptions>();
  auto* set = targets->add_subcommand("set", "Override a scenario's default levels for one state or region");
  set->add_option("--scenario", s->scenario, "scenario id")->required();
  set->add_option("--good", s->good, "good id")->required();
  set->add_option("--scope", s->scope, "state code (DE) or NUTS-2 region (DE11)")->required();
  set->add_option("--unit", s->unit, "days (of cover) or quantity (base units)")
      ->check(CLI::IsMember({"days", "quantity"}))
      ->capture_default_str();
  set->add_option("--minimum", s->minimum, "minimum level")->required();
  set->add_option("--target-min", s->target_min, "target range, lower end")->required();
  set->add_option("--target-max", s->target_max, "target range, upper end")->required();
  set->add_option("--from", s->from, "first day it applies (default today, UTC)");
  set->add_option("--reason", s->reason, "why (kept with the history)")->required();
  set->add_option("--by", s->by, "who sets it");
  set->callback([&shell, s] {
    shell.action = [&shell, s]() -> Status {
      TargetOverride t;
      PARAAT_ASSIGN_OR_RETURN(auto scenario_id, flag<ScenarioId>(s->scenario, "scenario", parse_scenario_id));
      PARAAT_ASSIGN_OR_RETURN(auto good, flag<GoodId>(s->good, "good", parse_good_id));
      t.scenario = *scenario_id;
      t.good = *good;
      t.scope = s->scope;
      PARAAT_ASSIGN_OR_RETURN(t.unit, parse_target_unit(s->unit));
      t.minimum = s->minimum;
      t.target_min = s->target_min;
      t.target_max = s->target_max;
      PARAAT_ASSIGN_OR_RETURN(t.effective_from, date_flag(s->from, "from", shell.clock));
      t.reason = s->reason;
      t.recorded_by = s->by;
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_RETURN_IF_ERROR(service::set_target(*store, t));
      std::cout << "target set for " << t.scenario.str() << " / " << t.good.str() << " in " << t.scope
                << " from " << format_date(t.effective_from) << "\n";
      return {};
    };
  });
}

}  // namespace

void add_readiness_commands(CLI::App& app, Shell& shell) {
  add_scenario_commands(app, shell);
  add_readiness_command(app, shell);
  add_procurement_command(app, shell);
  add_target_commands(app, shell);
}

}  // namespace paraat::cli
