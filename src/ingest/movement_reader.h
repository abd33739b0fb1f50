// The movement format (docs/movements.md): JSON lines, a JSON array (or {"movements": [...]})
// and CSV, all with the same field names. Every bad line is reported at once with its record
// ("movements.jsonl:3", "movements[2]"), field and reason; only a fully valid batch is returned.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/history.h"
#include "core/movement.h"
#include "core/result.h"

namespace paraat::ingest {

// The field names a movement may have, in documentation order.
const std::vector<std::string>& movement_fields();

// JSON lines (one object per line) or one JSON document holding an array of objects or an
// object {"movements": [...]}. `source` names the input in error records.
Result<std::vector<MovementLine>> read_movements_json(std::string_view text,
                                                      const std::string& source);

// CSV with a header naming any of movement_fields() (id and type required).
Result<std::vector<MovementLine>> read_movements_csv(std::string_view text,
                                                     const std::string& source);

// Balances reported instead of movements: CSV with the header
// depot,good,lot,as_of,quantity,source (lot may be empty: the good's total at the depot), or a
// JSON array of objects with the same fields.
Result<std::vector<BalanceReport>> read_balance_reports(std::string_view text,
                                                        const std::string& source);

}  // namespace paraat::ingest
