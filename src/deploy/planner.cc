#include "deploy/planner.h"

#include <coin/ClpSimplex.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <set>
#include <cstdio>
#include <sstream>

namespace paraat::deploy {
namespace {

constexpr double kTolerance = 1e-7;  // a level this close to 1 is full coverage
const double kInfinity = COIN_DBL_MAX;

// One lot that may go to one request: its route arrives in time and the lot is still usable
// for the use window after arrival.
struct Candidate {
  std::size_t offer = 0;  // index into Good::offers
  std::size_t lot = 0;    // index into Good::lots
  std::size_t request = 0;
  double hours = 0;
  Instant arrival{};
  const Route* route = nullptr;
};

struct OfferState {
  const AidOffer* offer = nullptr;
  RegionCode region;
  std::vector<std::size_t> lots;  // into Good::lots, earliest expiry first
  std::int64_t available = 0;     // available stock of the good at the depot
  std::int64_t limit = 0;         // what may go: min(offered, available - keep), at least 0
};

// Everything about one good's part of the plan.
struct Good {
  GoodId id;
  std::vector<const AidRequest*> requests;
  std::vector<OfferState> offers;
  std::vector<const LotBalance*> lots;
  std::vector<Candidate> candidates;
  std::vector<UnmetReason> reasons;  // per request, when not fully covered
  std::vector<bool> expiry_excluded; // per request: a lot in reach and in time expires too soon
  // Per request, what gathering saw that explains a reason known before solving.
  std::vector<std::optional<Instant>> earliest_late;  // soonest arrival of a late route
  std::vector<std::string> earliest_late_depot;
  std::vector<Date> last_use;                         // arrival plus the use window, latest seen
  std::vector<std::vector<std::size_t>> by_request;  // each request's candidates
};

Instant arrival_after(Instant start, double hours) {
  return start + std::chrono::seconds(static_cast<std::int64_t>(std::ceil(hours * 3600.0)));
}

bool sends_to(const AidOffer& offer, const CountryCode& country) {
  return offer.only_to.empty() || std::find(offer.only_to.begin(), offer.only_to.end(), country) != offer.only_to.end();
}

// Routes between regions: one search per region of departure gives its routes to all.
class RouteCache {
 public:
  explicit RouteCache(const TransportNetwork& network) : network_(network) {}
  const Route* get(const RegionCode& from, const RegionCode& to) {
    auto [it, added] = trees_.try_emplace(from);
    if (added) it->second = network_.routes_from(from);
    const std::size_t target = network_.index_of(to);
    if (target >= it->second.size() || !it->second[target]) return nullptr;
    return &*it->second[target];
  }

