#include "report/ledger_reports.h"

#include "report/reports.h"

namespace paraat::report {
namespace {

using T = ColumnType;

Cell text(std::string s) { return Cell{std::move(s)}; }
Cell integer(std::int64_t v) { return Cell{v}; }
Cell optional_number(const std::optional<double>& v) { return v ? Cell{*v} : Cell{std::monostate{}}; }

}  // namespace

Table stock_card_report(const StockCard& card) {
  Table t{"stock_card",
          {{"seq", T::kInteger, "position in the ledger"},
           {"movement", T::kString, "movement id"},
           {"type", T::kString, "movement type"},
           {"time", T::kString, "business day (date-only) or RFC 3339 time"},
           {"lot", T::kString, "lot code"},
           {"counterpart", T::kString, "the account on the other side, e.g. disposed:expired"},
           {"quantity", T::kInteger, "signed change, base units"},
           {"before", T::kInteger, "balance before the line"},
           {"after", T::kInteger, "balance after the line"},
           {"reason", T::kString, "reason given"},
           {"ref", T::kString, "transfer, reservation or cancelled movement it refers to"},
           {"cancelled_by", T::kString, "the cancel that reversed it, if any"},
           {"recorded_at", T::kString, "when it was recorded (UTC)"}},
          {},
          {"opening balance " + std::to_string(card.opening) + ", closing balance " +
           std::to_string(card.closing)}};
  for (const auto& l : card.lines) {
    t.rows.push_back({integer(l.seq), text(l.movement), text(std::string(movement_kind_name(l.kind))),
                      text(format_business_time(l.time)), text(l.lot), text(format_account(l.counterpart)),
                      integer(l.quantity), integer(l.before), integer(l.after), text(l.reason),
                      text(l.ref), text(l.cancelled_by), text(format_instant(l.recorded_at))});
  }
  return t;
}

Table expiry_report(const std::vector<service::ExpiryLine>& lines) {
  Table t{"expiry",
          {{"depot", T::kString, "depot id"},
           {"region", T::kString, "NUTS-2 region"},
           {"good", T::kString, "good id"},
           {"lot", T::kString, "lot code"},
           {"owner", T::kString, "owner"},
           {"expiry", T::kDate, "usable through this day"},
           {"days_to_expiry", T::kInteger, "negative: expired that many days ago"},
           {"state", T::kString, "expired or expiring"},
           {"status", T::kString, "lot status"},
           {"quantity", T::kInteger, "on hand, base units"},
           {"generated", T::kBoolean, "made up by paraat demo-stock"}},
          {},
          {}};
  bool generated = false;
  for (const auto& e : lines) {
    generated = generated || e.lot.generated;
    t.rows.push_back({text(e.lot.depot.str()), text(e.lot.region.str()), text(e.lot.good.str()),
                      text(e.lot.lot), text(e.lot.owner.str()), text(format_date(*e.lot.expiry)),
                      integer(e.days_to_expiry), text(e.state),
                      text(std::string(lot_status_name(e.lot.status))), integer(e.lot.quantity),
                      Cell{e.lot.generated}});
  }
  if (generated) t.notes.push_back(kGeneratedNote);
  return t;
}

Table transfers_report(const std::vector<TransferStatus>& transfers) {
  Table t{"transfers",
          {{"transfer", T::kString, "transfer id"},
           {"from", T::kString, "sending depot"},
           {"to", T::kString, "receiving depot"},
           {"good", T::kString, "good id"},
           {"lot", T::kString, "lot code"},
           {"shipped_on", T::kDate, "business day it left"},
           {"shipped", T::kInteger, "base units"},
           {"received", T::kInteger, "base units received so far"},
           {"lost", T::kInteger, "base units lost in transit"},
           {"over_received", T::kInteger, "received beyond what was shipped (a discrepancy)"},
           {"in_transit", T::kInteger, "still on its way"}},
          {},
          {}};
  for (const auto& x : transfers) {
    t.rows.push_back({text(x.id), text(x.from.str()), text(x.to.str()), text(x.good.str()), text(x.lot),
                      text(format_date(x.shipped_on)), integer(x.shipped), integer(x.received),
                      integer(x.lost), integer(x.over_received), integer(x.in_transit)});
  }
  return t;
}

Table alerts_report(const std::vector<service::Alert>& alerts) {
  Table t{"alerts",
          {{"kind", T::kString, "expired, expiring, discrepancy or in-transit-overdue"},
           {"severity", T::kString, "high or medium"},
           {"depot", T::kString, "depot id"},
           {"good", T::kString, "good id"},
           {"lot", T::kString, "lot code"},
           {"day", T::kDate, "expiry, discrepancy or shipping day"},
           {"quantity", T::kInteger, "base units concerned"},
           {"unit", T::kString, "the good's base unit (UN/CEFACT Rec 20)"},
           {"message", T::kString, "what to do"},
           {"generated", T::kBoolean, "about a lot made up by demo-stock"}},
          {},
          {}};
  bool generated = false;
  for (const auto& a : alerts) {
    generated = generated || a.generated;
    t.rows.push_back({text(a.kind), text(a.severity), text(a.depot.str()), text(a.good.str()), text(a.lot),
                      text(format_date(a.day)), integer(a.quantity), text(a.unit), text(a.message),
                      Cell{a.generated}});
  }
  if (generated) t.notes.push_back(kGeneratedNote);
  return t;
}

Table consumption_report(const plan::ConsumptionReport& r, const DepotId& depot, const GoodId& good) {
  Table t{"consumption",
          {{"depot", T::kString, "depot id"},
           {"good", T::kString, "good id"},
           {"from", T::kDate, "first day"},
           {"to", T::kDate, "last day"},
           {"counted_days", T::kInteger, "days from the first receipt ever"},
           {"stockout_days", T::kInteger, "counted days ending with no usable stock"},
           {"days_with_stock", T::kInteger, "counted days minus stockout days"},
           {"consumption", T::kInteger, "issued in the period, base units"},
           {"losses", T::kInteger, "disposed of in the period, base units"},
           {"amc", T::kNumber, "average monthly consumption: consumption / days with stock x 30.5", true, 2},
           {"amc_unadjusted", T::kNumber, "consumption / counted days x 30.5", true, 2},
           {"usable_at_end", T::kInteger, "usable stock at the end of the period"},
           {"months_of_stock", T::kNumber, "usable_at_end / amc", true, 2}},
          {},
          {}};
  t.rows.push_back({text(depot.str()), text(good.str()), text(format_date(r.from)), text(format_date(r.to)),
                    integer(r.counted_days), integer(r.stockout_days), integer(r.days_with_stock),
                    integer(r.consumption), integer(r.losses), optional_number(r.amc),
                    optional_number(r.amc_unadjusted), integer(r.usable_at_end),
                    optional_number(r.months_of_stock)});
  if (!depot.empty() && !r.amc) {
    t.notes.push_back(r.counted_days == 0
                          ? "no day of the period counts (the good never arrived there before its end): no AMC"
                          : "no day with stock in the period: no AMC, and so no months of stock");
  } else if (!depot.empty() && !r.months_of_stock) {
    t.notes.push_back("no consumption in the period: months of stock are not bounded");
  }
  return t;
}

Table rotation_report(const service::RotationResult& result) {
  Table t{"rotation",
          {{"lot", T::kString, "lot code"},
           {"expiry", T::kDate, "usable through this day"},
           {"quantity", T::kInteger, "usable on hand, base units"},
           {"months_to_expiry", T::kNumber, "days to expiry / 30.4375", false, 2},
           {"expected_use", T::kNumber, "what the AMC uses of it before expiry, FEFO", false, 2},
           {"at_risk", T::kNumber, "quantity expected to expire unused", false, 2},
           {"propose", T::kInteger, "whole units to rotate or donate", true},
           {"act_by", T::kDate, "date to act by", true},
           {"action", T::kString, "what is proposed"}},
          {},
          {}};
  const std::string amc = result.consumption.amc ? std::to_string(*result.consumption.amc) : "unknown";
  t.notes.push_back("AMC over " + format_date(result.consumption.from) + " to " +
                    format_date(result.consumption.to) + ": " + amc + " a month");
  for (const auto& r : result.risks) {
    const auto p = std::find_if(result.proposals.begin(), result.proposals.end(),
                                [&](const plan::RotationProposal& x) { return x.lot == r.lot; });
    const bool proposed = p != result.proposals.end();
    t.rows.push_back({text(r.lot), text(format_date(r.expiry)), integer(r.quantity), Cell{r.months_to_expiry},
                      Cell{r.expected_use}, Cell{r.at_risk},
                      proposed ? integer(p->quantity) : Cell{std::monostate{}},
                      proposed ? text(format_date(p->act_by)) : Cell{std::monostate{}},
                      text(proposed ? p->action : "")});
  }
  return t;
}

Table waste_report(const std::vector<plan::WasteLine>& lines) {
  Table t{"waste",
          {{"good", T::kString, "good id"},
           {"reason", T::kString, "why it was disposed of"},
           {"quantity", T::kInteger, "base units"}},
          {},
          {}};
  for (const auto& w : lines) t.rows.push_back({text(w.good.str()), text(w.reason), integer(w.quantity)});
  return t;
}

Table findings_report(const std::vector<Finding>& findings) {
  Table t{"findings",
          {{"kind", T::kString, "what is wrong"},
           {"key", T::kString, "which row or position"},
           {"day", T::kDate, "business day concerned", true},
           {"expected", T::kString, "what the ledger implies"},
           {"found", T::kString, "what is stored"}},
          {},
          {}};
  for (const auto& f : findings) {
    t.rows.push_back({text(f.kind), text(f.key), f.day ? text(format_date(*f.day)) : Cell{std::monostate{}},
                      text(f.expected), text(f.found)});
  }
  return t;
}

Table discrepancies_report(const std::vector<Discrepancy>& discrepancies) {
  Table t{"discrepancies",
          {{"id", T::kInteger, "discrepancy id"},
           {"kind", T::kString, "over-receipt or balance-report"},
           {"depot", T::kString, "depot id"},
           {"good", T::kString, "good id"},
           {"lot", T::kString, "lot code (empty: the good's total)"},
           {"day", T::kDate, "business day"},
           {"ledger", T::kInteger, "what the ledger says"},
           {"reported", T::kInteger, "what was received or reported"},
           {"note", T::kString, "explanation"},
           {"source", T::kString, "movement or reporter"}},
          {},
          {}};
  for (const auto& d : discrepancies) {
    t.rows.push_back({integer(d.id), text(d.kind), text(d.depot.str()), text(d.good.str()), text(d.lot),
                      text(format_date(d.day)), integer(d.expected), integer(d.found), text(d.note),
                      text(d.source)});
  }
  return t;
}

Table posted_report(const std::vector<PostedMovement>& posted) {
  Table t{"posted",
          {{"id", T::kString, "movement id"},
           {"seq", T::kInteger, "position in the ledger"},
           {"replayed", T::kBoolean, "posted before; this is the first result"},
           {"type", T::kString, "movement type"},
           {"time", T::kString, "business time"},
           {"good", T::kString, "good"},
           {"lot", T::kString, "lot"},
           {"from", T::kString, "account the quantity left"},
           {"to", T::kString, "account it went to"},
           {"quantity", T::kInteger, "base units"}},
          {},
          {}};
  for (const auto& m : posted) {
    if (m.entries.empty()) {
      t.rows.push_back({text(m.id), integer(m.seq), Cell{m.replayed}, text(std::string(movement_kind_name(m.kind))),
                        text(format_business_time(m.time)), text(""), text(""), text(""), text(""), integer(0)});
    }
    for (const auto& e : m.entries) {
      t.rows.push_back({text(m.id), integer(m.seq), Cell{m.replayed}, text(std::string(movement_kind_name(m.kind))),
                        text(format_business_time(m.time)), text(e.good.str()), text(e.lot),
                        text(format_account(e.from)), text(format_account(e.to)), integer(e.quantity)});
    }
    for (const auto& note : m.notes) t.notes.push_back(m.id + ": " + note);
  }
  return t;
}

Table movements_report(const std::vector<store::RecordedMovement>& movements) {
  Table t{"movements",
          {{"seq", T::kInteger, "position in the ledger (recording order)"},
           {"id", T::kString, "client-chosen movement id"},
           {"type", T::kString, "movement type"},
           {"time", T::kString, "business time"},
           {"depot", T::kString, "depot whose stock changed"},
           {"good", T::kString, "good"},
           {"lot", T::kString, "lot"},
           {"from", T::kString, "account the quantity left"},
           {"to", T::kString, "account it went to"},
           {"quantity", T::kInteger, "base units"},
           {"reason", T::kString, "reason given"},
           {"ref", T::kString, "movement, reservation or lot referred to"},
           {"detail", T::kString, "what the ledger noted"},
           {"recorded_at", T::kString, "when it was recorded (UTC)"},
           {"generated", T::kBoolean, "made up by demo-stock"}},
          {},
          {}};
  bool generated = false;
  for (const auto& r : movements) {
    const PostedMovement& m = r.movement;
    generated = generated || r.generated;
    auto row = [&](const PostedEntry* e) {
      t.rows.push_back({integer(m.seq), text(m.id), text(std::string(movement_kind_name(m.kind))),
                        text(format_business_time(m.time)), text(r.depot.str()),
                        text(e ? e->good.str() : r.good.str()), text(e ? e->lot : ""),
                        text(e ? format_account(e->from) : ""), text(e ? format_account(e->to) : ""),
                        integer(e ? e->quantity : 0), text(r.reason), text(r.ref), text(r.detail),
                        text(format_instant(r.recorded_at)), Cell{r.generated}});
    };
    if (m.entries.empty()) row(nullptr);
    for (const auto& e : m.entries) row(&e);
  }
  if (generated) t.notes.push_back(kGeneratedNote);
  return t;
}

}  // namespace paraat::report
