#include "core/result.h"

#include <gtest/gtest.h>

#include "core/error_code.h"

namespace paraat {
namespace {

Result<int> half(int n) {
  if (n % 2 != 0) return make_error(ErrorCode::kInvalidInput, "odd");
  return n / 2;
}

Result<int> quarter(int n) {
  PARAAT_ASSIGN_OR_RETURN(int h, half(n));
  return half(h);
}

TEST(Result, PropagatesTheFirstError) {
  EXPECT_EQ(*quarter(8), 2);
  const auto odd = quarter(6);  // 6 -> 3 -> odd
  ASSERT_FALSE(odd.ok());
  EXPECT_EQ(odd.error().message, "odd");
}

TEST(ErrorCodes, MapToTheDocumentedExitCodesAndHttpStatuses) {
  EXPECT_EQ(exit_code(ErrorCode::kUsage), 2);
  EXPECT_EQ(exit_code(ErrorCode::kInvalidInput), 65);
  EXPECT_EQ(exit_code(ErrorCode::kNotFound), 66);
  EXPECT_EQ(exit_code(ErrorCode::kInternal), 70);
  EXPECT_EQ(http_status(ErrorCode::kUsage), 400);
  EXPECT_EQ(http_status(ErrorCode::kNotFound), 404);
  EXPECT_EQ(http_status(ErrorCode::kConflict), 409);
  EXPECT_EQ(http_status(ErrorCode::kInvalidInput), 422);
  EXPECT_EQ(http_status(ErrorCode::kInternal), 500);
  EXPECT_EQ(error_code_name(ErrorCode::kInvalidInput), "invalid_input");
}

}  // namespace
}  // namespace paraat
