// End to end: reports as Excel workbooks from the real paraat binary, and --output.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "cli/cli_runner.h"
#include "testing/fixtures.h"
#include "testing/workbook.h"

namespace paraat {
namespace {

using nlohmann::json;
using paraat::testing::read_file;
using paraat::testing::workbook_part;

const std::string kZipMagic("PK\x03\x04", 4);

class XlsxCliTest : public ParaatBinaryTest {};

TEST_F(XlsxCliTest, FormatXlsxWithOutputWritesAWorkbook) {
  const std::string args = "readiness --country MT --as-of 2026-12-03";
  const json rows = json::parse(run(args + " --format json").out);
  ASSERT_GT(rows.size(), 0u);
  const auto file = *dir_ / "readiness-mt.xlsx";
  const Outcome r = run(args + " --format xlsx --output " + file.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");                                                      // all of it went to the file
  EXPECT_NE(r.err.find("note: rows marked generated"), std::string::npos);  // caveats still shown
  const std::string bytes = read_file(file);
  ASSERT_GE(bytes.size(), 4u);
  EXPECT_EQ(bytes.substr(0, 4), kZipMagic);
  EXPECT_NE(workbook_part(file, "xl/workbook.xml").find(R"(<sheet name="readiness")"), std::string::npos);
  // As many rows and columns as the JSON output, below a header naming its keys.
  ASSERT_LE(rows[0].size(), 26u);
  const std::string last_cell = std::string(1, static_cast<char>('A' + rows[0].size() - 1)) + std::to_string(rows.size() + 1);
  EXPECT_NE(workbook_part(file, "xl/worksheets/sheet1.xml").find("<dimension ref=\"A1:" + last_cell + "\"/>"), std::string::npos);
  const std::string strings = workbook_part(file, "xl/sharedStrings.xml");
  for (const auto& [key, value] : rows[0].items()) EXPECT_NE(strings.find("<t>" + key + "</t>"), std::string::npos) << key;
  EXPECT_NE(strings.find("<t>MT00</t>"), std::string::npos);
}

TEST_F(XlsxCliTest, AWorkbookGoesToStdoutWhenItIsNotATerminal) {
  const Outcome r = run("goods --format xlsx");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, 4), kZipMagic);
}

TEST_F(XlsxCliTest, AWorkbookIsNeverWrittenToATerminal) {
  // script(1) (Debian's bsdutils, installed by scripts/setup) runs the command with a
  // pseudo-terminal as its standard output.
  ASSERT_EQ(std::system("command -v script >/dev/null 2>&1"), 0) << "script(1) is missing; run scripts/setup";
  const auto log = *dir_ / "tty.txt";
  const std::string command = "script -qec '" + paraat("goods --format xlsx") + "' /dev/null >" + log.string() + " 2>&1";
  const int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 2);
  const std::string shown = read_file(log);
  EXPECT_NE(shown.find("--output"), std::string::npos) << shown;
  EXPECT_EQ(shown.find("PK"), std::string::npos);
}

TEST_F(XlsxCliTest, OutputWritesAnyFormatToAFile) {
  const auto file = *dir_ / "goods.csv";
  const Outcome to_file = run("goods --format csv -o " + file.string());
  ASSERT_EQ(to_file.exit_code, 0) << to_file.err;
  EXPECT_EQ(to_file.out, "");
  const Outcome to_stdout = run("goods --format csv");
  EXPECT_EQ(read_file(file), to_stdout.out);
  // The text table too, with its row count and notes.
  const auto text = *dir_ / "depots.txt";
  ASSERT_EQ(run("depots --country MT --output " + text.string()).exit_code, 0);
  EXPECT_NE(read_file(text).find("note: rows marked generated"), std::string::npos);
}

TEST_F(XlsxCliTest, AnOutputThatCannotBeWrittenIsRefusedBeforeAnythingRuns) {
  Outcome r = run("goods --format xlsx --output " + (*dir_ / "no-such-dir" / "goods.xlsx").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("does not exist"), std::string::npos) << r.err;
  r = run("goods --format xlsx --output " + dir_->path().string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("is a directory"), std::string::npos) << r.err;
  r = run("goods --format pdf");
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
}  // namespace paraat
