/** @file
 *  @brief A scratch folder removed when the test ends.
 */
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace tracuu::testing {

/// Creates a fresh folder under the system temporary directory; removes it on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }
    /// Writes a file (creating parent folders) and returns its path.
    std::filesystem::path write(const std::filesystem::path& relative, std::string_view content) const;

private:
    std::filesystem::path m_path;
};

/// Every entry under `dir` with its size and modification time: what "left as it was" compares.
[[nodiscard]] std::map<std::string, std::string> snapshot(const std::filesystem::path& dir);

}  // namespace tracuu::testing
