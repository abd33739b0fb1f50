// Workbooks are checked by what a spreadsheet program would read: the bytes are opened as the
// ZIP archive an .xlsx is (with `unzip`) and the worksheet XML is read cell by cell.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "report/table.h"
#include "testing/fixtures.h"
#include "testing/temp_dir.h"
#include "testing/workbook.h"

namespace paraat::report {
namespace {

std::string xml_text(std::string text) {
  for (const auto& [entity, c] : std::vector<std::pair<std::string, std::string>>{
           {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}}) {
    for (auto at = text.find(entity); at != std::string::npos; at = text.find(entity, at + c.size())) {
      text.replace(at, entity.size(), c);
    }
  }
  return text;
}

struct XlsxCell {
  std::string type;   // the t attribute: "s" shared string, "b" boolean, "" number
  std::string style;  // the s attribute, an index into styles.xml
  std::string value;  // shared strings resolved
};

class Workbook {
 public:
  explicit Workbook(const std::string& bytes) : file_(dir_ / "book.xlsx") {
    paraat::testing::write_file(file_, bytes);
    // Read with find, not std::regex, which recurses per character and fails on long strings.
    const std::string strings = part("xl/sharedStrings.xml");
    for (auto at = strings.find("<si><t"); at != std::string::npos; at = strings.find("<si><t", at + 1)) {
      const auto open = strings.find('>', at + 4);
      const auto close = strings.find("</t>", open);
      shared_.push_back(xml_text(strings.substr(open + 1, close - open - 1)));
    }
  }

  // One member of the archive, as `unzip -p` prints it; "" when it is missing.
  std::string part(const std::string& name) const { return paraat::testing::workbook_part(file_, name); }