 private:
  const TransportNetwork& network_;
  std::map<RegionCode, std::vector<std::optional<Route>>> trees_;
};

// Offers, lots and candidates of one good, with the reason a request can get nothing where
// that is known before solving.
Good gather(const GoodId& id, const PlanInput& input, RouteCache& routes) {
  const Crisis& crisis = *input.crisis;
  Good good;
  good.id = id;
  for (const auto& r : crisis.requests) {
    if (r.good == id) good.requests.push_back(&r);
  }
  for (const auto& o : crisis.offers) {
    if (o.good != id) continue;
    OfferState state;
    state.offer = &o;
    state.region = input.depot_regions.at(o.depot);
    const Date start_day = utc_date(crisis.start);
    for (const auto& lot : input.lots) {
      if (lot.depot != o.depot || lot.good != id || !in_stock_at_start(lot, start_day)) continue;
      state.lots.push_back(good.lots.size());
      good.lots.push_back(&lot);
      state.available += lot.quantity;
    }
    std::stable_sort(state.lots.begin(), state.lots.end(), [&](std::size_t a, std::size_t b) {
      const auto& ea = good.lots[a]->expiry;
      const auto& eb = good.lots[b]->expiry;
      return ea && (!eb || *ea < *eb);
    });
    state.limit = std::max<std::int64_t>(0, std::min(o.quantity, state.available - o.keep));
    good.offers.push_back(std::move(state));
  }

  good.reasons.assign(good.requests.size(), UnmetReason::kNoStock);
  good.expiry_excluded.assign(good.requests.size(), false);
  good.earliest_late.assign(good.requests.size(), std::nullopt);
  good.earliest_late_depot.assign(good.requests.size(), "");
  good.last_use.assign(good.requests.size(), Date{});
  for (std::size_t r = 0; r < good.requests.size(); ++r) {
    const AidRequest& request = *good.requests[r];
    const Region* region = input.network->region(request.region);
    bool stocked = false, routed = false, in_time = false, usable = false;
    for (std::size_t o = 0; o < good.offers.size(); ++o) {
      const OfferState& offer = good.offers[o];
      if (offer.available == 0 || region == nullptr || !sends_to(*offer.offer, region->country)) continue;
      stocked = true;
      const Route* route = routes.get(offer.region, request.region);
      if (route == nullptr) continue;
      routed = true;
      const Instant arrival = arrival_after(crisis.start, route->hours);
      if (arrival > request.needed_by) {
        if (!good.earliest_late[r] || arrival < *good.earliest_late[r]) {
          good.earliest_late[r] = arrival;
          good.earliest_late_depot[r] = offer.offer->depot.str();
        }
        continue;
      }
      in_time = true;
      const Date last_use = add_days(utc_date(arrival), crisis.use_window_days);
      good.last_use[r] = std::max(good.last_use[r], last_use);
      for (const std::size_t l : offer.lots) {
        const auto& expiry = good.lots[l]->expiry;
        if (expiry && *expiry < last_use) {
          good.expiry_excluded[r] = true;
          continue;
        }
        usable = true;
        // Kept even when the offer may give nothing (its keep): the reason then says so.
        good.candidates.push_back({o, l, r, route->hours, arrival, route});
      }
    }
    // The first thing missing, in the order a shipment needs them; shared_fairly is refined
    // after solving.
    good.reasons[r] = !stocked  ? UnmetReason::kNoStock
                      : !routed  ? UnmetReason::kNoRoute
                      : !in_time ? UnmetReason::kNoRouteInTime
                      : !usable  ? UnmetReason::kExpiry
                                 : UnmetReason::kSharedFairly;
  }
  good.by_request.resize(good.requests.size());
  for (std::size_t c = 0; c < good.candidates.size(); ++c) good.by_request[good.candidates[c].request].push_back(c);
  return good;
}

// The linear programme of one good. Columns: one per candidate, then τ = t·K, the smallest
// coverage t of the requests still free times K. Rows: per lot (≤ its quantity), per offer
// (≤ its limit), per request the units covered (between its fixed level and its quantity), and
// per request the fairness row covered − (quantity/K)·τ ≥ 0 (covered ≥ t·quantity), switched
// off once its level is fixed.
//
// Every row counts units, so no coefficient is a tiny share (1/quantity is 2e-7 for five
// million litres, under the solver's tolerances), and K, the geometric mean of the requests,
// keeps τ's coefficients near 1 and τ itself in units, so a share of 1e-7 of a hundred million
// is still 10 in τ.
class GoodModel {
 public:
  explicit GoodModel(const Good& good) : good_(good) {
    const std::size_t n = good.candidates.size();
    t_ = static_cast<int>(n);
    // The geometric mean of the requests: the fairness rows' τ coefficients quantity/K then
    // sit around 1, however many units a request counts.
    double log_sum = 0;
    std::set<std::size_t> requests_seen;
    for (const auto& c : good.candidates) {
      if (requests_seen.insert(c.request).second) log_sum += std::log(static_cast<double>(good.requests[c.request]->quantity));
    }
    scale_ = requests_seen.empty() ? 1.0 : std::max(1.0, std::exp(log_sum / static_cast<double>(requests_seen.size())));
    lot_row_.assign(good.lots.size(), -1);
    int rows = 0;
    for (const auto& c : good.candidates) {
      if (lot_row_[c.lot] < 0) lot_row_[c.lot] = rows++;
    }
    offer_row_.assign(good.offers.size(), -1);
    for (const auto& c : good.candidates) {
      if (offer_row_[c.offer] < 0) offer_row_[c.offer] = rows++;
    }
    covered_row_ = rows;
    fair_row_ = rows + static_cast<int>(good.requests.size());
    rows = fair_row_ + static_cast<int>(good.requests.size());

    std::vector<CoinBigIndex> start{0};
    std::vector<int> index;
    std::vector<double> value;
    std::vector<double> col_lo(n + 1, 0.0), col_hi(n + 1, kInfinity), obj(n + 1, 0.0);
    for (const auto& c : good.candidates) {
      index.insert(index.end(), {lot_row_[c.lot], offer_row_[c.offer], covered_row_ + static_cast<int>(c.request),
                                 fair_row_ + static_cast<int>(c.request)});
      value.insert(value.end(), {1.0, 1.0, 1.0, 1.0});
      start.push_back(static_cast<CoinBigIndex>(index.size()));
    }
    for (std::size_t r = 0; r < good.requests.size(); ++r) {
      index.push_back(fair_row_ + static_cast<int>(r));
      value.push_back(-static_cast<double>(good.requests[r]->quantity) / scale_);
    }
    start.push_back(static_cast<CoinBigIndex>(index.size()));
    col_hi[n] = scale_;
    obj[n] = 1.0;

    std::vector<double> row_lo(static_cast<std::size_t>(rows), -kInfinity), row_hi(static_cast<std::size_t>(rows), kInfinity);
    for (std::size_t l = 0; l < lot_row_.size(); ++l) {
      if (lot_row_[l] >= 0) row_hi[static_cast<std::size_t>(lot_row_[l])] = static_cast<double>(good.lots[l]->quantity);
    }
    for (std::size_t o = 0; o < offer_row_.size(); ++o) {
      if (offer_row_[o] >= 0) row_hi[static_cast<std::size_t>(offer_row_[o])] = static_cast<double>(good.offers[o].limit);
    }
    for (std::size_t r = 0; r < good.requests.size(); ++r) {
      row_lo[static_cast<std::size_t>(covered_row_) + r] = 0;
      row_hi[static_cast<std::size_t>(covered_row_) + r] = static_cast<double>(good.requests[r]->quantity);
    }
    model_.setLogLevel(0);
    model_.loadProblem(static_cast<int>(n + 1), rows, start.data(), index.data(), value.data(), col_lo.data(),
                       col_hi.data(), obj.data(), row_lo.data(), row_hi.data());
    model_.setOptimizationDirection(-1);  // maximise
  }

