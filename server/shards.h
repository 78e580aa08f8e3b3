/** @file
 *  @brief Opening the one logical index an installation searches: a local folder, or several
 *  shards, local or served by Xapian's own remote backend (`xapian-tcpsrv`).
 */
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "indexer/error.h"

namespace tracuu::server {

/** Opens and combines shards. Each location is an index folder or `tcp://HOST:PORT` of a
 *  `xapian-tcpsrv` serving one. Xapian merges statistics across shards, so ranking, totals
 *  and facet counts equal those of one database holding every document. Errors
 *  (Unavailable): a missing or unreadable shard, or one written by another tracuu version. */
[[nodiscard]] Result<Xapian::Database> open_shards(const std::vector<std::string>& locations);

/// True for a `tcp://HOST:PORT` location, served by `xapian-tcpsrv`; false for a folder.
[[nodiscard]] bool is_remote(std::string_view location);

}  // namespace tracuu::server
