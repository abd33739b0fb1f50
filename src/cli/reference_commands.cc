// import, goods, depots, countries, regions, scenarios, demo-stock.
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/output.h"
#include "report/reports.h"
#include "service/service.h"

namespace paraat::cli {

void add_reference_commands(CLI::App& app, Shell& shell) {
  auto* import_cmd = app.add_subcommand("import", "Load a dataset directory (see docs/data-format.md)");
  auto dir = std::make_shared<std::string>();
  import_cmd->add_option("DIR", *dir, "directory with the dataset's CSV files")->required();
  import_cmd->callback([&shell, dir] {
    shell.action = [&shell, dir]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store(/*create=*/true));
      StderrProgress progress;
      PARAAT_ASSIGN_OR_RETURN(auto result, service::import_directory(*store, *dir, progress));
      std::cout << "imported " << *dir << ": " << result.records << " records from "
                << result.files_read.size() << " files (" << result.written.records_written
                << " new or changed, " << result.written.records_unchanged << " unchanged)\n";
      for (const auto& f : result.files_ignored) std::cout << "ignored " << f << " (not part of the format)\n";
      return {};
    };
  });

  auto* goods_cmd = app.add_subcommand("goods", "List the essential-goods catalogue");
  auto category = std::make_shared<std::string>();
  goods_cmd->add_option("--category", *category, "only this category, e.g. cbrn");
  goods_cmd->callback([&shell, category] {
    shell.action = [&shell, category]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(auto wanted, flag<GoodCategory>(*category, "category", parse_category));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto goods, store->goods());
      if (wanted) std::erase_if(goods, [&](const Good& g) { return g.category != *wanted; });
      shell.print(report::goods_report(goods));
      return {};
    };
  });

  struct Place {
    std::string country, region;
  };
  auto place = std::make_shared<Place>();
  auto* depots_cmd = app.add_subcommand("depots", "List depots");
  depots_cmd->add_option("--country", place->country, "country code, e.g. NL");
  depots_cmd->add_option("--region", place->region, "NUTS-2 code, e.g. NL32");
  depots_cmd->callback([&shell, place] {
    shell.action = [&shell, place]() -> Status {
      store::DepotFilter filter;
      PARAAT_ASSIGN_OR_RETURN(filter.country, flag<CountryCode>(place->country, "country", parse_country_code));
      PARAAT_ASSIGN_OR_RETURN(filter.region, flag<RegionCode>(place->region, "region", parse_region_code));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto depots, service::depots(*store, filter));
      shell.print(report::depots_report(depots));
      return {};
    };
  });

  auto* countries_cmd = app.add_subcommand("countries", "Member states and their emergency oil stock days");
  countries_cmd->callback([&shell] {
    shell.action = [&shell]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto rows, store->countries());
      shell.print(report::countries_report(rows));
      return {};
    };
  });

  auto* regions_cmd = app.add_subcommand("regions", "NUTS-2 regions with population");
  auto region_country = std::make_shared<std::string>();
  regions_cmd->add_option("--country", *region_country, "country code");
  regions_cmd->callback([&shell, region_country] {
    shell.action = [&shell, region_country]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(auto country, flag<CountryCode>(*region_country, "country", parse_country_code));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto rows, service::regions(*store, country));
      PARAAT_ASSIGN_OR_RETURN(auto population, store->population());
      shell.print(report::regions_report(rows, population));
      return {};
    };
  });

  auto* scenarios_cmd = app.add_subcommand("scenarios", "Crisis scenarios and their needs");
  auto needs_of = std::make_shared<std::string>();
  scenarios_cmd->add_option("--needs", *needs_of, "list the needs of this scenario instead");
  scenarios_cmd->callback([&shell, needs_of] {
    shell.action = [&shell, needs_of]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      if (!needs_of->empty()) {
        PARAAT_ASSIGN_OR_RETURN(auto id, flag<ScenarioId>(*needs_of, "needs", parse_scenario_id));
        PARAAT_ASSIGN_OR_RETURN(auto needs, service::needs(*store, *id));
        shell.print(report::needs_report(needs));
        return {};
      }
      PARAAT_ASSIGN_OR_RETURN(auto rows, store->scenarios());
      shell.print(report::scenarios_report(rows));
      return {};
    };
  });

  struct DemoOptions {
    std::uint64_t seed = 1;
    std::string as_of;
    bool if_absent = false;
  };
  auto demo = std::make_shared<DemoOptions>();
  auto* demo_cmd = app.add_subcommand(
      "demo-stock", "Generate a demo stock register (labelled generated) into a database without one");
  demo_cmd->add_option("--seed", demo->seed, "random seed; the same seed and --as-of give the same register")
      ->required();
  demo_cmd->add_option("--as-of", demo->as_of, "date the expiries are spread from (default today, UTC)");
  demo_cmd->add_flag("--if-absent", demo->if_absent,
                     "do nothing when the database already holds demo stock");
  demo_cmd->callback([&shell, demo] {
    shell.action = [&shell, demo]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(Date as_of, date_flag(demo->as_of, "as-of", shell.clock));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      StderrProgress progress;
      PARAAT_ASSIGN_OR_RETURN(auto result,
                              service::demo_stock(*store, demo->seed, as_of, progress, demo->if_absent));
      if (result.depots == 0 && result.lots == 0) {
        PARAAT_ASSIGN_OR_RETURN(auto present, store->setting("demo-stock"));
        std::cout << "demo stock already present (" << present.value_or("?") << "); nothing to do\n";
      } else {
        std::cout << "generated " << result.depots << " depots and " << result.lots
                  << " lots (seed " << demo->seed << ", as of " << format_date(as_of)
                  << "); all are labelled generated\n";
      }
      return {};
    };
  });
}

}  // namespace paraat::cli
