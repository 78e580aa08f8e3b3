/** @file
 *  @brief Every match of a Xapian query with its weight, by Xapian's exhaustive pass: what the
 *  tests of the ranking compare with.
 */
#pragma once

#include <xapian.h>

#include <map>

namespace tracuu::testing {

/// Every document `query` matches in `db`, with the weight Xapian's BM25 gives it there.
[[nodiscard]] inline std::map<Xapian::docid, double> every_weight(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    const Xapian::MSet all = enquire.get_mset(0, db.get_doccount(), db.get_doccount());
    std::map<Xapian::docid, double> out;
    for (auto it = all.begin(); it != all.end(); ++it) out[*it] = it.get_weight();
    return out;
}

}  // namespace tracuu::testing
