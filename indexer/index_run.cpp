#include "indexer/index_run.h"

#include <algorithm>
#include <cerrno>
#include <deque>
#include <fstream>
#include <map>
#include <new>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "indexer/build_pool.h"
#include "indexer/commit_pacer.h"
#include "indexer/doc_id.h"
#include "indexer/file_walk.h"
#include "indexer/index_errors.h"
#include "indexer/ocr_pages.h"

namespace tracuu::indexer {
namespace fs = std::filesystem;

namespace {

/** Files decided and handed to the build pool ahead of the one being written, per build thread:
 *  room for the pool to start the larger ones first (the 8 benchmark PDFs, largest last by
 *  name, take 0.9 s instead of 1.1 s), while at most this many built documents wait in memory. */
constexpr std::size_t kLookaheadPerThread = 4;

/** `3 MiB`, `1.1 MiB`: whole MiB without a decimal, others with one, rounded up for a file's size
 *  and down for a limit, so that a file over the limit never reads as no larger than it. */
std::string mib(std::uintmax_t bytes, bool round_up) {
    constexpr std::uintmax_t kMiB = std::uintmax_t{1} << 20;
    const std::uintmax_t tenths = round_up ? (bytes * 10 + kMiB - 1) / kMiB : bytes * 10 / kMiB;
    return std::to_string(tenths / 10) + (tenths % 10 != 0 ? "." + std::to_string(tenths % 10) : "") + " MiB";
}

/// A document the index holds for a file under one of the folders given.
struct StoredFile {
    std::string path;
    std::string hash;
};

class Run {
public:
    Run(IndexWriter& writer, const IndexOptions& options, const IndexEvents& events)
        : m_writer(writer), m_options(options), m_events(events), m_pacer(writer, options.commit_every, options.commit_seconds) {}

    /** Plans, reads every file and finishes. A failure of the index itself ends the run where it
     *  happens: reading and writing stop, nothing more is committed (Xapian has dropped what was
     *  not), and the summary is what the last commit holds. Caught here, around the whole run,
     *  because any step may read or write the index, and a file's own problems never get here. */
    IndexSummary run(const std::vector<fs::path>& given) {
        try {
            const bool planned = plan(given);
            if (planned) index_all();
            return finish(planned);
        } catch (const Xapian::Error& e) {
            return failed(describe_index_error(m_writer.folder(), e));
        } catch (const std::bad_alloc&) {
            return failed(index_out_of_memory(m_writer.folder()));
        }
    }

private:
    /// Walks the paths given and loads what the index holds under them; false when stopped meanwhile.
    bool plan(const std::vector<fs::path>& given) {
        const auto on_problem = [this](std::string path, std::string reason) { problem(std::move(path), std::move(reason)); };
        m_found = find_files(given, m_options.stop, on_problem);
        m_summary.skipped += m_found.skipped;
        m_summary.other_types += m_found.other_types;
        m_summary.folder_links += m_found.folder_links;
        if (m_found.stopped) return false;
        for (const auto& file : m_found.files) m_planned_paths.insert(file.absolute);
        load_stored();
        if (m_events.on_planned) {
            std::uintmax_t bytes = 0;
            for (const auto& c : m_found.files) bytes += c.bytes;
            m_events.on_planned(m_found.files.size(), bytes);
        }
        return true;
    }

    /** Reads every planned file. Decisions (ids, unchanged, renames) are taken here in file order;
     *  extraction and analysis run on the build pool, larger files first among the next
     *  kLookaheadPerThread per thread; results are written, counted and reported in file order. */
    void index_all() {
        const std::size_t threads = build_threads(m_options.threads, m_found.files.size(), std::thread::hardware_concurrency());
        // One set of OCR engines and read pages for the whole run (ocr_pages.h).
        ExtractOptions extract = m_options.extract;
        if (extract.ocr.enabled && !extract.ocr.shared) extract.ocr.shared = std::make_shared<OcrPages>(extract.ocr);
        BuildPool pool(threads, std::move(extract));
        std::deque<Pending> pending;
        for (const auto& candidate : m_found.files) {
            // Files already decided are finished below: their decisions (ids taken, a document
            // relocated) are written and reported as a whole, never left half done.
            if (m_options.stop.stop_requested()) {
                m_summary.interrupted = true;
                break;
            }
            pending.push_back(decide(candidate, pool));
            if (pending.size() > kLookaheadPerThread * threads) {
                complete(pending.front(), pool);
                pending.pop_front();
            }
        }
        for (; !pending.empty(); pending.pop_front()) complete(pending.front(), pool);
    }

