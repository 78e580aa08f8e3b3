/** @file
 *  @brief A scratch folder removed when the test ends.
 */
#pragma once

#include <filesystem>
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

}  // namespace tracuu::testing
