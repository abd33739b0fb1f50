#include "core/gs1.h"

#include <algorithm>
#include <vector>

namespace paraat {

namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Error invalid(std::string reason) { return make_error(ErrorCode::kInvalidInput, std::move(reason)); }

// A key of one of `lengths`, check digit verified.
Result<std::string> parse_key(std::string_view text, const char* what, std::initializer_list<std::size_t> lengths) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  const std::string shown(text);
  if (!all_digits(text)) return invalid(std::string(what) + " '" + shown + "' must be digits only");
  if (std::find(lengths.begin(), lengths.end(), text.size()) == lengths.end()) {
    std::string allowed;
    for (const auto n : lengths) allowed += (allowed.empty() ? "" : ", ") + std::to_string(n);
    return invalid(std::string(what) + " '" + shown + "' has " + std::to_string(text.size()) + " digits, not " + allowed);
  }
  const int expected = gs1_check_digit(text.substr(0, text.size() - 1));
  if (text.back() - '0' != expected) {
    return invalid(std::string(what) + " '" + shown + "' has a wrong check digit: it should be " + std::to_string(expected));
  }
  return shown;
}

// "%2F" and friends; a malformed escape is refused.
Result<std::string> percent_decoded(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    auto hex = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      return -1;
    };
    if (i + 2 >= s.size() || hex(s[i + 1]) < 0 || hex(s[i + 2]) < 0) {
      return invalid("'" + std::string(s) + "' has a malformed percent-escape");
    }
    out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
    i += 2;
  }
  return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = s.find(sep, start);
    parts.push_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return parts;
    start = at + 1;
  }
}

// Company prefix + reference, `total` digits together, reassembled with the reference's first
// digit (indicator or extension) in front when `lead` is set, then the check digit appended.
Result<std::string> key_from_urn(std::string_view prefix, std::string_view reference, std::size_t total, bool lead,
                                 const std::string& uri) {
  if (!all_digits(prefix) || (!reference.empty() && !all_digits(reference)) || prefix.size() + reference.size() != total) {
    return invalid("'" + uri + "': company prefix and reference must be " + std::to_string(total) + " digits together");
  }
  std::string data = lead ? std::string(reference.substr(0, 1)) + std::string(prefix) + std::string(reference.substr(1))
                          : std::string(prefix) + std::string(reference);
  return data + static_cast<char>('0' + gs1_check_digit(data));
}

Result<EpcIdentifier> parse_urn(const std::string& uri) {
  const auto parts = split(uri, ':');
  if (parts.size() != 5 || parts[0] != "urn" || parts[1] != "epc") return invalid("'" + uri + "' is not an EPC URN");
  const std::string_view space = parts[2], scheme = parts[3];
  const auto fields = split(parts[4], '.');
  EpcIdentifier id;
  if ((space == "id" && scheme == "sgtin") || (space == "class" && scheme == "lgtin") ||
      (space == "idpat" && scheme == "sgtin")) {
    if (fields.size() != 3) return invalid("'" + uri + "' needs company prefix, item reference and a third field");
    PARAAT_ASSIGN_OR_RETURN(id.gtin, key_from_urn(fields[0], fields[1], 13, true, uri));
    if (space == "idpat") {
      if (fields[2] != "*") return invalid("'" + uri + "': only the pattern '*' is supported");
      id.kind = EpcIdentifier::Kind::kGtinClass;
    } else if (fields[2].empty()) {
      return invalid("'" + uri + "' has an empty " + (scheme == "lgtin" ? "lot" : "serial"));
    } else if (space == "class") {
      id.kind = EpcIdentifier::Kind::kLgtin;
      PARAAT_ASSIGN_OR_RETURN(id.lot, percent_decoded(fields[2]));
    } else {
      id.kind = EpcIdentifier::Kind::kSgtin;
      PARAAT_ASSIGN_OR_RETURN(id.serial, percent_decoded(fields[2]));
    }
    return id;
  }
  if (space == "id" && scheme == "sscc") {
    if (fields.size() != 2) return invalid("'" + uri + "' needs company prefix and serial reference");
    id.kind = EpcIdentifier::Kind::kSscc;
    PARAAT_ASSIGN_OR_RETURN(id.sscc, key_from_urn(fields[0], fields[1], 17, true, uri));
    return id;
  }
  if (space == "id" && scheme == "sgln") {
    if (fields.size() != 3) return invalid("'" + uri + "' needs company prefix, location reference and extension");
    id.kind = EpcIdentifier::Kind::kSgln;
    PARAAT_ASSIGN_OR_RETURN(id.gln, key_from_urn(fields[0], fields[1], 12, false, uri));
    if (fields[2] != "0") {
      PARAAT_ASSIGN_OR_RETURN(id.extension, percent_decoded(fields[2]));
    }
    return id;
  }
  if (space == "id" && scheme == "pgln") {
    if (fields.size() != 2) return invalid("'" + uri + "' needs company prefix and party reference");
    id.kind = EpcIdentifier::Kind::kPgln;
    PARAAT_ASSIGN_OR_RETURN(id.gln, key_from_urn(fields[0], fields[1], 12, false, uri));
    return id;
  }
  return invalid("'" + uri + "': the EPC scheme " + std::string(space) + ":" + std::string(scheme) + " is not supported");
}

