// What the books say about a good at a depot over a period: stockout days, average monthly
// consumption adjusted for stockouts, months of stock, expiry risk, rotation proposals and
// waste. Pure functions of the daily series and flows the store reads out (docs/ledger.md
// gives every formula with a worked example).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/history.h"

namespace paraat::plan {

// Length of an average month in days, 365.25 / 12, for converting days to months in forecasts.
inline constexpr double kDaysPerMonth = 365.25 / 12;  // 30.4375
// Days per month in the stockout-adjusted AMC, as in the field's reference formula
// (AMC = consumption / days with stock × 30.5).
inline constexpr double kAmcMonthDays = 30.5;

// Whether a lot counts as usable stock at the end of `day`: not expired (usable through its
// expiry day) and available at the end of that day.
bool usable_on(const PositionSeries& lot, Date day);

// Usable stock of all lots at the end of each day of [from, to].
std::vector<std::int64_t> daily_usable(const std::vector<PositionSeries>& lots, Date from, Date to);

struct ConsumptionReport {
  Date from{};
  Date to{};
  int counted_days = 0;      // days of the period from the first receipt ever (earlier days count neither way)
  int stockout_days = 0;     // counted days whose closing usable stock is 0
  int days_with_stock = 0;   // counted_days - stockout_days
  std::int64_t consumption = 0;  // issued (consumed) in the period, base units
  std::int64_t losses = 0;       // disposed of or lost in the period, base units
  std::optional<double> amc;              // consumption / days_with_stock × 30.5
  std::optional<double> amc_unadjusted;   // consumption / counted_days × 30.5
  std::int64_t usable_at_end = 0;         // usable stock at the end of `to`
  std::optional<double> months_of_stock;  // usable_at_end / amc
};

// `flows` must be those of the same depot and good (any period; only [from, to] is used).
ConsumptionReport consumption_report(const std::vector<PositionSeries>& lots,
                                     const std::vector<Flow>& flows, Date from, Date to);

double months_of_stock(std::int64_t quantity, double amc);

struct ExpiryRisk {
  std::string lot;
  Date expiry{};
  std::int64_t quantity = 0;
  double months_to_expiry = 0;   // days to expiry / 30.4375
  double expected_use = 0;       // of this lot before it expires, lots used first-expiry-first-out
  double at_risk = 0;            // quantity - expected_use, at least 0
};

// `lots` are (lot, expiry, quantity) on `today`; lots without expiry carry no risk and are left
// out. Expected use of each lot is what the AMC consumes by its expiry, after the lots that
// expire before it.
std::vector<ExpiryRisk> expiry_risk(std::vector<ExpiryRisk> lots, double amc, Date today);

struct RotationProposal {
  std::string lot;
  Date expiry{};
  std::int64_t quantity = 0;  // whole units at risk of expiring unused
  Date act_by{};              // leave time to move them: 30 days before expiry (or today)
  std::string action;         // "rotate into regular use or donate while usable"
};

std::vector<RotationProposal> rotation_proposals(const std::vector<ExpiryRisk>& risks, Date today);

struct WasteLine {
  GoodId good;
  std::string reason;  // expired, damaged, lost, ... or "lost in transit"
  std::int64_t quantity = 0;
};

// Disposals and transit losses by good and reason, from the flows of a period.
std::vector<WasteLine> waste_by_reason(const std::vector<Flow>& flows);

}  // namespace paraat::plan