    /// Removes what disappeared, after a whole run only, and commits.
    IndexSummary finish(bool planned) {
        if (!planned) m_summary.interrupted = true;
        // A stopped run has not reached every file: a document it did not see is not gone.
        if (!m_summary.interrupted) remove_unseen();
        m_pacer.commit();
        remember_committed();
        return std::move(m_summary);
    }

    /// The summary of a run stopped by `failure`: the counts last committed, every problem met.
    IndexSummary failed(Error failure) {
        IndexSummary summary = std::move(m_committed);
        summary.problems = std::move(m_summary.problems);
        summary.interrupted = false;
        summary.failure = std::move(failure);
        return summary;
    }

    /// One more document written; remembers the counts when that made a commit.
    void written() {
        if (m_pacer.written()) remember_committed();
    }

    void remember_committed() {
        std::vector<IndexProblem> problems = std::move(m_summary.problems);  // not copied at every commit
        m_committed = m_summary;
        m_summary.problems = std::move(problems);
    }

    void remove_unseen() {
        for (const auto& [id, stored] : m_stored) {
            if (m_seen_ids.count(id) != 0 || under_unreadable_folder(stored.path)) continue;
            m_writer.remove(id);
            ++m_summary.removed;
        }
    }

    /// What the index holds under the roots, and which of those files are gone: the documents a
    /// renamed file may come from.
    void load_stored() {
        for (const auto& root : m_found.roots) {
            for (auto& id : m_writer.ids_under(root)) {
                if (m_stored.count(id) != 0) continue;
                const auto version = m_writer.stored_version(id);
                if (!version) continue;
                m_id_by_path.emplace(version->source_path, id);
                m_stored.emplace(std::move(id), StoredFile{version->source_path, version->content_hash});
            }
        }
        for (const auto& [id, stored] : m_stored) {
            std::error_code ec;
            if (m_planned_paths.count(stored.path) != 0 || fs::exists(fs::symlink_status(stored.path, ec)) ||
                under_unreadable_folder(stored.path)) {
                continue;
            }
            add_vanished(stored.hash, id);
        }
    }

    /// What is known of a file once it has been read and hashed, and its build if it needs one.
    enum class Step { Failed, Empty, Unchanged, Relocated, Build };
    struct Pending {
        FileDone done;
        Step step = Step::Failed;
        std::string problem;  ///< with Step::Failed
        std::string id;
        std::string hash;
        std::string renamed_from;  ///< the document this file continues, when renamed or moved
        bool stored = false;       ///< the id held a document before this file was read
        BuildTicket build;  ///< with Step::Build
    };

    Pending decide(const FoundFile& file, BuildPool& pool) {
        Pending p;
        p.done = FileDone{file.path, FileOutcome::Failed, 0, 0};
        p.id = claim_id(file);
        // A vanished document under this very id is being taken over by a file of the same name.
        const bool takes_over_vanished = forget_vanished(p.id);
        // A file that fails keeps the document its path had, so the last good version stays
        // searchable; a vanished document it was taking over goes at the end all the same.
        if (!takes_over_vanished) m_seen_ids.insert(p.id);

        Result<std::string> bytes = read_bytes(file.path);
        if (!bytes.ok()) {
            p.problem = bytes.error().message;
            return p;
        }
        if (is_blank_file(bytes.value())) {
            p.step = Step::Empty;
            return p;
        }
        p.done.bytes = bytes.value().size();
        p.hash = content_hash(bytes.value());
        bytes = std::string();  // the extractor reads the file again; do not hold two copies

        const auto stored = m_writer.stored_version(p.id);
        p.stored = stored.has_value();
        if (stored && stored->content_hash == p.hash && stored->source_path == file.absolute) {
            p.step = Step::Unchanged;
            return p;
        }
        if (takes_over_vanished && stored && stored->content_hash == p.hash) {
            p.renamed_from = p.id;  // moved to another folder under the same name: re-pathed
        } else if (!stored) {
            p.renamed_from = take_vanished_with_hash(p.hash);  // renamed: re-keyed under the new name
        }
        if (!p.renamed_from.empty() && m_writer.relocate(p.renamed_from, p.id, file.path.string(), file.absolute)) {
            m_seen_ids.insert(p.id);
            m_seen_ids.insert(p.renamed_from);  // moved here, not to be counted as removed
            p.step = Step::Relocated;
            return p;
        }
        p.step = Step::Build;
        p.build = pool.submit(BuildJob{file.path, file.absolute, p.id, p.hash, p.done.bytes});
        return p;
    }

