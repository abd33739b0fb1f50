#include "report/deployment_reports.h"

#include <cstdio>
#include <string>

namespace paraat::report {
namespace {

using T = ColumnType;

Cell text(std::string s) { return Cell{std::move(s)}; }

std::string percent(double share) {
  char out[32];
  std::snprintf(out, sizeof out, "%.1f %%", share * 100.0);
  return out;
}

std::vector<std::string> summary(const DeploymentPlan& plan) {
  std::vector<std::string> notes;
  // Counted in requests, not units: litres and pieces do not add up.
  std::size_t full = 0;
  const RequestOutcome* least = nullptr;
  double least_share = 2;
  for (const auto& o : plan.requests) {
    if (o.covered >= o.request.quantity) ++full;
    const double share = o.request.quantity == 0 ? 1.0
                                                 : static_cast<double>(o.covered) / static_cast<double>(o.request.quantity);
    if (share < least_share) {
      least_share = share;
      least = &o;
    }
  }
  notes.push_back("crisis " + plan.crisis + ": " + std::to_string(full) + " of " + std::to_string(plan.requests.size()) +
                  " requests fully covered" +
                  (least && least_share < 1 ? "; the least covered, " + least->request.id + ", gets " + percent(least_share)
                                            : ""));
  for (const auto& g : plan.goods) {
    notes.push_back(g.good.str() + ": every request an offer can serve gets at least " + percent(g.fair_minimum) +
                    " (fair share before rounding to whole units; " + std::to_string(g.linear_programmes) +
                    " linear programmes)");
  }
  return notes;
}

}  // namespace

Table shipments_report(const DeploymentPlan& plan) {
  Table t{"shipments",
          {{"offer", T::kString, "the offer it draws on"},
           {"request", T::kString, "the request it serves"},
           {"depot", T::kString, "depot it leaves from"},
           {"from", T::kString, "region of the depot"},
           {"to", T::kString, "region of the request"},
           {"good", T::kString, "good id"},
           {"lot", T::kString, "lot code"},
           {"expiry", T::kDate, "lot expiry", true},
           {"quantity", T::kInteger, "base units"},
           {"departure", T::kString, "leaves (UTC)"},
           {"arrival", T::kString, "arrives (UTC)"},
           {"hours", T::kNumber, "hours on the way"},
           {"route", T::kString, "link ids in order, separated by spaces"}},
          {},
          summary(plan)};
  t.text_columns = {"request", "depot", "from", "to", "good", "lot", "quantity", "arrival", "hours"};
  for (const auto& s : plan.shipments) {
    std::string route;
    for (const auto& link : s.route) route += (route.empty() ? "" : " ") + link;
    t.rows.push_back({text(s.offer), text(s.request), text(s.depot.str()), text(s.from.str()), text(s.to.str()),
                      text(s.good.str()), text(s.lot), s.expiry ? Cell{format_date(*s.expiry)} : Cell{},
                      std::int64_t{s.quantity}, text(format_instant(s.departure)), text(format_instant(s.arrival)),
                      s.hours, text(route)});
  }
  return t;
}

Table plan_requests_report(const DeploymentPlan& plan) {
  Table t{"requests",
          {{"request", T::kString, "request id"},
           {"region", T::kString, "requesting region"},
           {"good", T::kString, "good id"},
           {"unit", T::kString, "base unit of the quantities (UN/ECE Rec 20: LTR litre, H87 piece, ...)", true},
           {"priority", T::kInteger, "1 (routine) to 5 (life-saving)"},
           {"needed_by", T::kString, "wanted by (UTC)"},
           {"requested", T::kInteger, "base units"},
           {"covered", T::kInteger, "base units the plan delivers in time"},
           {"coverage", T::kNumber, "covered / requested", false, 4},
           {"unmet", T::kInteger, "base units not covered"},
           {"reason", T::kString,
            "why not all: no_stock, no_route, no_route_in_time, expiry, donor_minimum, short_of_stock, shared_fairly; "
            "none when covered"},
           {"last_arrival", T::kString, "when the last shipment for it arrives (UTC)", true},
           {"detail", T::kString, "the reason in words: which depot, deadline or stock, by how much", true}},
          {},
          summary(plan)};
  for (const auto& o : plan.requests) {
    const auto& r = o.request;
    t.rows.push_back({text(r.id), text(r.region.str()), text(r.good.str()),
                      o.unit.empty() ? Cell{} : Cell{o.unit}, std::int64_t{r.priority},
                      text(format_instant(r.needed_by)), std::int64_t{r.quantity}, std::int64_t{o.covered},
                      r.quantity == 0 ? 1.0 : static_cast<double>(o.covered) / static_cast<double>(r.quantity),
                      std::int64_t{r.quantity - o.covered}, text(std::string(unmet_reason_name(o.reason))),
                      o.last_arrival ? Cell{format_instant(*o.last_arrival)} : Cell{},
                      o.detail.empty() ? Cell{} : Cell{o.detail}});
  }
  return t;
}

Table chokepoints_report(const std::vector<Chokepoint>& points) {
  Table t{"chokepoints",
          {{"target", T::kString, "link id or border"},
           {"shipments", T::kInteger, "shipments of the plan that cross it"},
           {"requests_served", T::kInteger, "requests those shipments serve"},
           {"requests_hurt", T::kInteger, "requests covered less if it closes"},
           {"coverage_lost", T::kNumber, "coverage lost over all requests if it closes (1 = one whole request)", false, 4},
           {"min_coverage_after", T::kNumber, "the least covered request if it closes", false, 4}},
          {},
          {"each closed alone at the crisis start and the plan made again without it; the plan may "
           "find other routes, so a link can carry much and cost little"}};
  for (const auto& p : points) {
    t.rows.push_back({text(p.target), static_cast<std::int64_t>(p.shipments), static_cast<std::int64_t>(p.requests_served),
                      static_cast<std::int64_t>(p.requests_hurt), p.coverage_lost, p.min_coverage_after});
  }
  return t;
}

Table violations_report(const std::vector<deploy::Violation>& violations) {
  Table t{"violations",
          {{"record", T::kString, "the shipment, offer, request or lot at fault"},
           {"rule", T::kString, "the rule broken"},
           {"reason", T::kString, "what is wrong"}},
          {},
          {}};
  for (const auto& v : violations) t.rows.push_back({text(v.record), text(v.rule), text(v.reason)});
  t.notes.push_back(violations.empty() ? "the plan keeps every rule"
                                       : std::to_string(violations.size()) +
                                             (violations.size() == 1 ? " rule broken" : " rules broken"));
  return t;
}

}  // namespace paraat::report
