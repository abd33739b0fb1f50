// stock and the reports over the ledger: stockcard, expiry, transfers, alerts, consumption,
// rotation, waste, discrepancies.
#include <memory>

#include "cli/command.h"
#include "report/ledger_reports.h"
#include "report/reports.h"
#include "service/ledger_service.h"
#include "service/service.h"

namespace paraat::cli {
void add_stock_commands(CLI::App& app, Shell& shell) {
  struct StockOptions {
    std::string country, region, depot, good, lot, as_of, by = "lot";
  };
  auto s = std::make_shared<StockOptions>();
  auto* stock_cmd = app.add_subcommand("stock", "Stock on hand per lot and depot, now or as of a time");
  stock_cmd->add_option("--country", s->country, "country code");
  stock_cmd->add_option("--region", s->region, "NUTS-2 code");
  stock_cmd->add_option("--depot", s->depot, "depot id");
  stock_cmd->add_option("--good", s->good, "good id");
  stock_cmd->add_option("--lot", s->lot, "lot code");
  stock_cmd->add_option("--as-of", s->as_of, "YYYY-MM-DD (end of that day) or an RFC 3339 time");
  stock_cmd->add_option("--by", s->by, "lot (one line per lot and depot), or totals per depot, region, country or owner")
      ->capture_default_str();
  stock_cmd->callback([&shell, s] {
    shell.action = [&shell, s]() -> Status {
      store::StockFilter filter;
      PARAAT_ASSIGN_OR_RETURN(filter.country, flag<CountryCode>(s->country, "country", parse_country_code));
      PARAAT_ASSIGN_OR_RETURN(filter.region, flag<RegionCode>(s->region, "region", parse_region_code));
      PARAAT_ASSIGN_OR_RETURN(filter.depot, flag<DepotId>(s->depot, "depot", parse_depot_id));
      PARAAT_ASSIGN_OR_RETURN(filter.good, flag<GoodId>(s->good, "good", parse_good_id));
      if (!s->lot.empty()) filter.lot = s->lot;
      PARAAT_ASSIGN_OR_RETURN(filter.as_of, flag<store::AsOf>(s->as_of, "as-of", service::parse_as_of));
      PARAAT_ASSIGN_OR_RETURN(const plan::StockLevel by, plan::parse_stock_level(s->by));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto rows, service::stock(*store, filter, shell.clock.now()));
      const Date shown = filter.as_of ? filter.as_of->day : utc_date(shell.clock.now());
      if (by == plan::StockLevel::kLot) {
        shell.print(report::stock_report(rows, shown));
        return {};
      }
      PARAAT_ASSIGN_OR_RETURN(auto totals, plan::total_stock(rows, by, shown));
      shell.print(report::stock_totals_report(totals));
      return {};
    };
  });

