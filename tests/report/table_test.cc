#include "report/table.h"

#include <gtest/gtest.h>

#include "report/reports.h"

namespace paraat::report {
namespace {

Table sample() {
  return Table{"t",
               {{"name", ColumnType::kString, ""},
                {"count", ColumnType::kInteger, ""},
                {"days", ColumnType::kNumber, "", true, 2},
                {"ok", ColumnType::kBoolean, ""}},
               {{std::string("Anatoliki Makedonia, Thraki"), std::int64_t{12}, 2.006, true},
                {std::string("Ísland"), std::int64_t{3}, std::monostate{}, false}},
               {"a caveat"}};
}

TEST(RenderCsv, QuotesAndFormatsCells) {
  EXPECT_EQ(render_csv(sample()),
            "name,count,days,ok\n"
            "\"Anatoliki Makedonia, Thraki\",12,2.01,true\n"
            "Ísland,3,,false\n");
}

TEST(RenderText, AlignsColumnsCountingCharactersNotBytes) {
  const std::string text = render_text(sample());
  EXPECT_EQ(text,
            "name                         count  days  ok\n"
            "Anatoliki Makedonia, Thraki     12  2.01  true\n"
            "Ísland                           3        false\n"
            "(2 rows)\n"
            "note: a caveat\n");
}

TEST(RenderText, LeavesOutNullableColumnsThatAreEmptyInEveryRow) {
  Table t = sample();
  t.rows[0][2] = std::monostate{};
  EXPECT_EQ(render_text(t),
            "name                         count  ok\n"
            "Anatoliki Makedonia, Thraki     12  true\n"
            "Ísland                           3  false\n"
            "(2 rows)\n"
            "note: a caveat\n");
  EXPECT_EQ(render_csv(t).substr(0, 19), "name,count,days,ok\n");  // CSV keeps its shape
  t.rows.clear();
  EXPECT_EQ(render_text(t).substr(0, 20), "name  count  days  o");  // no rows: every column
}

TEST(Reports, LabelGeneratedStockInTheData) {
  LotBalance lot;
  lot.depot = DepotId::trusted("NL-NAT-NL32");
  lot.good = GoodId::trusted("water-drinking");
  lot.quantity = 5;
  lot.generated = true;
  const Table t = stock_report({lot}, Date{std::chrono::year{2026} / 12 / 3});
  ASSERT_EQ(t.notes.size(), 1u);
  EXPECT_EQ(t.columns.back().name, "generated");
  EXPECT_EQ(std::get<bool>(t.rows[0].back()), true);
  EXPECT_TRUE(stock_report({}, Date{}).notes.empty());
}

TEST(Reports, ReadinessColumnsAreTheDocumentedInterface) {
  std::vector<std::string> names;
  for (const auto& c : readiness_report({}).columns) names.push_back(c.name);
  for (const char* required : {"region", "good", "stock", "daily_need", "days_of_cover", "status"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), required), names.end()) << required;
  }
}

}  // namespace
}  // namespace paraat::report
