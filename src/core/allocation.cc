#include "core/allocation.h"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace paraat {

FefoAllocation allocate_fefo(const std::vector<FefoCandidate>& candidates,
                             std::int64_t quantity, Date on) {
  std::vector<std::size_t> order(candidates.size());
  std::iota(order.begin(), order.end(), 0);
  auto key = [&](std::size_t i) {
    const auto& c = candidates[i];
    // Lots without expiry sort after every dated lot.
    return std::make_tuple(!c.expiry.has_value(), c.expiry.value_or(Date{}), c.first_received,
                           c.lot, c.owner);
  };
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });

  FefoAllocation result;
  std::int64_t left = quantity;
  for (const std::size_t i : order) {
    if (left <= 0) break;
    const auto& c = candidates[i];
    if (c.available <= 0 || c.status != LotStatus::kAvailable) continue;
    if (c.expiry && *c.expiry < on) continue;
    const std::int64_t take = std::min(left, c.available);
    result.picks.push_back({i, take});
    left -= take;
  }
  result.short_by = std::max<std::int64_t>(left, 0);
  return result;
}

}  // namespace paraat