    /// Writes what `p` built, counts it and reports it.
    void complete(Pending& p, BuildPool& pool) {
        switch (p.step) {
            case Step::Failed: problem(p.done.path.string(), p.problem); break;
            case Step::Empty:
                ++m_summary.skipped;
                ++m_summary.empty;
                p.done.outcome = FileOutcome::Skipped;
                break;
            case Step::Unchanged:
                ++m_summary.unchanged;
                p.done.outcome = FileOutcome::Unchanged;
                break;
            case Step::Relocated:
                ++m_summary.renamed;
                p.done.outcome = FileOutcome::Renamed;
                written();
                break;
            case Step::Build: write_built(p, pool.collect(p.build)); break;
        }
        if (m_events.on_file) m_events.on_file(p.done);
    }

    void write_built(Pending& p, Built built) {
        if (!built.document) {
            problem(p.done.path.string(), built.problem);
            if (!p.renamed_from.empty() && p.renamed_from != p.id) add_vanished(p.hash, p.renamed_from);  // removed at the end
            return;
        }
        p.done.pages = built.pages;
        m_writer.put(std::move(*built.document));
        m_seen_ids.insert(p.id);
        if (!p.renamed_from.empty() && p.renamed_from != p.id) {
            m_writer.remove(p.renamed_from);
            m_seen_ids.insert(p.renamed_from);  // handled here, not to be counted as removed
        }
        if (!p.renamed_from.empty()) {
            p.done.outcome = FileOutcome::Renamed;
            ++m_summary.renamed;
        } else if (p.stored) {
            p.done.outcome = FileOutcome::Updated;
            ++m_summary.updated;
        } else {
            p.done.outcome = FileOutcome::Added;
            ++m_summary.added;
        }
        written();
    }

    Result<std::string> read_bytes(const fs::path& file) const {
        std::error_code ec;
        const std::uintmax_t size = fs::file_size(file, ec);
        if (ec) return Error{ErrorCode::Unavailable, "cannot read file: " + reason_of(ec)};
        if (size > m_options.max_file_bytes) {
            return Error{ErrorCode::Unsupported,
                         "file too large (" + mib(size, true) + ", limit " + mib(m_options.max_file_bytes, false) + ")"};
        }
        errno = 0;
        std::ifstream in(file, std::ios::binary);
        if (!in) return Error{ErrorCode::Unavailable, "cannot read file: " + reason_of(std::error_code(errno, std::generic_category()))};
        std::string bytes;
        try {
            bytes.resize(static_cast<std::size_t>(size));
        } catch (const std::bad_alloc&) {
            return Error{ErrorCode::Unavailable, "not enough memory to read this file"};  // this file's problem, not the run's
        }
        in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (in.bad()) return Error{ErrorCode::Unavailable, "cannot read file: input/output error"};
        bytes.resize(static_cast<std::size_t>(in.gcount()));  // it may have shrunk since file_size()
        return bytes;
    }

    /// The file's id: the one its path already has, else one from its name, made unique when an
    /// existing file or an imported document holds that name's id.
    std::string claim_id(const FoundFile& file) {
        if (const auto known = m_id_by_path.find(file.absolute); known != m_id_by_path.end()) {
            m_path_by_id.emplace(known->second, file.absolute);
            return known->second;
        }
        const std::string id = id_for_file(file.path);
        const auto taken_here = m_path_by_id.find(id);
        bool taken = taken_here != m_path_by_id.end() && taken_here->second != file.absolute;
        if (!taken && taken_here == m_path_by_id.end()) {
            const auto stored = m_writer.stored_version(id);
            taken = stored && stored->source_path != file.absolute && !is_vanished(id);
        }
        const std::string unique = taken ? disambiguated_id(id, file.absolute) : id;
        m_path_by_id.emplace(unique, file.absolute);
        return unique;
    }

