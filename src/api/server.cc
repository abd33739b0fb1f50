#include "api/server.h"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <thread>
#include <variant>

#include "api/capture_worker.h"
#include "api/json_codec.h"
#include "api/routes.h"
#include "core/error_code.h"

namespace paraat::api {

struct ApiServer::Impl {
  httplib::Server http;
  std::thread thread;
  std::atomic<bool> loop_done{false};
  int port = 0;
  Context context;
  LogSink log;

  // Declared last: destroyed first, so accepted captures finish while the store still exists.
  std::unique_ptr<CaptureWorker> captures;
  Impl(store::Store& store, const Clock& clock, std::optional<int> backdate_days, LogSink sink)
      : context{store, clock, backdate_days}, log(std::move(sink)),
        captures(std::make_unique<CaptureWorker>(store)) {
    context.captures = captures.get();
  }
};

namespace {

// Text that reached us as bytes (a query such as ?country=%FF) may not be UTF-8; it is shown
// with replacement characters rather than failing the response.
std::string dump(const Json& body) { return body.dump(-1, ' ', false, Json::error_handler_t::replace); }

void send_json(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(dump(body), "application/json");
}

// cpp-httplib matches route paths as regular expressions; ours are literal.
std::string literal_pattern(const std::string& path) {
  std::string out;
  for (const char c : path) {
    if (std::string_view(".^$|()[]{}*+?\\").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

void send_error(httplib::Response& res, const Error& error) {
  send_json(res, http_status(error.code), error_json(error));
}

// The GS1 EPCIS REST binding reports errors as RFC 7807 problems with its own exception types.
void send_epcis_problem(httplib::Response& res, const Error& error) {
  const bool too_large = std::any_of(error.details.begin(), error.details.end(),
                                     [](const ErrorDetail& d) { return d.code == "CAPTURE_LIMIT_EXCEEDED"; });
  std::string type = "epcisException:ImplementationException";
  int status = 500;
  switch (error.code) {
    case ErrorCode::kInvalidInput: type = "epcisException:ValidationException"; status = 400; break;
    case ErrorCode::kUsage: type = "epcisException:QueryParameterException"; status = 400; break;
    case ErrorCode::kConflict: type = "epcisException:ResourceAlreadyExistsException"; status = 409; break;
    case ErrorCode::kNotFound: type = "epcisException:NoSuchResourceException"; status = 404; break;
    case ErrorCode::kBusy: status = 503; break;
    case ErrorCode::kInternal: break;
  }
  if (too_large) {
    type = "epcisException:CaptureLimitExceededException";
    status = 413;
  }
  Json body = error_json(error)["error"];
  body["type"] = type;
  body["title"] = error.message;
  body["status"] = status;
  res.status = status;
  res.set_content(dump(body), "application/problem+json");
}

}  // namespace

Result<std::unique_ptr<ApiServer>> ApiServer::start(store::Store& store, const Clock& clock,
                                                    const ServerConfig& config, LogSink log) {
  if (config.port < 0 || config.port > 65535) {
    return make_error(ErrorCode::kUsage, "port must be between 0 and 65535");
  }
  // A capture the last server accepted but did not finish kept nothing; say so in its job.
  PARAAT_RETURN_IF_ERROR(store.interrupt_running_captures(clock.now()));
  auto impl = std::make_unique<Impl>(store, clock, config.backdate_days, std::move(log));
  Impl* self = impl.get();
  auto& http = impl->http;
  http.set_payload_max_length(config.max_body_bytes);
  // SO_REUSEADDR only: cpp-httplib's default also sets SO_REUSEPORT, which lets a second
  // server bind the same port and silently share its requests.
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  // Slow clients each hold a worker; more workers and short read timeouts keep others served.
  // (Exposed beyond loopback, put a reverse proxy in front.)
  http.new_task_queue = [] { return new httplib::ThreadPool(32); };
  http.set_read_timeout(5, 0);
  http.set_keep_alive_timeout(2);
  // The body limit holds only for bodies of a stated length: a chunked body, or a compressed
  // one that the library would inflate, is refused before it is read.
  http.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    std::string encoding = req.get_header_value("Content-Encoding");
    std::transform(encoding.begin(), encoding.end(), encoding.begin(), [](unsigned char c) { return std::tolower(c); });
    const bool chunked = req.get_header_value("Transfer-Encoding").find("chunked") != std::string::npos;
    if (!chunked && (encoding.empty() || encoding == "identity")) return httplib::Server::HandlerResponse::Unhandled;
    const char* header = chunked ? "Transfer-Encoding" : "Content-Encoding";
    const std::string reason = chunked ? "send the body with a Content-Length, not chunked"
                                       : "send the body uncompressed";
    send_error(res, make_error(ErrorCode::kUsage, reason, {{"header", header, "UNSUPPORTED_ENCODING", reason}}));
    res.status = chunked ? 411 : 415;
    return httplib::Server::HandlerResponse::Handled;
  });

  for (const auto& route : routes()) {
    const bool negotiable = answers_tables(route);
    auto handler = [self, &route, negotiable](const httplib::Request& req, httplib::Response& res) {
      std::string type = req.get_header_value("Content-Type");
      type = type.substr(0, type.find(';'));
      std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
      while (!type.empty() && type.back() == ' ') type.pop_back();
      const bool readable = type == "application/json" || type == "application/x-ndjson" ||
                            type == "application/jsonl" || type == "text/csv" ||
                            (type.size() > 5 && type.ends_with("+json"));
      // A POST with an empty body (lifting a closure now) needs no type.
      if (route.method == "POST" && !readable && !req.body.empty()) {
        // curl's --data sends a form, which would otherwise turn the body into query parameters.
        send_error(res, make_error(ErrorCode::kUsage, "send the body as application/json or text/csv",
                                   {{"header", "Content-Type", "UNSUPPORTED_MEDIA_TYPE",
                                     "'" + type + "' is not accepted; add -H 'Content-Type: application/json'"}}));
        return;
      }
      Request request{Query(req.params.begin(), req.params.end()), req.body, type, req.get_header_value("Accept")};
      for (const auto& [name, value] : req.headers) {
        std::string lower = name;
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
        request.headers[lower] = value;
      }
      // A path parameter ("/capture/{captureID}") reaches the handler as a query value.
      for (const auto& p : route.params) {
        if (p.in_path && req.matches.size() > 1) {
          request.query.erase(p.name);
          request.query.emplace(p.name, req.matches[1].str());
        }
      }
      // What a report route answers depends on the Accept header, which caches must know.
      if (negotiable) res.set_header("Vary", "Accept");
      auto result = answer(route, self->context, request);
      if (!result.ok()) {
        if (route.epcis_problems) {
          send_epcis_problem(res, result.error());
        } else {
          send_error(res, result.error());
        }
      } else if (auto* body = std::get_if<Json>(&*result)) {
        if (route.answer_carries_headers && body->is_object() && body->contains("_headers")) {
          for (const auto& [name, value] : (*body)["_headers"].items()) res.set_header(name, value.get<std::string>());
          body->erase("_headers");
        }
        send_json(res, route.success_status, *body);
      } else {
        const auto& workbook = std::get<Workbook>(*result);
        res.status = 200;
        res.set_header("Content-Disposition", "attachment; filename=\"" + workbook.filename + "\"");
        res.set_content(workbook.bytes, kXlsxMediaType);
      }
    };
    std::string pattern = literal_pattern(route.path);
    if (const auto brace = route.path.find('{'); brace != std::string::npos) {
      const auto close = route.path.find('}', brace);
      pattern = literal_pattern(route.path.substr(0, brace)) + "([^/]+)" + literal_pattern(route.path.substr(close + 1));
    }
    if (route.method == "GET") {
      http.Get(pattern, handler);
      if (route.path == "/api/v1") http.Get("/api/v1/", handler);  // the index, with or without '/'
    } else if (route.method == "POST") {
      http.Post(pattern, handler);
    }
  }

  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    // Only fill in bodies for errors httplib raised itself (no route, body too large).
    if (!res.body.empty()) return;
    const bool known_path = std::any_of(routes().begin(), routes().end(),
                                        [&](const Route& r) { return r.path == req.path; });
    const bool routed_method = std::any_of(routes().begin(), routes().end(), [&](const Route& r) {
      return r.path == req.path && r.method == req.method;
    });
    if (known_path && !routed_method) {
      send_error(res, make_error(ErrorCode::kUsage, "method " + req.method + " is not allowed on " + req.path));
      res.status = 405;
      std::string allow;
      for (const auto& r : routes()) {
        if (r.path == req.path) allow += (allow.empty() ? "" : ", ") + r.method;
      }
      res.set_header("Allow", allow);
      return;
    }
    // cpp-httplib cannot tell where a POST body without a length ends, and refuses it.
    const bool unsized_post = req.method == "POST" && !req.has_header("Content-Length");
    const std::string message = res.status == 404 ? "no such endpoint: " + req.path
                                : res.status == 413 ? "request body too large"
                                : unsized_post      ? "a POST needs a Content-Length header, 0 for no body "
                                                      "(curl -d '' sends one)"
                                                    : "request failed";
    const int status = res.status;
    send_error(res, make_error(status == 404 ? ErrorCode::kNotFound : ErrorCode::kUsage, message));
    res.status = status;
  });
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res,
                                std::exception_ptr) {
    send_error(res, make_error(ErrorCode::kInternal, "internal error"));
  });
  http.set_logger([self](const httplib::Request& req, const httplib::Response& res) {
    if (!self->log) return;
    // Built as JSON, so a path with quotes or newlines cannot forge log lines.
    const Json line = {{"method", req.method}, {"path", req.path}, {"status", res.status},
                       {"bytes", res.body.size()}, {"remote", req.remote_addr}};
    self->log(dump(line));
  });

  int port = config.port;
  if (port == 0) {
    port = http.bind_to_any_port(config.host);
    if (port < 0) return make_error(ErrorCode::kInternal, "cannot bind " + config.host);
  } else if (!http.bind_to_port(config.host, port)) {
    return make_error(ErrorCode::kInternal, "cannot bind " + config.host + ":" +
                                                std::to_string(port) + " (in use?)");
  }
  impl->port = port;
  // Connections that arrive before the loop starts wait in the listen backlog, so the server is
  // usable as soon as start() returns.
  impl->thread = std::thread([self] {
    self->http.listen_after_bind();
    self->loop_done = true;
  });
  return std::unique_ptr<ApiServer>(new ApiServer(std::move(impl)));
}

ApiServer::ApiServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ApiServer::~ApiServer() { stop(); }

int ApiServer::port() const { return impl_->port; }

void ApiServer::wait() {
  if (impl_->thread.joinable()) impl_->thread.join();
}

void ApiServer::stop() {
  // httplib ignores stop() until its loop runs; wait for the loop to start (or to have ended).
  while (!impl_->http.is_running() && !impl_->loop_done) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  impl_->http.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

}  // namespace paraat::api
