// Small helpers shared by tests: the bundled data directory, file writing, and a tiny dataset
// of three regions whose readiness figures are worked out by hand in the tests.
#pragma once

#include <filesystem>
#include <string>

#include "core/dataset.h"

namespace paraat::testing {

std::filesystem::path bundled_data_dir();
void write_file(const std::filesystem::path& path, const std::string& content);
std::string read_file(const std::filesystem::path& path);
// Copies the bundled dataset into `dir` so a test can spoil one file.
void copy_bundled_data(const std::filesystem::path& dir);

Date date(const char* iso);  // aborts the test binary on a bad literal

}  // namespace paraat::testing
