// The movement ledger's rules: what kinds of movement exist, which accounts each one moves stock
// between, and when in a day a date-only movement happens. The sign of every movement kind is
// defined here and nowhere else; balances, stock cards and reports all derive from it.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "core/time.h"

namespace paraat {

enum class MovementKind {
  kReceipt,      // from a supplier, production, a donation in kind, or opening balance
  kIssue,        // consumption
  kTransferOut,  // to another depot: stock becomes a pending transfer (in transit)
  kTransferIn,   // receipt of a pending transfer, in full or in part
  kTransitLoss,  // part of a pending transfer lost on the way
  kDeploy,       // to a crisis region
  kDispose,      // expired, damaged, lost, ...; reason required
  kDonate,       // given away (e.g. to a third country), out of the books
  kReturn,       // back from a deployment for reuse
  kAdjust,       // signed correction with a reason
  kCount,        // physical count: the absolute quantity found
  kCancel,       // reverses an earlier movement, effective at that movement's time
  kRepack,       // pack-size change; base units are conserved
  kQuarantine,   // lot status changes: no quantity moves
  kRelease,
  kRecall,
  kHold,
  kReserve,      // set stock aside for a request; no quantity moves
  kUnreserve,
  kMerge,        // a duplicate record of the same physical lot joins the lot that stays,
                 // history included; no quantity moves
};

std::string_view movement_kind_name(MovementKind kind);  // "receipt", "transfer-out", ...
Result<MovementKind> parse_movement_kind(std::string_view text);

// A place stock can be in. Only stock and transit accounts have balances that must never go
// negative; the others are the outside world (sources and sinks), kept so every entry balances.
enum class AccountKind {
  kStock,          // ref: depot id (a lot's stock at that depot)
  kTransit,        // ref: transfer id (a pending transfer of a lot)
  kSource,         // ref: supplier | production | donation | opening | discrepancy | return
  kConsumed,       // ref: empty
  kDeployed,       // ref: NUTS region
  kDisposed,       // ref: reason
  kDonated,        // ref: recipient
  kAdjustment,     // ref: reason
  kLostInTransit,  // ref: transfer id
};

std::string_view account_kind_name(AccountKind kind);
Result<AccountKind> parse_account_kind(std::string_view text);
bool has_balance(AccountKind kind);  // stock and transit

struct Account {
  AccountKind kind = AccountKind::kStock;
  std::string ref;

  auto operator<=>(const Account&) const = default;
};
std::string format_account(const Account& account);  // "stock:NL-D1", "disposed:expired"

// When, within its business day, a movement takes effect. Date-only movements follow the
// convention of the stock cases: incoming stock counts from the start of the day, outgoing
// stock at its end; a movement with a time of day sits between them, in time order.
enum class DayPart { kStartOfDay = 0, kAtTime = 1, kEndOfDay = 2 };

struct BusinessTime {
  Date day{};                  // the depot's local civil date
  DayPart part = DayPart::kAtTime;
  std::optional<Instant> at;   // the instant, for kAtTime

  // Ordered by day, then part, then instant: the order balances are computed in.
  std::strong_ordering operator<=>(const BusinessTime& other) const;
  bool operator==(const BusinessTime& other) const = default;
};

// "2026-03-09" for a date-only time, the RFC 3339 instant otherwise.
std::string format_business_time(const BusinessTime& time);

// Whether the kind adds to the depot's stock (incoming), takes from it (outgoing), or moves
// nothing. Adjustments and counts are incoming or outgoing by their sign.
enum class Direction { kIncoming, kOutgoing, kNone };
Direction direction_of(MovementKind kind, std::int64_t signed_quantity);

// The day part a date-only movement of this kind and sign takes. Counts state the balance at
// the end of their day, so their adjustments come last whatever their sign.
DayPart date_only_part(MovementKind kind, std::int64_t signed_quantity);

// One double-entry line: `quantity` (> 0) base units of one lot leave `from` and arrive at `to`.
struct Entry {
  Account from;
  Account to;
  std::int64_t quantity = 0;

  bool operator==(const Entry&) const = default;
};

// What a stock-moving kind does, as one entry. `depot` is the depot whose stock changes (for a
// transfer-in, the receiving depot); `other` is the kind's counterpart: the transfer id for
// transfers and transit losses, the source for receipts, the region for deployments, the
// reason for disposals and adjustments, the recipient for donations. For kAdjust the quantity
// is signed. Kinds that move no stock (status changes, reservations, repack) and those whose
// entries depend on stored state (count, cancel) are not handled here.
Result<Entry> entry_for(MovementKind kind, const std::string& depot, const std::string& other,
                        std::int64_t signed_quantity);

// A cancel posts the reverse of each entry of the movement it cancels.
Entry reversed(const Entry& entry);

// Activity of a decaying good after `hours`: quantity × 2^(-hours / half_life_hours).
double decayed(double quantity, double hours, double half_life_hours);

// GS1 Application Identifier (17) expiry "YYMMDD": century by the GS1 sliding window (a year
// more than 50 years behind `today` is in the next century, more than 49 ahead in the previous
// one) and day "00" meaning the month's last day.
Result<Date> parse_gs1_expiry(std::string_view yymmdd, Date today);

}  // namespace paraat
