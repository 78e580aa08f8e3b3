/** @file
 *  @brief Budget lines as Xapian documents of their own, written and read with one layout.
 */
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "indexer/indexed_document.h"

namespace tracuu::indexer {

/// A budget line as the index stores and the API shows it.
struct StoredBudgetLine {
    std::string id;              ///< `<document id>-b<n>`
    std::string doc_id;
    std::string doc_number;
    std::string doc_title;
    std::string section;
    std::string label;
    std::int64_t amount_vnd = 0;
    std::string amount_text;
    int year = 0;
    std::string kind;            ///< `investment`, `recurrent`, `revenue`, `other`
    std::string parent_id;       ///< "" for a top-level line
    std::vector<std::string> refs;  ///< reference keys (`57-NQ/TW`)
};

/// The Xapian documents of a document's budget lines, each with its unique id term.
[[nodiscard]] std::vector<std::pair<std::string, Xapian::Document>> build_budget_documents(const IndexedDocument& doc);

/// Reads back a line written by build_budget_documents.
[[nodiscard]] StoredBudgetLine read_budget_line(const Xapian::Document& xdoc);

/// The id of a document's n-th budget line: `<document id>-b<n>`.
[[nodiscard]] std::string budget_line_id(const std::string& doc_id, std::size_t index);

/// `line_id` (`<old_doc_id>-b<n>`) as the line id of the same line under `new_doc_id`; other ids unchanged.
[[nodiscard]] std::string relocated_budget_line_id(const std::string& line_id, const std::string& old_doc_id, const std::string& new_doc_id);

/// A stored budget line (a handle, edited in place) moved to the document `new_doc_id`: its id, owner and parent follow.
[[nodiscard]] Xapian::Document relocated_budget_line(Xapian::Document line, const std::string& new_doc_id);

/// The id term shared by all budget lines of one document, to replace or remove them together.
[[nodiscard]] std::string budget_owner_term(const std::string& doc_id);

}  // namespace tracuu::indexer
