#include "ingest/movement_reader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <set>

#include "core/quantity.h"
#include "core/units.h"
#include "ingest/csv.h"
#include "ingest/json_limits.h"

namespace paraat::ingest {
namespace {

// Movements and balance reports are flat objects; extensions might add a level or two.
constexpr int kMaxJsonDepth = 16;

using nlohmann::json;

// A line's fields as text, whatever the input format, with where each came from.
struct RawLine {
  std::string record;
  std::map<std::string, std::string> fields;
  std::map<std::string, bool> numeric;  // the JSON value was a number (not a string)
};

class LineBuilder {
 public:
  LineBuilder(const RawLine& raw, std::vector<ErrorDetail>& errors) : raw_(raw), errors_(errors) {}

  std::string text(const std::string& field) const {
    const auto it = raw_.fields.find(field);
    return it == raw_.fields.end() ? std::string() : it->second;
  }
  bool has(const std::string& field) const { return !text(field).empty(); }
  void fail(const std::string& field, const std::string& code, const std::string& reason) {
    errors_.push_back({raw_.record, field, code, reason});
  }

  template <class T, class Parser>
  std::optional<T> parse(const std::string& field, Parser parser) {
    if (!has(field)) return std::nullopt;
    auto result = parser(text(field));
    if (result.ok()) return std::move(result).value();
    const Error& error = result.error();
    fail(field, error.details.empty() ? "INVALID_VALUE" : error.details.front().code, error.message);
    return std::nullopt;
  }

  MovementLine build() {
    MovementLine m;
    m.record = raw_.record;
    m.id = text("id");
    if (m.id.empty()) fail("id", "MISSING_VALUE", "every movement needs a client-chosen id");
    if (m.id.size() > 200) fail("id", "INVALID_ID", "an id has at most 200 characters");
    if (auto kind = parse<MovementKind>("type", parse_movement_kind)) {
      m.kind = *kind;
    } else if (!has("type")) {
      fail("type", "MISSING_VALUE", "type is required (receipt, issue, transfer-out, ...)");
    }
    if (auto depot = parse<DepotId>("depot", parse_depot_id)) m.depot = *depot;
    if (auto good = parse<GoodId>("good", parse_good_id)) m.good = *good;
    m.lot = text("lot");
    m.owner = parse<OrganisationId>("owner", parse_organisation_id);
    m.unit = text("unit");
    quantity(m);
    if (has("expiry") && has("expiry_gs1")) {
      fail("expiry_gs1", "INVALID_VALUE", "give expiry or expiry_gs1, not both");
    } else if (has("expiry")) {
      const std::string e = text("expiry");
      if (e.size() == 7 && e[4] == '-') {
        if (auto first = parse_date(e + "-01"); first.ok()) {
          m.expiry = last_day_of_month(first->year() / first->month());
        } else {
          fail("expiry", "INVALID_DATE", "invalid month '" + e + "': expected YYYY-MM");
        }
      } else {
        m.expiry = parse<Date>("expiry", parse_date);
      }
    }
    if (!m.lot.empty() || !has("expiry")) {
      // fine
    } else {
      fail("expiry", "EXPIRY_WITHOUT_LOT", "an expiry belongs to a lot; give the lot code");
    }
    time(m);
    m.reason = text("reason");
    m.source = text("source");
    m.transfer = text("transfer");
    m.to_depot = parse<DepotId>("to_depot", parse_depot_id);
    m.target = text("target");
    m.ref = text("ref");
    m.count_group = text("count");
    if (has("full_count")) {
      const std::string v = text("full_count");
      if (v == "true" || v == "1") {
        m.full_count = true;
      } else if (v != "false" && v != "0") {
        fail("full_count", "INVALID_FLAG", "full_count must be true or false");
      }
    }
    if (has("pack_size")) {
      auto size = parse_count(text("pack_size"));
      if (!size.ok() || *size == 0) {
        fail("pack_size", "INVALID_QUANTITY", "pack_size must be a whole number of base units above 0");
      } else {
        m.pack_size = *size;
      }
    }
    if (has("duplicates")) {
      const std::string v = text("duplicates");
      if (v == "sum") {
        m.sum_duplicates = true;
      } else if (v != "strict") {
        fail("duplicates", "INVALID_VALUE", "duplicates must be strict or sum");
      }
    }
    m.stage = text("stage");
    m.status = parse<LotStatus>("status", parse_lot_status);
    return m;
  }

  // The expiry's GS1 form needs the business day for its century, so it is read after time().
  void gs1_expiry(MovementLine& m) {
    if (!has("expiry_gs1")) return;
    if (auto e = parse_gs1_expiry(text("expiry_gs1"), m.day); e.ok()) {
      m.expiry = *e;
    } else {
      fail("expiry_gs1", "INVALID_DATE", e.error().message);
    }
  }

