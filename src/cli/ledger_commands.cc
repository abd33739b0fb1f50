// ledger post | list | verify | rebuild-cache | reconcile.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "api/json_codec.h"
#include "cli/command.h"
#include "ingest/movement_reader.h"
#include "report/ledger_reports.h"
#include "service/ledger_service.h"
#include "service/service.h"

namespace paraat::cli {
namespace {


bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A proposal as the JSON line one would post.
std::string proposal_json(const MovementLine& m) {
  api::Json line = {{"id", m.id},
                    {"type", std::string(movement_kind_name(m.kind))},
                    {"depot", m.depot.str()},
                    {"good", m.good.str()},
                    {"lot", m.lot},
                    {"quantity", m.quantity},
                    {"date", format_date(m.day)},
                    {"reason", m.reason}};
  if (m.owner) line["owner"] = m.owner->str();
  return line.dump();
}

}  // namespace

void add_ledger_commands(CLI::App& app, Shell& shell) {
  auto* ledger = app.add_subcommand("ledger", "The movement ledger: post, verify, reconcile");
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
      ->capture_default_str()
      ->check(CLI::Range(0, 36500));
  post_cmd->callback([&shell, p] {
    shell.action = [&shell, p]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(std::string text, read_input(p->file, "a movements file (.jsonl, .json or .csv)"));
      const std::string source = p->file == "-" ? "stdin" : p->file;
      PARAAT_ASSIGN_OR_RETURN(auto lines, ends_with(p->file, ".csv")
                                              ? ingest::read_movements_csv(text, source)
                                              : ingest::read_movements_json(text, source));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      service::PostRequest request{std::move(lines), p->backdate_days, shell.clock.now()};
      PARAAT_ASSIGN_OR_RETURN(auto posted, service::post_movements(*store, std::move(request)));
      if (shell.format() != Format::kTable) {
        shell.print(report::posted_report(posted));
        return {};
      }
      std::size_t replayed = 0;
      for (const auto& m : posted) replayed += m.replayed ? 1 : 0;
      const std::size_t fresh = posted.size() - replayed;
      std::cout << "posted " << fresh << (fresh == 1 ? " movement" : " movements");
      if (replayed > 0) std::cout << " (" << replayed << " already posted, unchanged)";
      std::cout << '\n';
      for (const auto& m : posted) {
        for (const auto& note : m.notes) std::cout << m.record << ": " << note << '\n';
      }
      return {};
    };
  });

  struct ListOptions {
    std::string depot, good, lot, type, from, to;
    std::int64_t after = 0;
    std::int64_t limit = 1000;
  };
  auto l = std::make_shared<ListOptions>();
  auto* list_cmd = ledger->add_subcommand("list", "The ledger's movements with their entries, in recording order");
  list_cmd->add_option("--depot", l->depot, "the movement's depot (for a transfer-in, the receiving one)");
  list_cmd->add_option("--good", l->good, "good id");
  list_cmd->add_option("--lot", l->lot, "movements with an entry of this lot");
  list_cmd->add_option("--type", l->type, "movement type, e.g. issue");
  list_cmd->add_option("--from", l->from, "first business day, YYYY-MM-DD");
  list_cmd->add_option("--to", l->to, "last business day, YYYY-MM-DD");
  list_cmd->add_option("--after", l->after, "only movements recorded after this seq (paging)")
      ->check(CLI::NonNegativeNumber);
  list_cmd->add_option("--limit", l->limit, "at most this many movements")->capture_default_str()->check(CLI::Range(1, 10000));
  list_cmd->callback([&shell, l] {
    shell.action = [&shell, l]() -> Status {
      store::MovementQuery q;
      PARAAT_ASSIGN_OR_RETURN(q.depot, flag<DepotId>(l->depot, "depot", parse_depot_id));
      PARAAT_ASSIGN_OR_RETURN(q.good, flag<GoodId>(l->good, "good", parse_good_id));
      PARAAT_ASSIGN_OR_RETURN(q.kind, flag<MovementKind>(l->type, "type", parse_movement_kind));
      PARAAT_ASSIGN_OR_RETURN(q.from, flag<Date>(l->from, "from", parse_date));
      PARAAT_ASSIGN_OR_RETURN(q.to, flag<Date>(l->to, "to", parse_date));
      if (!l->lot.empty()) q.lot = l->lot;
      q.after_seq = l->after;
      q.limit = l->limit;
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto rows, service::movements(*store, q));
      report::Table table = report::movements_report(rows);
      if (static_cast<std::int64_t>(rows.size()) == q.limit) {
        table.notes.push_back("a full page: the next starts with --after " + std::to_string(rows.back().movement.seq));
      }
      shell.print(table);
      return {};
    };
  });

  auto repair = std::make_shared<bool>(false);
  auto* verify_cmd = ledger->add_subcommand(
      "verify", "Recompute the hash chain, every entry's postings and every cached balance; exit 65 if anything differs");
  verify_cmd->add_flag("--repair", *repair,
                       "also print dated compensating movements (JSON lines) that would mend negative balances; nothing is posted");
  verify_cmd->callback([&shell, repair] {
    shell.action = [&shell, repair]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto findings, store->verify());
      if (*repair) {
        const auto proposals = service::repair_proposals(findings);
        for (const auto& m : proposals) std::cout << proposal_json(m) << '\n';
        if (proposals.empty()) std::cerr << "nothing to propose: no negative balance found\n";
      } else {
        shell.print(report::findings_report(findings));
      }
      if (findings.empty()) {
        if (shell.format() == Format::kTable) {
          std::cout << "the ledger is intact: hash chain, every entry's postings and every cached balance agree\n";
        }
        return {};
      }
      return make_error(ErrorCode::kInvalidInput,
                        std::to_string(findings.size()) + " discrepancies in the ledger (see above)");
    };
  });

  auto* rebuild_cmd = ledger->add_subcommand(
      "rebuild-cache", "Recompute the daily balance cache from the postings (the cache is derived data)");
  rebuild_cmd->callback([&shell] {
    shell.action = [&shell]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(std::size_t rows, store->rebuild_cache());
      std::cout << "rebuilt " << rows << " cached daily balances\n";
      return {};
    };
  });

  auto report_file = std::make_shared<std::string>();
  auto* reconcile_cmd = ledger->add_subcommand(
      "reconcile", "Record balances a state reports (CSV or JSON) and show where they differ from the ledger");
  reconcile_cmd->add_option("FILE", *report_file, "depot,good,lot,as_of,quantity,source")->required();
  reconcile_cmd->callback([&shell, report_file] {
    shell.action = [&shell, report_file]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(std::string text, read_input(*report_file, "a balance report (.csv or .json)"));
      PARAAT_ASSIGN_OR_RETURN(auto reports, ingest::read_balance_reports(text, *report_file));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto raised, store->reconcile(reports));
      shell.print(report::discrepancies_report(raised));
      return {};
    };
  });
}

}  // namespace paraat::cli
