// serve: the HTTP API in the foreground until SIGINT or SIGTERM.
#include <pthread.h>

#include <csignal>
#include <iostream>
#include <memory>

#include "api/server.h"
#include "cli/command.h"

namespace paraat::cli {

void add_serve_command(CLI::App& app, Shell& shell) {
  auto config = std::make_shared<api::ServerConfig>();
  auto* cmd = app.add_subcommand("serve", "Serve the HTTP JSON API");
  cmd->add_option("--port", config->port, "TCP port (0 picks a free one)")->capture_default_str();
  cmd->add_option("--host", config->host, "address to listen on")->capture_default_str();
  cmd->add_option("--backdate-days", config->backdate_days,
                  "how many days back posted movements may be dated (default 92)")
      ->capture_default_str()
      ->check(CLI::Range(0, 36500));
  cmd->callback([&shell, config] {
    shell.action = [&shell, config]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      // SIGINT/SIGTERM are taken by this thread with sigwait; server threads inherit the mask.
      sigset_t signals;
      sigemptyset(&signals);
      sigaddset(&signals, SIGINT);
      sigaddset(&signals, SIGTERM);
      pthread_sigmask(SIG_BLOCK, &signals, nullptr);
      PARAAT_ASSIGN_OR_RETURN(
          auto server, api::ApiServer::start(*store, shell.clock, *config,
                                             [](std::string_view line) { std::cerr << line << '\n'; }));
      std::cout << "paraat serving " << shell.db << " on http://" << config->host << ":"
                << server->port() << "/api/v1/ (Ctrl-C stops)" << std::endl;
      int received = 0;
      sigwait(&signals, &received);
      std::cout << "stopping" << std::endl;
      server->stop();
      return {};
    };
  });
}

}  // namespace paraat::cli