  // The sheet names in workbook order.
  std::vector<std::string> sheets() const {
    std::vector<std::string> names;
    const std::string book = part("xl/workbook.xml");
    const std::regex sheet(R"re(<sheet name="([^"]*)")re");
    for (std::sregex_iterator it(book.begin(), book.end(), sheet), end; it != end; ++it) {
      names.push_back(xml_text((*it)[1]));
    }
    return names;
  }

  // Cell `ref` (e.g. "B2") of the n-th sheet (from 1), or nullopt when the cell is not written.
  std::optional<XlsxCell> cell(int sheet, const std::string& ref) const {
    const std::string xml = part("xl/worksheets/sheet" + std::to_string(sheet) + ".xml");
    const std::regex pattern("<c r=\"" + ref + R"re("([^>]*?)(?:/>|>(?:<v>([^<]*)</v>)?</c>))re");
    std::smatch m;
    if (!std::regex_search(xml, m, pattern)) return std::nullopt;
    const std::string attributes = m[1];
    std::smatch a;
    XlsxCell cell;
    if (std::regex_search(attributes, a, std::regex(R"re(t="(\w+)")re"))) cell.type = a[1];
    if (std::regex_search(attributes, a, std::regex(R"re(s="(\d+)")re"))) cell.style = a[1];
    cell.value = m[2];
    if (cell.type == "s") cell.value = shared_.at(std::stoul(cell.value));
    return cell;
  }

  // The number format code applied by a cell style index (xl/styles.xml cellXfs).
  std::string number_format(const std::string& style) const {
    const std::string styles = part("xl/styles.xml");
    std::map<std::string, std::string> codes = {{"0", "General"}, {"1", "0"}, {"2", "0.00"}};  // built in
    const std::regex fmt(R"re(<numFmt numFmtId="(\d+)" formatCode="([^"]*)")re");
    for (std::sregex_iterator it(styles.begin(), styles.end(), fmt), end; it != end; ++it) {
      codes[(*it)[1]] = xml_text((*it)[2]);
    }
    const auto xfs_at = styles.find("<cellXfs");
    const std::regex xf(R"re(<xf numFmtId="(\d+)")re");
    int index = 0;
    for (std::sregex_iterator it(styles.begin() + static_cast<std::ptrdiff_t>(xfs_at), styles.end(), xf), end;
         it != end; ++it, ++index) {
      if (std::to_string(index) == style) return codes.count((*it)[1]) ? codes[(*it)[1]] : "builtin " + (*it)[1].str();
    }
    return "";
  }

 private:
  paraat::testing::TempDir dir_;
  std::filesystem::path file_;
  std::vector<std::string> shared_;
};

Workbook open(const Result<std::string>& bytes) {
  EXPECT_TRUE(bytes.ok()) << bytes.error().message;
  return Workbook(bytes.ok() ? *bytes : std::string());
}

// A table with one column of every type, a null in each nullable column and a note.
Table lots() {
  return Table{"lots",
               {{"lot", ColumnType::kString, ""},
                {"quantity", ColumnType::kInteger, ""},
                {"days_of_cover", ColumnType::kNumber, "", true, 2},
                {"expired", ColumnType::kBoolean, ""},
                {"expiry", ColumnType::kDate, "", true}},
               {{std::string("W-2612A <Ísland & co>"), std::int64_t{4464731}, 2.006, true, std::string("2026-12-04")},
                {std::string("GEN1-000A97"), std::int64_t{-5000}, std::monostate{}, false, std::monostate{}}},
               {"rows marked generated are made up"}};
}

TEST(RenderXlsx, EveryColumnTypeBecomesItsCellType) {
  const Workbook book = open(render_xlsx(lots()));
  EXPECT_EQ(book.part("xl/worksheets/sheet1.xml").substr(0, 5), "<?xml");
  EXPECT_EQ(book.sheets(), (std::vector<std::string>{"lots", "notes"}));

  const auto header = book.cell(1, "C1");
  ASSERT_TRUE(header);
  EXPECT_EQ(header->type, "s");
  EXPECT_EQ(header->value, "days_of_cover");

  const auto text = book.cell(1, "A2");
  ASSERT_TRUE(text);
  EXPECT_EQ(text->type, "s");
  EXPECT_EQ(text->value, "W-2612A <Ísland & co>");

  const auto quantity = book.cell(1, "B2");
  ASSERT_TRUE(quantity);
  EXPECT_EQ(quantity->type, "");  // a number
  EXPECT_EQ(quantity->value, "4464731");
  EXPECT_EQ(book.number_format(quantity->style), "0");
  EXPECT_EQ(book.cell(1, "B3")->value, "-5000");

  // Rounded to the column's 2 decimals, as CSV and JSON show it, and formatted with 2 decimals.
  const auto days = book.cell(1, "C2");
  ASSERT_TRUE(days);
  EXPECT_EQ(days->type, "");
  EXPECT_EQ(days->value, "2.01");
  EXPECT_EQ(book.number_format(days->style), "0.00");

  const auto expired = book.cell(1, "D2");
  ASSERT_TRUE(expired);
  EXPECT_EQ(expired->type, "b");
  EXPECT_EQ(expired->value, "1");
  EXPECT_EQ(book.cell(1, "D3")->value, "0");

  // 2026-12-04 is day 46360 counted from Excel's day zero, 1899-12-30.
  const auto expiry = book.cell(1, "E2");
  ASSERT_TRUE(expiry);
  EXPECT_EQ(expiry->type, "");
  EXPECT_EQ(expiry->value, "46360");
  EXPECT_EQ(book.number_format(expiry->style), "yyyy-mm-dd");

  // Nulls are cells never written.
  EXPECT_FALSE(book.cell(1, "C3"));
  EXPECT_FALSE(book.cell(1, "E3"));

  // The notes sheet names the sheet each note belongs to.
  EXPECT_EQ(book.cell(2, "A1")->value, "sheet");
  EXPECT_EQ(book.cell(2, "B1")->value, "note");
  EXPECT_EQ(book.cell(2, "A2")->value, "lots");
  EXPECT_EQ(book.cell(2, "B2")->value, "rows marked generated are made up");
}

TEST(RenderXlsx, TheHeaderIsBoldAndFrozenWithAFilterOverTheData) {
  const Workbook book = open(render_xlsx(lots()));
  const std::string sheet = book.part("xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find(R"(<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>)"),
            std::string::npos);
  EXPECT_NE(sheet.find(R"(<autoFilter ref="A1:E3"/>)"), std::string::npos);
  // Every column gets a width; the first fits "W-2612A <Ísland & co>" (21 characters).
  const std::regex width(R"re(<col min="1" max="1" width="([\d.]+)")re");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(sheet, m, width));
  EXPECT_GE(std::stod(m[1]), 21.0);
  EXPECT_LE(std::stod(m[1]), 30.0);
  // The header's style is the only bold one.
  const std::string styles = book.part("xl/styles.xml");
  EXPECT_NE(styles.find("<b/>"), std::string::npos);
  EXPECT_NE(book.cell(1, "A1")->style, book.cell(1, "A2")->style);
}

TEST(RenderXlsx, DatesAreExcelSerialsIncludingBeforeMarch1900) {
  Table t{"days", {{"day", ColumnType::kDate, ""}}, {}, {}};
  // Excel counts a 29 February 1900 that never was: 1900-03-01 is 61, 1900-02-28 is 59.
  for (const char* day : {"1900-01-01", "1900-02-28", "1900-03-01", "1999-12-31", "2026-12-04"}) {
    t.rows.push_back({std::string(day)});
  }
  t.rows.push_back({std::string("not a date")});  // kept as text rather than lost
  const Workbook book = open(render_xlsx(t));
  EXPECT_EQ(book.cell(1, "A2")->value, "1");
  EXPECT_EQ(book.cell(1, "A3")->value, "59");
  EXPECT_EQ(book.cell(1, "A4")->value, "61");
  EXPECT_EQ(book.cell(1, "A5")->value, "36525");
  EXPECT_EQ(book.cell(1, "A6")->value, "46360");
  EXPECT_EQ(book.cell(1, "A7")->type, "s");
  EXPECT_EQ(book.cell(1, "A7")->value, "not a date");
  EXPECT_EQ(book.sheets(), std::vector<std::string>{"days"});  // no notes, no notes sheet
}

TEST(RenderXlsx, SeveralTablesGetOneSheetEachWithNamesExcelAccepts) {
  const std::vector<Column> one = {{"n", ColumnType::kInteger, ""}};
  const std::vector<Table> tables = {
      {"readiness", one, {{std::int64_t{1}}}, {"first caveat"}},
      {"country_readiness", one, {{std::int64_t{2}}}, {"second caveat"}},
      {"a/b:c*d?e[f]g\\h and a name far longer than Excel allows", one, {}, {}},
      {"READINESS", one, {}, {}},
      {"History", one, {}, {}},
      {"'quoted'", one, {}, {}},
      {"", one, {}, {}},
      {"notes", one, {}, {}},
  };
  const Workbook book = open(render_xlsx(tables));
  EXPECT_EQ(book.sheets(), (std::vector<std::string>{"readiness", "country_readiness",
                                                     "a_b_c_d_e_f_g_h and a name far", "READINESS (2)",
                                                     "History (2)", "quoted", "sheet", "notes",
                                                     "notes (2)"}));
  EXPECT_EQ(book.cell(1, "A2")->value, "1");
  EXPECT_EQ(book.cell(2, "A2")->value, "2");
  EXPECT_EQ(book.cell(9, "A2")->value, "readiness");
  EXPECT_EQ(book.cell(9, "B2")->value, "first caveat");
  EXPECT_EQ(book.cell(9, "A3")->value, "country_readiness");
  EXPECT_EQ(book.cell(9, "B3")->value, "second caveat");
}

TEST(RenderXlsx, TextIsMadeValidUtf8AndFitsACell) {
  Table t{"text", {{"s", ColumnType::kString, ""}}, {}, {}};
  t.rows.push_back({std::string("bad \xFF byte")});
  t.rows.push_back({std::string(40000, 'x')});
  const Workbook book = open(render_xlsx(t));
  EXPECT_EQ(book.cell(1, "A2")->value, "bad \xEF\xBF\xBD byte");  // U+FFFD
  EXPECT_EQ(book.cell(1, "A3")->value, std::string(32767, 'x'));   // Excel's limit per cell
}

TEST(RenderXlsx, IntegersBeyondWhatADoubleHoldsStayExactAsText) {
  Table t{"big", {{"n", ColumnType::kInteger, ""}}, {}, {}};
  t.rows.push_back({std::int64_t{1} << 53});
  t.rows.push_back({(std::int64_t{1} << 53) + 1});
  const Workbook book = open(render_xlsx(t));
  EXPECT_EQ(book.cell(1, "A2")->type, "");
  EXPECT_EQ(book.cell(1, "A2")->value, "9007199254740992");
  EXPECT_EQ(book.cell(1, "A3")->type, "s");
  EXPECT_EQ(book.cell(1, "A3")->value, "9007199254740993");
}

TEST(RenderXlsx, WhatAWorkbookCannotHoldIsAnError) {
  Table wide{"wide", std::vector<Column>(16385, Column{"c", ColumnType::kString, ""}), {}, {}};
  const auto too_wide = render_xlsx(wide);
  ASSERT_FALSE(too_wide.ok());
  EXPECT_EQ(too_wide.error().code, ErrorCode::kUsage);
  const auto none = render_xlsx(std::vector<Table>{});
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, ErrorCode::kInternal);
}

TEST(RenderXlsx, LeavesNoTemporaryFileBehind) {
  paraat::testing::TempDir tmp;
  const char* previous = std::getenv("TMPDIR");
  const std::string saved = previous ? previous : "";
  setenv("TMPDIR", tmp.path().c_str(), 1);
  const auto bytes = render_xlsx(lots());
  if (previous) {
    setenv("TMPDIR", saved.c_str(), 1);
  } else {
    unsetenv("TMPDIR");
  }
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  EXPECT_EQ(bytes->substr(0, 4), std::string("PK\x03\x04", 4));
  EXPECT_TRUE(std::filesystem::is_empty(tmp.path()));
}

}  // namespace
}  // namespace paraat::report
