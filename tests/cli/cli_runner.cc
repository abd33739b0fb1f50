#include "cli/cli_runner.h"

#include <sys/wait.h>

#include <cstdlib>

#include "testing/fixtures.h"

namespace paraat {

paraat::testing::TempDir* ParaatBinaryTest::dir_ = nullptr;

void ParaatBinaryTest::SetUpTestSuite() {
  dir_ = new paraat::testing::TempDir();
  ASSERT_EQ(run("import " + paraat::testing::bundled_data_dir().string()).exit_code, 0);
  ASSERT_EQ(run("demo-stock --seed 1 --as-of 2026-12-03").exit_code, 0);
}

void ParaatBinaryTest::TearDownTestSuite() {
  delete dir_;
  dir_ = nullptr;
}

std::string ParaatBinaryTest::paraat(const std::string& args) {
  return std::string(PARAAT_BINARY) + " --db " + (*dir_ / "paraat.db").string() + " " + args;
}

Outcome ParaatBinaryTest::run(const std::string& args) {
  const auto out = *dir_ / "out.bin";
  const auto err = *dir_ / "err.txt";
  const std::string command = paraat(args) + " >" + out.string() + " 2>" + err.string();
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, paraat::testing::read_file(out),
          paraat::testing::read_file(err)};
}

}  // namespace paraat
