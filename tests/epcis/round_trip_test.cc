// The bundled EU data with a demo register: every movement exported as EPCIS events and captured
// into a second database that holds the same depots and no stock gives the same books, lot by
// lot. Two independent paths (the ledger posting movements, the capture mapping events) agree.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/progress.h"
#include "ingest/epcis_reader.h"
#include "service/epcis_service.h"
#include "service/service.h"
#include "store/sqlite_store.h"
#include "testing/fixtures.h"
#include "testing/temp_dir.h"

namespace paraat::testing {
namespace {

TEST(EpcisRoundTrip, TheDemoRegisterExportedAndCapturedGivesTheSameBooks) {
  TempDir dir;
  FixedClock clock{*parse_instant("2026-12-03T12:00:00Z")};
  NoProgress quiet;
  auto source = *store::SqliteStore::open((dir / "source.db").string(), clock);
  ASSERT_TRUE(service::import_directory(*source, bundled_data_dir(), quiet).ok());
  ASSERT_TRUE(service::demo_stock(*source, 7, date("2026-12-03"), quiet).ok());
  // Beyond the opening receipts: a transfer received in part, an issue, a disposal and a
  // quarantine, so every exported kind of movement is captured back.
  const auto lots = *source->stock({});
  ASSERT_GE(lots.size(), 3u);
  const LotBalance& a = lots[0];
  const LotBalance& b = lots[1];
  const auto other = std::find_if(lots.begin(), lots.end(), [&](const LotBalance& l) { return l.depot != a.depot; });
  ASSERT_NE(other, lots.end());
  auto line = [&](const char* id, MovementKind kind, const LotBalance& lot, std::int64_t quantity, const char* at) {
    MovementLine l;
    l.id = id;
    l.record = id;
    l.kind = kind;
    l.depot = lot.depot;
    l.good = lot.good;
    l.lot = lot.lot;
    l.quantity = quantity;
    l.at = *parse_instant(at);
    return l;
  };
  std::vector<MovementLine> lines;
  lines.push_back(line("t-out", MovementKind::kTransferOut, a, 10, "2026-12-01T08:00:00Z"));
  lines.back().to_depot = other->depot;
  lines.push_back(line("t-in", MovementKind::kTransferIn, a, 6, "2026-12-02T08:00:00Z"));
  lines.back().depot = other->depot;
  lines.back().transfer = "t-out";
  lines.push_back(line("issue", MovementKind::kIssue, b, 3, "2026-12-01T09:00:00Z"));
  lines.push_back(line("dispose", MovementKind::kDispose, b, 2, "2026-12-01T10:00:00Z"));
  lines.back().reason = "damaged";
  lines.push_back(line("hold", MovementKind::kQuarantine, lots[2], 0, "2026-12-01T11:00:00Z"));
  lines.back().reason = "damaged";
  auto posted = service::post_movements(*source, {lines, std::nullopt, clock.now()});
  ASSERT_TRUE(posted.ok()) << posted.error().message << ": "
                           << (posted.error().details.empty() ? "" : posted.error().details[0].reason);

  store::MovementQuery all;
  all.limit = 10'000'000;
  auto events = service::export_ledger_events(*source, all);
  ASSERT_TRUE(events.ok()) << events.error().message;
  ASSERT_GT(events->events.size(), 1000u);
  EXPECT_FALSE(events->next_after.has_value());
  std::vector<std::string> jsons;
  for (const auto& e : events->events) jsons.push_back(ingest::write_epcis_event(e));
  auto document = ingest::read_epcis_document(ingest::write_epcis_document(jsons, "2026-12-03T12:00:00Z"));
  ASSERT_TRUE(document.ok()) << document.error().message << ": "
                             << (document.error().details.empty() ? "" : document.error().details[0].reason);

  auto target = *store::SqliteStore::open((dir / "target.db").string(), clock);
  ASSERT_TRUE(service::import_directory(*target, bundled_data_dir(), quiet).ok());
  Dataset depots;
  depots.depots = *source->depots({});
  ASSERT_TRUE(target->write(depots).ok());
  service::CaptureRequest request{"round-trip", "rollback", clock.now(), std::nullopt};  // years of history
  auto report = service::capture_epcis(*target, *document, request);
  ASSERT_TRUE(report.ok()) << report.error().message;
  ASSERT_TRUE(report->job.success) << report->job.errors.front().record << " " << report->job.errors.front().field
                                   << ": " << report->job.errors.front().reason;

  const auto before = *source->stock({});
  const auto after = *target->stock({});
  ASSERT_EQ(after.size(), before.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    SCOPED_TRACE(before[i].depot.str() + " " + before[i].good.str() + " " + before[i].lot);
    EXPECT_EQ(after[i].depot, before[i].depot);
    EXPECT_EQ(after[i].good, before[i].good);
    EXPECT_EQ(after[i].lot, before[i].lot);
    EXPECT_EQ(after[i].owner, before[i].owner);
    EXPECT_EQ(after[i].expiry, before[i].expiry);
    EXPECT_EQ(after[i].quantity, before[i].quantity);
    EXPECT_EQ(after[i].status, before[i].status);
  }
  EXPECT_TRUE(target->verify()->empty());
}

}  // namespace
}  // namespace paraat::testing
