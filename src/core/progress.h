// Long work reports progress through this interface; the CLI prints it, tests ignore it.
#pragma once

#include <cstddef>
#include <string_view>

namespace paraat {

class Progress {
 public:
  virtual ~Progress() = default;
  // `done` of `total` units of `stage` are finished (total 0 when unknown).
  virtual void report(std::string_view stage, std::size_t done, std::size_t total) = 0;
};

class NoProgress final : public Progress {
 public:
  void report(std::string_view, std::size_t, std::size_t) override {}
};

}  // namespace paraat
