#include "testing/workbook.h"

#include <cstdio>

namespace paraat::testing {

std::string workbook_part(const std::filesystem::path& file, const std::string& name) {
  const std::string command = "unzip -p '" + file.string() + "' '" + name + "' 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return "";
  std::string out;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  pclose(pipe);
  return out;
}

}  // namespace paraat::testing
