// Progress and errors on stderr.
#pragma once

#include <string>
#include <string_view>

#include "core/progress.h"
#include "core/result.h"

namespace paraat::cli {

// Rewritten in place on a terminal, one line per stage otherwise.
class StderrProgress final : public Progress {
 public:
  StderrProgress();
  ~StderrProgress() override;
  void report(std::string_view stage, std::size_t done, std::size_t total) override;

 private:
  bool tty_;
  bool dirty_ = false;
  std::string last_stage_;
};

// Prints the error with every detail and returns its exit code.
int report_error(const Error& error);

}  // namespace paraat::cli
