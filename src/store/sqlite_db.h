// A thin RAII layer over the SQLite C API: one connection, prepared statements with bound
// parameters, and errors turned into values. Used only inside the SQLite store.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace paraat::store {

class SqliteStatement {
 public:
  SqliteStatement() = default;
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement& operator=(SqliteStatement&& other) noexcept;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  ~SqliteStatement();

  // Parameters are 1-based as in SQLite.
  void bind(int index, std::int64_t value);
  void bind(int index, double value);
  void bind(int index, std::string_view value);
  // Binds text without copying it: the caller keeps it alive and unchanged until the
  // statement has run.
  void bind_static(int index, std::string_view value);
  void bind_null(int index);
  void bind_blob(int index, const std::vector<std::uint8_t>& bytes);
  void bind(int index, const std::optional<std::int64_t>& value);
  void bind(int index, const std::optional<double>& value);

  // Advances; true while a row is available. Errors end up in status().
  bool step();
  // Runs a statement that returns no rows.
  Status run();
  void reset();
  // Resets for another run but keeps the bindings (for callers that rebind every parameter).
  void rewind();

  std::int64_t column_int(int index) const;
  double column_double(int index) const;
  std::string column_text(int index) const;
  // The same without a copy; valid until the statement steps, resets or is destroyed.
  std::string_view column_view(int index) const;
  bool column_is_null(int index) const;
  std::optional<std::int64_t> column_optional_int(int index) const;
  std::optional<double> column_optional_double(int index) const;
  std::vector<std::uint8_t> column_blob(int index) const;

  Status status() const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  int last_rc_ = 0;
};

class SqliteDb {
 public:
  // `create`: make the file when it does not exist; otherwise a missing file is kNotFound.
  static Result<SqliteDb> open(const std::string& path, bool create);
  SqliteDb(SqliteDb&& other) noexcept;
  SqliteDb& operator=(SqliteDb&& other) noexcept;
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;
  ~SqliteDb();

  Result<SqliteStatement> prepare(std::string_view sql);
  // A statement prepared once per connection and reused: reset and unbound on each call. For
  // the hot paths of the ledger, where preparing would cost more than running.
  Result<std::reference_wrapper<SqliteStatement>> cached(std::string_view sql);
  // Resets every cached statement, so none holds a read snapshot after a transaction ends.
  void reset_cached();
  // For fixed DDL and transaction control only; data always goes through prepare().
  Status exec(const char* sql);
  // Turns SQLite's foreign-key enforcement on or off, outside a transaction. Changing it
  // expires every prepared statement (they are compiled with or without the checks), and
  // re-preparing the ledger's multi-row inserts costs more than running them, so the pragma
  // is only issued when the setting actually changes.
  Status enforce_foreign_keys(bool on);
  std::int64_t changes() const;
  std::int64_t last_insert_rowid() const;

 private:
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  // Looked up by string_view without building a std::string on every call.
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
  };
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, SqliteStatement, SqlHash, std::equal_to<>> cache_;
  std::optional<bool> foreign_keys_;  // unknown until first set
};

// A transaction for the scope it is declared in, rolled back unless commit() was called.
// BEGIN IMMEDIATE (the default) takes the write lock at once; a plain BEGIN suits reports that
// read several tables: in WAL mode all their reads then see one snapshot, so a writer
// committing meanwhile cannot tear what they report (ending a read-only one by rollback or by
// commit is the same).
class Transaction {
 public:
  explicit Transaction(SqliteDb& db) : db_(db) {}
  Status begin(const char* statement = "BEGIN IMMEDIATE") {
    PARAAT_RETURN_IF_ERROR(db_.exec(statement));
    open_ = true;
    return {};
  }
  Status commit() {
    PARAAT_RETURN_IF_ERROR(db_.exec("COMMIT"));
    open_ = false;
    return {};
  }
  ~Transaction() {
    if (open_) (void)db_.exec("ROLLBACK");
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

 private:
  SqliteDb& db_;
  bool open_ = false;
};

// Inserts rows 64 at a time with one multi-row INSERT each: far fewer statement runs than one
// row per INSERT. `bind_row(statement, first_parameter, row)` binds one row's `columns` values.
// OR FAIL: a broken constraint still stops the statement with an error, but SQLite need not keep
// a statement journal to undo the rows before it (a tenth of a large capture's time). Every
// caller runs inside a transaction or savepoint that its error rolls back whole.
inline std::string multi_row_insert(std::string_view head, int columns, std::size_t rows,
                                    std::string_view tail = "") {
  std::string sql(head);
  if (sql.starts_with("INSERT INTO ")) sql.insert(6, " OR FAIL");
  sql += " VALUES ";
  for (std::size_t r = 0; r < rows; ++r) {
    sql += r ? ", (" : "(";
    for (int c = 0; c < columns; ++c) sql += c ? ", ?" : "?";
    sql += ")";
  }
  sql += tail;
  return sql;
}

// Runs `bind_row(statement, first parameter, row)` for every row, `chunk` rows a statement.
// `head` and `tail` are string literals; the SQL for each row count is built once.
template <class Row, class Bind>
Status insert_rows(SqliteDb& db, std::string_view head, int columns, const std::vector<Row>& rows,
                   Bind bind_row, std::string_view tail = "") {
  constexpr std::size_t kChunk = 64;
  static thread_local std::map<std::pair<const char*, std::size_t>, std::string> sql_for;
  std::size_t start = 0;
  while (start < rows.size()) {
    const std::size_t count = std::min(kChunk, rows.size() - start);
    auto& sql = sql_for[{head.data(), count}];
    if (sql.empty()) sql = multi_row_insert(head, columns, count, tail);
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db.cached(sql));
    for (std::size_t i = 0; i < count; ++i) bind_row(st, static_cast<int>(i) * columns + 1, rows[start + i]);
    PARAAT_RETURN_IF_ERROR(st.run());
    start += count;
  }
  return {};
}

// An error value for a failed SQLite call, with SQLite's own message.
Error sqlite_error(sqlite3* db, std::string_view what);

}  // namespace paraat::store
