#include "tests/support/temp_dir.h"

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>

namespace tracuu::testing {

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "tracuu-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary folder");
    m_path = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

std::filesystem::path TempDir::write(const std::filesystem::path& relative, std::string_view content) const {
    const std::filesystem::path file = m_path / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    return file;
}

std::map<std::string, std::string> snapshot(const std::filesystem::path& dir) {
    std::map<std::string, std::string> entries;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
        const std::string size = e.is_regular_file() ? std::to_string(e.file_size()) : "dir";
        entries[std::filesystem::relative(e.path(), dir).string()] = size + "@" + std::to_string(e.last_write_time().time_since_epoch().count());
    }
    return entries;
}

}  // namespace tracuu::testing
