// The embedded store: one SQLite file in WAL mode, schema from numbered migrations, every query a
// prepared statement. Safe to share between threads (calls are serialised).
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "core/clock.h"
#include "store/sqlite_db.h"
#include "store/sqlite_ledger.h"
#include "store/store.h"

namespace paraat::store {

class SqliteStore final : public Store {
 public:
  // Opens (creating if needed) and migrates the database at `path`. Refuses a database written
  // by a newer paraat (higher schema version than this build knows).
  enum class OpenMode { kCreate, kMustExist };
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path, const Clock& clock,
                                                   OpenMode mode = OpenMode::kCreate);

  // The schema version the file is at.
  Result<int> schema_version();

  Result<WriteSummary> write(const Dataset& batch) override;
  Result<std::vector<PostedMovement>> post(const std::vector<MovementLine>& lines,
                                           const PostOptions& options) override;
  Result<std::optional<std::string>> setting(const std::string& key) override;
  Result<KnownKeys> known_keys() override;
  Result<std::vector<Country>> countries() override;
  Result<std::vector<Region>> regions(const std::optional<CountryCode>& country) override;
  Result<std::vector<Population>> population() override;
  Result<std::vector<Adjacency>> adjacency() override;
  Result<std::vector<TransportLink>> transport_links() override;
  Result<std::vector<NetworkChange>> network_changes() override;
  Result<NetworkChange> add_network_change(const NetworkChange& change) override;
  Result<NetworkChange> end_network_change(std::int64_t id, Instant until, Instant lifted_at) override;
  Result<std::vector<ResceuHost>> resceu_hosts() override;
  Result<std::vector<Good>> goods() override;
  Result<std::vector<Scenario>> scenarios() override;
  Result<std::vector<Need>> needs(const ScenarioId& scenario) override;
  Result<std::vector<ReferencePrice>> prices() override;
  Result<std::vector<HoldingCost>> holding_costs() override;
  Result<std::vector<PurchaseOrder>> orders() override;
  Result<std::vector<TargetOverride>> targets(const std::optional<ScenarioId>& scenario) override;
  Status add_target(const TargetOverride& target) override;
  Result<std::vector<DemoProfileLine>> demo_profile() override;
  Result<std::vector<Depot>> depots(const DepotFilter& filter) override;
  Result<std::vector<LotBalance>> stock(const StockFilter& filter) override;
  Result<std::vector<Holding>> holdings() override;
  Result<std::int64_t> available_to_take(const LotKey& lot, Date day) override;
  Result<std::vector<PositionSeries>> position_series(const DepotId& depot, const GoodId& good,
                                                      Date from, Date to) override;
  Result<std::vector<Flow>> flows(const FlowQuery& query) override;
  Result<StockCard> stock_card(const CardQuery& query) override;
  Result<std::vector<Finding>> verify() override;
  Result<std::vector<RecordedMovement>> movements(const MovementQuery& query) override;
  Result<std::vector<TransferStatus>> transfers(const std::optional<DepotId>& depot,
                                                bool open_only) override;
  Result<std::vector<Discrepancy>> reconcile(const std::vector<BalanceReport>& reports) override;
  Result<std::vector<Discrepancy>> discrepancies(const std::optional<DepotId>& depot) override;
  Result<std::vector<TradeItem>> trade_items() override;
  Result<std::optional<Date>> lot_expiry(const GoodId& good, const std::string& lot,
                                         const OrganisationId& owner) override;
  Result<std::unique_ptr<EpcisSession>> begin_epcis_capture() override;
  Result<std::vector<EpcisEventRecord>> epcis_events(const EpcisQuery& query) override;
  Result<bool> movement_from_epcis(const std::string& movement_id) override;
  Status save_capture_job(const CaptureJob& job) override;
  Status interrupt_running_captures(Instant now) override;
  Result<std::optional<CaptureJob>> capture_job(const std::string& id) override;
  Result<std::vector<CaptureJob>> capture_jobs(std::int64_t limit) override;
  Result<std::vector<ConditionReading>> condition_readings(const ConditionQuery& query) override;
  Result<std::vector<ConditionAlert>> condition_alerts(const ConditionQuery& query) override;
  Result<LogisticUnit> logistic_unit(const std::string& sscc) override;
  // Recomputes the daily balance cache from the postings (the cache is derived data).
  Result<std::size_t> rebuild_cache();

 private:
  friend class SqliteEpcisSession;
  SqliteStore(SqliteDb db, const Clock& clock);
  Status migrate();
  Status repost_legacy_movements();
  Result<WriteSummary> write_locked(const Dataset& batch);
  Status check_stock_keeps_its_meaning(const Dataset& batch);

  // Recursive: an EPCIS session holds it for its whole transaction and reads through the
  // store's own methods meanwhile.
  std::recursive_mutex mutex_;
  SqliteDb db_;
  const Clock& clock_;
  std::unique_ptr<LedgerEngine> engine_;  // kept between batches; see LedgerEngine::post
};

}  // namespace paraat::store
