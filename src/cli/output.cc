#include "cli/output.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "core/error_code.h"

namespace paraat::cli {

StderrProgress::StderrProgress() : tty_(isatty(STDERR_FILENO) != 0) {}

StderrProgress::~StderrProgress() {
  if (tty_ && dirty_) std::fputc('\n', stderr);
}

void StderrProgress::report(std::string_view stage, std::size_t done, std::size_t total) {
  if (tty_) {
    std::fprintf(stderr, "\r%-40.*s %zu/%zu", static_cast<int>(stage.size()), stage.data(), done,
                 total);
    dirty_ = true;
  } else if (stage != last_stage_) {
    std::fprintf(stderr, "%.*s ...\n", static_cast<int>(stage.size()), stage.data());
    last_stage_ = stage;
  }
  std::fflush(stderr);
}

int report_error(const Error& error) {
  // A lone detail that only repeats the message adds just its code.
  if (error.details.size() == 1 && error.details[0].reason == error.message) {
    std::cerr << "paraat: " << error.message;
    if (!error.details[0].code.empty()) std::cerr << " [" << error.details[0].code << "]";
    std::cerr << '\n';
    return exit_code(error.code);
  }
  std::cerr << "paraat: " << error.message << '\n';
  for (const auto& d : error.details) {
    std::cerr << "  ";
    if (!d.record.empty()) std::cerr << d.record << ": ";
    if (!d.field.empty()) std::cerr << d.field << ": ";
    std::cerr << d.reason;
    if (!d.code.empty()) std::cerr << " [" << d.code << "]";
    std::cerr << '\n';
  }
  return exit_code(error.code);
}

}  // namespace paraat::cli
