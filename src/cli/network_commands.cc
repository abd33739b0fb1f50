// network links|changes|close|delay|lift, route: the transport network and its closures.
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/output.h"
#include "report/network_reports.h"
#include "service/network_service.h"

namespace paraat::cli {
namespace {

struct ChangeOptions {
  std::string target, reason, from, until;
  double hours = 0;
};

// close and delay share everything but the hours.
void add_change_command(CLI::App& network, Shell& shell, NetworkChangeKind kind) {
  const bool delay = kind == NetworkChangeKind::kDelay;
  auto* cmd = network.add_subcommand(
      delay ? "delay" : "close",
      delay ? "Slow a link or border down: every trip over it takes longer" : "Close a link or a border");
  auto options = std::make_shared<ChangeOptions>();
  cmd->add_option("TARGET", options->target,
                  "a link id (see network links) or a border such as border-AT-DE")->required();
  if (delay) cmd->add_option("--hours", options->hours, "hours added to every trip")->required();
  cmd->add_option("--reason", options->reason, "why, for the record")->required();
  cmd->add_option("--from", options->from, "in force from (RFC 3339 time; default now)");
  cmd->add_option("--until", options->until, "in force until (RFC 3339 time; default until lifted)");
  cmd->callback([&shell, options, kind] {
    shell.action = [&shell, options, kind]() -> Status {
      NetworkChange change;
      change.target = options->target;
      change.kind = kind;
      change.extra_hours = options->hours;
      change.reason = options->reason;
      PARAAT_ASSIGN_OR_RETURN(change.from, instant_flag(options->from, "from", shell.clock));
      if (!options->until.empty()) {
        PARAAT_ASSIGN_OR_RETURN(change.until, instant_flag(options->until, "until", shell.clock));
      }
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto recorded, service::add_network_change(*store, change));
      shell.print(report::network_changes_report({recorded}, shell.clock.now()));
      return {};
    };
  });
}

}  // namespace

void add_network_commands(CLI::App& app, Shell& shell) {
  auto* network = app.add_subcommand("network", "The transport network: links, closures and delays");
  network->require_subcommand(1);

  struct LinkOptions {
    std::string region, mode, at;
    bool closed = false;
  };
  auto links = std::make_shared<LinkOptions>();
  auto* links_cmd = network->add_subcommand("links", "Road, sea and fixed links with their hours and state");
  links_cmd->add_option("--region", links->region, "only links with this NUTS-2 region at one end");
  links_cmd->add_option("--mode", links->mode, "only this mode: road, ferry, rail_ferry, bridge, tunnel, freight_line");
  links_cmd->add_flag("--closed", links->closed, "only links that carry no route: closed, out of service, or not for trucks");
  links_cmd->add_option("--at", links->at, "the network at this time (RFC 3339; default now)");
  links_cmd->callback([&shell, links] {
    shell.action = [&shell, links]() -> Status {
      report::LinkFilter filter;
      PARAAT_ASSIGN_OR_RETURN(filter.region, flag<RegionCode>(links->region, "region", parse_region_code));
      PARAAT_ASSIGN_OR_RETURN(filter.mode, flag<LinkMode>(links->mode, "mode", parse_link_mode));
      filter.closed_only = links->closed;
      PARAAT_ASSIGN_OR_RETURN(const Instant at, instant_flag(links->at, "at", shell.clock));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(const auto net, service::transport_network(*store, at));
      if (filter.region && net.region(*filter.region) == nullptr) {
        return make_error(ErrorCode::kNotFound, "no region " + filter.region->str());
      }
      shell.print(report::network_links_report(net, filter));
      return {};
    };
  });

  auto changes_at = std::make_shared<std::string>();
  auto* changes_cmd = network->add_subcommand("changes", "Closures and delays recorded, lifted ones included");
  changes_cmd->add_option("--at", *changes_at, "judge in_force at this time (default now)");
  changes_cmd->callback([&shell, changes_at] {
    shell.action = [&shell, changes_at]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(const Instant at, instant_flag(*changes_at, "at", shell.clock));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto changes, store->network_changes());
      shell.print(report::network_changes_report(changes, at));
      return {};
    };
  });

  add_change_command(*network, shell, NetworkChangeKind::kClose);
  add_change_command(*network, shell, NetworkChangeKind::kDelay);

  struct LiftOptions {
    std::int64_t id = 0;
    std::string at;
  };
  auto lift = std::make_shared<LiftOptions>();
  auto* lift_cmd = network->add_subcommand("lift", "End a closure or delay (one not started yet is cancelled)");
  lift_cmd->add_option("ID", lift->id, "change id (see network changes)")->required();
  lift_cmd->add_option("--at", lift->at, "when it ends (RFC 3339; default now)");
  lift_cmd->callback([&shell, lift] {
    shell.action = [&shell, lift]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(const Instant at, instant_flag(lift->at, "at", shell.clock));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto change, service::lift_network_change(*store, lift->id, at, shell.clock.now()));
      shell.print(report::network_changes_report({change}, shell.clock.now()));
      return {};
    };
  });

  struct RouteOptions {
    std::string from, to, at;
  };
  auto route = std::make_shared<RouteOptions>();
  auto* route_cmd = app.add_subcommand("route", "The fastest open route between two NUTS-2 regions");
  route_cmd->add_option("FROM", route->from, "region of departure, e.g. DK01")->required();
  route_cmd->add_option("TO", route->to, "region of arrival, e.g. SE22")->required();
  route_cmd->add_option("--at", route->at, "the network at this time (RFC 3339; default now)");
  route_cmd->callback([&shell, route] {
    shell.action = [&shell, route]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(auto from, flag<RegionCode>(route->from, "FROM", parse_region_code));
      PARAAT_ASSIGN_OR_RETURN(auto to, flag<RegionCode>(route->to, "TO", parse_region_code));
      PARAAT_ASSIGN_OR_RETURN(const Instant at, instant_flag(route->at, "at", shell.clock));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto answer, service::route(*store, *from, *to, at));
      shell.print(report::route_report(answer.network, answer.route));
      return {};
    };
  });
}

}  // namespace paraat::cli
