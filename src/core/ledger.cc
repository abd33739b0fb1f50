#include "core/ledger.h"

#include <cmath>
#include <utility>

#include "core/enum_names.h"

namespace paraat {
namespace {

constexpr EnumNames<MovementKind, 20> kKinds = {{
    {MovementKind::kReceipt, "receipt"},
    {MovementKind::kIssue, "issue"},
    {MovementKind::kTransferOut, "transfer-out"},
    {MovementKind::kTransferIn, "transfer-in"},
    {MovementKind::kTransitLoss, "transit-loss"},
    {MovementKind::kDeploy, "deploy"},
    {MovementKind::kDispose, "dispose"},
    {MovementKind::kDonate, "donate"},
    {MovementKind::kReturn, "return"},
    {MovementKind::kAdjust, "adjust"},
    {MovementKind::kCount, "count"},
    {MovementKind::kCancel, "cancel"},
    {MovementKind::kRepack, "repack"},
    {MovementKind::kQuarantine, "quarantine"},
    {MovementKind::kRelease, "release"},
    {MovementKind::kRecall, "recall"},
    {MovementKind::kHold, "hold"},
    {MovementKind::kReserve, "reserve"},
    {MovementKind::kUnreserve, "unreserve"},
    {MovementKind::kMerge, "merge"},
}};

constexpr EnumNames<AccountKind, 9> kAccounts = {{
    {AccountKind::kStock, "stock"},
    {AccountKind::kTransit, "transit"},
    {AccountKind::kSource, "source"},
    {AccountKind::kConsumed, "consumed"},
    {AccountKind::kDeployed, "deployed"},
    {AccountKind::kDisposed, "disposed"},
    {AccountKind::kDonated, "donated"},
    {AccountKind::kAdjustment, "adjustment"},
    {AccountKind::kLostInTransit, "lost-in-transit"},
}};

Error rule_error(std::string reason) {
  return make_error(ErrorCode::kInvalidInput, reason, {{"", "", "INVALID_MOVEMENT", reason}});
}

}  // namespace

std::string_view movement_kind_name(MovementKind kind) { return enum_name(kKinds, kind); }
Result<MovementKind> parse_movement_kind(std::string_view text) {
  return parse_enum_name(kKinds, text, "movement type", "UNKNOWN_MOVEMENT_TYPE");
}

std::string_view account_kind_name(AccountKind kind) { return enum_name(kAccounts, kind); }
Result<AccountKind> parse_account_kind(std::string_view text) {
  return parse_enum_name(kAccounts, text, "account", "UNKNOWN_ACCOUNT");
}

bool has_balance(AccountKind kind) {
  return kind == AccountKind::kStock || kind == AccountKind::kTransit;
}

std::string format_account(const Account& account) {
  std::string out(account_kind_name(account.kind));
  if (!account.ref.empty()) out += ":" + account.ref;
  return out;
}

std::strong_ordering BusinessTime::operator<=>(const BusinessTime& other) const {
  if (auto c = day <=> other.day; c != 0) return c;
  if (auto c = part <=> other.part; c != 0) return c;
  const Instant a = at.value_or(Instant{});
  const Instant b = other.at.value_or(Instant{});
  return a <=> b;
}

std::string format_business_time(const BusinessTime& time) {
  if (time.part == DayPart::kAtTime && time.at) return format_instant(*time.at);
  return format_date(time.day);
}

Direction direction_of(MovementKind kind, std::int64_t signed_quantity) {
  switch (kind) {
    case MovementKind::kReceipt:
    case MovementKind::kTransferIn:
    case MovementKind::kReturn:
      return Direction::kIncoming;
    case MovementKind::kIssue:
    case MovementKind::kTransferOut:
    case MovementKind::kTransitLoss:
    case MovementKind::kDeploy:
    case MovementKind::kDispose:
    case MovementKind::kDonate:
      return Direction::kOutgoing;
    case MovementKind::kAdjust:
    case MovementKind::kCount:
    case MovementKind::kCancel:
      return signed_quantity > 0 ? Direction::kIncoming
                                 : signed_quantity < 0 ? Direction::kOutgoing : Direction::kNone;
    default:
      return Direction::kNone;
  }
}

DayPart date_only_part(MovementKind kind, std::int64_t signed_quantity) {
  if (kind == MovementKind::kCount) return DayPart::kEndOfDay;
  return direction_of(kind, signed_quantity) == Direction::kIncoming ? DayPart::kStartOfDay
                                                                     : DayPart::kEndOfDay;
}

Result<Entry> entry_for(MovementKind kind, const std::string& depot, const std::string& other,
                        std::int64_t signed_quantity) {
  const std::int64_t q = signed_quantity < 0 ? -signed_quantity : signed_quantity;
  if (q == 0) return rule_error("quantity must not be 0");
  if (signed_quantity < 0 && kind != MovementKind::kAdjust) {
    return rule_error("quantity must be positive; only adjustments are signed");
  }
  const Account stock{AccountKind::kStock, depot};
  switch (kind) {
    case MovementKind::kReceipt: return Entry{{AccountKind::kSource, other}, stock, q};
    case MovementKind::kIssue: return Entry{stock, {AccountKind::kConsumed, ""}, q};
    case MovementKind::kTransferOut: return Entry{stock, {AccountKind::kTransit, other}, q};
    case MovementKind::kTransferIn: return Entry{{AccountKind::kTransit, other}, stock, q};
    case MovementKind::kTransitLoss:
      return Entry{{AccountKind::kTransit, other}, {AccountKind::kLostInTransit, other}, q};
    case MovementKind::kDeploy: return Entry{stock, {AccountKind::kDeployed, other}, q};
    case MovementKind::kDispose: return Entry{stock, {AccountKind::kDisposed, other}, q};
    case MovementKind::kDonate: return Entry{stock, {AccountKind::kDonated, other}, q};
    case MovementKind::kReturn: return Entry{{AccountKind::kDeployed, other}, stock, q};
    case MovementKind::kAdjust:
      return signed_quantity > 0 ? Entry{{AccountKind::kAdjustment, other}, stock, q}
                                 : Entry{stock, {AccountKind::kAdjustment, other}, q};
    default:
      return rule_error(std::string(movement_kind_name(kind)) + " has no single entry");
  }
}

Entry reversed(const Entry& entry) { return Entry{entry.to, entry.from, entry.quantity}; }

double decayed(double quantity, double hours, double half_life_hours) {
  return quantity * std::exp2(-hours / half_life_hours);
}

Result<Date> parse_gs1_expiry(std::string_view yymmdd, Date today) {
  auto fail = [&](std::string why) {
    return make_error(ErrorCode::kInvalidInput,
                      "invalid GS1 (17) date '" + std::string(yymmdd) + "': " + why,
                      {{"", "", "INVALID_DATE", why}});
  };
  if (yymmdd.size() != 6) return fail("expected YYMMDD");
  for (const char c : yymmdd) {
    if (c < '0' || c > '9') return fail("expected YYMMDD");
  }
  const int yy = (yymmdd[0] - '0') * 10 + (yymmdd[1] - '0');
  const unsigned mm = static_cast<unsigned>((yymmdd[2] - '0') * 10 + (yymmdd[3] - '0'));
  const unsigned dd = static_cast<unsigned>((yymmdd[4] - '0') * 10 + (yymmdd[5] - '0'));
  const int this_year = static_cast<int>(today.year());
  const int century = this_year - this_year % 100;
  const int diff = yy - this_year % 100;
  int year = century + yy;
  if (diff >= 51) year -= 100;
  if (diff <= -50) year += 100;
  if (mm < 1 || mm > 12) return fail("no such month");
  const std::chrono::year_month ym{std::chrono::year{year}, std::chrono::month{mm}};
  if (dd == 0) return last_day_of_month(ym);
  const Date date{ym / std::chrono::day{dd}};
  if (!date.ok()) return fail("no such day in the calendar");
  return date;
}

}  // namespace paraat
