// A small world for EPCIS capture tests: the stockpiles A and B of the paraat event vectors
// (INTEROP.md §1.13 C) with their GLNs, goods with GTINs, a real SQLite file and a fixed clock.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "service/epcis_service.h"
#include "store/sqlite_store.h"
#include "testing/temp_dir.h"

namespace paraat::testing {

// Stockpile A: GLN 4012345000016 (SGLN urn:epc:id:sgln:4012345.00001.0), in Berlin.
// Stockpile B: GLN 9520001111112 (SGLN urn:epc:id:sgln:9520001.11111.0), in Utrecht.
// Goods: ffp2 (GTIN 04012345123456, counted), vaccine (GTIN 04012345111118, 2–8 °C), kit (GTIN
// 04012345666663, no expiry), hypochlorite (GTIN 04012345123463, kept in KGM).
Dataset epcis_dataset();

class EpcisTest : public ::testing::Test {
 protected:
  void SetUp() override;

  // Reads the document and captures it; the read must succeed.
  service::CaptureReport capture(const std::string& document, const std::string& behaviour = "rollback");
  // Wraps events (JSON objects, comma-separated) in an EPCISDocument.
  static std::string document(const std::string& events);

  // Current balance of a lot at a depot (0 when none), and its status.
  std::int64_t balance(const char* depot, const char* good, const char* lot);
  LotStatus status(const char* depot, const char* good, const char* lot);
  // Stock of a good still in transit over every open transfer.
  std::int64_t in_transit(const char* good);
  std::size_t stored_events();
  void expect_books_consistent();

  TempDir dir_;
  std::unique_ptr<FixedClock> clock_;
  std::unique_ptr<store::SqliteStore> store_;
};

}  // namespace paraat::testing
