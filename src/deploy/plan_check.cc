#include "deploy/plan_check.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_map>

namespace paraat::deploy {
namespace {

std::string units(std::int64_t n) { return std::to_string(n) + " units"; }

}  // namespace

std::vector<Violation> check_plan(const PlanInput& input, const std::vector<Shipment>& shipments) {
  const Crisis& crisis = *input.crisis;
  const TransportNetwork& network = *input.network;
  std::vector<Violation> out;
  std::map<std::string, const AidOffer*> offers;
  for (const auto& o : crisis.offers) offers[o.id] = &o;
  std::map<std::string, const AidRequest*> requests;
  for (const auto& r : crisis.requests) requests[r.id] = &r;
  std::map<std::pair<DepotId, std::string>, std::int64_t> lot_quantity;  // (depot, good/lot)
  std::map<std::pair<DepotId, std::string>, std::optional<Date>> lot_expiry;
  std::map<std::pair<DepotId, GoodId>, std::int64_t> available;
  const Date start_day = utc_date(crisis.start);
  for (const auto& lot : input.lots) {
    if (!in_stock_at_start(lot, start_day)) continue;
    const auto key = std::make_pair(lot.depot, lot.good.str() + "/" + lot.lot);
    lot_quantity[key] += lot.quantity;
    lot_expiry[key] = lot.expiry;
    available[{lot.depot, lot.good}] += lot.quantity;
  }
  std::unordered_map<std::string, std::size_t> link_index;
  for (std::size_t i = 0; i < network.links().size(); ++i) link_index.emplace(network.links()[i].id, i);

  std::map<std::pair<DepotId, std::string>, std::int64_t> lot_used;
  std::map<std::string, std::int64_t> offer_used, request_covered;
  for (std::size_t i = 0; i < shipments.size(); ++i) {
    const Shipment& s = shipments[i];
    const std::string record = "shipments[" + std::to_string(i) + "]";
    auto fail = [&](const char* rule, std::string reason) { out.push_back({record, rule, std::move(reason)}); };
    if (s.quantity <= 0) fail("quantity", "a shipment carries a positive quantity");
    const auto offer = offers.find(s.offer);
    const auto request = requests.find(s.request);
    if (offer == offers.end()) {
      fail("unknown_offer", "no offer " + s.offer + " in the crisis");
      continue;
    }
    if (request == requests.end()) {
      fail("unknown_request", "no request " + s.request + " in the crisis");
      continue;
    }
    const AidOffer& o = *offer->second;
    const AidRequest& r = *request->second;
    if (s.depot != o.depot) fail("offer_depot", "offer " + o.id + " is from " + o.depot.str() + ", not " + s.depot.str());
    if (s.good != o.good || s.good != r.good) fail("good", s.good.str() + " does not match the offer and the request");
    if (s.to != r.region) fail("destination", "request " + r.id + " is for " + r.region.str() + ", not " + s.to.str());
    const auto depot_region = input.depot_regions.find(s.depot);
    if (depot_region != input.depot_regions.end() && s.from != depot_region->second) {
      fail("origin", "depot " + s.depot.str() + " stands in " + depot_region->second.str() + ", not " + s.from.str());
    }
    const Region* to_region = network.region(s.to);
    if (to_region != nullptr && !o.only_to.empty() &&
        std::find(o.only_to.begin(), o.only_to.end(), to_region->country) == o.only_to.end()) {
      fail("only_to", "offer " + o.id + " is not open to " + to_region->country.str());
    }
    const auto key = std::make_pair(s.depot, s.good.str() + "/" + s.lot);
    if (!lot_quantity.count(key)) {
      fail("unknown_lot", "no available lot " + s.lot + " of " + s.good.str() + " at " + s.depot.str());
    } else if (const auto& expiry = lot_expiry[key]; expiry) {
      const Date last_use = add_days(utc_date(s.arrival), crisis.use_window_days);
      if (*expiry < last_use) {
        fail("expiry", "lot " + s.lot + " expires " + format_date(*expiry) + ", before " + format_date(last_use) +
                           " (arrival plus the use window)");
      }
    }
    if (s.departure < crisis.start) fail("departure", "leaves before the crisis start " + format_instant(crisis.start));
    if (s.arrival > r.needed_by) {
      fail("arrival", "arrives " + format_instant(s.arrival) + ", after request " + r.id + " needs it (" +
                          format_instant(r.needed_by) + ")");
    }
    // The route: open links, each joining the region the last one reached, hours as stated.
    RegionCode at = s.from;
    double hours = 0;
    bool route_ok = true;
    for (const auto& id : s.route) {
      const auto it = link_index.find(id);
      if (it == link_index.end()) {
        fail("route", "no link " + id);
        route_ok = false;
        break;
      }
      const NetworkLink& link = network.links()[it->second];
      if (!link.open) fail("route", "link " + id + " is closed: " + link.closed_because);
      if (link.a != at && link.b != at) {
        fail("route", "link " + id + " does not start in " + at.str());
        route_ok = false;
        break;
      }
      at = link.a == at ? link.b : link.a;
      hours += link.hours();
    }
    if (route_ok && at != s.to) fail("route", "the route ends in " + at.str() + ", not " + s.to.str());
    if (route_ok && std::abs(hours - s.hours) > 0.01) {
      char text[96];
      std::snprintf(text, sizeof text, "the links take %.2f hours, not %.2f", hours, s.hours);
      fail("route", text);
    }
    // Hours travel rounded to two decimals (36 seconds), so allow that much.
    const auto earliest =
        s.departure + std::chrono::seconds(static_cast<std::int64_t>(std::floor((s.hours - 0.005) * 3600.0)));
    if (s.arrival < earliest) fail("arrival", "arrives sooner than its hours allow");
    lot_used[key] += s.quantity;
    offer_used[o.id] += s.quantity;
    request_covered[r.id] += s.quantity;
  }
  for (const auto& [key, used] : lot_used) {
    const auto it = lot_quantity.find(key);
    if (it != lot_quantity.end() && used > it->second) {
      out.push_back({"lot " + key.second + " at " + key.first.str(), "lot_quantity",
                     units(used) + " shipped, " + units(it->second) + " available"});
    }
  }
  for (const auto& [id, used] : offer_used) {
    const AidOffer& o = *offers.at(id);
    if (used > o.quantity) {
      out.push_back({"offer " + id, "offer_limit", units(used) + " shipped, " + units(o.quantity) + " offered"});
    }
    const std::int64_t stock = available[{o.depot, o.good}];
    if (o.keep > 0 && stock - used < o.keep) {
      out.push_back({"offer " + id, "donor_minimum",
                     "leaves " + units(stock - used) + " at " + o.depot.str() + ", below the " + units(o.keep) + " kept"});
    }
  }
  for (const auto& [id, covered] : request_covered) {
    const AidRequest& r = *requests.at(id);
    if (covered > r.quantity) {
      out.push_back({"request " + id, "request_quantity", units(covered) + " sent, " + units(r.quantity) + " requested"});
    }
  }
  return out;
}

}  // namespace paraat::deploy
