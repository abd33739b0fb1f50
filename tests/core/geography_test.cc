#include "core/geography.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace paraat {
namespace {

TEST(GreatCircle, MatchesArcLengthOnTheEquatorAndAMeridian) {
  // One degree of arc is 2πR/360 with R = 6371.0088 km: 111.1951 km.
  const double one_degree = 2 * std::numbers::pi * 6371.0088 / 360;
  EXPECT_NEAR(great_circle_km({0, 10}, {0, 11}), one_degree, 1e-9);
  EXPECT_NEAR(great_circle_km({50, 4}, {52, 4}), 2 * one_degree, 1e-9);
  EXPECT_NEAR(great_circle_km({48, 2}, {48, 2}), 0, 1e-12);
  // Antipodes: half the circumference.
  EXPECT_NEAR(great_circle_km({0, 0}, {0, 180}), 180 * one_degree, 1e-6);
}

}  // namespace
}  // namespace paraat
