// The HTTP server: serves routes() as JSON (report tables also as XLSX) on a loopback port, one
// log line per request.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace paraat::api {

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 8080;                        // 0 picks a free port (see ApiServer::port)
  std::size_t max_body_bytes = 8 << 20;   // larger requests are refused with 413
  std::optional<int> backdate_days = 92;  // how far back posted movements may be dated
};

using LogSink = std::function<void(std::string_view line)>;

class ApiServer {
 public:
  // Binds and starts serving on a background thread. kUsage for a bad config, kInternal when
  // the address cannot be bound (for example, the port is taken).
  static Result<std::unique_ptr<ApiServer>> start(store::Store& store, const Clock& clock,
                                                  const ServerConfig& config, LogSink log);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  int port() const;
  // Blocks until stop() is called from elsewhere (or a signal handler asks to stop).
  void wait();
  void stop();

  struct Impl;

 private:
  explicit ApiServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace paraat::api
