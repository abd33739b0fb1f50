// readiness.
#include <memory>

#include "cli/command.h"
#include "report/reports.h"
#include "service/service.h"

namespace paraat::cli {

void add_readiness_commands(CLI::App& app, Shell& shell) {
  struct Options {
    std::string scenario = service::kBaselineScenario;
    std::string country;
    std::string as_of;
    bool summary = false;
  };
  auto opts = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("readiness", "Days of cover per region and good for a scenario");
  cmd->add_option("--scenario", opts->scenario, "scenario id")->capture_default_str();
  cmd->add_option("--country", opts->country, "only this country");
  cmd->add_option("--as-of", opts->as_of, "first day of the crisis window (default today, UTC)");
  cmd->add_flag("--summary", opts->summary, "one line per country instead of per region and good");
  cmd->callback([&shell, opts] {
    shell.action = [&shell, opts]() -> Status {
      service::ReadinessRequest request;
      PARAAT_ASSIGN_OR_RETURN(auto scenario, flag<ScenarioId>(opts->scenario, "scenario", parse_scenario_id));
      if (!scenario) return make_error(ErrorCode::kUsage, "--scenario must not be empty");
      request.scenario = *scenario;
      PARAAT_ASSIGN_OR_RETURN(request.country, flag<CountryCode>(opts->country, "country", parse_country_code));
      PARAAT_ASSIGN_OR_RETURN(request.as_of, date_flag(opts->as_of, "as-of", shell.clock));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto result, service::readiness(*store, request));
      if (opts->summary) {
        shell.print(report::country_readiness_report(result.countries));
      } else {
        shell.print(report::readiness_report(result.rows));
      }
      return {};
    };
  });
}

}  // namespace paraat::cli
