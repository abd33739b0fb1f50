// The fixture of the end-to-end CLI suites: the real paraat binary on a database in a temp
// directory, loaded once per test suite with the bundled data and demo stock (seed 1, as of
// 2026-12-03). A suite derives from it under its own name.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "testing/temp_dir.h"

namespace paraat {

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class ParaatBinaryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();

  // The shell command `paraat --db <temp>/paraat.db ARGS`, not yet run.
  static std::string paraat(const std::string& args);
  // Runs it with stdout and stderr sent to <temp>/out.bin and <temp>/err.txt, and returns its
  // exit code (-1 when it did not exit) and both outputs.
  static Outcome run(const std::string& args);

  static paraat::testing::TempDir* dir_;
};

}  // namespace paraat
