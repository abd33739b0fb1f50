#include "testing/fixtures.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace paraat::testing {

std::filesystem::path bundled_data_dir() { return PARAAT_DATA_DIR; }

void write_file(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

void copy_bundled_data(const std::filesystem::path& dir) {
  for (const auto& entry : std::filesystem::directory_iterator(bundled_data_dir())) {
    if (entry.path().extension() == ".csv") {
      std::filesystem::copy_file(entry.path(), dir / entry.path().filename());
    }
  }
}

Date date(const char* iso) {
  auto parsed = parse_date(iso);
  if (!parsed.ok()) throw std::runtime_error(std::string("bad date literal ") + iso);
  return *parsed;
}

}  // namespace paraat::testing