  void free_request(std::size_t r) { model_.setRowLower(fair_row_ + static_cast<int>(r), 0.0); }
  // Fixes a request at coverage `level`: its covered row keeps at least that, its fairness row goes.
  void fix_request(std::size_t r, double level) {
    const double q = static_cast<double>(good_.requests[r]->quantity);
    // A hundredth of a unit below the level (more where doubles cannot tell units apart), so the
    // solver's own tolerances never make it infeasible; whole units are settled afterwards.
    model_.setRowLower(covered_row_ + static_cast<int>(r), std::max(0.0, level * q - std::max(0.01, 4e-15 * q)));
    model_.setRowLower(fair_row_ + static_cast<int>(r), -kInfinity);
  }

  // Maximises t; returns it, or nothing when the solver fails. `fresh` starts from the slack
  // basis instead of the last one.
  std::optional<double> max_min(bool fresh = false) {
    if (fresh) model_.allSlackBasis();
    clear_objective();
    model_.setColumnLower(t_, 0.0);
    model_.setColumnUpper(t_, scale_);
    model_.setObjectiveCoefficient(t_, 1.0);
    model_.setOptimizationDirection(-1);
    const auto tau = solve();
    if (!tau) return std::nullopt;
    return std::clamp(*tau / scale_, 0.0, 1.0);
  }

