// Reports over HTTP as Excel workbooks: asked for with ?format=xlsx or the Accept header, from
// the real server on a loopback port.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "api/api_fixture.h"
#include "api/routes.h"
#include "testing/fixtures.h"
#include "testing/workbook.h"

namespace paraat::api {
namespace {

using nlohmann::json;

const std::string kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const std::string kZipMagic("PK\x03\x04", 4);

class XlsxApiTest : public DemoServerTest {
 protected:
  // One member of a workbook, read with `unzip` as any other program would open the file.
  static std::string part(const std::string& bytes, const std::string& name) {
    const auto file = *dir_ / "answer.xlsx";
    paraat::testing::write_file(file, bytes);
    return paraat::testing::workbook_part(file, name);
  }
};

// "A1:L8" for 12 columns and 7 rows below the header.
std::string dimension(std::size_t columns, std::size_t rows) {
  std::string last;
  for (std::size_t n = columns; n > 0; n = (n - 1) / 26) last.insert(last.begin(), static_cast<char>('A' + (n - 1) % 26));
  return "<dimension ref=\"A1:" + last + std::to_string(rows + 1) + "\"/>";
}

TEST_F(XlsxApiTest, ReadinessAsAWorkbookHoldsWhatTheJsonAnswerHolds) {
  const std::string path = "/api/v1/readiness?country=MT&as_of=2026-12-03";
  auto res = get(path + "&format=xlsx");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), kXlsx);
  EXPECT_EQ(res->get_header_value("Content-Disposition"), "attachment; filename=\"readiness.xlsx\"");
  EXPECT_EQ(res->get_header_value("Vary"), "Accept");
  ASSERT_GE(res->body.size(), 4u);
  EXPECT_EQ(res->body.substr(0, 4), kZipMagic);
  // The first sheet is the table of the JSON answer's items: same columns, same rows.
  const json answer = json::parse(get(path)->body);
  ASSERT_GT(answer["items"].size(), 0u);
  const std::string book = part(res->body, "xl/workbook.xml");
  EXPECT_NE(book.find(R"(<sheets><sheet name="readiness")"), std::string::npos) << book;
  EXPECT_NE(book.find(R"(<sheet name="notes")"), std::string::npos);
  // The summary per country is a sheet of its own, between the two.
  EXPECT_NE(part(res->body, "xl/worksheets/sheet3.xml"), "");
  const std::string sheet = part(res->body, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find(dimension(answer["items"][0].size(), answer["items"].size())), std::string::npos);
  const std::string strings = part(res->body, "xl/sharedStrings.xml");
  for (const auto& [key, value] : answer["items"][0].items()) {
    EXPECT_NE(strings.find("<t>" + key + "</t>"), std::string::npos) << key;
  }
  EXPECT_NE(strings.find("<t>MT00</t>"), std::string::npos);
  // The answer's own figures come along as notes.
  EXPECT_NE(strings.find("<t>as_of: 2026-12-03</t>"), std::string::npos);
}

TEST_F(XlsxApiTest, StockAsAWorkbookHasTheSameCellsAsJson) {
  const std::string path = "/api/v1/stock?depot=MT-NAT-MT00&as_of=2026-12-03";
  const json answer = json::parse(get(path)->body);
  ASSERT_GT(answer["count"].get<int>(), 0);
  auto res = get(path + "&format=xlsx");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Disposition"), "attachment; filename=\"stock.xlsx\"");
  const std::string sheet = part(res->body, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find(dimension(answer["items"][0].size(), answer["items"].size())), std::string::npos);
  // Every quantity is a number cell holding the JSON figure.
  for (const auto& item : answer["items"]) {
    const std::string figure = "<v>" + std::to_string(item["quantity"].get<std::int64_t>()) + "</v>";
    EXPECT_NE(sheet.find(figure), std::string::npos) << figure;
  }
  const std::string strings = part(res->body, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("<t>" + answer["items"][0]["lot"].get<std::string>() + "</t>"), std::string::npos);
}

TEST_F(XlsxApiTest, TheAcceptHeaderAsksForAWorkbookAndTheQueryOverridesIt) {
  auto res = get("/api/v1/stock?depot=MT-NAT-MT00", kXlsx);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), kXlsx);
  EXPECT_EQ(res->get_header_value("Content-Disposition"), "attachment; filename=\"stock.xlsx\"");
  EXPECT_EQ(res->body.substr(0, 4), kZipMagic);

  res = get("/api/v1/stock?depot=MT-NAT-MT00", kXlsx + ", */*;q=0.1");
  EXPECT_EQ(res->get_header_value("Content-Type"), kXlsx);
  // JSON is preferred, or as welcome (the default wins a tie), or forced with ?format=json.
  for (const auto& [path, accept] : std::vector<std::pair<std::string, std::string>>{
           {"/api/v1/stock?depot=MT-NAT-MT00", "application/json, " + kXlsx + ";q=0.5"},
           {"/api/v1/stock?depot=MT-NAT-MT00", kXlsx + ", application/json"},
           {"/api/v1/stock?depot=MT-NAT-MT00", kXlsx + ";q=0"},
           {"/api/v1/stock?depot=MT-NAT-MT00", "*/*"},
           {"/api/v1/stock?depot=MT-NAT-MT00&format=json", kXlsx},
           {"/api/v1/health", kXlsx}}) {  // not a report: JSON whatever is asked
    res = get(path, accept);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << path;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json") << path << " " << accept;
  }
}

TEST_F(XlsxApiTest, AnUnknownFormatIsAUsageErrorAndNonReportsTakeNoFormat) {
  auto res = get("/api/v1/goods?format=pdf");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  json error = json::parse(res->body)["error"];
  EXPECT_EQ(error["details"][0]["field"], "format");
  EXPECT_EQ(error["details"][0]["code"], "INVALID_PARAMETER");
  res = get("/api/v1/health?format=xlsx");
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(json::parse(res->body)["error"]["details"][0]["code"], "UNKNOWN_PARAMETER");
  // Errors stay JSON when a workbook was asked for.
  res = get("/api/v1/stock?depot=NOPE&format=xlsx");
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
}

TEST_F(XlsxApiTest, TheOpenApiDocumentListsTheWorkbookForEveryReportAndOnlyThere) {
  const json doc = json::parse(get("/api/v1/openapi.json")->body);
  int reports = 0;
  for (const auto& [path, operations] : doc["paths"].items()) {
    for (const auto& [method, op] : operations.items()) {
      // The success answer: 200, or 201/202 for the EPCIS captures.
      const json& responses = op["responses"];
      const json& content = responses.begin().value()["content"];
      bool takes_format = false;
      for (const auto& param : op["parameters"]) {
        if (param["name"] == "format") {
          takes_format = true;
          EXPECT_EQ(param["schema"]["enum"], json::array({"json", "xlsx"}));
        }
      }
      const bool is_report =
          content["application/json"]["schema"].value("properties", json::object()).contains("items");
      EXPECT_EQ(content.contains(kXlsx), is_report && method == "get") << method << " " << path;
      EXPECT_EQ(takes_format, is_report && method == "get") << method << " " << path;
      reports += content.contains(kXlsx) ? 1 : 0;
    }
  }
  EXPECT_GE(reports, 19);  // the reference listings, stock, the ledger reports and readiness
  const json& readiness = doc["paths"]["/api/v1/readiness"]["get"]["responses"]["200"]["content"];
  EXPECT_EQ(readiness[kXlsx]["schema"]["format"], "binary");
}

}  // namespace
}  // namespace paraat::api
