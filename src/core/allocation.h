// First-expiry-first-out allocation of a requested quantity over the lots of a good at a depot.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/depot.h"
#include "core/ids.h"
#include "core/time.h"

namespace paraat {

struct FefoCandidate {
  std::string lot;
  OrganisationId owner;
  std::optional<Date> expiry;  // absent: does not expire
  Date first_received{};       // tie-break among lots without expiry: oldest first
  LotStatus status = LotStatus::kAvailable;
  std::int64_t available = 0;  // on hand minus reserved
};

struct Pick {
  std::size_t candidate = 0;  // index into the candidates given
  std::int64_t quantity = 0;
};

struct FefoAllocation {
  std::vector<Pick> picks;
  std::int64_t short_by = 0;  // what could not be allocated
};

// Earliest expiry first; lots without expiry last, oldest receipt first among them; then lot
// code and owner, so the result never depends on input order. Skips lots with nothing
// available, lots not in status available, and lots expired on `on` (usable through expiry).
FefoAllocation allocate_fefo(const std::vector<FefoCandidate>& candidates,
                             std::int64_t quantity, Date on);

}  // namespace paraat
