// The paraat command line. All behaviour lives in the component libraries; this layer parses
// flags into typed requests, calls the service, and prints tables, CSV or JSON.
#pragma once

namespace paraat::cli {

// Runs the command line and returns the process exit code (0 ok, 2 usage, 65 bad input,
// 66 not found, 70 internal).
int run(int argc, char** argv);

}  // namespace paraat::cli
