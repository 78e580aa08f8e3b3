/** @file
 *  @brief Queries whose early-terminated pages hold the same documents as their full ranking.
 */
#pragma once

#include <xapian.h>

namespace tracuu::server {

/** The same query, with each OP_AND_MAYBE's optional side ORed with a source that matches every
 *  document at weight 0: the same matches and the same weights.
 *
 *  Why: when Xapian 1.4.22 ranks a page and stops early, it turns an AND_MAYBE whose left side
 *  can no longer reach the page alone into an AND, and then skips to one past the further of its
 *  two sides (andmaybepostlist.cc, `std::max(lhead, rhead) + 1`). When the optional side already
 *  sits on a document the left side also has, that document (one with the boost, so among the
 *  best) is skipped: it is missing from the page, and pages of other sizes disagree (a result on
 *  two pages, another on none). With an optional side holding every document, it sits on the
 *  left side's document and nothing is skipped.
 *
 *  AND_MAYBEs are reached through the operators without parameters (AND, OR, AND_NOT, FILTER,
 *  XOR, SYNONYM, MAX, AND_MAYBE); anything below a phrase, a scaled weight or a value range is
 *  kept as it is (the query builder puts its AND_MAYBE at the top). */
[[nodiscard]] Xapian::Query guard_and_maybe(const Xapian::Query& query);

}  // namespace tracuu::server
