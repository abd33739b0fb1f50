// The movement readers refuse what is ambiguous rather than guess: a field given twice, an id
// that is blank or too long. What editors add (a byte-order mark, blanks around a lot code) is
// read the same way in JSON and CSV.
#include <gtest/gtest.h>

#include <string>

#include "ingest/movement_reader.h"

namespace paraat::ingest {
namespace {

std::string first_code(const Result<std::vector<MovementLine>>& read) {
  return read.ok() || read.error().details.empty() ? "" : read.error().details[0].code;
}

TEST(MovementReader, AFieldGivenTwiceIsRefusedInEveryShape) {
  const std::string twice = R"({"id":"a","type":"adjust","depot":"D","good":"g","lot":"T1","reason":"x","date":"2026-12-02","quantity":-1,"quantity":-40})";
  const std::string fine = R"({"id":"b","type":"issue","depot":"D","good":"g","quantity":1,"date":"2026-12-02"})";
  auto lines = read_movements_json(fine + "\n" + twice + "\n", "m.jsonl");
  EXPECT_EQ(first_code(lines), "DUPLICATE_FIELD");
  EXPECT_EQ(lines.error().details[0].record, "m.jsonl:2");
  EXPECT_EQ(lines.error().details[0].field, "quantity");
  auto array = read_movements_json("[" + fine + "," + twice + "]", "m.json");
  EXPECT_EQ(first_code(array), "DUPLICATE_FIELD");
  EXPECT_EQ(array.error().details[0].record, "m.json[1]");
  auto object = read_movements_json(R"({"movements":[)" + twice + "," + fine + "]}", "m.json");
  EXPECT_EQ(first_code(object), "DUPLICATE_FIELD");
  EXPECT_EQ(object.error().details[0].record, "movements[0]");
  auto csv = read_movements_csv("id,type,depot,good,lot,reason,date,quantity,quantity\na,adjust,D,g,T1,x,2026-12-02,-1,-50\n", "m.csv");
  EXPECT_EQ(first_code(csv), "BAD_HEADER");
  EXPECT_EQ(csv.error().details[0].field, "quantity");
}

TEST(MovementReader, BlankAndOverlongIdsAreRefused) {
  EXPECT_EQ(first_code(read_movements_json(R"({"id":"  ","type":"issue","depot":"D","good":"g","quantity":1,"date":"2026-12-02"})", "t")),
            "MISSING_VALUE");
  const std::string long_id(201, 'x');
  EXPECT_EQ(first_code(read_movements_json(R"({"id":")" + long_id + R"(","type":"issue","depot":"D","good":"g","quantity":1,"date":"2026-12-02"})", "t")),
            "INVALID_ID");
}

TEST(MovementReader, ByteOrderMarksAndBlanksAroundCodesReadAsInCsv) {
  const std::string line = R"({"id":"a","type":"receipt","depot":"D","good":"g","lot":" L7 ","quantity":5,"expiry":"2027-01-31","date":"2026-12-02"})";
  for (const std::string& text : {"\xEF\xBB\xBF[" + line + "]", "\xEF\xBB\xBF" + line + "\n"}) {
    auto read = read_movements_json(text, "t");
    ASSERT_TRUE(read.ok()) << read.error().message;
    EXPECT_EQ(read->at(0).lot, "L7");
  }
  auto csv = read_movements_csv("id,type,depot,good,lot,quantity,expiry,date\na,receipt,D,g, L7 ,5,2027-01-31,2026-12-02\n", "t.csv");
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(csv->at(0).lot, "L7");
}

}  // namespace
}  // namespace paraat::ingest
