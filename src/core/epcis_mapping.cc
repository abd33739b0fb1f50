#include "core/epcis_mapping.h"

#include <algorithm>
#include <chrono>
#include <set>

#include "core/quantity.h"

namespace paraat::epcis {
namespace {

// What an event does to stock, decided by its business step; the disposition then says which
// status the stock ends in. Steps that only move goods within a site (picking, loading, ...)
// and identifier-lifecycle steps (reserving, encoding) book nothing.
enum class Effect { kNone, kCreate, kReceive, kShip, kVoidShip, kStatus, kCount, kDestroy, kConsume, kSample };

const std::set<std::string>& quarantining_dispositions() {
  static const std::set<std::string> kSet = {
      "damaged", "non_conformant", "needs_replacement", "expired", "no_pedigree_match", "unknown",
      "unavailable", "returned", "non_sellable_other", "inactive"};
  return kSet;
}

const std::set<std::string>& releasing_dispositions() {
  static const std::set<std::string> kSet = {"active", "available", "conformant", "sellable_accessible",
                                             "sellable_not_accessible"};
  return kSet;
}

Effect effect_from_disposition(const std::string& disposition) {
  if (disposition == "destroyed" || disposition == "disposed" || disposition == "stolen") return Effect::kDestroy;
  if (disposition == "dispensed" || disposition == "partially_dispensed" || disposition == "retail_sold") {
    return Effect::kConsume;
  }
  if (disposition.empty()) return Effect::kNone;
  return Effect::kStatus;
}

Effect effect_of(const Event& e) {
  const std::string& s = e.biz_step;
  if (s == "commissioning" || s == "creating_class_instance") {
    return e.action == Action::kAdd ? Effect::kCreate : Effect::kNone;
  }
  if (s == "receiving" || s == "accepting") return Effect::kReceive;
  if (s == "shipping" || s == "departing" || s == "consigning") return Effect::kShip;
  if (s == "void_shipping") return Effect::kVoidShip;
  if (s == "stock_taking" || s == "cycle_counting") return Effect::kCount;
  if (s == "destroying") return Effect::kDestroy;
  if (s == "dispensing" || s == "retail_selling") return Effect::kConsume;
  if (s == "sampling") return Effect::kSample;
  if (s == "reserving" || s == "encoding" || s == "killing") return Effect::kNone;
  if (s == "inspecting" || s == "holding" || s == "sensor_reporting" || s == "repairing" || s.empty() ||
      s.find(':') != std::string::npos) {
    return effect_from_disposition(e.disposition);
  }
  // Within-site handling (picking, packing, loading, storing, ...): a disposition still counts.
  const Effect by_disposition = effect_from_disposition(e.disposition);
  return by_disposition == Effect::kStatus ? Effect::kStatus : Effect::kNone;
}

// paraat's own identifiers for depots and goods without GS1 keys, as exported.
constexpr std::string_view kDepotUri = "urn:x-paraat:depot:";
constexpr std::string_view kClassUri = "urn:x-paraat:class:";

// Lot codes in paraat's class URIs are percent-encoded where a URI needs it (a blank, say).
std::string percent_decoded(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto hex = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      return -1;
    };
    if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// One class-level amount of a good the event names, resolved against the books.
struct Item {
  std::string field;  // "quantityList[0]"
  const Good* good = nullptr;
  std::string lot;
  std::optional<std::int64_t> quantity;  // base units; absent: not stated
};

class Mapper {
 public:
  Mapper(const Event& event, Books& books) : e_(event), books_(books) {}

  Result<Mapping> run();

 private:
  void fail(const std::string& field, std::string code, std::string reason) {
    errors_.push_back({e_.record, field, std::move(code), std::move(reason)});
  }
  const Depot* depot_of(const std::optional<Location>& place, const char* field);
  const Depot* depot_of_party(const std::vector<PartyOrPlace>& list, const char* field);
  // paraat's own depot URI names a depot that must exist: a typo is an error, not "elsewhere".
  const Depot* own_depot(const std::string& uri, const char* field);
  Result<std::vector<Item>> resolve(const std::vector<QuantityElement>& quantities, const std::vector<ObjectId>& objects,
                                    const std::string& quantity_field, const std::string& object_field, bool use_ilmd);
  // Adds what a logistic unit holds, units inside it included, as items.
  Status expand_unit(const std::string& sscc, const std::string& field, std::vector<Item>& items,
                     std::set<std::string>& path);
  Status aggregate(const std::vector<Item>& items);
  // Whether a containment change can apply to what the unit holds now; records why not.
  Result<bool> check_containment(const ContainmentChange& change);
  std::optional<std::int64_t> base_units(const QuantityElement& q, const TradeItem* item, const Good& good,
                                         const std::string& field);
  MovementLine line(MovementKind kind, const Depot& depot, const Item& item);
  void add(MovementLine line) { out_.lines.push_back(std::move(line)); }

  void create(const Depot& at, const std::vector<Item>& items);
  Status receive(const Depot& at, const std::vector<Item>& items);
  Status ship(const Depot& from, const std::vector<Item>& items);
  Status void_ship(const Depot& at, const std::vector<Item>& items);
  Status set_status(const Depot& at, const std::vector<Item>& items);
  Status destroy(const Depot& at, const std::vector<Item>& items);
  void count(const Depot& at, const std::vector<Item>& items);
  void consume(const Depot& at, const std::vector<Item>& items, const std::string& reason);
  Status monitor(const Depot* at, const std::vector<Item>& items);
  // The lots an item names at a depot (every depot when null) at the event's time.
  Result<std::vector<LotBalance>> lots_of(const Depot* depot, const Item& item);
  void change_status(const Depot& depot, const LotBalance& lot, MovementKind kind, const std::string& reason);

