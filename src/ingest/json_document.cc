#include "ingest/json_document.h"

#include <set>
#include <string>
#include <vector>

#include "ingest/json_limits.h"

namespace paraat::ingest {

Result<nlohmann::json> parse_strict_json(std::string_view text, std::string_view record, int max_depth) {
  using json = nlohmann::json;
  PARAAT_RETURN_IF_ERROR(check_json_nesting(text, max_depth, record));
  std::vector<std::set<std::string>> open_objects;
  std::string duplicate;
  json::parser_callback_t note = [&](int, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::object_start) open_objects.emplace_back();
    if (event == json::parse_event_t::object_end && !open_objects.empty()) open_objects.pop_back();
    if (event == json::parse_event_t::key && !open_objects.empty() && parsed.is_string() && duplicate.empty() &&
        !open_objects.back().insert(parsed.get<std::string>()).second) {
      duplicate = parsed.get<std::string>();
    }
    return true;
  };
  json doc = json::parse(text.begin(), text.end(), note, false);
  if (doc.is_discarded()) {
    // Parsed again to learn where it went wrong: the non-throwing parse does not say.
    std::string where = "not valid JSON";
    try {
      [[maybe_unused]] const json again = json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
      where = e.what();
      // "[json.exception.parse_error.101] parse error at line 1, column 19: ..." without the tag
      if (const auto at = where.find("parse error"); at != std::string::npos) where = where.substr(at);
    }
    return make_error(ErrorCode::kInvalidInput, std::string(record) + " is not valid JSON: " + where,
                      {{std::string(record), "", "INVALID_JSON", where}});
  }
  if (!duplicate.empty()) {
    const std::string reason = "key '" + duplicate + "' appears twice in one object";
    return make_error(ErrorCode::kInvalidInput, std::string(record) + ": " + reason,
                      {{std::string(record), duplicate, "DUPLICATE_KEY", reason}});
  }
  return doc;
}

}  // namespace paraat::ingest