 private:
  void quantity(MovementLine& m) {
    const std::string q = text("quantity");
    if (q.empty()) return;  // zero: fine for status changes and stage updates, checked later
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(q.data(), q.data() + q.size(), value);
    // Past 10^18 no unit makes sense, and sums of such values could leave 64 bits.
    constexpr std::int64_t kLargest = 1'000'000'000'000'000'000;
    if ((ec == std::errc::result_out_of_range && end == q.data() + q.size()) ||
        (ec == std::errc() && end == q.data() + q.size() && (value > kLargest || value < -kLargest))) {
      fail("quantity", "OUT_OF_RANGE", "'" + q + "' is beyond the largest quantity a line may carry (10^15 base units)");
      return;
    }
    if (ec == std::errc() && end == q.data() + q.size()) {
      m.quantity = value;
      return;
    }
    // 1e20 or 99999999999999999999 read as a JSON float: too large before it is anything else.
    double magnitude = 0;
    const auto [fend, fec] = std::from_chars(q.data(), q.data() + q.size(), magnitude);
    if (fec == std::errc() && fend == q.data() + q.size() && (magnitude > 1e18 || magnitude < -1e18)) {
      fail("quantity", "OUT_OF_RANGE", "'" + q + "' is beyond the largest quantity a line may carry (10^15 base units)");
      return;
    }
    // 2.5 or "1,5": not a whole number. In packs that is its own, named error.
    const bool in_packs = !m.unit.empty() && !find_unit(m.unit).ok();
    if (in_packs) {
      fail("quantity", "NON_INTEGER_PACKS", "'" + q + "' " + m.unit + " is not a whole number of packs");
    } else {
      fail("quantity", "INVALID_QUANTITY", "'" + q + "' is not a whole number of base units");
    }
  }

  void time(MovementLine& m) {
    const bool has_date = has("date");
    const bool has_time = has("time");
    if (has_date == has_time) {
      fail(has_date ? "time" : "date", has_date ? "INVALID_VALUE" : "MISSING_VALUE",
           "give either date (YYYY-MM-DD, date-only) or time (RFC 3339 with zone), not both");
      return;
    }
    if (has_date) {
      if (auto d = parse<Date>("date", parse_date)) m.day = *d;
      return;
    }
    if (auto t = parse<Instant>("time", parse_instant)) {
      m.at = *t;
      m.day = utc_date(*t);  // replaced by the depot's local day before posting
    }
  }

  const RawLine& raw_;
  std::vector<ErrorDetail>& errors_;
};

Result<std::vector<MovementLine>> build_all(const std::vector<RawLine>& raws,
                                            std::vector<ErrorDetail> errors,
                                            const std::string& source) {
  std::vector<MovementLine> lines;
  for (const auto& raw : raws) {
    for (const auto& [name, value] : raw.fields) {
      const auto& known = movement_fields();
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        errors.push_back({raw.record, name, "UNKNOWN_FIELD", "unknown field '" + name + "'"});
      }
    }
    LineBuilder builder(raw, errors);
    MovementLine line = builder.build();
    builder.gs1_expiry(line);
    lines.push_back(std::move(line));
  }
  if (!errors.empty()) {
    const std::size_t n = errors.size();
    return make_error(ErrorCode::kInvalidInput,
                      std::to_string(n) + (n == 1 ? " problem" : " problems") + " in " + source +
                          "; nothing was posted",
                      std::move(errors));
  }
  return lines;
}

// Parses JSON and notes every key that appears twice in one object, with the index of the
// element at `element_depth` it belongs to (0 for a single object): nlohmann keeps the last
// value silently, and which of two quantities was meant is anyone's guess.
struct DuplicateKey {
  std::size_t element = 0;
  std::string key;
};
json parse_noting_duplicates(std::string_view text, int element_depth, std::vector<DuplicateKey>& duplicates) {
  std::vector<std::set<std::string>> open_objects;
  std::size_t element = 0;
  bool first_element = true;
  json::parser_callback_t note = [&](int depth, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
        if (depth == element_depth) {
          if (!first_element) ++element;
          first_element = false;
        }
        open_objects.emplace_back();
        break;
      case json::parse_event_t::object_end:
        if (!open_objects.empty()) open_objects.pop_back();
        break;
      case json::parse_event_t::key:
        if (!open_objects.empty() && parsed.is_string() &&
            !open_objects.back().insert(parsed.get<std::string>()).second) {
          duplicates.push_back({element, parsed.get<std::string>()});
        }
        break;
      default:
        break;
    }
    return true;
  };
  return json::parse(text.begin(), text.end(), note, false);
}

