#include "core/geography.h"

#include <cmath>
#include <numbers>

namespace paraat {

double great_circle_km(GeoPoint a, GeoPoint b) {
  constexpr double kEarthRadiusKm = 6371.0088;
  constexpr double kRad = std::numbers::pi / 180.0;
  const double dlat = (b.lat - a.lat) * kRad;
  const double dlon = (b.lon - a.lon) * kRad;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dlon / 2) *
                       std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace paraat