  // With t held at `level`, the most the requests in `some` could be covered together (the sum
  // of their shares); covered() then tells each one's.
  std::optional<double> best_for(const std::set<std::size_t>& some, double level) {
    clear_objective();
    // t at least `level` keeps every free request there; t is not fixed, because a fixed
    // column can stay fixed in the warm-started basis after its bounds are relaxed.
    model_.setColumnLower(t_, level * scale_);
    model_.setColumnUpper(t_, scale_);
    // Shares of requests of millions of units would weigh 1e-7 a unit, below the solver's
    // tolerance for an improving step; scaled so the largest request weighs 1 a unit, the
    // optimum is the same.
    double largest = 1;
    for (const auto r : some) largest = std::max(largest, static_cast<double>(good_.requests[r]->quantity));
    for (std::size_t c = 0; c < good_.candidates.size(); ++c) {
      const std::size_t r = good_.candidates[c].request;
      if (some.count(r)) {
        model_.setObjectiveCoefficient(static_cast<int>(c), largest / static_cast<double>(good_.requests[r]->quantity));
      }
    }
    model_.setOptimizationDirection(-1);
    return solve();
  }

  // With every level fixed, the plan that takes the fewest unit-hours.
  bool fastest() {
    clear_objective();
    model_.setColumnLower(t_, 0.0);
    model_.setColumnUpper(t_, 0.0);
    for (std::size_t c = 0; c < good_.candidates.size(); ++c) {
      model_.setObjectiveCoefficient(static_cast<int>(c), good_.candidates[c].hours);
    }
    model_.setOptimizationDirection(1);
    return solve().has_value();
  }

  double value(std::size_t column) const { return model_.primalColumnSolution()[column]; }
  double covered(std::size_t r) const {  // units
    double units = 0;
    for (const auto c : good_.by_request[r]) units += value(c);
    return units;
  }
  // Whether request r gets more than share `level` of its quantity by half a unit or more:
  // quantities are whole units, so less is no difference.
  bool above(std::size_t r, double level) const {
    return covered(r) > level * static_cast<double>(good_.requests[r]->quantity) + 0.5;
  }
  int solves() const { return solves_; }

 private:
  void clear_objective() {
    for (int c = 0; c <= t_; ++c) model_.setObjectiveCoefficient(c, 0.0);
  }
  std::optional<double> solve() {
    ++solves_;
    model_.primal();  // warm-started from the previous basis
    if (!model_.isProvenOptimal()) {
      // Requests of very different size can leave the warm start stuck; begin again, then try
      // the dual method.
      model_.allSlackBasis();
      model_.primal();
      if (!model_.isProvenOptimal()) model_.dual();
      if (!model_.isProvenOptimal()) return std::nullopt;
    }
    return model_.objectiveValue();
  }