  const Event& e_;
  Books& books_;
  Mapping out_;
  std::vector<ErrorDetail> errors_;
  std::set<std::pair<GoodId, std::string>> status_changed_;  // lots already given a status here
  std::vector<std::string> child_units_;  // an AggregationEvent's SSCCs among its children
  std::set<std::string> expanded_;        // logistic units this event's objects expanded
};

const Depot* Mapper::own_depot(const std::string& uri, const char* field) {
  const Depot* depot = books_.depot_by_id(uri.substr(kDepotUri.size()));
  if (!depot) {
    const bool reported = std::any_of(errors_.begin(), errors_.end(),
                                      [&](const ErrorDetail& e) { return e.field == field; });
    if (!reported) fail(field, "UNKNOWN_DEPOT", "'" + uri + "' names no depot paraat knows");
  }
  return depot;
}

const Depot* Mapper::depot_of(const std::optional<Location>& place, const char* field) {
  if (!place) return nullptr;
  if (!place->gln.empty()) return books_.depot_by_gln(place->gln);
  if (place->uri.starts_with(kDepotUri)) return own_depot(place->uri, field);
  return nullptr;
}

const Depot* Mapper::depot_of_party(const std::vector<PartyOrPlace>& list, const char* field) {
  for (const auto& p : list) {
    if (p.type != "location") continue;
    if (!p.gln.empty()) return books_.depot_by_gln(p.gln);
    if (p.uri.starts_with(kDepotUri)) return own_depot(p.uri, field);
    return nullptr;
  }
  return nullptr;
}

// Same-dimension units a quantity may be given in, as exact factors to the good's base unit.
std::optional<Rational> unit_factor(const std::string& from, const std::string& to) {
  struct Scale {
    const char* code;
    const char* dimension;
    std::int64_t micro;  // millionths of the dimension's reference unit
  };
  static constexpr Scale kScales[] = {
      {"GRM", "mass", 1'000},      {"KGM", "mass", 1'000'000}, {"TNE", "mass", 1'000'000'000},
      {"MLT", "volume", 1'000},    {"LTR", "volume", 1'000'000}, {"MTQ", "volume", 1'000'000'000},
  };
  const Scale* a = nullptr;
  const Scale* b = nullptr;
  for (const auto& s : kScales) {
    if (from == s.code) a = &s;
    if (to == s.code) b = &s;
  }
  if (!a || !b || std::string_view(a->dimension) != b->dimension) return std::nullopt;
  auto r = Rational::make(a->micro, b->micro);
  if (!r.ok()) return std::nullopt;
  return *r;
}

bool is_count_unit(const std::string& uom) { return uom.empty() || uom == "EA" || uom == "H87" || uom == "C62"; }

std::optional<std::int64_t> Mapper::base_units(const QuantityElement& q, const TradeItem* item, const Good& good,
                                               const std::string& field) {
  if (!q.quantity) return std::nullopt;
  const Rational& amount = *q.quantity;
  Rational factor = Rational::one();
  std::string unit_text = q.uom.empty() ? "a count" : q.uom;
  if (is_count_unit(q.uom) && !is_count_unit(good.unit)) {
    // A count of trade items of a good kept by weight or volume: the trade item says how much
    // one holds.
    if (!item) {
      fail(field + ".uom", "UOM_MISMATCH", "good " + good.id.str() + " is kept in " + good.unit +
                                              "; a count needs a trade item saying how much one holds");
      return std::nullopt;
    }
  }
  if (is_count_unit(q.uom)) {
    if (item) factor = *Rational::make(item->base_units, 1);
  } else if (q.uom == good.unit) {
    factor = Rational::one();
  } else if (auto f = unit_factor(q.uom, good.unit)) {
    factor = *f;
  } else {
    fail(field + ".uom", "UOM_MISMATCH", "quantity in " + q.uom + " cannot be converted to " + good.unit +
                                            ", the base unit of good " + good.id.str() +
                                            " (no conversion between dimensions)");
    return std::nullopt;
  }
  // amount × factor must be a whole number of base units.
  std::int64_t num = 0;
  std::int64_t den = 0;
  if (__builtin_mul_overflow(amount.num(), factor.num(), &num) ||
      __builtin_mul_overflow(amount.den(), factor.den(), &den) || num / den > 1'000'000'000'000'000) {
    fail(field + ".quantity", "INVALID_QUANTITY", "quantity " + amount.to_string() + " is too large");
    return std::nullopt;
  }
  if (num % den != 0) {
    fail(field + ".quantity", "NOT_WHOLE_UNITS", amount.to_string() + " " + unit_text + " is not a whole number of " +
                                                     good.unit + " for good " + good.id.str());
    return std::nullopt;
  }
  return num / den;
}

Result<std::vector<Item>> Mapper::resolve(const std::vector<QuantityElement>& quantities,
                                          const std::vector<ObjectId>& objects, const std::string& quantity_field,
                                          const std::string& object_field, bool use_ilmd) {
  std::vector<Item> items;
  for (std::size_t i = 0; i < quantities.size(); ++i) {
    const QuantityElement& q = quantities[i];
    const std::string field = quantity_field + "[" + std::to_string(i) + "]";
    Item item;
    item.field = field;
    const TradeItem* trade = nullptr;
    if (q.key && !q.key->gtin.empty()) {
      trade = books_.trade_item(q.key->gtin);
      if (!trade) {
        fail(field + ".epcClass", "UNKNOWN_GTIN", "GTIN " + q.key->gtin + " is not a registered trade item");
        continue;
      }
      item.good = books_.good(trade->good);
      item.lot = q.key->lot;
    } else if (q.epc_class.starts_with(kClassUri)) {
      const std::string rest = q.epc_class.substr(kClassUri.size());
      const auto colon = rest.find(':');
      item.good = books_.good(GoodId::trusted(rest.substr(0, colon)));
      if (colon != std::string::npos) item.lot = percent_decoded(rest.substr(colon + 1));
      if (!item.good) {
        fail(field + ".epcClass", "UNKNOWN_GOOD", "good '" + rest.substr(0, colon) + "' is not known");
        continue;
      }
    } else {
      fail(field + ".epcClass", "UNKNOWN_CLASS", "'" + q.epc_class + "' names no GTIN or paraat good");
      continue;
    }
    if (!item.good) {
      fail(field + ".epcClass", "UNKNOWN_GOOD", "the trade item's good is not known");
      continue;
    }
    if (use_ilmd && !e_.ilmd.lot.empty()) item.lot = e_.ilmd.lot;
    item.quantity = base_units(q, trade, *item.good, field);
    if (q.quantity && !item.quantity) continue;  // the failure is recorded
    items.push_back(std::move(item));
  }
  for (std::size_t i = 0; i < objects.size(); ++i) {
    const ObjectId& o = objects[i];
    const std::string field = object_field + "[" + std::to_string(i) + "]";
    if (!o.key) continue;
    if (o.key->kind == EpcIdentifier::Kind::kSscc) {
      if (e_.type == EventType::kAggregation) {
        child_units_.push_back(o.key->sscc);  // packed inside the parent, not expanded
      } else {
        std::set<std::string> path;
        PARAAT_RETURN_IF_ERROR(expand_unit(o.key->sscc, field, items, path));
      }
      continue;
    }
    if (o.key->gtin.empty()) continue;
    const TradeItem* trade = books_.trade_item(o.key->gtin);
    if (!trade || !books_.good(trade->good)) {
      fail(field, "UNKNOWN_GTIN", "GTIN " + o.key->gtin + " is not a registered trade item");
      continue;
    }
    Item item;
    item.field = field;
    item.good = books_.good(trade->good);
    item.lot = use_ilmd ? e_.ilmd.lot : o.key->lot;
    item.quantity = trade->base_units;  // one serialised trade item
    // Serials of one lot and good add up to one line.
    auto same = std::find_if(items.begin(), items.end(), [&](const Item& x) {
      return x.good == item.good && x.lot == item.lot && x.field.starts_with(object_field);
    });
    if (same != items.end() && same->quantity) {
      *same->quantity += *item.quantity;
    } else {
      items.push_back(std::move(item));
    }
  }
  return items;
}

Status Mapper::expand_unit(const std::string& sscc, const std::string& field, std::vector<Item>& items,
                           std::set<std::string>& path) {
  // Units nest (cases on a pallet); a unit recorded inside itself, directly or not, would loop.
  constexpr std::size_t kMaxDepth = 8;
  if (path.count(sscc) || path.size() >= kMaxDepth) {
    fail(field, "CONTAINMENT_LOOP", "logistic unit " + sscc + " is recorded inside itself or nested deeper than 8 levels");
    return {};
  }
  // A case listed beside the pallet it is on, or inside two listed pallets, would move twice.
  if (!expanded_.insert(sscc).second) {
    fail(field, "DUPLICATE_EPC", "logistic unit " + sscc + " is counted twice in this event: listed, or inside "
                                 "another unit listed");
    return {};
  }
  path.insert(sscc);
  struct Leave {
    std::set<std::string>& path;
    const std::string& sscc;
    ~Leave() { path.erase(sscc); }
  } leave{path, sscc};
  PARAAT_ASSIGN_OR_RETURN(auto contents, books_.unit_contents(sscc));
  if (!contents) {
    out_.notes.push_back("logistic unit " + sscc + ": no AggregationEvent recorded its contents, nothing booked for it");
    return {};
  }
  if (contents->empty()) {
    out_.notes.push_back("logistic unit " + sscc + " is recorded as empty, nothing booked for it");
    return {};
  }
  for (const UnitContent& c : *contents) {
    if (!c.unit.empty()) {
      PARAAT_RETURN_IF_ERROR(expand_unit(c.unit, field, items, path));
      continue;
    }
    const Good* good = books_.good(c.good);
    if (!good) {
      fail(field, "UNKNOWN_GOOD", "logistic unit " + sscc + " holds good '" + c.good.str() + "', which is not known");
      continue;
    }
    Item item;
    item.field = field;
    item.good = good;
    item.lot = c.lot;
    item.quantity = c.quantity;
    items.push_back(std::move(item));
  }
  out_.notes.push_back("logistic unit " + sscc + ": booked as its recorded contents");
  return {};
}

// An AggregationEvent books nothing; it records what a logistic unit holds so that shipping or
// receiving the unit by its SSCC alone moves its contents.
Status Mapper::aggregate(const std::vector<Item>& items) {
  if (e_.parent_id.empty()) {
    if (e_.action != Action::kObserve) fail("parentID", "REQUIRED", "an AggregationEvent that adds or deletes names its parent");
    return {};
  }
  auto parent = parse_epc(e_.parent_id);
  if (!parent.ok() || parent->kind != EpcIdentifier::Kind::kSscc) {
    out_.notes.push_back("parent " + e_.parent_id + " is not an SSCC: the containment is kept with the event only");
    return {};
  }
  ContainmentChange change;
  change.sscc = parent->sscc;
  for (const Item& item : items) {
    if (!item.quantity) {
      out_.notes.push_back(item.field + ": quantity not stated, not recorded as contents of " + change.sscc);
      continue;
    }
    change.contents.push_back({item.good->id, item.lot, *item.quantity, ""});
  }
  for (const std::string& unit : child_units_) {
    if (unit == change.sscc) {
      fail("childEPCs", "CONTAINMENT_LOOP", "logistic unit " + unit + " cannot be packed inside itself");
      return {};
    }
    change.contents.push_back({GoodId{}, "", 0, unit});
  }
  const bool children = !e_.quantities.empty() || !e_.epcs.empty();
  switch (e_.action) {
    case Action::kAdd:
      change.kind = ContainmentChange::Kind::kAdd;
      break;
    case Action::kDelete:
      change.kind = children ? ContainmentChange::Kind::kRemove : ContainmentChange::Kind::kEmpty;
      break;
    case Action::kObserve:
      if (!children) return {};
      change.kind = ContainmentChange::Kind::kReplace;  // what was seen in it is what it holds
      break;
    case Action::kNone:
      return {};
  }
  PARAAT_ASSIGN_OR_RETURN(const bool applies, check_containment(change));
  if (!applies) return {};
  out_.notes.push_back("logistic unit " + change.sscc + ": contents recorded, nothing booked");
  out_.containment = std::move(change);
  return {};
}

Result<bool> Mapper::check_containment(const ContainmentChange& change) {
  using Kind = ContainmentChange::Kind;
  // Contents seen or emptied before a later recorded change would undo that change. Adding and
  // removing commute, so late ones still apply.
  if (change.kind == Kind::kReplace || change.kind == Kind::kEmpty) {
    PARAAT_ASSIGN_OR_RETURN(const auto changed, books_.unit_changed_at(change.sscc));
    if (changed && e_.event_time < *changed) {
      fail("eventTime", "OUT_OF_ORDER", "logistic unit " + change.sscc + " was changed by a later event (" +
                                            format_instant(*changed) + "); contents seen or emptied before it "
                                            "would undo that: send the events in the order they happened");
      return false;
    }
    return true;
  }
  PARAAT_ASSIGN_OR_RETURN(const auto contents, books_.unit_contents(change.sscc));
  const std::vector<UnitContent> none;
  const auto& held = contents ? *contents : none;
  bool ok = true;
  for (const auto& c : change.contents) {
    std::int64_t have = 0;
    bool unit_inside = false;
    for (const auto& h : held) {
      if (c.unit.empty() && h.unit.empty() && h.good == c.good && h.lot == c.lot) have += h.quantity;
      if (!c.unit.empty() && h.unit == c.unit) unit_inside = true;
    }
    const std::string what = c.unit.empty() ? "lot '" + c.lot + "' of " + c.good.str() : "logistic unit " + c.unit;
    if (change.kind == Kind::kRemove && (c.unit.empty() ? c.quantity > have : !unit_inside)) {
      fail(c.unit.empty() ? "childQuantityList" : "childEPCs", "NOT_IN_UNIT",
           "logistic unit " + change.sscc + " holds " + (c.unit.empty() ? std::to_string(have) + " of " : "no ") + what +
               (c.unit.empty() ? "; cannot take out " + std::to_string(c.quantity) : ""));
      ok = false;
    }
    if (change.kind == Kind::kAdd && c.unit.empty() && have > kMaxBalance - c.quantity) {
      fail("childQuantityList", "OUT_OF_RANGE",
           "logistic unit " + change.sscc + " would hold more than 10^15 of " + what);
      ok = false;
    }
  }
  return ok;
}

MovementLine Mapper::line(MovementKind kind, const Depot& depot, const Item& item) {
  MovementLine l;
  // Stock taken from a lot belongs to the lot's owner, who need not own the depot (goods
  // received from another state's stockpile stay that state's).
  const bool takes_from_lot = kind != MovementKind::kReceipt && kind != MovementKind::kTransferIn &&
                              kind != MovementKind::kCancel && !item.lot.empty();
  if (takes_from_lot) {
    auto owners = books_.lot_owners(depot.id, item.good->id, item.lot);
    if (owners.ok() && owners->size() == 1) l.owner = owners->front();
  }
  l.record = e_.record + "." + item.field;
  l.id = movement_id(e_, out_.lines.size());
  l.kind = kind;
  l.depot = depot.id;
  l.good = item.good->id;
  l.lot = item.lot;
  l.quantity = item.quantity.value_or(0);
  l.unit = item.good->unit;
  l.day = local_date(e_);
  l.at = e_.event_time;
  return l;
}

void Mapper::create(const Depot& at, const std::vector<Item>& items) {
  for (const Item& item : items) {
    if (!item.quantity) {
      out_.notes.push_back(item.field + ": quantity not stated, nothing booked");
      continue;
    }
    if (item.lot.empty()) {
      fail(item.field, "LOT_REQUIRED", "commissioning at " + at.id.str() + " needs a lot (cbvmda:lotNumber or an LGTIN)");
      continue;
    }
    MovementLine l = line(MovementKind::kReceipt, at, item);
    l.source = "production";
    l.expiry = e_.ilmd.expiry;
    if (quarantining_dispositions().count(e_.disposition)) l.status = LotStatus::kQuarantined;
    add(std::move(l));
  }
}

Status Mapper::receive(const Depot& at, const std::vector<Item>& items) {
  // Transfers this receipt may close: those its business transactions opened, else any open
  // transfer into this depot, oldest first.
  std::vector<std::string> named;
  for (const auto& t : e_.transactions) {
    PARAAT_ASSIGN_OR_RETURN(auto ids, books_.transfers_of(t.id));
    named.insert(named.end(), ids.begin(), ids.end());
  }
  std::vector<TransferStatus> candidates;
  if (named.empty()) {
    PARAAT_ASSIGN_OR_RETURN(candidates, books_.open_transfers(at.id));
  } else {
    PARAAT_ASSIGN_OR_RETURN(candidates, books_.open_transfers_among(named));
    std::erase_if(candidates, [&](const TransferStatus& t) { return t.to != at.id; });
  }
  const bool quarantined = quarantining_dispositions().count(e_.disposition) > 0;
  for (const Item& item : items) {
    if (!item.quantity) {
      out_.notes.push_back(item.field + ": quantity not stated, nothing booked");
      continue;
    }
    std::int64_t left = *item.quantity;
    for (auto& t : candidates) {
      if (left == 0) break;
      if (t.good != item.good->id || t.in_transit <= 0) continue;
      if (!item.lot.empty() && t.lot != item.lot) continue;
      const std::int64_t take = std::min(left, t.in_transit);
      Item part = item;
      part.lot = t.lot;
      part.quantity = take;
      MovementLine l = line(MovementKind::kTransferIn, at, part);
      l.transfer = t.id;
      add(std::move(l));
      t.in_transit -= take;
      left -= take;
      if (quarantined && status_changed_.insert({item.good->id, t.lot}).second) {
        MovementLine q = line(MovementKind::kQuarantine, at, part);
        q.quantity = 0;
        q.reason = e_.disposition;
        add(std::move(q));
      }
    }
    if (left == 0) continue;
    if (item.lot.empty()) {
      fail(item.field, "LOT_REQUIRED", "receiving at " + at.id.str() + " needs a lot (no shipment in transit matches)");
      continue;
    }
    Item rest = item;
    rest.quantity = left;
    MovementLine l = line(MovementKind::kReceipt, at, rest);
    l.source = "supplier";
    l.expiry = e_.ilmd.expiry;
    if (quarantined) l.status = LotStatus::kQuarantined;
    add(std::move(l));
  }
  return {};
}

Status Mapper::ship(const Depot& from, const std::vector<Item>& items) {
  const Depot* to = depot_of_party(e_.destinations, "destinationList");
  if (!to) to = depot_of(e_.biz_location, "bizLocation");
  for (const Item& item : items) {
    if (!item.quantity) {
      out_.notes.push_back(item.field + ": quantity not stated, nothing booked");
      continue;
    }
    if (to && to->id != from.id) {
      MovementLine l = line(MovementKind::kTransferOut, from, item);
      l.to_depot = to->id;
      out_.transfers.push_back(l.id);
      add(std::move(l));
    } else {
      // Leaving paraat's books: to a place paraat does not manage.
      MovementLine l = line(MovementKind::kIssue, from, item);
      l.reason = "shipped to " + (e_.destinations.empty() ? std::string("an unstated destination")
                                                          : e_.destinations.front().uri);
      add(std::move(l));
    }
  }
  return {};
}

Status Mapper::void_ship(const Depot& at, const std::vector<Item>& items) {
  std::vector<std::string> named;
  for (const auto& t : e_.transactions) {
    PARAAT_ASSIGN_OR_RETURN(auto ids, books_.transfers_of(t.id));
    named.insert(named.end(), ids.begin(), ids.end());
  }
  if (named.empty()) {
    fail("bizTransactionList", "UNKNOWN_SHIPMENT",
         "void_shipping must name the despatch advice or bill of lading of a shipment paraat recorded");
    return {};
  }
  // Only a shipment still wholly on its way can be declared never sent: once part of it was
  // received, undoing the dispatch would leave that part counted twice.
  PARAAT_ASSIGN_OR_RETURN(auto open, books_.open_transfers_among(named));
  for (const auto& id : named) {
    const auto it = std::find_if(open.begin(), open.end(), [&](const TransferStatus& t) { return t.id == id; });
    if (it == open.end() || it->in_transit < it->shipped) {
      fail("bizTransactionList", "SHIPMENT_RECEIVED",
           "shipment " + id + " has already been received, in part or in full; it cannot be voided");
      return {};
    }
  }
  std::set<std::string> cancelled;
  for (const Item& item : items) {
    for (const auto& id : named) {
      if (cancelled.count(id)) continue;
      MovementLine l = line(MovementKind::kCancel, at, item);
      l.ref = id;
      l.quantity = 0;
      l.lot.clear();
      add(std::move(l));
      cancelled.insert(id);
    }
  }
  return {};
}

Result<std::vector<LotBalance>> Mapper::lots_of(const Depot* depot, const Item& item) {
  std::optional<DepotId> where;
  if (depot) where = depot->id;
  return books_.lots(where, item.good->id, item.lot, e_.event_time);
}

void Mapper::change_status(const Depot& depot, const LotBalance& lot, MovementKind kind, const std::string& reason) {
  if (!status_changed_.insert({lot.good, lot.lot}).second) return;
  MovementLine l;
  l.record = e_.record;
  l.id = movement_id(e_, out_.lines.size());
  l.kind = kind;
  l.depot = depot.id;
  l.good = lot.good;
  l.lot = lot.lot;
  l.owner = lot.owner;
  l.reason = reason;
  l.day = local_date(e_);
  l.at = e_.event_time;
  add(std::move(l));
}

Status Mapper::set_status(const Depot& at, const std::vector<Item>& items) {
  const std::string& d = e_.disposition;
  const bool recall = d == "recalled";
  const bool quarantine = quarantining_dispositions().count(d) > 0;
  const bool release = releasing_dispositions().count(d) > 0;
  if (!recall && !quarantine && !release) {
    if (!d.empty()) out_.notes.push_back("disposition " + d + " changes no stock status in paraat");
    return {};
  }
  for (const Item& item : items) {
    // A recall concerns the lot wherever it is.
    PARAAT_ASSIGN_OR_RETURN(auto lots, lots_of(recall ? nullptr : &at, item));
    if (lots.empty()) out_.notes.push_back(item.field + ": no stock of it at " + at.id.str());
    for (const auto& lot : lots) {
      if (recall && lot.status != LotStatus::kRecalled) {
        change_status(at, lot, MovementKind::kRecall, "recalled");
      } else if (quarantine && lot.status == LotStatus::kAvailable) {
        change_status(at, lot, MovementKind::kQuarantine, d);
        if (item.quantity && *item.quantity < lot.quantity) {
          out_.notes.push_back(item.field + ": " + std::to_string(*item.quantity) + " of " +
                               std::to_string(lot.quantity) + " reported " + d +
                               "; paraat keeps status per lot, so lot " + lot.lot + " is quarantined");
        }
      } else if (release && lot.status != LotStatus::kAvailable) {
        change_status(at, lot, MovementKind::kRelease, d);
      }
    }
  }
  return {};
}

Status Mapper::destroy(const Depot& at, const std::vector<Item>& items) {
  const std::string reason = e_.disposition == "stolen" ? "stolen" : e_.disposition == "expired" ? "expired" : "other";
  for (const Item& item : items) {
    if (item.quantity) {
      if (item.lot.empty()) {
        // Disposal without a lot: the ledger takes the earliest-expiring stock.
        fail(item.field, "LOT_REQUIRED", "destroying at " + at.id.str() + " needs a lot");
        continue;
      }
      MovementLine l = line(MovementKind::kDispose, at, item);
      l.reason = reason;
      add(std::move(l));
      continue;
    }
    // No quantity: all of the lot (or of each lot of the good) at this depot.
    PARAAT_ASSIGN_OR_RETURN(auto lots, lots_of(&at, item));
    for (const auto& lot : lots) {
      Item whole = item;
      whole.lot = lot.lot;
      whole.quantity = lot.quantity;
      MovementLine l = line(MovementKind::kDispose, at, whole);
      l.owner = lot.owner;
      l.reason = reason;
      add(std::move(l));
    }
  }
  return {};
}

void Mapper::count(const Depot& at, const std::vector<Item>& items) {
  for (const Item& item : items) {
    if (!item.quantity) {
      out_.notes.push_back(item.field + ": quantity not stated, nothing counted");
      continue;
    }
    if (item.lot.empty()) {
      fail(item.field, "LOT_REQUIRED", "a stock count at " + at.id.str() + " needs a lot");
      continue;
    }
    MovementLine l = line(MovementKind::kCount, at, item);
    l.reason = e_.biz_step;
    l.count_group = l.id;
    add(std::move(l));
  }
}

void Mapper::consume(const Depot& at, const std::vector<Item>& items, const std::string& reason) {
  for (const Item& item : items) {
    if (!item.quantity) {
      out_.notes.push_back(item.field + ": quantity not stated, nothing booked");
      continue;
    }
    MovementLine l = line(MovementKind::kIssue, at, item);
    l.reason = reason;
    add(std::move(l));
  }
}

Status Mapper::monitor(const Depot* at, const std::vector<Item>& items) {
  const std::string gln = e_.read_point ? e_.read_point->gln : e_.biz_location ? e_.biz_location->gln : "";
  std::vector<ConditionReading> readings;
  for (std::size_t i = 0; i < e_.sensors.size(); ++i) {
    const SensorElement& element = e_.sensors[i];
    for (std::size_t j = 0; j < element.reports.size(); ++j) {
      const auto& report = element.reports[j];
      const std::string field = "sensorElementList[" + std::to_string(i) + "].sensorReport[" + std::to_string(j) + "]";
      ConditionReading r;
      r.event_id = e_.event_id;
      r.gln = gln;
      if (at) r.depot = at->id;
      r.subject = e_.quantities.empty() && e_.epcs.empty() ? "location" : "objects";
      r.type = report.type;
      r.feature = report.feature;
      r.device = report.device_id.empty() ? element.device_id : report.device_id;
      r.exception = report.exception;
      r.from = report.time ? report.time : element.start_time ? element.start_time : element.time;
      r.to = report.time ? report.time : element.end_time ? element.end_time : element.time;
      if (!r.to) r.to = e_.event_time;
      if (!r.from) r.from = r.to;
      r.value = report.value;
      r.min_value = report.min_value;
      r.max_value = report.max_value;
      r.mean_value = report.mean_value;
      r.uom = report.uom;
      auto celsius = [&](const std::optional<double>& v) -> std::optional<double> {
        if (!v || r.type != "Temperature") return std::nullopt;
        return to_celsius(*v, r.uom);
      };
      r.min_celsius = celsius(report.min_value ? report.min_value : report.value);
      r.max_celsius = celsius(report.max_value ? report.max_value : report.value);
      // A reading that cannot be true would quarantine stock, or clear it, on nonsense.
      if (r.min_value && r.max_value && *r.min_value > *r.max_value) {
        fail(field + ".minValue", "IMPLAUSIBLE_READING", "minValue " + std::to_string(*r.min_value) +
                                                             " is above maxValue " + std::to_string(*r.max_value));
      }
      constexpr double kAbsoluteZeroCelsius = -273.15;
      if (r.min_celsius && *r.min_celsius < kAbsoluteZeroCelsius) {
        fail(field, "IMPLAUSIBLE_READING", "a temperature of " + std::to_string(*r.min_celsius) + " °C is below absolute zero");
      }
      if (*r.from > *r.to) fail(field + ".startTime", "IMPLAUSIBLE_READING", "the reading's interval ends before it starts");
      readings.push_back(std::move(r));
    }
  }
  out_.readings = readings;
  if (!at || !errors_.empty()) return {};
  // The lots the readings are about: the event's own, else every lot stored at the place.
  std::vector<LotBalance> subjects;
  if (items.empty()) {
    PARAAT_ASSIGN_OR_RETURN(subjects, books_.lots(at->id, GoodId{}, "", e_.event_time));
  } else {
    for (const Item& item : items) {
      PARAAT_ASSIGN_OR_RETURN(auto lots, lots_of(at, item));
      subjects.insert(subjects.end(), lots.begin(), lots.end());
    }
  }
  for (const auto& r : readings) {
    for (const auto& lot : subjects) {
      const Good* good = books_.good(lot.good);
      const ConditionVerdict verdict = judge(r, good ? good->storage : std::nullopt);
      if (verdict != ConditionVerdict::kExcursion && verdict != ConditionVerdict::kSensorFault) continue;
      ConditionAlert alert;
      alert.event_id = e_.event_id;
      alert.depot = at->id;
      alert.gln = gln;
      alert.good = lot.good;
      alert.lot = lot.lot;
      alert.at = *r.to;
      if (verdict == ConditionVerdict::kSensorFault) {
        alert.kind = "sensor-fault";
        alert.message = r.type + " sensor " + r.device + " reported an error: its readings cannot be trusted";
      } else if (r.exception == "ALARM_CONDITION") {
        alert.kind = "sensor-alarm";
        alert.message = r.type + " alarm from sensor " + r.device;
      } else {
        alert.kind = "temperature-excursion";
        char range[96];
        std::snprintf(range, sizeof range, "%.1f to %.1f °C against a storage range of %d to %d °C",
                      r.min_celsius.value_or(*r.max_celsius), r.max_celsius.value_or(*r.min_celsius),
                      good->storage->min_c, good->storage->max_c);
        alert.message = "temperature " + std::string(range);
      }
      if (verdict == ConditionVerdict::kExcursion && lot.status == LotStatus::kAvailable &&
          !status_changed_.count({lot.good, lot.lot})) {
        alert.quarantine_movement = movement_id(e_, out_.lines.size());
        change_status(*at, lot, MovementKind::kQuarantine, alert.kind);
      }
      out_.alerts.push_back(std::move(alert));
    }
  }
  return {};
}

Result<Mapping> Mapper::run() {
  const bool transformation = e_.type == EventType::kTransformation;
  const bool object_like = e_.type == EventType::kObject || e_.type == EventType::kTransaction;
  const Depot* here = depot_of(e_.biz_location, "bizLocation");
  if (!here) here = depot_of(e_.read_point, "readPoint");

  if (transformation) {
    if (!here && errors_.empty()) {
      out_.notes.push_back("not at a managed location: nothing booked");
    } else if (here) {
      PARAAT_ASSIGN_OR_RETURN(auto inputs, resolve(e_.input_quantities, e_.input_epcs, "inputQuantityList", "inputEPCList", false));
      PARAAT_ASSIGN_OR_RETURN(auto outputs, resolve(e_.output_quantities, e_.output_epcs, "outputQuantityList", "outputEPCList", true));
      if (errors_.empty()) {
        consume(*here, inputs, "transformation");
        create(*here, outputs);
      }
    }
  } else if (e_.type == EventType::kAggregation) {
    // A unit packed where paraat keeps no books may hold goods it does not know: then its
    // contents stay unknown rather than the event being refused.
    const std::size_t errors_before = errors_.size();
    PARAAT_ASSIGN_OR_RETURN(auto items, resolve(e_.quantities, e_.epcs, "childQuantityList", "childEPCs", false));
    if (!here && errors_.size() > errors_before) {
      out_.notes.push_back("not at a managed location and " + errors_[errors_before].reason +
                           ": the unit's contents are not recorded");
      errors_.erase(errors_.begin() + static_cast<std::ptrdiff_t>(errors_before), errors_.end());
    } else if (errors_.size() == errors_before) {
      PARAAT_RETURN_IF_ERROR(aggregate(items));
    }
  } else if (!object_like) {
    out_.notes.push_back(std::string(event_type_name(e_.type)) + ": kept; associations are not booked");
  } else {
    // Sensor readings are judged after the event's own effect, so an excursion reported with a
    // receipt quarantines the lot that just arrived.
    Effect effect = effect_of(e_);
    const Depot* from = depot_of_party(e_.sources, "sourceList");
    if (!from) from = depot_of(e_.read_point, "readPoint");
    if (!from) from = depot_of(e_.biz_location, "bizLocation");
    // The depot whose books the event concerns; elsewhere nothing is booked and GTINs paraat
    // does not know are no error.
    const Depot* acting = effect == Effect::kShip ? from : here;
    const Depot* sensed = depot_of(e_.read_point, "readPoint") ? depot_of(e_.read_point, "readPoint") : here;
    if (!acting && !sensed && errors_.empty()) {
      if (effect != Effect::kNone) out_.notes.push_back("not at a location paraat manages: nothing booked");
      // Readings from anywhere are kept: a logger's record of a journey matters later.
      if (!e_.sensors.empty()) PARAAT_RETURN_IF_ERROR(monitor(nullptr, {}));
      if (errors_.empty()) return std::move(out_);
    }
    const bool ilmd = e_.action == Action::kAdd;
    std::vector<Item> items;
    if (errors_.empty()) {
      PARAAT_ASSIGN_OR_RETURN(items, resolve(e_.quantities, e_.epcs, "quantityList", "epcList", ilmd));
    }
    if (errors_.empty() && acting) {
      switch (effect) {
        case Effect::kCreate: create(*acting, items); break;
        case Effect::kReceive: PARAAT_RETURN_IF_ERROR(receive(*acting, items)); break;
        case Effect::kShip: PARAAT_RETURN_IF_ERROR(ship(*acting, items)); break;
        case Effect::kVoidShip: PARAAT_RETURN_IF_ERROR(void_ship(*acting, items)); break;
        case Effect::kStatus: PARAAT_RETURN_IF_ERROR(set_status(*acting, items)); break;
        case Effect::kCount: count(*acting, items); break;
        case Effect::kDestroy: PARAAT_RETURN_IF_ERROR(destroy(*acting, items)); break;
        case Effect::kConsume: consume(*acting, items, "dispensed"); break;
        case Effect::kSample: consume(*acting, items, "sample"); break;
        case Effect::kNone: break;
      }
    }
    if (errors_.empty() && !e_.sensors.empty()) PARAAT_RETURN_IF_ERROR(monitor(sensed, items));
  }
  if (!errors_.empty()) {
    std::string message = e_.record + " (" + e_.event_id + ") cannot be booked: " + errors_.front().reason;
    return make_error(ErrorCode::kInvalidInput, std::move(message), std::move(errors_));
  }
  return std::move(out_);
}

}  // namespace

std::string movement_id(const Event& event, std::size_t n) {
  return "epcis:" + event.event_id + "#" + std::to_string(n + 1);
}

std::vector<MovementLine> reversal_lines(const Event& declaration, const std::vector<BookedMovement>& movements) {
  std::vector<MovementLine> out;
  // Later movements may depend on earlier ones (a receipt, then its quarantine): undo the
  // latest first.
  for (std::size_t i = movements.size(); i-- > 0;) {
    const BookedMovement& m = movements[i];
    MovementLine l;
    l.record = declaration.record + ".errorDeclaration";
    l.id = "epcis-void:" + declaration.event_id + "#" + std::to_string(movements.size() - i);
    l.reason = declaration.error_declaration ? declaration.error_declaration->reason : "error declared";
    l.day = local_date(declaration);
    l.at = declaration.event_time;
    switch (m.kind) {
      case MovementKind::kQuarantine:
      case MovementKind::kRecall:
      case MovementKind::kHold:
        l.kind = MovementKind::kRelease;
        break;
      case MovementKind::kRelease:
        l.kind = MovementKind::kQuarantine;
        break;
      default:
        l.kind = MovementKind::kCancel;
        l.ref = m.id;
        out.push_back(std::move(l));
        continue;
    }
    l.depot = m.depot;
    l.good = m.good;
    l.lot = m.lot;
    out.push_back(std::move(l));
  }
  return out;
}

Date local_date(const Event& event) {
  const auto offset = parse_offset_minutes(event.time_zone_offset);
  const auto shift = std::chrono::minutes{offset.ok() ? *offset : 0};
  return Date{std::chrono::floor<std::chrono::days>(event.event_time + shift)};
}

Result<Mapping> map_event(const Event& event, Books& books) { return Mapper(event, books).run(); }

}  // namespace paraat::epcis
