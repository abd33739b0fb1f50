// Shipments of a deployment plan, read back for checking: the JSON paraat writes (`deploy
// --format json`, or the `items` of POST /api/v1/plans), or any plan in the same fields.
#pragma once

#include <string_view>
#include <vector>

#include "core/deployment.h"
#include "core/result.h"

namespace paraat::ingest {

// A JSON array of shipment objects, or an object whose "items" or "shipments" holds one. Every
// bad field is reported with its record ("shipments[3]").
Result<std::vector<Shipment>> read_shipments(std::string_view text);

}  // namespace paraat::ingest
