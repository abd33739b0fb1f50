// deploy: a fair, fast deployment plan for a crisis document.
#include <memory>

#include "cli/command.h"
#include "report/deployment_reports.h"
#include "service/deployment_service.h"

namespace paraat::cli {

void add_deploy_commands(CLI::App& app, Shell& shell) {
  struct Options {
    std::string crisis;
    bool requests = false;
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("deploy", "Plan who sends what where for a crisis (docs/deployment.md)");
  cmd->add_option("--crisis", options->crisis, "crisis document (JSON): requests and offers; - for stdin")->required();
  cmd->add_flag("--requests", options->requests,
                "show each request's coverage and unmet reason instead of the shipments (xlsx has both)");
  cmd->callback([&shell, options] {
    shell.action = [&shell, options]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(std::string text, read_input(options->crisis, "a crisis document (.json)"));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto plan, service::plan_deployment(*store, text));
      auto shipments = report::shipments_report(plan);
      auto requests = report::plan_requests_report(plan);
      if (options->requests) {
        shell.print(std::vector<report::Table>{std::move(requests), std::move(shipments)});
      } else {
        shell.print(std::vector<report::Table>{std::move(shipments), std::move(requests)});
      }
      return {};
    };
  });

  auto choke_crisis = std::make_shared<std::string>();
  auto* choke_cmd = app.add_subcommand(
      "chokepoints", "Rank the links and borders a crisis plan uses by the coverage lost if each closed");
  choke_cmd->add_option("--crisis", *choke_crisis, "crisis document (JSON); - for stdin")->required();
  choke_cmd->callback([&shell, choke_crisis] {
    shell.action = [&shell, choke_crisis]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(std::string text, read_input(*choke_crisis, "a crisis document (.json)"));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto points, service::chokepoints(*store, text));
      shell.print(report::chokepoints_report(points));
      return {};
    };
  });

  struct CheckOptions {
    std::string crisis, plan;
  };
  auto check = std::make_shared<CheckOptions>();
  auto* plan_cmd = app.add_subcommand("plan", "Deployment plans");
  plan_cmd->require_subcommand(1);
  auto* check_cmd = plan_cmd->add_subcommand(
      "check", "Check a plan's shipments against its crisis, the stock and the network; exit 65 when a rule is broken");
  check_cmd->add_option("--crisis", check->crisis, "the crisis document the plan is for")->required();
  check_cmd->add_option("PLAN", check->plan, "the shipments (deploy --format json, or the answer of POST /plans)")
      ->required();
  check_cmd->callback([&shell, check] {
    shell.action = [&shell, check]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(std::string crisis, read_input(check->crisis, "a crisis document (.json)"));
      PARAAT_ASSIGN_OR_RETURN(std::string plan, read_input(check->plan, "a plan's shipments (.json)"));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto violations, service::check_plan(*store, crisis, plan));
      shell.print(report::violations_report(violations));
      if (violations.empty()) return {};
      return make_error(ErrorCode::kInvalidInput,
                        "the plan breaks " + std::to_string(violations.size()) +
                            (violations.size() == 1 ? " rule" : " rules"));
    };
  });
}

}  // namespace paraat::cli
