// A movement as submitted: one line of a batch, before it is checked against the books. The
// store turns it into entries (core/ledger.h) inside the transaction that posts the batch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <vector>

#include "core/depot.h"
#include "core/ids.h"
#include "core/ledger.h"
#include "core/time.h"

namespace paraat {

struct MovementLine {
  std::string record;  // where it came from, for errors: "movements.jsonl:3", "batch[2]"
  std::string id;      // client-chosen; resubmitting it returns the first result
  MovementKind kind = MovementKind::kReceipt;
  DepotId depot;       // whose stock changes; for transfer-in the receiving depot
  GoodId good;
  std::string lot;     // empty on an outgoing movement: allocate first-expiry-first-out
  std::optional<OrganisationId> owner;  // default: the depot's owner
  std::int64_t quantity = 0;            // in `unit`; signed only for adjust
  std::string unit;                     // empty or the base unit: base units; a pack name; "pack"
                                        // for the lot's own pack size
  std::optional<Date> expiry;           // receipt of a new lot
  Date day{};                           // business day in the depot's time zone
  std::optional<Instant> at;            // exact time, when known; otherwise date-only
  std::string reason;                   // dispose, adjust and count: why; receipt: override
  std::string source;                   // receipt: supplier (default), production, donation
  std::string transfer;                 // transfer-out (default: the movement id), -in, loss
  std::optional<DepotId> to_depot;      // transfer-out
  std::string target;                   // deploy/return: region; donate: recipient
  std::string ref;                      // cancel: the movement id it cancels; issue/unreserve:
                                        // the reservation it uses
  std::string count_group;              // count: lines sharing it form one count
  bool full_count = false;              // count: lots of the good not in the group count as 0
  bool sum_duplicates = false;          // count: lines of one lot in the group add up (else
                                        // they are refused as duplicates)
  std::optional<std::int64_t> pack_size;  // repack: new base units per pack; count: must match
  std::string stage;                    // transfer-in: delivered | received (default) | verified
  std::optional<LotStatus> status;      // receipt of a new lot: its first status (available)
  bool generated = false;               // made up by the demo generator
};

// One entry of a posted movement, with the lot named rather than numbered.
struct PostedEntry {
  GoodId good;
  std::string lot;
  OrganisationId owner;
  Account from;
  Account to;
  std::int64_t quantity = 0;

  bool operator==(const PostedEntry&) const = default;
};

struct PostedMovement {
  std::string id;
  std::string record;
  std::int64_t seq = 0;     // position in the ledger (recording order)
  bool replayed = false;    // the id was posted before; this is that first result
  MovementKind kind = MovementKind::kReceipt;
  BusinessTime time;
  std::vector<PostedEntry> entries;
  std::vector<std::string> notes;  // e.g. "movements after the count date exist"
};

}  // namespace paraat
