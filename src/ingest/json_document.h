// Reading one JSON document strictly: nesting bounded, a syntax error reported with where it
// is, and a key given twice in one object refused (the parser would keep the last silently,
// so `"requests": [...], ..., "requests": []` would drop every request without a word).
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

#include "core/result.h"

namespace paraat::ingest {

// kInvalidInput naming `record` (INVALID_JSON with the parser's message and byte position,
// DUPLICATE_KEY with the key) or the parsed document.
Result<nlohmann::json> parse_strict_json(std::string_view text, std::string_view record, int max_depth);

}  // namespace paraat::ingest
