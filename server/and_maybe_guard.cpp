#include "server/and_maybe_guard.h"

#include <vector>

namespace tracuu::server {
namespace {

/// Operators a query can be rebuilt with from its type and subqueries alone.
bool rebuildable(Xapian::Query::op op) {
    switch (op) {
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_AND_NOT:
        case Xapian::Query::OP_XOR:
        case Xapian::Query::OP_AND_MAYBE:
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::OP_MAX:
            return true;
        default:
            return false;
    }
}

}  // namespace

Xapian::Query guard_and_maybe(const Xapian::Query& query) {
    const Xapian::Query::op op = query.get_type();
    if (query.get_num_subqueries() == 0 || !rebuildable(op)) return query;
    std::vector<Xapian::Query> parts;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) parts.push_back(guard_and_maybe(query.get_subquery(i)));
    if (op != Xapian::Query::OP_AND_MAYBE) return Xapian::Query(op, parts.begin(), parts.end());
    // Every document, at weight 0: the optional side then stands on each document of the left.
    std::vector<Xapian::Query> optional(parts.begin() + 1, parts.end());
    optional.emplace_back((new Xapian::FixedWeightPostingSource(0.0))->release());
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, parts.front(), Xapian::Query(Xapian::Query::OP_OR, optional.begin(), optional.end()));
}

}  // namespace tracuu::server
