/** @file
 *  @brief The read side of the citation graph: what a document cites, who cites a key, which
 *  keys the corpus cites, and the conflicts found along the way.
 */
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "indexer/error.h"
#include "indexer/indexed_document.h"
#include "server/search_types.h"

namespace tracuu::server {

/// The references of a document, each resolved against the corpus. NotFound for an unknown id.
[[nodiscard]] Result<std::vector<ResolvedReference>> references_of(const Xapian::Database& db, const std::string& id);

/// Documents citing this document's own key, one link per document as reference() lists them.
[[nodiscard]] std::vector<DocumentLink> cited_by(const Xapian::Database& db, const indexer::DocumentFields& fields);

/** The key a person means by `requested`, written in any case and the usual spellings (see
 *  reference()): its canonical spelling, qualified when a short key has one qualified form. */
[[nodiscard]] std::string resolve_key(const Xapian::Database& db, const std::string& requested);

/** Everything about a key, written as a person may write it: any case (`57-nq/tw`), the usual
 *  spellings of a symbol (`929/QĐ-TTg`, `60/2021/ND-CP`), the issuer of a qualified key in any
 *  spelling (`13/KH-UBND@2025@UBND tỉnh Ninh Bình`). A key without `@` that only administrative
 *  or local Party documents carry (`13/KH-UBND`) is matched to its one qualified key when there
 *  is exactly one. NotFound when neither a document nor a citation carries it (naming the
 *  qualified keys it could mean when there are several). */
[[nodiscard]] Result<KeyAnswer> reference(const Xapian::Database& db, const std::string& key);

/** Keys cited in the corpus whose text contains `contains` (case- and diacritic-insensitive),
 *  optionally only those the corpus does not hold and only those of one document `type` (the
 *  type their symbol's code names: `Nghị quyết` for `57-NQ/TW`; any spelling or case), at most
 *  `limit`, most cited first (then by key).
 *  `cited_by` counts citing documents as reference() lists them: the files of one document (the
 *  same plan as .txt and .pdf) count once. Documents are counted only for keys that could still
 *  enter the answer (cited by at least as many files as the last kept key has documents), and
 *  only the keys returned are looked up in the corpus. */
[[nodiscard]] std::vector<KeyEntry> list_references(const Xapian::Database& db, const std::string& contains, bool unresolved_only,
                                                    std::size_t limit, const std::string& type = "");

}  // namespace tracuu::server