  const Good& good_;
  ClpSimplex model_;
  int t_ = 0;
  std::vector<int> lot_row_, offer_row_;
  int covered_row_ = 0, fair_row_ = 0;
  double scale_ = 1;  // K
  int solves_ = 0;
};

// When CLP finds no optimum. The one cause seen is requests of one good so far apart in size
// that their shares exceed double precision together; that is said as bad input.
Error solver_failure(const Good& good) {
  std::int64_t smallest = std::numeric_limits<std::int64_t>::max(), largest = 0;
  std::string largest_id;
  for (const auto& c : good.candidates) {
    const AidRequest& r = *good.requests[c.request];
    smallest = std::min(smallest, r.quantity);
    if (r.quantity > largest) {
      largest = r.quantity;
      largest_id = r.id;
    }
  }
  if (largest > 0 && static_cast<double>(largest) / static_cast<double>(smallest) > 1e6) {
    const std::string reason = "requests for " + good.id.str() + " range from " + std::to_string(smallest) + " to " +
                               std::to_string(largest) + " units; shares that far apart are beyond the solver's "
                               "precision: correct or split the largest";
    return make_error(ErrorCode::kInvalidInput, reason, {{"request " + largest_id, "quantity", "OUT_OF_RANGE", reason}});
  }
  return make_error(ErrorCode::kInternal, "the solver found no optimum for " + good.id.str());
}

// Lexicographic max-min: raise the smallest coverage of the free requests as far as it goes,
// fix the requests that cannot get more than that, and repeat with the rest.
//
// Which requests are held at t: those still at t are suspects. Maximising the sum of the
// suspects' coverage, everyone kept at t or more, lifts some above t: they are not held, and
// the rest are tried again. When none rises, every suspect is held, since any one of them
// rising alone would have raised the sum. Each round clears at least one suspect, and usually
// all but the held ones at once, so a level costs a few programmes, not one per request.
Result<std::vector<double>> fair_levels(const Good& good, GoodModel& model) {
  std::vector<double> level(good.requests.size(), 0.0);
  std::set<std::size_t> free;
  for (const auto& c : good.candidates) free.insert(c.request);
  for (std::size_t r = 0; r < good.requests.size(); ++r) {
    if (free.count(r)) model.free_request(r);
    else model.fix_request(r, 0.0);
  }
  const auto lost = [&] { return solver_failure(good); };
  while (!free.empty()) {
    std::optional<double> t;
    std::set<std::size_t> suspects;
    // At the optimum some free request is held at t. If none is, the warm-started solver
    // stopped short of the optimum: solve again from scratch (once, then it is a failure).
    for (const bool fresh : {false, true}) {
      t = model.max_min(fresh);
      if (!t) return lost();
      suspects.clear();
      for (const auto r : free) {
        if (*t >= 1.0 - kTolerance || !model.above(r, *t)) suspects.insert(r);
      }
      while (*t < 1.0 - kTolerance && !suspects.empty()) {
        if (!model.best_for(suspects, *t)) return lost();
        std::vector<std::size_t> rose;
        for (const auto r : suspects) {
          if (model.above(r, *t)) rose.push_back(r);
        }
        if (rose.empty()) break;
        for (const auto r : rose) suspects.erase(r);
      }
      if (!suspects.empty()) break;
    }
    if (suspects.empty()) return make_error(ErrorCode::kInternal, "no request is held at the fair level for " + good.id.str());
    for (const auto r : suspects) {
      level[r] = std::min(1.0, *t);
      model.fix_request(r, level[r]);
      free.erase(r);
    }
  }
  return level;
}

// The solver's shipments in whole units: each rounded down (the solver's 2999999.9997 is
// 3000000), then what rounding took handed out again, fastest lots first, in two passes: up to
// each request's fair share rounded down, then one unit more where the share had a fraction.
std::vector<std::int64_t> whole_units(const Good& good, const GoodModel& model, const std::vector<double>& level) {
  std::vector<std::int64_t> sent(good.candidates.size(), 0);
  std::vector<std::int64_t> lot_left(good.lots.size()), offer_left(good.offers.size()), covered(good.requests.size(), 0);
  for (std::size_t l = 0; l < good.lots.size(); ++l) lot_left[l] = good.lots[l]->quantity;
  for (std::size_t o = 0; o < good.offers.size(); ++o) offer_left[o] = good.offers[o].limit;
  auto add = [&](std::size_t c, std::int64_t units) {
    const auto& cand = good.candidates[c];
    units = std::min({units, lot_left[cand.lot], offer_left[cand.offer]});
    if (units <= 0) return;
    sent[c] += units;
    lot_left[cand.lot] -= units;
    offer_left[cand.offer] -= units;
    covered[cand.request] += units;
  };
  for (std::size_t c = 0; c < good.candidates.size(); ++c) {
    const double x = model.value(c);
    const double nearest = std::round(x);
    add(c, static_cast<std::int64_t>(std::abs(x - nearest) < 1e-3 ? nearest : std::floor(x)));
  }
  // Each request's candidates, fastest first.
  std::vector<std::vector<std::size_t>> fastest = good.by_request;
  for (auto& list : fastest) {
    std::stable_sort(list.begin(), list.end(), [&](std::size_t a, std::size_t b) {
      return good.candidates[a].hours < good.candidates[b].hours;
    });
  }
  // The units left over go to the least covered requests first.
  std::vector<std::size_t> order(good.requests.size());
  for (std::size_t r = 0; r < order.size(); ++r) order[r] = r;
  for (const bool round_up : {false, true}) {
    if (round_up) {
      std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return static_cast<double>(covered[a]) / static_cast<double>(good.requests[a]->quantity) <
               static_cast<double>(covered[b]) / static_cast<double>(good.requests[b]->quantity);
      });
    }
    for (const std::size_t r : order) {
      const double share = level[r] * static_cast<double>(good.requests[r]->quantity);
      const auto target = std::min(good.requests[r]->quantity,
                                   static_cast<std::int64_t>(round_up ? std::ceil(share - 1e-6) : std::floor(share + 1e-6)));
      for (const auto c : fastest[r]) {
        if (covered[r] >= target) break;
        add(c, target - covered[r]);
      }
    }
  }
  return sent;
}

