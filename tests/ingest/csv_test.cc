#include "ingest/csv.h"

#include <gtest/gtest.h>

namespace paraat::ingest {
namespace {

TEST(Csv, ReadsQuotedFieldsWithCommasQuotesAndNewlines) {
  const auto table = parse_csv(
      "id,name,note\r\n"
      "EL51,\"Anatoliki Makedonia, Thraki\",plain\r\n"
      "X1,\"say \"\"hi\"\"\",\"two\nlines\"\n"
      "\n"
      "X2,,last\n",
      "t.csv");
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->records.size(), 3u);
  EXPECT_EQ(table->records[0].fields[1], "Anatoliki Makedonia, Thraki");
  EXPECT_EQ(table->records[1].fields[1], "say \"hi\"");
  EXPECT_EQ(table->records[1].fields[2], "two\nlines");
  // Line numbers are where the record starts; the quoted newline moves later records down.
  EXPECT_EQ(table->records[0].line, 2u);
  EXPECT_EQ(table->records[1].line, 3u);
  EXPECT_EQ(table->records[2].line, 6u);
  EXPECT_EQ(table->records[2].fields[1], "");
}

TEST(Csv, ReportsEveryMalformedLine) {
  const auto table = parse_csv("a,b\n1,2,3\n4\n5,\"open\n", "bad.csv");
  ASSERT_FALSE(table.ok());
  const auto& details = table.error().details;
  ASSERT_EQ(details.size(), 3u);
  EXPECT_EQ(details[0].record, "bad.csv:2");
  EXPECT_EQ(details[0].code, "CSV_FIELD_COUNT");
  EXPECT_EQ(details[1].record, "bad.csv:3");
  EXPECT_EQ(details[2].record, "bad.csv:4");
  EXPECT_EQ(details[2].code, "CSV_SYNTAX");
}

TEST(Csv, KeepsGoodLinesAndListsBadOnesIncludingInvalidUtf8) {
  std::vector<ErrorDetail> problems;
  const auto table = parse_csv("code,name\nXX,Bad\xff\nNL,Netherlands\nBE,Belgium,extra\n", "c.csv", &problems);
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->records.size(), 1u);
  EXPECT_EQ(table->records[0].fields[1], "Netherlands");
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].record, "c.csv:2");
  EXPECT_EQ(problems[0].code, "INVALID_UTF8");
  EXPECT_EQ(problems[1].code, "CSV_FIELD_COUNT");
}

TEST(ValidUtf8, AcceptsUtf8AndRejectsOverlongAndSurrogates) {
  EXPECT_TRUE(valid_utf8("Région Autónoma, Ελλάδα, Åland"));
  EXPECT_FALSE(valid_utf8("\xff"));
  EXPECT_FALSE(valid_utf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(valid_utf8("\xed\xa0\x80"));      // a UTF-16 surrogate
  EXPECT_FALSE(valid_utf8("\xe2\x82"));          // cut short
}

TEST(Csv, IgnoresAByteOrderMark) {
  const auto table = parse_csv("\xEF\xBB\xBFid\n1\n", "bom.csv");
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->header.at(0), "id");
}

TEST(CheckHeader, NamesMissingUnknownAndRepeatedColumns) {
  const auto table = parse_csv("id,nmae,id\n", "h.csv");
  ASSERT_TRUE(table.ok());
  const auto status = check_header(*table, {"id", "name"});
  ASSERT_FALSE(status.ok());
  const auto& d = status.error().details;
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].reason, "unknown column 'nmae'");
  EXPECT_EQ(d[1].reason, "column 'id' appears twice");
  EXPECT_EQ(d[2].reason, "missing column 'name'");
  EXPECT_EQ(d[2].record, "h.csv:1");
}

TEST(CsvEscape, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(csv_escape("plain"), "plain");
  EXPECT_EQ(csv_escape("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_escape("say \"hi\""), "\"say \"\"hi\"\"\"");
}

}  // namespace
}  // namespace paraat::ingest