  struct CardOptions {
    std::string depot, good, lot, from, to;
  };
  auto c = std::make_shared<CardOptions>();
  auto* card_cmd = app.add_subcommand("stockcard", "History of a good (or one lot) at a depot, with balances");
  card_cmd->add_option("--depot", c->depot, "depot id")->required();
  card_cmd->add_option("--good", c->good, "good id")->required();
  card_cmd->add_option("--lot", c->lot, "only this lot");
  card_cmd->add_option("--from", c->from, "first day (earlier movements give the opening balance)");
  card_cmd->add_option("--to", c->to, "last day");
  card_cmd->callback([&shell, c] {
    shell.action = [&shell, c]() -> Status {
      store::CardQuery q;
      PARAAT_ASSIGN_OR_RETURN(auto depot, flag<DepotId>(c->depot, "depot", parse_depot_id));
      PARAAT_ASSIGN_OR_RETURN(auto good, flag<GoodId>(c->good, "good", parse_good_id));
      q.depot = *depot;
      q.good = *good;
      if (!c->lot.empty()) q.lot = c->lot;
      PARAAT_ASSIGN_OR_RETURN(q.from, flag<Date>(c->from, "from", parse_date));
      PARAAT_ASSIGN_OR_RETURN(q.to, flag<Date>(c->to, "to", parse_date));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto card, service::stock_card(*store, q));
      shell.print(report::stock_card_report(card));
      return {};
    };
  });

  struct ExpiryOptions {
    std::string country, depot, good, as_of;
    int within = 90;
  };
  auto e = std::make_shared<ExpiryOptions>();
  auto* expiry_cmd = app.add_subcommand("expiry", "Lots expired or expiring soon, with their stock");
  expiry_cmd->add_option("--within", e->within, "days ahead that count as expiring soon")->capture_default_str();
  expiry_cmd->add_option("--as-of", e->as_of, "day to judge from (default today, UTC)");
  expiry_cmd->add_option("--country", e->country, "country code");
  expiry_cmd->add_option("--depot", e->depot, "depot id");
  expiry_cmd->add_option("--good", e->good, "good id");
  expiry_cmd->callback([&shell, e] {
    shell.action = [&shell, e]() -> Status {
      store::StockFilter filter;
      PARAAT_ASSIGN_OR_RETURN(filter.country, flag<CountryCode>(e->country, "country", parse_country_code));
      PARAAT_ASSIGN_OR_RETURN(filter.depot, flag<DepotId>(e->depot, "depot", parse_depot_id));
      PARAAT_ASSIGN_OR_RETURN(filter.good, flag<GoodId>(e->good, "good", parse_good_id));
      PARAAT_ASSIGN_OR_RETURN(Date as_of, date_flag(e->as_of, "as-of", shell.clock));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto lines, service::expiry(*store, filter, as_of, e->within));
      shell.print(report::expiry_report(lines));
      return {};
    };
  });

  struct TransferOptions {
    std::string depot;
    bool open = false;
  };
  auto t = std::make_shared<TransferOptions>();
  auto* transfers_cmd = app.add_subcommand("transfers", "Transfers between depots, lot by lot");
  transfers_cmd->add_option("--depot", t->depot, "sent from or to this depot");
  transfers_cmd->add_flag("--open", t->open, "only those with stock still in transit");
  transfers_cmd->callback([&shell, t] {
    shell.action = [&shell, t]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(auto depot, flag<DepotId>(t->depot, "depot", parse_depot_id));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto rows, service::transfers(*store, depot, t->open));
      shell.print(report::transfers_report(rows));
      return {};
    };
  });

  struct AlertOptions {
    std::string country, depot, good, as_of;
    int within = 90;
  };
  auto a = std::make_shared<AlertOptions>();
  auto* alerts_cmd = app.add_subcommand("alerts", "What needs attention: expired and expiring stock, discrepancies, late transfers");
  alerts_cmd->add_option("--as-of", a->as_of, "day to judge from (default today, UTC)");
  alerts_cmd->add_option("--within", a->within, "days ahead that count as expiring soon")->capture_default_str();
  alerts_cmd->add_option("--country", a->country, "country code");
  alerts_cmd->add_option("--depot", a->depot, "depot id");
  alerts_cmd->add_option("--good", a->good, "good id");
  alerts_cmd->callback([&shell, a] {
    shell.action = [&shell, a]() -> Status {
      store::StockFilter filter;
      PARAAT_ASSIGN_OR_RETURN(filter.country, flag<CountryCode>(a->country, "country", parse_country_code));
      PARAAT_ASSIGN_OR_RETURN(filter.depot, flag<DepotId>(a->depot, "depot", parse_depot_id));
      PARAAT_ASSIGN_OR_RETURN(filter.good, flag<GoodId>(a->good, "good", parse_good_id));
      PARAAT_ASSIGN_OR_RETURN(Date as_of, date_flag(a->as_of, "as-of", shell.clock));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto rows, service::alerts(*store, filter, as_of, a->within));
      shell.print(report::alerts_report(rows));
      return {};
    };
  });

  struct PeriodOptions {
    std::string depot, good, from, to, as_of;
    int history_days = 365;
  };
  auto p = std::make_shared<PeriodOptions>();
  auto* consumption_cmd = app.add_subcommand(
      "consumption", "Stockout days, average monthly consumption and months of stock of a good at a depot");
  consumption_cmd->add_option("--depot", p->depot, "depot id")->required();
  consumption_cmd->add_option("--good", p->good, "good id")->required();
  consumption_cmd->add_option("--from", p->from, "first day")->required();
  consumption_cmd->add_option("--to", p->to, "last day (default today, UTC)");
  consumption_cmd->callback([&shell, p] {
    shell.action = [&shell, p]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(auto depot, flag<DepotId>(p->depot, "depot", parse_depot_id));
      PARAAT_ASSIGN_OR_RETURN(auto good, flag<GoodId>(p->good, "good", parse_good_id));
      PARAAT_ASSIGN_OR_RETURN(Date from, date_flag(p->from, "from", shell.clock));
      PARAAT_ASSIGN_OR_RETURN(Date to, date_flag(p->to, "to", shell.clock));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto r, service::consumption(*store, *depot, *good, from, to));
      shell.print(report::consumption_report(r, *depot, *good));
      return {};
    };
  });

  auto* rotation_cmd = app.add_subcommand(
      "rotation", "Lots that will expire before expected use, proposed for rotation or donation");
  rotation_cmd->add_option("--depot", p->depot, "depot id")->required();
  rotation_cmd->add_option("--good", p->good, "good id")->required();
  rotation_cmd->add_option("--as-of", p->as_of, "day to judge from (default today, UTC)");
  rotation_cmd->add_option("--history-days", p->history_days, "days of consumption the AMC is taken over")
      ->capture_default_str();
  rotation_cmd->callback([&shell, p] {
    shell.action = [&shell, p]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(auto depot, flag<DepotId>(p->depot, "depot", parse_depot_id));
      PARAAT_ASSIGN_OR_RETURN(auto good, flag<GoodId>(p->good, "good", parse_good_id));
      PARAAT_ASSIGN_OR_RETURN(Date as_of, date_flag(p->as_of, "as-of", shell.clock));
      if (p->history_days < 1) return make_error(ErrorCode::kUsage, "--history-days must be at least 1");
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto r, service::rotation(*store, *depot, *good, as_of, p->history_days));
      shell.print(report::rotation_report(r));
      return {};
    };
  });

  struct WasteOptions {
    std::string country, depot, good, from, to;
  };
  auto w = std::make_shared<WasteOptions>();
  auto* waste_cmd = app.add_subcommand("waste", "Stock disposed of in a period, by good and reason");
  waste_cmd->add_option("--from", w->from, "first day")->required();
  waste_cmd->add_option("--to", w->to, "last day (default today, UTC)");
  waste_cmd->add_option("--country", w->country, "country code");
  waste_cmd->add_option("--depot", w->depot, "depot id");
  waste_cmd->add_option("--good", w->good, "good id");
  waste_cmd->callback([&shell, w] {
    shell.action = [&shell, w]() -> Status {
      store::FlowQuery q;
      PARAAT_ASSIGN_OR_RETURN(q.country, flag<CountryCode>(w->country, "country", parse_country_code));
      PARAAT_ASSIGN_OR_RETURN(q.depot, flag<DepotId>(w->depot, "depot", parse_depot_id));
      PARAAT_ASSIGN_OR_RETURN(q.good, flag<GoodId>(w->good, "good", parse_good_id));
      PARAAT_ASSIGN_OR_RETURN(q.from, date_flag(w->from, "from", shell.clock));
      PARAAT_ASSIGN_OR_RETURN(q.to, date_flag(w->to, "to", shell.clock));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto rows, service::waste(*store, q));
      shell.print(report::waste_report(rows));
      return {};
    };
  });

  auto discrepancy_depot = std::make_shared<std::string>();
  auto* discrepancies_cmd = app.add_subcommand(
      "discrepancies", "Over-receipts and reported balances that differ from the ledger (never applied)");
  discrepancies_cmd->add_option("--depot", *discrepancy_depot, "depot id");
  discrepancies_cmd->callback([&shell, discrepancy_depot] {
    shell.action = [&shell, discrepancy_depot]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(auto depot, flag<DepotId>(*discrepancy_depot, "depot", parse_depot_id));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto rows, store->discrepancies(depot));
      shell.print(report::discrepancies_report(rows));
      return {};
    };
  });

}

}  // namespace paraat::cli