// Why request r is not fully covered. Reasons known before solving stand; where usable stock
// was in reach and in time, say whether the request lost to what is there (the donors'
// minimums, lots expiring too soon, too little) or only to the fair share of others.
// The reason in words a coordinator can act on: what is missing, where, by how much.
std::string explain(const Good& good, std::size_t r, UnmetReason reason, std::int64_t covered) {
  const AidRequest& request = *good.requests[r];
  const std::string what = good.id.str();
  switch (reason) {
    case UnmetReason::kNone:
      return "";
    case UnmetReason::kNoStock:
      return good.offers.empty() ? "nothing of " + what + " is offered"
                                 : "no offer of " + what + " is open to " + country_of(request.region).str() +
                                       " with available stock";
    case UnmetReason::kNoRoute:
      return "no open route from an offering depot to " + request.region.str() + " at the start";
    case UnmetReason::kNoRouteInTime: {
      if (!good.earliest_late[r]) return "no route arrives by " + format_instant(request.needed_by);
      const auto late = std::chrono::duration<double, std::ratio<3600>>(*good.earliest_late[r] - request.needed_by).count();
      char hours[32];
      std::snprintf(hours, sizeof hours, "%.1f", late);
      return "the soonest, from " + good.earliest_late_depot[r] + ", arrives " + format_instant(*good.earliest_late[r]) +
             ", " + hours + " h after " + format_instant(request.needed_by);
    }
    case UnmetReason::kExpiry:
      return "lots in reach expire before " + format_date(good.last_use[r]) + " (arrival plus the use window)";
    case UnmetReason::kDonorMinimum: {
      std::string held;
      std::set<std::size_t> seen;
      for (const auto c : good.by_request[r]) {
        const auto& o = good.offers[good.candidates[c].offer];
        if (o.offer->keep > 0 && seen.insert(good.candidates[c].offer).second) {
          held += (held.empty() ? "" : ", ") + o.offer->depot.str() + " keeps " + std::to_string(o.offer->keep);
        }
      }
      return held.empty() ? "held back by the donors' minimums" : held;
    }
    case UnmetReason::kShortOfStock:
    case UnmetReason::kSharedFairly: {
      std::map<std::size_t, std::int64_t> usable;
      for (const auto c : good.by_request[r]) usable[good.candidates[c].offer] += good.lots[good.candidates[c].lot]->quantity;
      std::int64_t reachable = 0;
      for (const auto& [o, lots] : usable) reachable += std::min(lots, good.offers[o].limit);
      if (reason == UnmetReason::kShortOfStock) {
        std::string text = std::to_string(reachable) + " in reach and in time for " + std::to_string(request.quantity) + " asked";
        if (good.earliest_late[r]) {
          text += "; more from " + good.earliest_late_depot[r] + " would arrive " + format_instant(*good.earliest_late[r]);
        }
        return text;
      }
      return std::to_string(reachable) + " in reach, enough for it alone; shared fairly with the other requests for " +
             what + ", it gets " + std::to_string(covered);
    }
  }
  return "";
}

