// The query parser over arbitrary bytes, as they arrive in ?q=: never crashes, never throws,
// and a query it accepts can be described (every subquery is well formed).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <xapian.h>

#include "indexer/query_builder.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const tracuu::indexer::QueryBuilder builder;
    static const Xapian::Database vocabulary = [] {
        // A few spellings of a pair, so that the look-up of an unaccented pair's spellings runs.
        Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
        Xapian::Document doc;
        for (const char* term : {"Bnghi quyet", "Hnghi quyet\tnghị quyết", "Hnghi quyet\tnghỉ quyết", "Hke hoach\tkế hoạch"}) doc.add_term(term);
        db.add_document(doc);
        return Xapian::Database(db);
    }();
    const auto parsed = builder.build(std::string_view(reinterpret_cast<const char*>(data), size), vocabulary);
    if (parsed.ok()) {
        (void)parsed.value().query.get_description();
        (void)parsed.value().relaxed.get_description();
    }
    return 0;
}