// One JSON object to raw text fields. Strings stay as they are (a lot "00123" stays text);
// numbers and booleans are written out; nested values are an error.
std::optional<RawLine> raw_from_json(const json& object, const std::string& record,
                                     std::vector<ErrorDetail>& errors) {
  if (!object.is_object()) {
    errors.push_back({record, "", "JSON_SYNTAX", "each movement must be a JSON object"});
    return std::nullopt;
  }
  RawLine raw;
  raw.record = record;
  for (const auto& [key, value] : object.items()) {
    if (value.is_string()) {
      // Trimmed as CSV cells are: " L7 " is lot L7 whichever format it came in.
      std::string_view v = value.get_ref<const std::string&>();
      while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
      while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
      if (v.empty()) continue;  // an empty string is an absent field, as an empty CSV cell
      raw.fields[key] = std::string(v);
    } else if (value.is_number_unsigned()) {
      // Written out as read: a value past int64 must fail as out of range, not wrap around.
      raw.fields[key] = std::to_string(value.get<std::uint64_t>());
      raw.numeric[key] = true;
    } else if (value.is_number_integer()) {
      raw.fields[key] = std::to_string(value.get<std::int64_t>());
      raw.numeric[key] = true;
    } else if (value.is_number_float()) {
      raw.fields[key] = value.dump();
      raw.numeric[key] = true;
    } else if (value.is_boolean()) {
      raw.fields[key] = value.get<bool>() ? "true" : "false";
    } else if (value.is_null()) {
      continue;
    } else {
      errors.push_back({record, key, "INVALID_VALUE", "field '" + key + "' must be a string or number"});
    }
  }
  // A lot code must be text: a number would lose leading zeros ("00123") or turn into 123.0.
  if (raw.numeric.count("lot")) {
    errors.push_back({record, "lot", "AMBIGUOUS_LOT", "give the lot code as a string, e.g. \"00123\""});
  }
  return raw;
}

// One CSV record to raw text fields, trimmed of surrounding blanks (" L7 " is lot L7); empty
// cells are absent.
RawLine raw_from_csv(const CsvTable& table, const CsvRecord& record, const std::string& source) {
  RawLine raw;
  raw.record = source + ":" + std::to_string(record.line);
  for (std::size_t c = 0; c < table.header.size(); ++c) {
    std::string_view v = record.fields[c];
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    if (!v.empty()) raw.fields[table.header[c]] = std::string(v);
  }
  return raw;
}

}  // namespace

const std::vector<std::string>& movement_fields() {
  static const std::vector<std::string> kFields = {
      "id",     "type",   "depot",    "good",   "lot",      "owner",      "quantity",
      "unit",   "expiry", "expiry_gs1", "date", "time",     "reason",     "source",
      "transfer", "to_depot", "target", "ref",  "count",    "full_count", "duplicates",
      "pack_size", "stage", "status"};
  return kFields;
}

Result<std::vector<MovementLine>> read_movements_json(std::string_view text,
                                                      const std::string& source) {
  std::vector<ErrorDetail> errors;
  std::vector<RawLine> raws;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a byte-order mark, as editors write
  PARAAT_RETURN_IF_ERROR(check_json_nesting(text, kMaxJsonDepth, source));
  auto report_duplicates = [&](const std::vector<DuplicateKey>& found, auto record_of) {
    for (const auto& d : found) {
      errors.push_back({record_of(d.element), d.key, "DUPLICATE_FIELD", "field '" + d.key + "' is given twice"});
    }
  };
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '[') {
    std::vector<DuplicateKey> duplicates;
    json doc = parse_noting_duplicates(text, 1, duplicates);
    if (doc.is_discarded() || !doc.is_array()) {
      return make_error(ErrorCode::kInvalidInput, source + " is not valid JSON",
                        {{source, "", "JSON_SYNTAX", "not a valid JSON array"}});
    }
    report_duplicates(duplicates, [&](std::size_t i) { return source + "[" + std::to_string(i) + "]"; });
    for (std::size_t i = 0; i < doc.size(); ++i) {
      if (auto raw = raw_from_json(doc[i], source + "[" + std::to_string(i) + "]", errors)) {
        raws.push_back(std::move(*raw));
      }
    }
    return build_all(raws, std::move(errors), source);
  }
  // A single document {"movements": [...]}, or JSON lines.
  std::vector<DuplicateKey> whole_duplicates;
  json whole = parse_noting_duplicates(text, 2, whole_duplicates);
  if (!whole.is_discarded() && whole.is_object() && whole.contains("movements")) {
    report_duplicates(whole_duplicates, [](std::size_t i) { return "movements[" + std::to_string(i) + "]"; });
    const json& list = whole["movements"];
    if (!list.is_array() || whole.size() != 1) {
      return make_error(ErrorCode::kInvalidInput, source + ": expected {\"movements\": [...]}",
                        {{source, "movements", "JSON_SYNTAX", "expected an array of movements"}});
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (auto raw = raw_from_json(list[i], "movements[" + std::to_string(i) + "]", errors)) {
        raws.push_back(std::move(*raw));
      }
    }
    return build_all(raws, std::move(errors), source);
  }
  std::size_t line_number = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    ++line_number;
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
      if (end == text.size()) break;
      continue;
    }
    const std::string record = source + ":" + std::to_string(line_number);
    std::vector<DuplicateKey> duplicates;
    json object = parse_noting_duplicates(line, 0, duplicates);
    report_duplicates(duplicates, [&](std::size_t) { return record; });
    if (object.is_discarded()) {
      errors.push_back({record, "", "JSON_SYNTAX", "not a valid JSON object"});
    } else if (auto raw = raw_from_json(object, record, errors)) {
      raws.push_back(std::move(*raw));
    }
    if (end == text.size()) break;
  }
  return build_all(raws, std::move(errors), source);
}

