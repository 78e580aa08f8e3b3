// The query parser over arbitrary bytes, as they arrive in ?q=: never crashes, never throws,
// and a query it accepts can be described (every subquery is well formed).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "indexer/query_builder.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const tracuu::indexer::QueryBuilder builder;
    const auto parsed = builder.build(std::string_view(reinterpret_cast<const char*>(data), size));
    if (parsed.ok()) {
        (void)parsed.value().query.get_description();
        (void)parsed.value().relaxed.get_description();
    }
    return 0;
}
