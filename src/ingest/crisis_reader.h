// The crisis document (docs/deployment.md): a JSON object with the crisis start, what affected
// regions request and what donors offer. Every bad field is reported at once with its record
// ("requests[2]"), field and reason; only a fully valid crisis is returned.
#pragma once

#include <string_view>

#include "core/dataset.h"
#include "core/deployment.h"
#include "core/result.h"

namespace paraat::ingest {

// `known` gives the regions, goods and depots the store holds.
Result<Crisis> read_crisis(std::string_view text, const KnownKeys& known);

}  // namespace paraat::ingest
