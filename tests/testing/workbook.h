// Reading workbooks back as any other program would open them: an .xlsx is a ZIP archive, and
// its members are read with unzip(1).
#pragma once

#include <filesystem>
#include <string>

namespace paraat::testing {

// One member of the workbook `file` (e.g. "xl/workbook.xml"), as `unzip -p` prints it; "" when
// the member is missing or the file is not an archive.
std::string workbook_part(const std::filesystem::path& file, const std::string& name);

}  // namespace paraat::testing
