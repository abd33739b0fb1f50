// The one table that maps each error category to its name, CLI exit code and HTTP status.
#pragma once

#include <string_view>

#include "core/result.h"

namespace paraat {

// Exit codes follow BSD sysexits: 2 usage, 65 bad input (EX_DATAERR), 66 not found
// (EX_NOINPUT), 70 internal (EX_SOFTWARE), 75 busy, try again (EX_TEMPFAIL).
inline constexpr int kExitOk = 0;

int exit_code(ErrorCode code);
int http_status(ErrorCode code);
// Stable lowercase name used in JSON errors, e.g. "invalid_input".
std::string_view error_code_name(ErrorCode code);

}  // namespace paraat
