#include "server/index_metrics.h"

#include <system_error>

#include "server/request_metrics.h"

namespace tracuu::server {
namespace {

void family(std::string& out, const char* name, const char* type, const char* help) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

void sample(std::string& out, const std::string& series, std::uint64_t value) { out += series + " " + std::to_string(value) + "\n"; }

std::string cache_series(const char* name, const char* cache) { return std::string(name) + "{cache=\"" + cache + "\"}"; }

}  // namespace

std::optional<std::uint64_t> folder_bytes(const std::filesystem::path& folder) {
    std::error_code ec;
    const auto status = std::filesystem::symlink_status(folder, ec);
    if (ec) return std::nullopt;
    if (std::filesystem::is_regular_file(status)) {
        const auto size = std::filesystem::file_size(folder, ec);
        return ec ? std::nullopt : std::optional<std::uint64_t>(size);
    }
    if (!std::filesystem::is_directory(status)) return std::nullopt;
    std::uint64_t total = 0;
    std::filesystem::recursive_directory_iterator it(folder, ec), end;
    if (ec) return std::nullopt;
    for (; it != end; it.increment(ec)) {
        if (ec) return std::nullopt;
        // The writer may replace a file between listing and sizing it: such a file is skipped,
        // the next scrape sees its successor.
        if (!it->is_regular_file(ec) || ec) continue;
        const auto size = it->file_size(ec);
        if (!ec) total += size;
    }
    if (ec) return std::nullopt;
    return total;
}

std::string index_metrics_text(const IndexStatus& status, const std::vector<IndexFolderSize>& sizes) {
    std::string out;
    family(out, "tracuu_index_documents", "gauge", "Documents in the index (budget lines not counted).");
    sample(out, "tracuu_index_documents", status.documents);
    family(out, "tracuu_index_revision", "gauge", "Revision of the open index (0 over several shards).");
    sample(out, "tracuu_index_revision", status.revision);
    family(out, "tracuu_index_size_bytes", "gauge", "Bytes of the files of each local index folder.");
    for (const auto& size : sizes) {
        sample(out, "tracuu_index_size_bytes{index=\"" + prometheus_label_value(size.location) + "\"}", size.bytes);
    }
    struct Cache {
        const char* name;
        const CacheStats* stats;
        bool in_bytes;  ///< its capacity counts bytes, not entries
    };
    const Cache caches[] = {{"answers", &status.answer_cache, false},   {"counts", &status.count_cache, false},
                            {"suggestions", &status.suggestion_cache, false}, {"term_sets", &status.term_set_cache, true},
                            {"postings", &status.postings_cache, true},   {"documents", &status.document_cache, true}};
    family(out, "tracuu_cache_hits_total", "counter", "Requests a cache answered.");
    for (const Cache& c : caches) sample(out, cache_series("tracuu_cache_hits_total", c.name), c.stats->hits);
    family(out, "tracuu_cache_misses_total", "counter", "Requests a cache could not answer.");
    for (const Cache& c : caches) sample(out, cache_series("tracuu_cache_misses_total", c.name), c.stats->misses);
    family(out, "tracuu_cache_capacity_entries", "gauge", "Entries a cache may keep (0: off).");
    for (const Cache& c : caches) {
        if (!c.in_bytes) sample(out, cache_series("tracuu_cache_capacity_entries", c.name), c.stats->capacity);
    }
    family(out, "tracuu_cache_capacity_bytes", "gauge", "Bytes the term-set, postings and document caches may keep (0: off).");
    for (const Cache& c : caches) {
        if (c.in_bytes) sample(out, cache_series("tracuu_cache_capacity_bytes", c.name), c.stats->capacity);
    }
    family(out, "tracuu_cache_warmed_total", "counter", "Answers the cache warmer computed ahead of their asking.");
    sample(out, "tracuu_cache_warmed_total", status.warmed);
    return out;
}

}  // namespace tracuu::server
