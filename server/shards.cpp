#include "server/shards.h"

#include <charconv>
#include <filesystem>

#include "indexer/schema.h"

namespace tracuu::server {
namespace {

constexpr std::string_view kRemoteScheme = "tcp://";
constexpr useconds_t kRemoteTimeoutMicros = 10'000'000;

Result<Xapian::Database> open_one(const std::string& location) {
    const std::string rerun = ": run tracuu-index --index " + location + " first";
    if (is_remote(location)) {
        const std::string address = location.substr(kRemoteScheme.size());
        const auto colon = address.rfind(':');
        unsigned port = 0;
        const char* digits = address.data() + colon + 1;
        const auto [end, ec] = std::from_chars(digits, address.data() + address.size(), port);
        if (colon == std::string::npos || ec != std::errc() || end != address.data() + address.size() || port == 0 || port > 65535) {
            return Error{ErrorCode::InvalidArgument, "shard " + location + " is not of the form tcp://HOST:PORT"};
        }
        return Xapian::Remote::open(address.substr(0, colon), port, kRemoteTimeoutMicros, kRemoteTimeoutMicros);
    }
    std::error_code ec;
    if (!std::filesystem::is_directory(location, ec)) return Error{ErrorCode::Unavailable, "no index at " + location + rerun};
    return Xapian::Database(location);
}

}  // namespace

bool is_remote(std::string_view location) { return location.substr(0, kRemoteScheme.size()) == kRemoteScheme; }

Result<Xapian::Database> open_shards(const std::vector<std::string>& locations) {
    if (locations.empty()) return Error{ErrorCode::InvalidArgument, "no index given"};
    Xapian::Database combined;
    for (const auto& location : locations) {
        try {
            Result<Xapian::Database> shard = open_one(location);
            if (!shard.ok()) return shard.error();
            if (shard.value().get_metadata(std::string(schema::kVersionKey)) != schema::kVersion) {
                return Error{ErrorCode::Unavailable, "the index at " + location + " was built by another version of tracuu: rebuild it with tracuu-index --rebuild"};
            }
            combined.add_database(shard.value());
        } catch (const Xapian::Error& e) {
            return Error{ErrorCode::Unavailable, "no readable index at " + location + " (" + std::string(e.get_type()) + ": " +
                                                     e.get_msg() + ")"};
        }
    }
    return combined;
}

}  // namespace tracuu::server
