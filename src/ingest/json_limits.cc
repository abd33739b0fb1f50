#include "ingest/json_limits.h"

#include <string>

namespace paraat::ingest {

Status check_json_nesting(std::string_view text, int max_depth, std::string_view record) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) {
        const std::string reason = "JSON nested deeper than " + std::to_string(max_depth) + " levels";
        return make_error(ErrorCode::kInvalidInput, reason, {{std::string(record), "", "NESTING_TOO_DEEP", reason}});
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return {};
}

}  // namespace paraat::ingest
