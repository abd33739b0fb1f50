#include "ingest/demo_stock.h"

#include <algorithm>
#include <map>
#include <string>

#include "core/quantity.h"

namespace paraat::ingest {
namespace {

// xoshiro256** seeded through splitmix64: fully specified, so a seed gives the same register on
// every platform and compiler (std:: distributions are implementation-defined).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    for (auto& word : state_) word = splitmix(seed);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  // Uniform integer in [lo, hi] (Lemire's multiply-shift; bias below 2^-32 for our ranges).
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
    const auto high = static_cast<std::uint64_t>(
        (static_cast<UInt128>(next()) * span) >> 64);
    return lo + static_cast<std::int64_t>(high);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static std::uint64_t splitmix(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::uint64_t state_[4]{};
};

std::string hex(std::uint64_t value, int width) {
  static const char* kDigits = "0123456789ABCDEF";
  std::string out(static_cast<std::size_t>(width), '0');
  for (int i = width - 1; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kDigits[value & 0xF];
    value >>= 4;
  }
  return out;
}

struct Generator {
  const DemoStockInput& in;
  const DemoStockOptions& options;
  Rng rng;
  Dataset out;
  std::uint64_t lot_counter = 0;
  std::map<GoodId, const Good*> goods;

  // Splits `total` base units into 1-3 lots with expiries spread over the good's shelf life.
  void add_lots(const Depot& depot, const Good& good, std::int64_t total) {
    if (total <= 0) return;
    const std::int64_t count = std::min<std::int64_t>(rng.between(1, 3), total);
    std::int64_t left = total;
    for (std::int64_t i = 0; i < count; ++i) {
      const std::int64_t quantity =
          i + 1 == count ? left : std::max<std::int64_t>(1, left * rng.between(20, 60) / 100);
      left -= quantity;
      MovementLine m;
      m.kind = MovementKind::kReceipt;
      m.source = "opening";
      m.depot = depot.id;
      m.good = good.id;
      m.lot = "GEN" + std::to_string(options.seed) + "-" + hex(++lot_counter, 6);
      m.owner = depot.owner;
      m.quantity = quantity;
      m.generated = true;
      if (good.shelf_life_days) {
        const std::int64_t shelf = *good.shelf_life_days;
        // A few lots have just expired (up to a tenth of the shelf life, at most 30 days ago).
        const std::int64_t remaining = rng.between(-std::min<std::int64_t>(30, shelf / 10), shelf);
        m.expiry = add_days(options.as_of, remaining);
        // Received when made, or today if it was made "in the future" of a short history.
        m.day = std::min(add_days(*m.expiry, -shelf), options.as_of);
      } else {
        m.day = add_days(options.as_of, -rng.between(0, 3 * 365));
      }
      m.id = "demo:" + std::to_string(options.seed) + ":" + depot.id.str() + ":" + good.id.str() +
             ":" + m.lot;
      m.record = m.id;
      out.stock.push_back(std::move(m));
    }
  }
};

}  // namespace

Result<Dataset> generate_demo_stock(const DemoStockInput& in, const DemoStockOptions& options,
                                    Progress& progress) {
  if (in.regions.empty() || in.goods.empty() || in.needs.empty()) {
    return make_error(ErrorCode::kInvalidInput,
                      "demo stock needs regions, goods and the scenarios' needs; "
                      "import the bundled data first (paraat import data/eu)");
  }
  Generator gen{in, options, Rng(options.seed), {}, 0, {}};
  for (const auto& good : in.goods) gen.goods[good.id] = &good;

  std::map<RegionCode, std::int64_t> population;
  for (const auto& p : in.population) population[p.region] = p.total;
  std::map<CountryCode, std::string> country_names;
  for (const auto& c : in.countries) country_names[c.code] = c.name;
  std::map<CountryCode, std::vector<const Region*>> regions_of;
  for (const auto& r : in.regions) regions_of[r.country].push_back(&r);

  // National depots, one per region, with the baseline goods.
  std::size_t done = 0;
  for (const auto& region : in.regions) {
    Depot depot;
    depot.id = DepotId::trusted(region.country.str() + "-NAT-" + region.code.str());
    depot.name = "National depot " + region.name + " (generated)";
    depot.owner = OrganisationId::trusted(region.country.str() + "-NATIONAL");
    depot.kind = DepotKind::kNational;
    depot.country = region.country;
    depot.region = region.code;
    depot.location = region.label_point;
    depot.generated = true;
    const std::int64_t pop = population.count(region.code) ? population[region.code] : 0;
    // Per good, the largest need any scenario covering the region has of it.
    std::map<GoodId, Rational> per_person;
    std::map<GoodId, std::int64_t> per_incident;
    for (const auto& need : in.needs) {
      const auto scenario = std::find_if(in.scenarios.begin(), in.scenarios.end(),
                                         [&](const Scenario& sc) { return sc.id == need.scenario; });
      if (scenario == in.scenarios.end() || !scenario->area.contains(region.code) ||
          !need.area.contains(region.code)) {
        continue;
      }
      if (need.basis == NeedBasis::kIncident) {
        const Rational& q = need.quantity;
        const std::int64_t units = (q.num() * need.incidents + q.den() - 1) / q.den();
        per_incident[need.good] = std::max(per_incident[need.good], units);
        continue;
      }
      auto [it, fresh] = per_person.try_emplace(need.good, need.quantity);
      const Rational& held = it->second;
      const bool larger = static_cast<Int128>(need.quantity.num()) * held.den() >
                          static_cast<Int128>(held.num()) * need.quantity.den();
      if (!fresh && larger) it->second = need.quantity;
    }
    for (const auto& [good_id, rate] : per_person) {
      const auto good = gen.goods.find(good_id);
      if (good == gen.goods.end() || rate.num() == 0) continue;
      // Days of cover between 0.5 and 8, in tenths of a day; quantity rounded up to whole units.
      const std::int64_t tenth_days = gen.rng.between(5, 80);
      const UInt128 numerator =
          static_cast<UInt128>(pop) * static_cast<UInt128>(rate.num()) *
          static_cast<UInt128>(tenth_days);
      const UInt128 denominator = static_cast<UInt128>(rate.den()) * 10;
      const auto quantity = static_cast<std::int64_t>((numerator + denominator - 1) / denominator);
      gen.add_lots(depot, *good->second, quantity);
    }
    for (const auto& [good_id, units] : per_incident) {
      const auto good = gen.goods.find(good_id);
      if (good == gen.goods.end() || per_person.count(good_id)) continue;
      gen.add_lots(depot, *good->second, units * gen.rng.between(0, 3));
    }
    gen.out.depots.push_back(std::move(depot));
    if (++done % 16 == 0) progress.report("generating national depots", done, in.regions.size());
  }
  progress.report("generating national depots", in.regions.size(), in.regions.size());

  // rescEU depots in the real host countries, one per (country, category) holding goods.
  std::map<CountryCode, int> per_country;
  for (const auto& host : in.resceu_hosts) {
    const bool medical = host.category.find("medical") != std::string::npos;
    const bool cbrn = host.category.find("CBRN") != std::string::npos;
    if (!medical && !cbrn) continue;  // e.g. the aerial firefighting fleet holds no goods
    const auto& candidates = regions_of[host.country];
    if (candidates.empty()) continue;
    const Region& region =
        *candidates[static_cast<std::size_t>(gen.rng.between(0, static_cast<std::int64_t>(candidates.size()) - 1))];
    Depot depot;
    depot.id = DepotId::trusted("EU-RESCEU-" + host.country.str() + "-" +
                                std::to_string(++per_country[host.country]));
    depot.name = host.category + ", " + country_names[host.country] + " (generated)";
    depot.owner = OrganisationId::trusted("EU-RESCEU");
    depot.kind = DepotKind::kResceu;
    depot.country = host.country;
    depot.region = region.code;
    depot.location = region.label_point;
    depot.generated = true;
    std::int64_t country_pop = 0;
    for (const auto* r : candidates) country_pop += population.count(r->code) ? population[r->code] : 0;
    for (const auto& line : in.profile) {
      if (line.depot_kind != DepotKind::kResceu) continue;
      const auto good = gen.goods.find(line.good);
      if (good == gen.goods.end()) continue;
      const GoodCategory category = good->second->category;
      const bool wanted = (medical && category == GoodCategory::kMedicalCountermeasure) ||
                          (cbrn && category == GoodCategory::kCbrn);
      if (!wanted) continue;
      const std::int64_t per_100k = gen.rng.between(line.per_100k_min, line.per_100k_max);
      gen.add_lots(depot, *good->second, country_pop / 1000 * per_100k / 100);
    }
    gen.out.depots.push_back(std::move(depot));
  }
  progress.report("generating rescEU depots", 1, 1);
  return std::move(gen.out);
}

}  // namespace paraat::ingest
