// EPCIS capture throughput, end to end: read (parse and validate), map to movements, post and
// commit, for one generated document of 100,000 ObjectEvents (the issue's target: 20,000 events/s).
// The document cycles through what a stockpile network reports: a lot commissioned at a depot,
// part of it shipped to the next depot under a despatch advice, received there against that
// advice, and some dispensed at the first depot — 25,000 cycles over 100 depots and 10 GTINs.
// Each iteration captures into a fresh database (building it is not timed).
// Run: build/bench/epcis_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "core/gs1.h"
#include "ingest/epcis_reader.h"
#include "service/epcis_service.h"
#include "store/sqlite_store.h"

namespace paraat {
namespace {

constexpr int kDepots = 100;
constexpr int kGoods = 10;
const int kCycles = std::getenv("PARAAT_BENCH_CYCLES") ? std::atoi(std::getenv("PARAAT_BENCH_CYCLES")) : 25'000;
const FixedClock kClock{Instant{std::chrono::sys_days{std::chrono::year{2026} / 12 / 4}}};

std::string gln_of(int depot) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "40123450%04d", depot);
  return std::string(digits) + static_cast<char>('0' + gs1_check_digit(digits));
}

std::string gtin_of(int good) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "0401234599%03d", good);
  return std::string(digits) + static_cast<char>('0' + gs1_check_digit(digits));
}

Dataset network() {
  Dataset d;
  d.countries = {{CountryCode::trusted("DE"), "Germany", std::nullopt, "", std::nullopt}};
  d.regions = {{RegionCode::trusted("DE30"), CountryCode::trusted("DE"), "Berlin", {52.5, 13.4}, 891.1, "Europe/Berlin"}};
  for (int g = 0; g < kGoods; ++g) {
    Good good;
    good.id = GoodId::trusted("good-" + std::to_string(g));
    good.name = good.id.str();
    good.unit = "H87";
    good.shelf_life_days = 1825;
    d.goods.push_back(good);
    d.trade_items.push_back({gtin_of(g), good.id, 1, ""});
  }
  for (int i = 0; i < kDepots; ++i) {
    Depot x;
    x.id = DepotId::trusted("D" + std::to_string(i));
    x.name = x.id.str();
    x.owner = OrganisationId::trusted("DE-NATIONAL");
    x.country = CountryCode::trusted("DE");
    x.region = RegionCode::trusted("DE30");
    x.gln = gln_of(i);
    d.depots.push_back(x);
  }
  return d;
}

std::string document() {
  std::string out = R"({"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-12-01T00:00:00Z","epcisBody":{"eventList":[)";
  const auto start = std::chrono::sys_days{std::chrono::year{2026} / 1 / 1};
  int minute = 0;
  auto time = [&] {
    const auto at = std::chrono::sys_seconds{start} + std::chrono::minutes{minute++};
    return format_instant(at);
  };
  auto location = [](int depot) { return "https://id.gs1.org/414/" + gln_of(depot); };
  for (int c = 0; c < kCycles; ++c) {
    const int from = c % kDepots;
    const int to = (c + 1) % kDepots;
    const std::string lot = "L" + std::to_string(c);
    const std::string klass = "https://id.gs1.org/01/" + gtin_of(c % kGoods) + "/10/" + lot;
    const std::string advice = "urn:epcglobal:cbv:bt:4012345000009:DA-" + std::to_string(c);
    const std::string n = std::to_string(c);
    if (c > 0) out += ',';
    out += R"({"type":"ObjectEvent","eventID":"urn:uuid:c)" + n + R"(-1","eventTime":")" + time() +
           R"(","eventTimeZoneOffset":"+01:00","action":"ADD","bizStep":"commissioning","disposition":"active","bizLocation":{"id":")" +
           location(from) + R"("},"quantityList":[{"epcClass":")" + klass +
           R"(","quantity":1000}],"ilmd":{"cbvmda:itemExpirationDate":"2029-06-30"}},)";
    out += R"({"type":"ObjectEvent","eventID":"urn:uuid:c)" + n + R"(-2","eventTime":")" + time() +
           R"(","eventTimeZoneOffset":"+01:00","action":"OBSERVE","bizStep":"shipping","disposition":"in_transit","readPoint":{"id":")" +
           location(from) + R"("},"quantityList":[{"epcClass":")" + klass +
           R"(","quantity":300}],"bizTransactionList":[{"type":"desadv","bizTransaction":")" + advice +
           R"("}],"destinationList":[{"type":"location","destination":")" + location(to) + R"("}]},)";
    out += R"({"type":"ObjectEvent","eventID":"urn:uuid:c)" + n + R"(-3","eventTime":")" + time() +
           R"(","eventTimeZoneOffset":"+01:00","action":"OBSERVE","bizStep":"receiving","disposition":"in_progress","bizLocation":{"id":")" +
           location(to) + R"("},"quantityList":[{"epcClass":")" + klass +
           R"(","quantity":300}],"bizTransactionList":[{"type":"desadv","bizTransaction":")" + advice + R"("}]},)";
    out += R"({"type":"ObjectEvent","eventID":"urn:uuid:c)" + n + R"(-4","eventTime":")" + time() +
           R"(","eventTimeZoneOffset":"+01:00","action":"OBSERVE","bizStep":"dispensing","disposition":"dispensed","bizLocation":{"id":")" +
           location(from) + R"("},"quantityList":[{"epcClass":")" + klass + R"(","quantity":100}]})";
  }
  out += "]}}";
  return out;
}

void BM_CaptureDocument(benchmark::State& state) {
  const std::string text = document();
  std::int64_t events = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::string pattern = (std::filesystem::temp_directory_path() / "paraat-epcis-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    const std::filesystem::path dir = pattern;
    auto store = store::SqliteStore::open((dir / "capture.db").string(), kClock);
    if (!store.ok() || !(*store)->write(network()).ok()) std::abort();
    state.ResumeTiming();

    service::CaptureRequest request{"bench", "rollback", kClock.now(), std::nullopt};
    auto report = service::capture_epcis_text(**store, text, {}, request);
    if (!report.ok() || !report->job.success) {
      state.SkipWithError(report.ok() ? report->job.errors.front().reason.c_str() : report.error().message.c_str());
      break;
    }
    events += report->job.captured;

    state.PauseTiming();
    store->reset();
    std::filesystem::remove_all(dir);
    state.ResumeTiming();
  }
  state.counters["events"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["document_MB"] = static_cast<double>(text.size()) / 1e6;
}
BENCHMARK(BM_CaptureDocument)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(3)->UseRealTime();

void BM_ReadDocument(benchmark::State& state) {
  const std::string text = document();
  for (auto _ : state) {
    auto read = ingest::read_epcis_document(text);
    benchmark::DoNotOptimize(read);
  }
  state.counters["events"] = benchmark::Counter(static_cast<double>(4 * kCycles), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_ReadDocument)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

}  // namespace
}  // namespace paraat

BENCHMARK_MAIN();
