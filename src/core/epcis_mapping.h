// From EPCIS events to the ledger: which movements an event means, by its type, action, business
// step and disposition (docs/epcis.md has the table). Only managed locations — depots with a
// GLN — have books; an event elsewhere is kept but moves nothing. Status is kept per lot in
// paraat, so a quarantining disposition quarantines the lot, not a part of it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/condition.h"
#include "core/depot.h"
#include "core/epcis.h"
#include "core/good.h"
#include "core/history.h"
#include "core/movement.h"
#include "core/result.h"

namespace paraat::epcis {

// What the mapping needs to know of the books. The capture implements it over the transaction
// it writes in, so an event sees what earlier events of the same document did.
// What a logistic unit (an SSCC: a pallet, a case) holds, as AggregationEvents packed it: an
// amount of a lot, or another unit packed inside it.
struct UnitContent {
  GoodId good;            // empty for a unit inside
  std::string lot;
  std::int64_t quantity = 0;  // base units of the good
  std::string unit;       // the SSCC of a unit inside; empty for an amount

  bool operator==(const UnitContent&) const = default;
};

// A change an AggregationEvent makes to a unit's recorded contents.
struct ContainmentChange {
  enum class Kind { kAdd, kRemove, kReplace, kEmpty };
  std::string sscc;  // 18 digits
  Kind kind = Kind::kAdd;
  std::vector<UnitContent> contents;

  bool operator==(const ContainmentChange&) const = default;
};

class Books {
 public:
  virtual ~Books() = default;
  virtual const Depot* depot_by_gln(const std::string& gln) = 0;
  virtual const Depot* depot_by_id(const std::string& id) = 0;
  virtual const TradeItem* trade_item(const std::string& gtin) = 0;
  virtual const Good* good(const GoodId& id) = 0;
  // Lots of `good` (one lot when `lot` is not empty) holding stock at `depot` (every depot when
  // absent) at `at`.
  virtual Result<std::vector<LotBalance>> lots(const std::optional<DepotId>& depot, const GoodId& good,
                                               const std::string& lot, Instant at) = 0;
  // Owners of the lot records with this code at the depot; stock taken from a lot belongs to
  // its owner, who need not own the depot.
  virtual Result<std::vector<OrganisationId>> lot_owners(const DepotId& depot, const GoodId& good,
                                                         const std::string& lot) = 0;
  // Transfers into `to` with stock still in transit, oldest first.
  virtual Result<std::vector<TransferStatus>> open_transfers(const DepotId& to) = 0;
  // Transfers opened by earlier events that named this business transaction (a despatch
  // advice, a bill of lading).
  virtual Result<std::vector<std::string>> transfers_of(const std::string& biz_transaction) = 0;
  // Those of these transfers with stock still in transit.
  virtual Result<std::vector<TransferStatus>> open_transfers_among(const std::vector<std::string>& ids) = 0;
  // The recorded contents of a logistic unit; absent when no AggregationEvent ever packed it.
  // When an AggregationEvent last changed a logistic unit's contents; absent when none did.
  virtual Result<std::optional<Instant>> unit_changed_at(const std::string& sscc) = 0;
  virtual Result<std::optional<std::vector<UnitContent>>> unit_contents(const std::string& sscc) = 0;
};

// The movements one event means, with what it did in words. Movement ids are derived from the
// event id, so capturing the same event again posts nothing new.
struct Mapping {
  std::vector<MovementLine> lines;
  std::vector<std::string> notes;           // e.g. "no managed location: nothing to book"
  std::vector<ConditionReading> readings;
  std::vector<ConditionAlert> alerts;       // quarantine_movement set where one was posted
  std::vector<std::string> transfers;       // transfers this event opened
  std::optional<ContainmentChange> containment;  // an AggregationEvent's packing or unpacking
};

// kInvalidInput naming the event and field when the event cannot be booked as it stands (an
// unknown GTIN at a managed location, a unit of another dimension, a receipt without a lot).
Result<Mapping> map_event(const Event& event, Books& books);

// The movement id of the n-th movement an event produced.
std::string movement_id(const Event& event, std::size_t n);

// A movement an event posted, as its reversal needs it.
struct BookedMovement {
  std::string id;
  MovementKind kind = MovementKind::kReceipt;
  DepotId depot;
  GoodId good;
  std::string lot;

  bool operator==(const BookedMovement&) const = default;
};

// Lines that undo what an erroneous event posted, latest first: a cancel of each movement that
// moved stock, the opposite change of each status change.
std::vector<MovementLine> reversal_lines(const Event& declaration, const std::vector<BookedMovement>& movements);

// The civil date of an event where it happened (its eventTimeZoneOffset).
Date local_date(const Event& event);

}  // namespace paraat::epcis
