// The SQLite schema as numbered migrations. A migration, once released, is never edited: changes
// come as a new, higher-numbered migration.
#pragma once

#include <string_view>
#include <vector>

namespace paraat::store {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

const std::vector<Migration>& sqlite_migrations();

}  // namespace paraat::store
