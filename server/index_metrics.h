/** @file
 *  @brief What `GET /metrics` says about the index: documents, revision, size on disk, caches.
 */
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "server/search_types.h"

namespace tracuu::server {

/// A local index folder (as given with `--index`) and the bytes of its files.
struct IndexFolderSize {
    std::string location;
    std::uint64_t bytes = 0;
};

/** The sum of the sizes of the regular files under `folder`, recursively (symlinks are not
 *  followed; a plain file counts its own size). nullopt when it cannot be read. */
[[nodiscard]] std::optional<std::uint64_t> folder_bytes(const std::filesystem::path& folder);

/** Prometheus text (format 0.0.4) of `status` and `sizes`: `tracuu_index_documents`,
 *  `tracuu_index_revision` and `tracuu_index_size_bytes{index="…"}` (one series per local
 *  folder; none for remote shards) as gauges; the hits and misses of each cache
 *  (`tracuu_cache_hits_total{cache="answers|counts|suggestions|term_sets|postings|documents"}`, `…_misses_total`)
 *  and `tracuu_cache_warmed_total` as counters; capacities as gauges
 *  (`tracuu_cache_capacity_entries`, and `tracuu_cache_capacity_bytes` for the term sets, postings and documents). */
[[nodiscard]] std::string index_metrics_text(const IndexStatus& status, const std::vector<IndexFolderSize>& sizes);

}  // namespace tracuu::server
