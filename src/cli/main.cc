#include "cli/cli.h"

int main(int argc, char** argv) { return paraat::cli::run(argc, argv); }
