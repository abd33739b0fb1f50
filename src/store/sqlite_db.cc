#include "store/sqlite_db.h"

#include <sqlite3.h>

#include <utility>

namespace paraat::store {

Error sqlite_error(sqlite3* db, std::string_view what) {
  std::string message = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "no database");
  const int code = db ? sqlite3_errcode(db) & 0xFF : SQLITE_ERROR;
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
    return make_error(ErrorCode::kBusy, "the database is busy with another write; try again",
                      {{"", "", "DATABASE_BUSY", message}});
  }
  if (code == SQLITE_NOTADB) {
    return make_error(ErrorCode::kInvalidInput, "the file is not a paraat database (not SQLite)",
                      {{"", "", "NOT_A_DATABASE", message}});
  }
  if (code == SQLITE_READONLY) {
    return make_error(ErrorCode::kInternal, "the database file is read-only for this user",
                      {{"", "", "READ_ONLY", message}});
  }
  return make_error(ErrorCode::kInternal, message, {{"", "", "STORAGE_ERROR", message}});
}

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      stmt_(std::exchange(other.stmt_, nullptr)),
      last_rc_(other.last_rc_) {}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept {
  if (this != &other) {
    if (stmt_) sqlite3_finalize(stmt_);
    db_ = std::exchange(other.db_, nullptr);
    stmt_ = std::exchange(other.stmt_, nullptr);
    last_rc_ = other.last_rc_;
  }
  return *this;
}

SqliteStatement::~SqliteStatement() {
  if (stmt_) sqlite3_finalize(stmt_);
}

void SqliteStatement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
}
void SqliteStatement::bind(int index, double value) { sqlite3_bind_double(stmt_, index, value); }
void SqliteStatement::bind(int index, std::string_view value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
}
void SqliteStatement::bind_null(int index) { sqlite3_bind_null(stmt_, index); }
void SqliteStatement::bind_static(int index, std::string_view value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
}
void SqliteStatement::bind_blob(int index, const std::vector<std::uint8_t>& bytes) {
  sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
}
void SqliteStatement::bind(int index, const std::optional<std::int64_t>& value) {
  if (value) bind(index, *value); else bind_null(index);
}
void SqliteStatement::bind(int index, const std::optional<double>& value) {
  if (value) bind(index, *value); else bind_null(index);
}

bool SqliteStatement::step() {
  last_rc_ = sqlite3_step(stmt_);
  return last_rc_ == SQLITE_ROW;
}

Status SqliteStatement::run() {
  while (step()) {
  }
  Status result = status();
  rewind();
  return result;
}

void SqliteStatement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

void SqliteStatement::rewind() { sqlite3_reset(stmt_); }

Status SqliteStatement::status() const {
  if (last_rc_ == SQLITE_ROW || last_rc_ == SQLITE_DONE || last_rc_ == SQLITE_OK) return {};
  return sqlite_error(db_, "statement failed");
}

std::int64_t SqliteStatement::column_int(int index) const {
  return sqlite3_column_int64(stmt_, index);
}
double SqliteStatement::column_double(int index) const {
  return sqlite3_column_double(stmt_, index);
}
std::string_view SqliteStatement::column_view(int index) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, index));
  if (text == nullptr) return {};
  return {text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index))};
}

std::string SqliteStatement::column_text(int index) const {
  const auto* text = sqlite3_column_text(stmt_, index);
  if (!text) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index)));
}
bool SqliteStatement::column_is_null(int index) const {
  return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}
std::optional<std::int64_t> SqliteStatement::column_optional_int(int index) const {
  if (column_is_null(index)) return std::nullopt;
  return column_int(index);
}
std::vector<std::uint8_t> SqliteStatement::column_blob(int index) const {
  const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, index));
  const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index));
  return data ? std::vector<std::uint8_t>(data, data + size) : std::vector<std::uint8_t>{};
}
std::optional<double> SqliteStatement::column_optional_double(int index) const {
  if (column_is_null(index)) return std::nullopt;
  return column_double(index);
}

Result<SqliteDb> SqliteDb::open(const std::string& path, bool create) {
  sqlite3* db = nullptr;
  const int flags =
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc == SQLITE_CANTOPEN && !create) {
    sqlite3_close(db);
    return make_error(ErrorCode::kNotFound,
                      "no database at '" + path + "'; create one with `paraat import data/eu`");
  }
  if (rc != SQLITE_OK) {
    Error error = make_error(ErrorCode::kInternal,
                             "cannot open database '" + path + "': " +
                                 (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
    sqlite3_close(db);
    return error;
  }
  // A long import holds the write lock; others wait for it rather than fail at once.
  sqlite3_busy_timeout(db, 30000);
  return SqliteDb(db);
}

SqliteDb::SqliteDb(SqliteDb&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      cache_(std::move(other.cache_)),
      foreign_keys_(other.foreign_keys_) {}
SqliteDb& SqliteDb::operator=(SqliteDb&& other) noexcept {
  if (this != &other) {
    cache_.clear();
    if (db_) sqlite3_close(db_);
    db_ = std::exchange(other.db_, nullptr);
    cache_ = std::move(other.cache_);
    foreign_keys_ = other.foreign_keys_;
  }
  return *this;
}
SqliteDb::~SqliteDb() {
  cache_.clear();  // statements are finalized before the connection closes
  if (db_) sqlite3_close(db_);
}

Result<std::reference_wrapper<SqliteStatement>> SqliteDb::cached(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement st, prepare(sql));
    it = cache_.emplace(std::string(sql), std::move(st)).first;
  } else {
    // Cached statements are for hot paths whose callers bind every parameter each time;
    // clearing hundreds of bindings of a multi-row insert would cost more than the insert.
    it->second.rewind();
  }
  return std::ref(it->second);
}

void SqliteDb::reset_cached() {
  for (auto& [sql, st] : cache_) st.reset();
}

Result<SqliteStatement> SqliteDb::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) !=
      SQLITE_OK) {
    return sqlite_error(db_, "prepare failed");
  }
  return SqliteStatement(db_, stmt);
}

Status SqliteDb::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    sqlite3_free(message);
    return sqlite_error(db_, "database error");
  }
  return {};
}

Status SqliteDb::enforce_foreign_keys(bool on) {
  if (foreign_keys_ == on) return {};
  PARAAT_RETURN_IF_ERROR(exec(on ? "PRAGMA foreign_keys=ON" : "PRAGMA foreign_keys=OFF"));
  foreign_keys_ = on;
  return {};
}

std::int64_t SqliteDb::changes() const { return sqlite3_changes(db_); }
std::int64_t SqliteDb::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

}  // namespace paraat::store
