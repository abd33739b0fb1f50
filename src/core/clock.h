// The clock is passed in, never read deep inside computations, so tests can fix time.
#pragma once

#include "core/time.h"

namespace paraat {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant now() const override;
};

// Answers the instant it was given until told another (for tests).
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Instant at) : at_(at) {}
  Instant now() const override { return at_; }
  void set(Instant at) { at_ = at; }

 private:
  Instant at_;
};

}  // namespace paraat
