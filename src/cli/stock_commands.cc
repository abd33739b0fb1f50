// stock, ledger post.
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/command.h"
#include "ingest/movement_reader.h"
#include "report/reports.h"
#include "service/service.h"

namespace paraat::cli {
namespace {

Result<std::string> read_input(const std::string& path) {
  if (path == "-") {
    std::ostringstream content;
    content << std::cin.rdbuf();
    return content.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorCode::kNotFound, "cannot read '" + path + "'");
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

void add_stock_commands(CLI::App& app, Shell& shell) {
  struct StockOptions {
    std::string country, region, depot, good, lot, as_of;
  };
  auto s = std::make_shared<StockOptions>();
  auto* stock_cmd = app.add_subcommand("stock", "Stock on hand per lot and depot, now or as of a time");
  stock_cmd->add_option("--country", s->country, "country code");
  stock_cmd->add_option("--region", s->region, "NUTS-2 code");
  stock_cmd->add_option("--depot", s->depot, "depot id");
  stock_cmd->add_option("--good", s->good, "good id");
  stock_cmd->add_option("--lot", s->lot, "lot code");
  stock_cmd->add_option("--as-of", s->as_of, "YYYY-MM-DD (end of that day) or an RFC 3339 time");
  stock_cmd->callback([&shell, s] {
    shell.action = [&shell, s]() -> Status {
      store::StockFilter filter;
      PARAAT_ASSIGN_OR_RETURN(filter.country, flag<CountryCode>(s->country, "country", parse_country_code));
      PARAAT_ASSIGN_OR_RETURN(filter.region, flag<RegionCode>(s->region, "region", parse_region_code));
      PARAAT_ASSIGN_OR_RETURN(filter.depot, flag<DepotId>(s->depot, "depot", parse_depot_id));
      PARAAT_ASSIGN_OR_RETURN(filter.good, flag<GoodId>(s->good, "good", parse_good_id));
      if (!s->lot.empty()) filter.lot = s->lot;
      PARAAT_ASSIGN_OR_RETURN(filter.as_of, flag<store::AsOf>(s->as_of, "as-of", service::parse_as_of));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto rows, service::stock(*store, filter));
      shell.print(report::stock_report(rows, filter.as_of ? filter.as_of->day : utc_date(shell.clock.now())));
      return {};
    };
  });

  auto* ledger = app.add_subcommand("ledger", "The movement ledger");
  ledger->require_subcommand(1);
  struct PostOptions {
    std::string file;
    int backdate_days = 92;
  };
  auto p = std::make_shared<PostOptions>();
  auto* post_cmd = ledger->add_subcommand(
      "post", "Post a batch of movements from JSON lines, JSON or CSV (docs/movements.md), all or nothing");
  post_cmd->add_option("FILE", p->file, "movements file (.jsonl, .json or .csv; - reads JSON from stdin)")
      ->required();
  post_cmd->add_option("--backdate-days", p->backdate_days, "how many days back movements may be dated")
      ->capture_default_str();
  post_cmd->callback([&shell, p] {
    shell.action = [&shell, p]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(std::string text, read_input(p->file));
      const std::string source = p->file == "-" ? "stdin" : p->file;
      PARAAT_ASSIGN_OR_RETURN(auto lines, ends_with(p->file, ".csv")
                                              ? ingest::read_movements_csv(text, source)
                                              : ingest::read_movements_json(text, source));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      service::PostRequest request{std::move(lines), p->backdate_days, shell.clock.now()};
      PARAAT_ASSIGN_OR_RETURN(auto posted, service::post_movements(*store, std::move(request)));
      std::size_t replayed = 0;
      for (const auto& m : posted) replayed += m.replayed ? 1 : 0;
      std::cout << "posted " << posted.size() - replayed << " movements";
      if (replayed > 0) std::cout << " (" << replayed << " already posted, unchanged)";
      std::cout << '\n';
      for (const auto& m : posted) {
        for (const auto& note : m.notes) std::cout << m.record << ": " << note << '\n';
      }
      return {};
    };
  });
}

}  // namespace paraat::cli