Result<std::vector<MovementLine>> read_movements_csv(std::string_view text,
                                                     const std::string& source) {
  auto table = parse_csv(text, source);
  if (!table.ok()) return table.take_error();
  std::vector<ErrorDetail> errors;
  for (const char* required : {"id", "type"}) {
    if (!table->column(required)) {
      errors.push_back({source + ":1", required, "BAD_HEADER", std::string("missing column '") + required + "'"});
    }
  }
  std::set<std::string> columns;
  for (const auto& name : table->header) {
    if (!columns.insert(name).second) {
      errors.push_back({source + ":1", name, "BAD_HEADER", "column '" + name + "' appears twice"});
    }
  }
  std::vector<RawLine> raws;
  for (const auto& record : table->records) {
    raws.push_back(raw_from_csv(*table, record, source));
  }
  return build_all(raws, std::move(errors), source);
}

Result<std::vector<BalanceReport>> read_balance_reports(std::string_view text,
                                                        const std::string& source) {
  std::vector<ErrorDetail> errors;
  std::vector<RawLine> raws;
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '[') {
    PARAAT_RETURN_IF_ERROR(check_json_nesting(text, kMaxJsonDepth, source));
    json doc = json::parse(text.begin(), text.end(), nullptr, false);
    if (doc.is_discarded() || !doc.is_array()) {
      return make_error(ErrorCode::kInvalidInput, source + " is not valid JSON",
                        {{source, "", "JSON_SYNTAX", "not a valid JSON array"}});
    }
    for (std::size_t i = 0; i < doc.size(); ++i) {
      if (auto raw = raw_from_json(doc[i], source + "[" + std::to_string(i) + "]", errors)) {
        raws.push_back(std::move(*raw));
      }
    }
  } else {
    auto table = parse_csv(text, source, &errors);
    if (!table.ok()) return table.take_error();
    if (auto header = check_header(*table, {"depot", "good", "lot", "as_of", "quantity", "source"});
        !header.ok()) {
      return header.take_error();
    }
    for (const auto& record : table->records) {
      raws.push_back(raw_from_csv(*table, record, source));
    }
  }
  std::vector<BalanceReport> out;
  for (const auto& raw : raws) {
    LineBuilder b(raw, errors);
    for (const auto& [name, value] : raw.fields) {
      if (name != "depot" && name != "good" && name != "lot" && name != "as_of" && name != "quantity" &&
          name != "source") {
        errors.push_back({raw.record, name, "UNKNOWN_FIELD", "unknown field '" + name + "'"});
      }
    }
    BalanceReport r;
    r.record = raw.record;
    if (auto depot = b.parse<DepotId>("depot", parse_depot_id)) r.depot = *depot;
    else if (!b.has("depot")) b.fail("depot", "MISSING_VALUE", "depot is required");
    if (auto good = b.parse<GoodId>("good", parse_good_id)) r.good = *good;
    else if (!b.has("good")) b.fail("good", "MISSING_VALUE", "good is required");
    r.lot = b.text("lot");
    if (auto day = b.parse<Date>("as_of", parse_date)) r.as_of = *day;
    else if (!b.has("as_of")) b.fail("as_of", "MISSING_VALUE", "as_of (YYYY-MM-DD) is required");
    if (auto q = b.parse<std::int64_t>("quantity", parse_count)) r.quantity = *q;
    else if (!b.has("quantity")) b.fail("quantity", "MISSING_VALUE", "quantity is required");
    r.source = b.text("source");
    if (r.source.empty()) b.fail("source", "MISSING_VALUE", "say who reports the balance");
    out.push_back(std::move(r));
  }
  if (!errors.empty()) {
    const std::size_t n = errors.size();
    return make_error(ErrorCode::kInvalidInput,
                      std::to_string(n) + (n == 1 ? " problem" : " problems") + " in " + source +
                          "; nothing was recorded",
                      std::move(errors));
  }
  return out;
}

}  // namespace paraat::ingest