Result<EpcIdentifier> parse_digital_link(const std::string& uri) {
  const std::size_t scheme_end = uri.find("://");
  const std::size_t path_start = scheme_end == std::string::npos ? std::string::npos : uri.find('/', scheme_end + 3);
  if (path_start == std::string::npos) return invalid("'" + uri + "' is not a GS1 Digital Link");
  std::string_view path(uri);
  path.remove_prefix(path_start + 1);
  if (const auto query = path.find_first_of("?#"); query != std::string_view::npos) path = path.substr(0, query);
  const auto parts = split(path, '/');
  if (parts.size() % 2 != 0) return invalid("'" + uri + "': a Digital Link path is pairs of AI and value");
  EpcIdentifier id;
  const std::string_view ai = parts[0], key = parts[1];
  const std::size_t pairs = parts.size() / 2;
  auto qualifier = [&](std::string_view expected) -> Result<std::string> {
    if (pairs == 1) return std::string();
    if (pairs != 2 || parts[2] != expected) {
      return invalid("'" + uri + "': after AI " + std::string(ai) + " only /" + std::string(expected) + "/ is supported");
    }
    if (parts[3].empty()) return invalid("'" + uri + "' has an empty value for AI " + std::string(expected));
    return percent_decoded(parts[3]);
  };
  if (ai == "01") {
    PARAAT_ASSIGN_OR_RETURN(id.gtin, parse_gtin(key));
    if (pairs == 1) {
      id.kind = EpcIdentifier::Kind::kGtinClass;
    } else if (parts[2] == "21") {
      id.kind = EpcIdentifier::Kind::kSgtin;
      PARAAT_ASSIGN_OR_RETURN(id.serial, qualifier("21"));
    } else {
      id.kind = EpcIdentifier::Kind::kLgtin;
      PARAAT_ASSIGN_OR_RETURN(id.lot, qualifier("10"));
    }
    return id;
  }
  if ((ai == "00" || ai == "417") && pairs > 1) {
    return invalid("'" + uri + "': AI " + std::string(ai) + " takes no qualifier");
  }
  if (ai == "00") {
    id.kind = EpcIdentifier::Kind::kSscc;
    PARAAT_ASSIGN_OR_RETURN(id.sscc, parse_sscc(key));
    return id;
  }
  if (ai == "414" || ai == "417") {
    id.kind = ai == "414" ? EpcIdentifier::Kind::kSgln : EpcIdentifier::Kind::kPgln;
    PARAAT_ASSIGN_OR_RETURN(id.gln, parse_gln(key));
    if (ai == "414") {
      PARAAT_ASSIGN_OR_RETURN(id.extension, qualifier("254"));
    }
    return id;
  }
  return invalid("'" + uri + "': the Digital Link key AI " + std::string(ai) + " is not supported");
}

}  // namespace

int gs1_check_digit(std::string_view digits) {
  int sum = 0;
  int weight = 3;  // the rightmost data digit weighs 3
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    sum += (*it - '0') * weight;
    weight = 4 - weight;
  }
  return (10 - sum % 10) % 10;
}

Result<std::string> parse_gtin(std::string_view text) {
  PARAAT_ASSIGN_OR_RETURN(std::string gtin, parse_key(text, "GTIN", {8, 12, 13, 14}));
  return std::string(14 - gtin.size(), '0') + gtin;
}

Result<std::string> parse_gln(std::string_view text) { return parse_key(text, "GLN", {13}); }

Result<std::string> parse_sscc(std::string_view text) { return parse_key(text, "SSCC", {18}); }

Result<EpcIdentifier> parse_epc(std::string_view uri) {
  const std::string text(uri);
  if (text.rfind("urn:", 0) == 0) return parse_urn(text);
  if (text.rfind("https://", 0) == 0 || text.rfind("http://", 0) == 0) return parse_digital_link(text);
  return invalid("'" + text + "' is neither an EPC URN nor a GS1 Digital Link");
}

}  // namespace paraat
