#include "indexer/index_run.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <unordered_map>

#include "indexer/doc_id.h"
#include "indexer/enrich.h"
#include "indexer/extract.h"
#include "indexer/title.h"

namespace tracuu::indexer {
namespace fs = std::filesystem;

namespace {

bool is_readable_extension(const fs::path& file) {
    std::string ext = file.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == ".txt" || ext == ".text" || ext == ".pdf" || ext == ".html" || ext == ".htm";
}

const char* format_name(SourceFormat format) {
    switch (format) {
        case SourceFormat::Pdf: return "pdf";
        case SourceFormat::Html: return "html";
        case SourceFormat::Text: break;
    }
    return "text";
}

class Run {
public:
    Run(IndexWriter& writer, const IndexOptions& options, const ProblemSink& on_problem)
        : m_writer(writer), m_options(options), m_on_problem(on_problem) {}

    void add_root(const fs::path& given) {
        std::error_code ec;
        const fs::file_status status = fs::status(given, ec);
        if (ec || !fs::exists(status)) return problem(given.string(), "no such file or folder");
        if (fs::is_directory(status)) return walk(given);
        index_file(given);
    }

    IndexSummary finish() {
        for (const auto& root : m_roots) {
            for (const auto& id : m_writer.ids_under(root)) {
                if (m_seen_ids.count(id) != 0) continue;
                m_writer.remove(id);
                ++m_summary.removed;
            }
        }
        m_writer.commit();
        return std::move(m_summary);
    }

private:
    void walk(const fs::path& folder) {
        std::error_code ec;
        m_roots.push_back(fs::weakly_canonical(fs::absolute(folder), ec));
        std::vector<fs::path> files;
        fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec);
        if (ec) return problem(folder.string(), "cannot read folder: " + ec.message());
        for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (ec) {
                problem(it->path().string(), "cannot read folder: " + ec.message());
                ec.clear();
                continue;
            }
            if (!it->is_regular_file(ec)) continue;
            if (is_readable_extension(it->path())) {
                files.push_back(it->path());
            } else {
                ++m_summary.skipped;
            }
        }
        std::sort(files.begin(), files.end());
        for (const auto& file : files) index_file(file);
    }

    void index_file(const fs::path& file) {
        std::error_code ec;
        const fs::path absolute = fs::weakly_canonical(fs::absolute(file), ec);
        const std::string id = claim_id(file, absolute.string());
        m_seen_ids.insert(id);

        const std::uintmax_t size = fs::file_size(file, ec);
        if (!ec && size > m_options.max_file_bytes) {
            return problem(file.string(), "file too large (" + std::to_string(size >> 20) + " MiB, limit " +
                                              std::to_string(m_options.max_file_bytes >> 20) + " MiB)");
        }
        std::ifstream in(file, std::ios::binary);
        if (!in) return problem(file.string(), "cannot read file: permission denied or not a regular file");
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const std::string hash = content_hash(bytes);

        const auto stored = m_writer.stored_version(id);
        if (stored && stored->content_hash == hash && stored->source_path == absolute.string()) {
            ++m_summary.unchanged;
            return;
        }
        Result<ExtractedText> extracted = extract_file(file);
        if (!extracted.ok()) return problem(file.string(), extracted.error().message);

        IndexedDocument doc;
        doc.id = id;
        doc.text = std::move(extracted.value().text);
        doc.title = guess_title(doc.text, extracted.value().format_title, file.filename().string());
        doc.source_file = file.string();
        doc.source_path = absolute.string();
        doc.format = format_name(extracted.value().format);
        doc.pages = extracted.value().pages;
        doc.content_hash = hash;
        m_enricher.enrich(doc);
        m_writer.put(doc);
        ++(stored ? m_summary.updated : m_summary.added);
        if (++m_since_commit >= m_options.commit_every) {
            m_writer.commit();
            m_since_commit = 0;
        }
    }

    /// The file's id, made unique when another source path already holds it.
    std::string claim_id(const fs::path& file, const std::string& absolute) {
        const std::string id = id_for_file(file);
        const auto taken_here = m_paths_by_id.find(id);
        const auto stored = m_writer.stored_version(id);
        const bool taken = (taken_here != m_paths_by_id.end() && taken_here->second != absolute) ||
                           (stored && !stored->source_path.empty() && stored->source_path != absolute);
        const std::string unique = taken ? disambiguated_id(id, absolute) : id;
        m_paths_by_id.emplace(unique, absolute);
        return unique;
    }

    void problem(std::string path, std::string reason) {
        IndexProblem p{std::move(path), std::move(reason)};
        if (m_on_problem) m_on_problem(p);
        m_summary.problems.push_back(std::move(p));
    }

    IndexWriter& m_writer;
    Enricher m_enricher;
    const IndexOptions& m_options;
    const ProblemSink& m_on_problem;
    IndexSummary m_summary;
    std::vector<fs::path> m_roots;
    std::set<std::string> m_seen_ids;
    std::unordered_map<std::string, std::string> m_paths_by_id;
    std::size_t m_since_commit = 0;
};

}  // namespace

IndexSummary index_paths(IndexWriter& writer, const std::vector<fs::path>& paths, const IndexOptions& options,
                         const ProblemSink& on_problem) {
    Run run(writer, options, on_problem);
    for (const auto& path : paths) run.add_root(path);
    return run.finish();
}

}  // namespace tracuu::indexer
