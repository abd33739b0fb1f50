#include "report/network_reports.h"

#include <cstdio>
#include <string>

namespace paraat::report {
namespace {

using T = ColumnType;

Cell text(std::string s) { return Cell{std::move(s)}; }
Cell optional_text(const std::string& s) { return s.empty() ? Cell{} : Cell{s}; }

std::string join_ids(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (const auto id : ids) out += (out.empty() ? "" : ";") + std::to_string(id);
  return out;
}

}  // namespace

Table network_links_report(const deploy::TransportNetwork& network, const LinkFilter& filter) {
  Table t{"network_links",
          {{"id", T::kString, "link id: road-<region>-<region> for land links, mode and ports for the others"},
           {"mode", T::kString, "road, ferry, rail_ferry, bridge, tunnel or freight_line"},
           {"region_a", T::kString, "NUTS-2 region at one end"},
           {"region_b", T::kString, "NUTS-2 region at the other end"},
           {"hours", T::kNumber, "hours to cross the link now: travel + boarding + border + delay"},
           {"travel_hours", T::kNumber, "hours under way"},
           {"hours_basis", T::kString,
            "published, length (fixed link at truck speed), road_distance or sea_distance_estimate"},
           {"boarding_hours", T::kNumber, "check-in and loading before a ferry sails"},
           {"border", T::kString, "the border the link crosses, e.g. border-AT-DE", true},
           {"border_hours", T::kNumber, "crossing the border: the 15-minute green-lane target plus delays in force"},
           {"delay_hours", T::kNumber, "delays in force on the link itself"},
           {"open", T::kBoolean, "whether the link carries traffic now"},
           {"closed_because", T::kString, "why it does not", true},
           {"changes", T::kString, "ids of the closures and delays in force on it, separated by ;", true}},
          {},
          {}};
  t.text_columns = {"id", "mode", "region_a", "region_b", "hours", "hours_basis", "border", "open", "closed_because"};
  std::size_t estimated = 0;
  for (const auto& link : network.links()) {
    if (filter.region && link.a != *filter.region && link.b != *filter.region) continue;
    if (filter.mode && link.mode != *filter.mode) continue;
    if (filter.closed_only && link.open) continue;
    if (link.basis == deploy::HoursBasis::kSeaDistance) ++estimated;
    t.rows.push_back({text(link.id), text(std::string(link_mode_name(link.mode))), text(link.a.str()),
                      text(link.b.str()), link.hours(), link.travel_hours,
                      text(std::string(deploy::hours_basis_name(link.basis))), link.boarding_hours,
                      optional_text(link.border), link.border_hours, link.delay_hours, link.open,
                      optional_text(link.closed_because), optional_text(join_ids(link.changes))});
  }
  t.notes.push_back("network at " + format_instant(network.at()));
  if (estimated > 0) {
    t.notes.push_back(std::to_string(estimated) +
                      (estimated == 1 ? " sea link has" : " sea links have") +
                      " no published crossing time; hours_basis sea_distance_estimate marks the "
                      "estimate (distance between the regions at 15 knots)");
  }
  return t;
}

Table route_report(const deploy::TransportNetwork& network, const deploy::Route& route) {
  Table t{"route",
          {{"leg", T::kInteger, "1 for the first leg"},
           {"from", T::kString, "region the leg starts in"},
           {"to", T::kString, "region the leg ends in"},
           {"link", T::kString, "link id"},
           {"mode", T::kString, "road, ferry, rail_ferry, bridge, tunnel or freight_line"},
           {"border", T::kString, "border crossed on the leg", true},
           {"start_hours", T::kNumber, "hours after departure the leg starts"},
           {"hours", T::kNumber, "hours the leg takes, boarding and border included"},
           {"arrive_hours", T::kNumber, "hours after departure the leg ends"},
           {"hours_basis", T::kString, "where the leg's travel hours come from"},
           {"delay_hours", T::kNumber, "hours the closures and delays in force add to the leg (link and border)"},
           {"changes", T::kString, "ids of the delays in force on the leg, separated by ;", true}},
          {},
          {}};
  t.text_columns = {"leg", "from", "to", "link", "mode", "border", "start_hours", "hours", "arrive_hours",
                    "hours_basis", "delay_hours", "changes"};
  std::int64_t n = 0;
  bool estimated = false;
  std::string uncertain;
  for (const auto& leg : route.legs) {
    const auto& link = network.links()[leg.link];
    estimated = estimated || link.basis == deploy::HoursBasis::kSeaDistance;
    if (link.service != LinkService::kOperating) {
      uncertain += (uncertain.empty() ? "" : ", ") + link.id + " (" + std::string(link_service_name(link.service)) + ")";
    }
    // The leg's hours as the difference of the rounded times, so the columns add up as shown.
    const double start = round_to(leg.start_hours, 2);
    const double arrive = round_to(leg.start_hours + link.hours(), 2);
    t.rows.push_back({std::int64_t{++n}, text(leg.from.str()), text(leg.to.str()), text(link.id),
                      text(std::string(link_mode_name(link.mode))), optional_text(link.border), start,
                      round_to(arrive - start, 2), arrive, text(std::string(deploy::hours_basis_name(link.basis))),
                      link.delay_hours + link.border_hours - (link.border.empty() ? 0.0 : deploy::kGreenLaneHours),
                      optional_text(join_ids(link.changes))});
  }
  char total[32];
  std::snprintf(total, sizeof total, "%.2f", route.hours);
  t.notes.push_back(route.from.str() + " to " + route.to.str() + ": " + total + " hours over " +
                    std::to_string(route.legs.size()) + (route.legs.size() == 1 ? " link" : " links") +
                    ", network at " + format_instant(network.at()));
  if (estimated) {
    t.notes.push_back("a leg's hours are an estimate: its sea link has no published crossing time");
  }
  if (!uncertain.empty()) {
    t.notes.push_back("check before relying on it: its source does not report " + uncertain +
                      " as operating all year");
  }
  return t;
}

Table network_changes_report(const std::vector<NetworkChange>& changes, Instant at) {
  Table t{"network_changes",
          {{"id", T::kInteger, "change id"},
           {"target", T::kString, "the link or border closed or slowed"},
           {"kind", T::kString, "close or delay"},
           {"extra_hours", T::kNumber, "hours a delay adds to every trip over the target"},
           {"from", T::kString, "in force from (UTC)"},
           {"until", T::kString, "in force until (UTC); empty: until lifted", true},
           {"in_force", T::kBoolean, "whether it is in force at the time asked about"},
           {"reason", T::kString, "why"},
           {"recorded_at", T::kString, "when it was recorded (UTC)"},
           {"lifted_at", T::kString, "when a lift set its end (UTC)", true}},
          {},
          {}};
  for (const auto& c : changes) {
    t.rows.push_back({std::int64_t{c.id}, text(c.target), text(std::string(network_change_kind_name(c.kind))),
                      c.extra_hours, text(format_instant(c.from)),
                      c.until ? Cell{format_instant(*c.until)} : Cell{}, c.in_force_at(at), text(c.reason),
                      text(format_instant(c.recorded_at)),
                      c.lifted_at ? Cell{format_instant(*c.lifted_at)} : Cell{}});
  }
  return t;
}

}  // namespace paraat::report
