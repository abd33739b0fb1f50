// The scenario library, procurement and targets from the command line, on the bundled data.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli/cli_runner.h"
#include "testing/fixtures.h"
#include "testing/workbook.h"

namespace paraat {
namespace {

namespace fs = std::filesystem;

class ReadinessCliTest : public ParaatBinaryTest {};

TEST_F(ReadinessCliTest, ValidateChecksAScenarioDirectoryAndImportsNothing) {
  const Outcome good = run("scenario validate " + paraat::testing::bundled_data_dir().string());
  EXPECT_EQ(good.exit_code, 0) << good.err;
  EXPECT_NE(good.out.find("valid; 10 scenarios"), std::string::npos) << good.out;

  const fs::path bad = *dir_ / "bad";
  fs::create_directories(bad);
  paraat::testing::write_file(
      bad / "scenario_needs.csv",
      "scenario,good,area,basis,quantity,under5_factor,over65_factor,disability_factor,incidents,note,source\n"
      "baseline-72h,water-drinking,,person-day,3,,,,,,Sphere\n"
      "baseline-72h,unobtainium,,person-day,1,,,,,,none\n");
  const Outcome before = run("scenario show baseline-72h --format csv");
  const Outcome refused = run("scenario validate " + bad.string());
  EXPECT_EQ(refused.exit_code, 65);
  EXPECT_NE(refused.err.find("scenario_needs.csv:3"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("UNKNOWN_GOOD"), std::string::npos) << refused.err;
  EXPECT_EQ(run("import " + bad.string()).exit_code, 65);
  EXPECT_EQ(run("scenario show baseline-72h --format csv").out, before.out);  // nothing loaded
}

TEST_F(ReadinessCliTest, ProcurementWritesOneWorkbookWithLotsAndDeliveries) {
  const fs::path file = *dir_ / "tender.xlsx";
  const Outcome r = run("procurement --scenario all --states AT,BE --as-of 2026-12-03 --format xlsx --output " +
                        file.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string workbook = paraat::testing::workbook_part(file, "xl/workbook.xml");
  EXPECT_NE(workbook.find("tender_lots"), std::string::npos) << workbook;
  EXPECT_NE(workbook.find("tender_deliveries"), std::string::npos) << workbook;
  EXPECT_EQ(run("procurement --states 'MT,,AT'").exit_code, 2);
  EXPECT_EQ(run("procurement --states XX").exit_code, 66);
}

TEST_F(ReadinessCliTest, TargetsAreCheckedAndListedAsHistory) {
  const std::string base = "targets set --scenario baseline-72h --good water-drinking --scope MT ";
  EXPECT_EQ(run(base + "--minimum 5 --target-min 4 --target-max 9 --reason r").exit_code, 65);
  EXPECT_EQ(run(base + "--minimum 5 --target-min 7 --target-max 9 --reason '  '").exit_code, 65);
  EXPECT_EQ(run("targets set --scenario baseline-72h --good field-bed --scope MT --minimum 1 --target-min 1 "
                "--target-max 1 --reason r")
                .exit_code,
            65);  // the baseline needs no beds
  const Outcome ok = run(base + "--minimum 5 --target-min 7 --target-max 14 --reason policy --by MT-CPD --from 2026-12-01");
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  const Outcome list = run("targets list --format csv");
  EXPECT_NE(list.out.find("baseline-72h,water-drinking,MT,days,5,7,14,2026-12-01,policy,MT-CPD,"), std::string::npos)
      << list.out;
}

}  // namespace
}  // namespace paraat
