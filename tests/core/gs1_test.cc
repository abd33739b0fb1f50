// The check-digit and conversion vectors of ../shared/interop/INTEROP.md §1.7 and §3.1, each
// computed by hand from the GS1 algorithm there (weights 3, 1, 3, … from the right).
#include "core/gs1.h"

#include <gtest/gtest.h>

namespace paraat {
namespace {

TEST(Gs1CheckDigit, FollowsTheWeightsFromTheRight) {
  // 9638507: 7·3 + 0·1 + 5·3 + 8·1 + 3·3 + 6·1 + 9·3 = 86 -> (10 - 6) mod 10 = 4.
  EXPECT_EQ(gs1_check_digit("9638507"), 4);
  // 1234567: 7·3 + 6 + 5·3 + 4 + 3·3 + 2 + 1·3 = 60 -> 0.
  EXPECT_EQ(gs1_check_digit("1234567"), 0);
}

TEST(Gs1Keys, ValidKeysBecomeCanonical) {
  for (const char* gtin : {"96385074", "12345670", "036000291452", "4006381333931", "5901234123457",
                           "10614141073464", "04012345123456", "00000096385074"}) {
    const auto parsed = parse_gtin(gtin);
    ASSERT_TRUE(parsed.ok()) << gtin << ": " << parsed.error().message;
    EXPECT_EQ(parsed->size(), 14u);
    EXPECT_EQ(parsed->substr(14 - std::string(gtin).size()), gtin);  // left-padded with zeros
  }
  EXPECT_EQ(*parse_gtin("96385074"), "00000096385074");
  for (const char* gln : {"0614141073467", "4012345000009", "9529999999993"}) EXPECT_TRUE(parse_gln(gln).ok()) << gln;
  for (const char* sscc : {"106141411234567897", "106141412345678908", "040123450000000016"}) {
    EXPECT_TRUE(parse_sscc(sscc).ok()) << sscc;
  }
  EXPECT_EQ(*parse_gtin(" 4006381333931"), "04006381333931");  // trimmed first
}

TEST(Gs1Keys, InvalidKeysSayWhy) {
  const struct {
    Result<std::string> parsed;
    const char* reason_part;
  } cases[] = {
      {parse_gtin("96385075"), "should be 4"},
      {parse_gtin("036000291453"), "should be 2"},
      {parse_gtin("4006381333932"), "should be 1"},
      {parse_gtin("10614141073465"), "should be 4"},
      {parse_gln("9529999999991"), "should be 3"},  // as in GS1's PersistentDisposition example
      {parse_sscc("106141411234567898"), "should be 7"},
      {parse_gtin("4006381333913"), "check digit"},  // the last two data digits swapped: caught
      {parse_gtin("40063813339"), "11 digits"},
      {parse_gtin("400638133393A"), "digits only"},
      {parse_gln("04012345123456"), "14 digits"},
  };
  for (const auto& c : cases) {
    ASSERT_FALSE(c.parsed.ok());
    EXPECT_EQ(c.parsed.error().code, ErrorCode::kInvalidInput);
    EXPECT_NE(c.parsed.error().message.find(c.reason_part), std::string::npos) << c.parsed.error().message;
  }
  // The algorithm's known blind spot: swapping 3 and 8 (a difference of 5) keeps the sum.
  EXPECT_TRUE(parse_gtin("4006831333931").ok());
}

EpcIdentifier epc(const char* uri) {
  const auto parsed = parse_epc(uri);
  EXPECT_TRUE(parsed.ok()) << uri << ": " << (parsed.ok() ? "" : parsed.error().message);
  return parsed.ok() ? *parsed : EpcIdentifier{};
}

TEST(Gs1Epc, UrnsAndDigitalLinksGiveTheirKeys) {
  using K = EpcIdentifier::Kind;
  EXPECT_EQ(epc("urn:epc:id:sgtin:0614141.107346.2017"), (EpcIdentifier{K::kSgtin, "10614141073464", "2017"}));
  EXPECT_EQ(epc("urn:epc:id:sgtin:4012345.011111.9876"), (EpcIdentifier{K::kSgtin, "04012345111118", "9876"}));
  EXPECT_EQ(epc("urn:epc:class:lgtin:4012345.012345.998877"),
            (EpcIdentifier{K::kLgtin, "04012345123456", "", "998877"}));
  EXPECT_EQ(epc("urn:epc:class:lgtin:4023333.002000.2019-10-07").lot, "2019-10-07");  // a string, not a date
  EXPECT_EQ(epc("urn:epc:class:lgtin:4023333.002000.2019-10-07").gtin, "04023333020008");
  EXPECT_EQ(epc("urn:epc:idpat:sgtin:4012345.098765.*"), (EpcIdentifier{K::kGtinClass, "04012345987652"}));
  EXPECT_EQ(epc("urn:epc:id:sscc:0614141.1234567890"), (EpcIdentifier{K::kSscc, "", "", "", "106141412345678908"}));
  EXPECT_EQ(epc("urn:epc:id:sgln:0614141.07346.1234"),
            (EpcIdentifier{K::kSgln, "", "", "", "", "0614141073467", "1234"}));
  EXPECT_EQ(epc("urn:epc:id:sgln:0012345.11111.0"), (EpcIdentifier{K::kSgln, "", "", "", "", "0012345111112", ""}));
  EXPECT_EQ(epc("urn:epc:id:sgln:0614141.00888.0").gln, "0614141008889");
  EXPECT_EQ(epc("urn:epc:id:pgln:4012345.00225"), (EpcIdentifier{K::kPgln, "", "", "", "", "4012345002256"}));
  EXPECT_EQ(epc("https://id.gs1.org/01/09506000134352/21/12345"),
            (EpcIdentifier{K::kSgtin, "09506000134352", "12345"}));
  EXPECT_EQ(epc("https://id.gs1.org/414/9506000134307"), (EpcIdentifier{K::kSgln, "", "", "", "", "9506000134307"}));
  EXPECT_EQ(epc("https://id.gs1.org/01/09506000134352/10/AB%2F12").lot, "AB/12");  // percent-decoded
  EXPECT_EQ(epc("urn:epc:id:sgtin:0614141.107346.A%2FB").serial, "A/B");
  EXPECT_EQ(epc("https://example.org/00/106141412345678908").sscc, "106141412345678908");  // any resolver
}

TEST(Gs1Epc, MalformedIdentifiersAreRefusedWithAReason) {
  for (const char* uri : {
           "urn:epc:id:sgtin:0614141.10734.2017",       // prefix + reference are 12 digits, not 13
           "urn:epc:id:sgtin:0614141.107346",           // no serial
           "urn:epc:id:sgtin:0614141.107346.",          // empty serial
           "urn:epc:idpat:sgtin:4012345.098765.12",     // only '*' patterns
           "urn:epc:id:giai:4012345.ABC",               // not a stock key here
           "urn:epc:id:sgln:0614141.07346",             // no extension field
           "urn:epc:id:sgtin:0614141.107346.A%2",       // broken escape
           "https://id.gs1.org/01/09506000134353/21/1",  // wrong GTIN check digit
           "https://id.gs1.org/414/9529999999991",      // wrong GLN check digit
           "https://id.gs1.org/00/106141412345678908/21/1",
           "https://id.gs1.org/01",
           "ftp://id.gs1.org/01/09506000134352",
           "09506000134352",
       }) {
    const auto parsed = parse_epc(uri);
    ASSERT_FALSE(parsed.ok()) << uri;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidInput) << uri;
    EXPECT_FALSE(parsed.error().message.empty());
  }
}

}  // namespace
}  // namespace paraat
