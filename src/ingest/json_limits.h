// A guard run before any JSON is parsed: nesting depth. The parser's tree is built and torn down
// recursively, so a body of a few hundred kilobytes of `[[[[…` would exhaust the stack; no
// document paraat reads nests anywhere near the limits used.
#pragma once

#include <string_view>

#include "core/result.h"

namespace paraat::ingest {

// kInvalidInput (code NESTING_TOO_DEEP, naming `record`) when arrays and objects nest deeper
// than `max_depth` anywhere in `text`. Brackets inside strings do not count. Linear, no
// allocation.
Status check_json_nesting(std::string_view text, int max_depth, std::string_view record);

}  // namespace paraat::ingest
