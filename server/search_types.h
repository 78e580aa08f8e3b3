/** @file
 *  @brief Plain request and answer types of the read side, independent of HTTP.
 */
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "indexer/filters.h"
#include "indexer/indexed_document.h"

namespace tracuu::server {

enum class SortOrder { Relevance, DateDescending, DateAscending };

struct SearchRequest {
    std::string query;
    unsigned page = 1;   ///< 1-based
    unsigned size = 10;  ///< results per page
    indexer::SearchFilters filters;
    SortOrder sort = SortOrder::Relevance;
};

struct SearchHit {
    std::string id;
    std::string title;
    std::string snippet;  ///< HTML-escaped text with <mark> around matched words
    unsigned page = 1;    ///< the page the snippet comes from
    double score = 0;     ///< relevance relative to the best hit, in (0, 1]
    indexer::DocumentFields fields;
    std::string section;  ///< outline path of the snippet's passage, or ""
};

/// One value of a facet and how many matching documents have it.
struct FacetCount {
    std::string value;
    std::uint64_t count = 0;
};

struct Facets {
    std::vector<FacetCount> type, issuer, year, status;
};

struct SearchAnswer {
    std::string query;
    std::uint64_t total = 0;
    double took_ms = 0;
    unsigned page = 1;
    unsigned size = 10;
    bool relaxed = false;  ///< no document had every word; results match some of them
    std::vector<SearchHit> results;
    Facets facets;  ///< exact counts over every matching document
    std::optional<std::string> suggestion;
};

struct DocumentAnswer {
    std::string id;
    std::string title;
    std::string text;
    std::string source_file;
    std::string source_path;  ///< absolute path of the original file; empty for imports
    std::string format;
    unsigned pages = 1;
    indexer::DocumentFields fields;
    std::vector<indexer::OutlineEntry> outline;
};

struct IndexStatus {
    std::uint64_t documents = 0;
    std::uint64_t revision = 0;
};

}  // namespace tracuu::server
