// GS1 keys — GTIN, GLN, SSCC — and the two URI forms EPCIS events carry them in: EPC URNs
// (urn:epc:id:sgtin:…) and GS1 Digital Link (https://id.gs1.org/01/…). Keys are checked by their
// check digit and returned in canonical form (a GTIN always as GTIN-14), since converting a key
// back to a URN would need the company-prefix length, which the key does not carry.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace paraat {

// The check digit of the data digits before it (GS1 General Specifications 7.9: weights 3, 1,
// 3, … from the right, then 10 − sum mod 10). `digits` must be all digits.
int gs1_check_digit(std::string_view digits);

// A GTIN-8, -12, -13 or -14 as GTIN-14 (left-padded with zeros). Surrounding spaces are
// trimmed; anything else — letters, another length, a wrong check digit — is kInvalidInput
// with the reason (for a check digit, the one expected).
Result<std::string> parse_gtin(std::string_view text);
Result<std::string> parse_gln(std::string_view text);   // 13 digits
Result<std::string> parse_sscc(std::string_view text);  // 18 digits

// What an EPC URN or a Digital Link names, as GS1 keys.
struct EpcIdentifier {
  enum class Kind {
    kSgtin,      // one serialised trade item: gtin + serial
    kLgtin,      // a lot of a trade item (class level): gtin + lot
    kGtinClass,  // any item of a GTIN (urn:epc:idpat:sgtin:…*, or /01/<gtin> alone)
    kSscc,       // a logistic unit
    kSgln,       // a location: gln + extension
    kPgln,       // a party
  };
  Kind kind = Kind::kSgtin;
  std::string gtin = {};       // GTIN-14
  std::string serial = {};     // percent-escapes decoded
  std::string lot = {};        // a string, even when it looks like a date
  std::string sscc = {};
  std::string gln = {};
  std::string extension = {};  // SGLN; empty for none (URN extension "0")

  bool operator==(const EpcIdentifier&) const = default;
};

// Parses `urn:epc:id:sgtin|sscc|sgln|pgln:…`, `urn:epc:class:lgtin:…`, `urn:epc:idpat:sgtin:…`
// and Digital Link paths `/01/<gtin>[/21/<serial>|/10/<lot>]`, `/00/<sscc>`,
// `/414/<gln>[/254/<ext>]`, `/417/<gln>` on any http(s) host. kInvalidInput names what is wrong.
Result<EpcIdentifier> parse_epc(std::string_view uri);

}  // namespace paraat
