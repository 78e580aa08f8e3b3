#include "indexer/file_walk.h"

#include <algorithm>
#include <cctype>
#include <unordered_set>

namespace tracuu::indexer {
namespace fs = std::filesystem;

namespace {

bool is_readable_extension(const fs::path& file) {
    std::string ext = file.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const char* readable : {".txt", ".text", ".pdf", ".html", ".htm", ".docx", ".docm", ".dotx", ".dotm", ".doc"}) {
        if (ext == readable) return true;
    }
    return false;
}

std::string folder_key(const fs::path& folder) {
    std::error_code ec;
    std::string key = fs::weakly_canonical(fs::absolute(folder, ec), ec).string();
    if (key.empty() || key.back() != '/') key += '/';
    return key;
}

class Walk {
public:
    Walk(const std::stop_token& stop, const std::function<void(std::string, std::string)>& on_problem)
        : m_stop(stop), m_on_problem(on_problem) {}

    FoundFiles run(const std::vector<fs::path>& given) {
        for (const auto& path : given) {
            if (stopped()) break;
            add_root(path);
        }
        return std::move(m_found);
    }

private:
    bool stopped() {
        if (m_stop.stop_requested()) m_found.stopped = true;
        return m_found.stopped;
    }

    void add_root(const fs::path& given) {
        std::error_code ec;
        const fs::file_status status = fs::status(given, ec);
        if (status.type() == fs::file_type::not_found) return problem(given.string(), "no such file or folder");
        if (ec) return problem(given.string(), "cannot read: " + reason_of(ec));
        if (fs::is_directory(status)) return walk(given);
        if (!fs::is_regular_file(status)) return problem(given.string(), "not a regular file (device, pipe or socket)");
        add(given, fs::file_size(given, ec));
    }

    /// Collects the files under a folder. An explicit stack rather than recursive_directory_iterator,
    /// which retries a folder it cannot open forever unless told to skip permission errors, and
    /// then skips them silently; here every unreadable folder is reported and remembered.
    void walk(const fs::path& root) {
        m_found.roots.push_back(folder_key(root));
        std::vector<FoundFile> found;
        std::vector<fs::path> pending{root};
        while (!pending.empty() && !stopped()) {
            const fs::path folder = std::move(pending.back());
            pending.pop_back();
            std::error_code ec;
            fs::directory_iterator it(folder, ec);
            for (; !ec && it != fs::directory_iterator() && !stopped(); it.increment(ec)) {
                const fs::directory_entry& entry = *it;
                std::error_code type_ec;
                const fs::file_status own = entry.symlink_status(type_ec);
                if (fs::is_directory(own)) {
                    pending.push_back(entry.path());
                    continue;
                }
                const fs::file_status target = fs::is_symlink(own) ? entry.status(type_ec) : own;
                if (fs::is_directory(target)) {
                    ++m_found.skipped;  // never followed: a link to a parent would loop forever
                    ++m_found.folder_links;
                } else if (!is_readable_extension(entry.path())) {
                    ++m_found.skipped;
                    ++m_found.other_types;
                } else if (type_ec) {
                    problem(entry.path().string(), "cannot read: " + reason_of(type_ec));
                } else if (!fs::is_regular_file(target)) {
                    // Opening a pipe would block the run until someone writes to it.
                    problem(entry.path().string(), "not a regular file (device, pipe or socket)");
                } else {
                    std::error_code size_ec;
                    found.push_back({entry.path(), "", entry.file_size(size_ec)});
                }
            }
            if (ec) {
                problem(folder.string(), "cannot read folder: " + reason_of(ec));
                m_found.unreadable.push_back(folder_key(folder));
            }
        }
        std::sort(found.begin(), found.end(), [](const FoundFile& a, const FoundFile& b) { return a.path < b.path; });
        for (auto& f : found) add(f.path, f.bytes);
    }

    void add(const fs::path& path, std::uintmax_t bytes) {
        std::string absolute = absolute_path(path);
        if (!m_taken.insert(absolute).second) return;  // reached through two overlapping roots
        m_found.files.push_back({path, std::move(absolute), bytes});
    }

    void problem(std::string path, std::string reason) {
        if (m_on_problem) m_on_problem(std::move(path), std::move(reason));
    }

    const std::stop_token& m_stop;
    const std::function<void(std::string, std::string)>& m_on_problem;
    FoundFiles m_found;
    std::unordered_set<std::string> m_taken;  ///< absolute paths already in m_found.files
};

}  // namespace

FoundFiles find_files(const std::vector<fs::path>& given, const std::stop_token& stop,
                      const std::function<void(std::string path, std::string reason)>& on_problem) {
    return Walk(stop, on_problem).run(given);
}

std::string absolute_path(const fs::path& file) {
    std::error_code ec;
    const fs::path absolute = fs::absolute(file, ec);
    const fs::path folder = fs::weakly_canonical(absolute.parent_path(), ec);
    return (ec ? absolute : folder / absolute.filename()).lexically_normal().string();
}

std::string reason_of(const std::error_code& ec) {
    // "permission denied", not "Permission denied": reasons follow a colon in one lower-case line.
    std::string text = ec.message();
    if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    return text;
}

}  // namespace tracuu::indexer