UnmetReason unmet_reason(const Good& good, std::size_t r) {
  if (good.reasons[r] != UnmetReason::kSharedFairly) return good.reasons[r];
  // Per offer in reach: its usable lots, capped by what it may give, and by what it offers.
  std::map<std::size_t, std::int64_t> usable;
  for (const auto c : good.by_request[r]) usable[good.candidates[c].offer] += good.lots[good.candidates[c].lot]->quantity;
  std::int64_t reachable = 0, reachable_without_keep = 0;
  for (const auto& [o, lots] : usable) {
    reachable += std::min(lots, good.offers[o].limit);
    reachable_without_keep += std::min(lots, good.offers[o].offer->quantity);
  }
  if (reachable >= good.requests[r]->quantity) return UnmetReason::kSharedFairly;
  if (reachable_without_keep > reachable) return UnmetReason::kDonorMinimum;
  return good.expiry_excluded[r] ? UnmetReason::kExpiry : UnmetReason::kShortOfStock;
}

}  // namespace

bool in_stock_at_start(const LotBalance& lot, Date start_day) {
  return lot.status == LotStatus::kAvailable && lot.quantity > 0 && !(lot.expiry && *lot.expiry < start_day);
}

Result<DeploymentPlan> plan_deployment(const PlanInput& input) {
  const Crisis& crisis = *input.crisis;
  for (const auto& o : crisis.offers) {
    if (!input.depot_regions.count(o.depot)) {
      return make_error(ErrorCode::kInvalidInput, "offer " + o.id + ": depot " + o.depot.str() + " has no region");
    }
  }
  DeploymentPlan plan;
  plan.crisis = crisis.id;
  std::set<GoodId> goods;
  for (const auto& r : crisis.requests) goods.insert(r.good);

  RouteCache routes(*input.network);
  std::map<const AidRequest*, RequestOutcome> outcomes;
  for (const auto& id : goods) {
    const Good good = gather(id, input, routes);
    GoodModel model(good);
    std::vector<double> level(good.requests.size(), 0.0);
    std::vector<std::int64_t> sent(good.candidates.size(), 0);
    if (!good.candidates.empty()) {
      PARAAT_ASSIGN_OR_RETURN(level, fair_levels(good, model));
      double fair_minimum = 1.0;
      for (const auto& c : good.candidates) fair_minimum = std::min(fair_minimum, level[c.request]);
      plan.goods.push_back({id, fair_minimum, 0});
      if (!model.fastest()) return solver_failure(good);
      sent = whole_units(good, model, level);
    }
    plan.linear_programmes += model.solves();
    if (!plan.goods.empty() && plan.goods.back().good == id) plan.goods.back().linear_programmes = model.solves();

    for (std::size_t r = 0; r < good.requests.size(); ++r) {
      RequestOutcome outcome;
      outcome.request = *good.requests[r];
      outcomes[good.requests[r]] = outcome;
    }
    for (std::size_t c = 0; c < good.candidates.size(); ++c) {
      if (sent[c] == 0) continue;
      const auto& cand = good.candidates[c];
      const LotBalance& lot = *good.lots[cand.lot];
      const AidRequest& request = *good.requests[cand.request];
      Shipment s;
      s.offer = good.offers[cand.offer].offer->id;
      s.request = request.id;
      s.depot = lot.depot;
      s.from = good.offers[cand.offer].region;
      s.to = request.region;
      s.good = id;
      s.lot = lot.lot;
      s.expiry = lot.expiry;
      s.quantity = sent[c];
      s.departure = crisis.start;
      s.arrival = cand.arrival;
      s.hours = cand.hours;
      for (const auto& leg : cand.route->legs) s.route.push_back(input.network->links()[leg.link].id);
      plan.unit_hours += static_cast<double>(s.quantity) * s.hours;
      auto& outcome = outcomes[&request];
      outcome.covered += s.quantity;
      if (!outcome.last_arrival || *outcome.last_arrival < s.arrival) outcome.last_arrival = s.arrival;
      plan.shipments.push_back(std::move(s));
    }
    for (std::size_t r = 0; r < good.requests.size(); ++r) {
      auto& outcome = outcomes[good.requests[r]];
      if (outcome.covered < outcome.request.quantity) {
        outcome.reason = unmet_reason(good, r);
        outcome.detail = explain(good, r, outcome.reason, outcome.covered);
      }
    }
  }

  double min_coverage = 1.0;
  bool any = false;
  for (const auto& r : crisis.requests) {
    const auto it = outcomes.find(&r);
    RequestOutcome outcome = it == outcomes.end() ? RequestOutcome{r, "", 0, UnmetReason::kNoStock, "nothing of " + r.good.str() + " is offered", std::nullopt} : it->second;
    plan.requested += r.quantity;
    plan.covered += outcome.covered;
    plan.weighted_covered += static_cast<std::int64_t>(r.priority) * outcome.covered;
    if (r.quantity > 0) {
      min_coverage = std::min(min_coverage, static_cast<double>(outcome.covered) / static_cast<double>(r.quantity));
      any = true;
    }
    plan.requests.push_back(std::move(outcome));
  }
  plan.min_coverage = any ? min_coverage : 1.0;
  return plan;
}

