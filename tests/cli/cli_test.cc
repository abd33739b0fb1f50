// End to end: the real paraat binary on the bundled data, as a user runs it.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "cli/cli_runner.h"
#include "testing/fixtures.h"
#include "testing/temp_dir.h"

namespace paraat {
namespace {

using nlohmann::json;
using paraat::testing::read_file;

class CliTest : public ParaatBinaryTest {};

TEST_F(CliTest, ReadinessForTheNetherlandsAsJson) {
  const Outcome r = run("readiness --scenario baseline-72h --country NL --as-of 2026-12-03 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json rows = json::parse(r.out);
  ASSERT_EQ(rows.size(), 12u * 7u);  // 12 NUTS-2 regions x 7 baseline goods
  std::int64_t nl_population = 0;
  for (const auto& row : rows) {
    for (const char* field : {"region", "good", "stock", "daily_need", "days_of_cover", "status"}) {
      ASSERT_TRUE(row.contains(field)) << field;
    }
    EXPECT_EQ(row["region"].get<std::string>().substr(0, 2), "NL");
    if (row["good"] == "water-drinking") {
      nl_population += row["population"].get<std::int64_t>();
      // 3 litres per person per day (Sphere), exactly.
      EXPECT_DOUBLE_EQ(row["daily_need"].get<double>(), 3.0 * row["population"].get<double>());
    }
  }
  EXPECT_EQ(nl_population, 17942942);  // Eurostat, NL on 1 January 2024
  EXPECT_NE(r.err.find("generated"), std::string::npos);  // the caveat reaches the user
}

TEST_F(CliTest, ListingsInEveryFormat) {
  Outcome r = run("goods --format csv");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')),
            "id,name,category,unit,pack_sizes,shelf_life_days,storage_min_c,storage_max_c,"
            "dual_use,hs_code,atc_code,half_life_hours");
  r = run("depots --country MT");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("MT-NAT-MT00"), std::string::npos);
  EXPECT_NE(r.out.find("note: rows marked generated"), std::string::npos);
  r = run("stock --depot MT-NAT-MT00 --format json");
  ASSERT_EQ(r.exit_code, 0);
  const json stock = json::parse(r.out);
  ASSERT_FALSE(stock.empty());
  for (const auto& lot : stock) EXPECT_EQ(lot["generated"], true);
  r = run("readiness --summary --as-of 2026-12-03 --format csv");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 29);  // header, 27 states, the EU
}

TEST_F(CliTest, ExitCodesFollowTheConvention) {
  EXPECT_EQ(run("readiness --format yaml").exit_code, 2);
  EXPECT_EQ(run("no-such-command").exit_code, 2);
  EXPECT_EQ(run("readiness --as-of 2026-02-30").exit_code, 2);
  EXPECT_EQ(run("readiness --scenario no-such").exit_code, 66);
  EXPECT_EQ(run("stock --depot NOPE").exit_code, 66);
  EXPECT_EQ(run("import /nonexistent-dir").exit_code, 66);
  EXPECT_EQ(run("depots --country XX").exit_code, 66);
  EXPECT_EQ(run("regions --country GR").exit_code, 2);
  EXPECT_EQ(run("ledger post " + paraat::testing::bundled_data_dir().string()).exit_code, 2);  // a directory
  EXPECT_EQ(run("ledger post --backdate-days -5 /dev/null").exit_code, 2);
  EXPECT_EQ(run("ledger post /nonexistent.jsonl").exit_code, 66);
  EXPECT_EQ(run("expiry --within -5").exit_code, 65);
}

TEST_F(CliTest, AMistypedDatabaseIsReportedNotCreated) {
  const auto missing = *dir_ / "typo.db";
  const std::string command = std::string(PARAAT_BINARY) + " --db " + missing.string() +
                              " countries >/dev/null 2>" + (*dir_ / "err.txt").string();
  const int status = std::system(command.c_str());
  EXPECT_EQ(WEXITSTATUS(status), 66);
  EXPECT_NE(read_file(*dir_ / "err.txt").find("paraat import data/eu"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(missing));
}

TEST_F(CliTest, ABadImportListsEveryLineAndExits65) {
  paraat::testing::TempDir batch;
  paraat::testing::write_file(batch / "lots.csv",
                              "depot,good,lot,owner,expiry,quantity,status,received,generated\n"
                              "MT-NAT-MT00,water-drinking,X1,,31/04/2027,10,available,2026-01-05,0\n"
                              "MT-NAT-MT00,nothing,X2,,2027-04-30,10,available,2026-01-05,0\n");
  const std::string before = run("stock --country MT --format csv").out;
  const Outcome r = run("import " + batch.path().string());
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_NE(r.err.find("lots.csv:2: expiry:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("lots.csv:3: good:"), std::string::npos) << r.err;
  EXPECT_EQ(run("stock --country MT --format csv").out, before);
}

TEST_F(CliTest, PostMergeAndListTheLedger) {
  // Dated relative to today: the backdating window applies to real dates here.
  const Date today = utc_date(std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
  const std::string d0 = format_date(add_days(today, -2));
  const std::string d1 = format_date(add_days(today, -1));
  const std::string expiry = format_date(add_days(today, 1000));
  paraat::testing::TempDir batch;
  paraat::testing::write_file(
      batch / "m.csv",
      "id,type,depot,good,lot,quantity,expiry,date,ref\n"
      "cli-r1,receipt,MT-NAT-MT00,water-drinking,CLI-A,300,EXP,D0,\n"
      "cli-r2,receipt,MT-NAT-MT00,water-drinking,CLI_A,20,EXP,D0,\n"
      "cli-i1,issue,MT-NAT-MT00,water-drinking,CLI_A,5,,D1,\n"
      "cli-m1,merge,MT-NAT-MT00,water-drinking,CLI-A,,,D1,CLI_A\n");
  std::string text = paraat::testing::read_file(batch / "m.csv");
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"EXP", expiry}, {"D0", d0}, {"D1", d1}}) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
  }
  paraat::testing::write_file(batch / "m.csv", text);
  const Outcome posted = run("ledger post " + (batch / "m.csv").string());
  ASSERT_EQ(posted.exit_code, 0) << posted.err;
  EXPECT_EQ(posted.out, "posted 4 movements\n");
  const Outcome stock = run("stock --depot MT-NAT-MT00 --lot CLI_A --format csv");
  EXPECT_NE(stock.out.find(",CLI-A,"), std::string::npos) << stock.out;  // the old code names the merged lot
  EXPECT_NE(stock.out.find(",315,"), std::string::npos) << stock.out;
  const Outcome list = run("ledger list --lot CLI-A --format csv");
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("cli-r2"), std::string::npos);  // the duplicate's history is the lot's
  EXPECT_NE(list.out.find("cli-i1"), std::string::npos);
  const Outcome page = run("ledger list --type merge --format json");
  EXPECT_NE(page.out.find("merged lot CLI_A into CLI-A"), std::string::npos) << page.out;
  EXPECT_EQ(run("ledger verify").exit_code, 0);
  EXPECT_EQ(run("ledger list --type teleport").exit_code, 2);
}

}  // namespace
}  // namespace paraat
