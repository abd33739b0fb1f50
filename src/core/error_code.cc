#include "core/error_code.h"

namespace paraat {
namespace {

struct ErrorCodeInfo {
  ErrorCode code;
  std::string_view name;
  int exit_code;
  int http_status;
};

constexpr ErrorCodeInfo kErrorCodes[] = {
    {ErrorCode::kUsage, "usage", 2, 400},
    {ErrorCode::kInvalidInput, "invalid_input", 65, 422},
    {ErrorCode::kNotFound, "not_found", 66, 404},
    {ErrorCode::kConflict, "conflict", 65, 409},
    {ErrorCode::kBusy, "busy", 75, 503},
    {ErrorCode::kInternal, "internal", 70, 500},
};

const ErrorCodeInfo& info(ErrorCode code) {
  for (const auto& entry : kErrorCodes) {
    if (entry.code == code) return entry;
  }
  return kErrorCodes[5];
}

}  // namespace

int exit_code(ErrorCode code) { return info(code).exit_code; }
int http_status(ErrorCode code) { return info(code).http_status; }
std::string_view error_code_name(ErrorCode code) { return info(code).name; }

}  // namespace paraat