    [[nodiscard]] bool is_vanished(const std::string& id) const { return m_vanished_hash.count(id) != 0; }

    void add_vanished(const std::string& hash, const std::string& id) {
        m_vanished.emplace(hash, id);
        m_vanished_hash.emplace(id, hash);
    }

    /// Removes `id` from the vanished documents; true if it was one.
    bool forget_vanished(const std::string& id) {
        const auto known = m_vanished_hash.find(id);
        if (known == m_vanished_hash.end()) return false;
        const auto [first, last] = m_vanished.equal_range(known->second);
        for (auto it = first; it != last; ++it) {
            if (it->second != id) continue;
            m_vanished.erase(it);
            break;
        }
        m_vanished_hash.erase(known);
        return true;
    }

    /// The id of a vanished document with this content, taken out of the pool, or "".
    std::string take_vanished_with_hash(const std::string& hash) {
        const auto it = m_vanished.find(hash);
        if (it == m_vanished.end()) return {};
        std::string id = it->second;
        m_vanished.erase(it);
        m_vanished_hash.erase(id);
        return id;
    }

    [[nodiscard]] bool under_unreadable_folder(const std::string& path) const {
        const auto& folders = m_found.unreadable;
        return std::any_of(folders.begin(), folders.end(), [&](const std::string& f) { return path.rfind(f, 0) == 0; });
    }

    void problem(std::string path, std::string reason) {
        IndexProblem p{std::move(path), std::move(reason)};
        if (m_events.on_problem) m_events.on_problem(p);
        m_summary.problems.push_back(std::move(p));
    }

    IndexWriter& m_writer;
    const IndexOptions& m_options;
    const IndexEvents& m_events;
    CommitPacer m_pacer;
    IndexSummary m_summary;
    IndexSummary m_committed;  ///< m_summary as of the last commit, without problems
    FoundFiles m_found;
    std::unordered_set<std::string> m_planned_paths;  ///< absolute paths of m_found.files
    std::map<std::string, StoredFile> m_stored;                  ///< id → what the index holds under the roots
    std::unordered_map<std::string, std::string> m_id_by_path;   ///< stored path → its id
    std::unordered_multimap<std::string, std::string> m_vanished;  ///< content hash → id of a document whose file is gone
    std::unordered_map<std::string, std::string> m_vanished_hash;   ///< the same, id → content hash
    std::unordered_set<std::string> m_seen_ids;
    std::unordered_map<std::string, std::string> m_path_by_id;  ///< ids claimed in this run
};

}  // namespace

std::size_t build_threads(std::size_t requested, std::size_t files, unsigned cores) {
    const std::size_t wanted = requested > 0 ? requested : std::max(1u, cores);
    return std::clamp<std::size_t>(std::min({wanted, kMaxThreads, files}), 1, kMaxThreads);
}

IndexSummary combined(const std::vector<IndexSummary>& parts) {
    IndexSummary total;
    for (const auto& p : parts) {
        total.added += p.added;
        total.updated += p.updated;
        total.unchanged += p.unchanged;
        total.renamed += p.renamed;
        total.removed += p.removed;
        total.skipped += p.skipped;
        total.empty += p.empty;
        total.other_types += p.other_types;
        total.folder_links += p.folder_links;
        total.problems.insert(total.problems.end(), p.problems.begin(), p.problems.end());
        total.interrupted = total.interrupted || p.interrupted;
        if (!total.failure) total.failure = p.failure;
    }
    return total;
}

IndexSummary index_paths(IndexWriter& writer, const std::vector<fs::path>& paths, const IndexOptions& options,
                         const IndexEvents& events) {
    return Run(writer, options, events).run(paths);
}

IndexSummary index_paths(IndexWriter& writer, const std::vector<fs::path>& paths, const IndexOptions& options,
                         const ProblemSink& on_problem) {
    IndexEvents events;
    events.on_problem = on_problem;
    return index_paths(writer, paths, options, events);
}

}  // namespace tracuu::indexer