std::string max_min_lp(const PlanInput& input, const GoodId& good_id) {
  RouteCache routes(*input.network);
  const Good good = gather(good_id, input, routes);
  std::ostringstream lp;
  lp.precision(17);
  lp << "\\ paraat: smallest coverage of " << good_id.str() << "\nMaximize\n obj: t\nSubject To\n";
  auto sum = [&](auto keep) {
    std::string terms;
    for (std::size_t c = 0; c < good.candidates.size(); ++c) {
      if (keep(good.candidates[c])) terms += " + x" + std::to_string(c);
    }
    return terms;
  };
  for (std::size_t l = 0; l < good.lots.size(); ++l) {
    const auto terms = sum([&](const Candidate& c) { return c.lot == l; });
    if (!terms.empty()) lp << " lot" << l << ":" << terms << " <= " << good.lots[l]->quantity << "\n";
  }
  for (std::size_t o = 0; o < good.offers.size(); ++o) {
    const auto terms = sum([&](const Candidate& c) { return c.offer == o; });
    if (!terms.empty()) lp << " offer" << o << ":" << terms << " <= " << good.offers[o].limit << "\n";
  }
  for (std::size_t r = 0; r < good.requests.size(); ++r) {
    const auto terms = sum([&](const Candidate& c) { return c.request == r; });
    if (terms.empty()) continue;  // nothing can reach it: it takes no part in the fairness
    const auto q = good.requests[r]->quantity;
    lp << " need" << r << ":" << terms << " <= " << q << "\n";
    lp << " fair" << r << ":" << terms << " - " << q << " t >= 0\n";
  }
  lp << "Bounds\n 0 <= t <= 1\nEnd\n";
  return lp.str();
}

}  // namespace paraat::deploy
