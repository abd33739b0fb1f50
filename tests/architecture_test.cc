// The dependency rule, checked: core includes no third-party or I/O headers, and each third-party
// library is included only by the component that owns it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>

namespace {

namespace fs = std::filesystem;

// component -> the components it may include (itself is always allowed).
const std::map<std::string, std::set<std::string>> kAllowed = {
    {"core", {}},
    {"store", {"core"}},
    {"ingest", {"core"}},
    {"plan", {"core"}},
    {"zones", {"core"}},
    {"deploy", {"core", "plan"}},
    {"report", {"core", "plan", "deploy", "service", "store"}},
    {"service", {"core", "store", "ingest", "plan", "deploy", "zones"}},
    {"api", {"core", "store", "service", "report", "plan", "deploy", "ingest"}},
    {"cli", {"core", "store", "service", "report", "plan", "deploy", "api", "ingest"}},
};

// third-party header -> the only components that may include it.
const std::map<std::string, std::set<std::string>> kOwners = {
    {"sqlite3.h", {"store"}}, {"sodium.h", {"store", "ingest"}}, {"httplib.h", {"api"}},
    {"nlohmann/", {"api", "ingest"}}, {"CLI/", {"cli"}}, {"coin/", {"deploy"}}, {"date/", {"zones"}}, {"xlsxwriter", {"report"}}};

TEST(Architecture, IncludesFollowTheDependencyRule) {
  const std::regex include_line(R"re(#include\s+[<"]([^>"]+)[>"])re");
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(PARAAT_SOURCE_DIR)) {
    if (!entry.is_regular_file()) continue;
    const auto ext = entry.path().extension();
    if (ext != ".h" && ext != ".cc") continue;
    ++files;
    const std::string component = fs::relative(entry.path(), PARAAT_SOURCE_DIR).begin()->string();
    ASSERT_TRUE(kAllowed.count(component)) << "unknown component " << component;
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      std::smatch m;
      if (!std::regex_search(line, m, include_line)) continue;
      const std::string header = m[1];
      const auto slash = header.find('/');
      const std::string first = slash == std::string::npos ? "" : header.substr(0, slash);
      if (kAllowed.count(first)) {
        EXPECT_TRUE(first == component || kAllowed.at(component).count(first))
            << entry.path().filename() << " (" << component << ") includes " << header;
      }
      for (const auto& [prefix, owner] : kOwners) {
        if (header.rfind(prefix, 0) == 0) {
          EXPECT_TRUE(owner.count(component)) << entry.path().filename() << " includes " << header;
        }
      }
    }
  }
  EXPECT_GT(files, 20);
}

}  // namespace
