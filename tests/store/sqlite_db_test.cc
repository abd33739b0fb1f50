#include "store/sqlite_db.h"

#include <gtest/gtest.h>

#include "testing/temp_dir.h"

namespace paraat::store {
namespace {

// An order line pointing at an order that does not exist, inserted with enforcement as given.
bool orphan_insert_succeeds(SqliteDb& db, bool enforce) {
  EXPECT_TRUE(db.enforce_foreign_keys(enforce).ok());
  auto st = db.prepare("INSERT INTO lines (order_id) VALUES (42)");
  EXPECT_TRUE(st.ok());
  return st->run().ok();
}

TEST(SqliteDb, ForeignKeyEnforcementFollowsEveryChangeOfSetting) {
  paraat::testing::TempDir dir;
  auto db = SqliteDb::open((dir.path() / "fk.db").string(), true);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(db->exec("CREATE TABLE orders (id INTEGER PRIMARY KEY);"
                       "CREATE TABLE lines (id INTEGER PRIMARY KEY, order_id INTEGER REFERENCES orders(id))")
                  .ok());
  EXPECT_FALSE(orphan_insert_succeeds(*db, true));
  EXPECT_TRUE(orphan_insert_succeeds(*db, false));
  EXPECT_TRUE(orphan_insert_succeeds(*db, false));  // unchanged: no pragma issued, still off
  EXPECT_FALSE(orphan_insert_succeeds(*db, true));
  EXPECT_FALSE(orphan_insert_succeeds(*db, true));
}

}  // namespace
}  // namespace paraat::store
