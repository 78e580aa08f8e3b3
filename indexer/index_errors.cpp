#include "indexer/index_errors.h"

#include <cerrno>
#include <initializer_list>
#include <string>
#include <system_error>

namespace tracuu::indexer {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// Xapian keeps the errno of a failed system call only as its strerror() text.
bool error_string_is(const Xapian::Error& error, std::initializer_list<int> numbers) {
    const char* text = error.get_error_string();
    if (text == nullptr) return false;
    for (const int number : numbers) {
        if (std::generic_category().message(number) == text) return true;
    }
    return false;
}

Error unavailable(std::string message) { return Error{ErrorCode::Unavailable, std::move(message)}; }

/** Xapian reports every failure to take its lock as DatabaseLockError, and words the cause only in
 *  the message: "Unable to get write lock on DIR: already locked" for a real lock, but
 *  "…: Couldn't open lockfile: Permission denied" when the folder cannot be written at all. */
Error lock_error(const std::string& where, const Xapian::Error& error) {
    const std::string message = error.get_msg();
    if (contains(message, "already locked")) {
        return unavailable("the index " + where +
                           " is locked by another tracuu-index run (or a re-index started by the server): wait until it ends");
    }
    if (contains(message, std::generic_category().message(EACCES)) || contains(message, std::generic_category().message(EPERM))) {
        return unavailable("cannot write the index folder " + where +
                           ": permission denied (run tracuu-index as a user who may write it, or change its permissions)");
    }
    if (contains(message, std::generic_category().message(EROFS))) {
        return unavailable("cannot write the index folder " + where + ": read-only file system");
    }
    if (contains(message, "too many open files")) {
        return unavailable("cannot lock the index " + where + ": too many open files (raise ulimit -n)");
    }
    return unavailable("cannot lock the index " + where + " (" + error.get_description() + ")");
}

}  // namespace

Error describe_index_error(const std::filesystem::path& dir, const Xapian::Error& error) {
    const std::string where = dir.string();
    const std::string detail = " (" + error.get_description() + ")";
    const std::string type = error.get_type();
    if (type == "DatabaseLockError") return lock_error(where, error);
    if (type == "DatabaseCorruptError") {
        return unavailable("the index " + where + " is damaged" + detail +
                           ": start it over with --rebuild and every folder it should hold, or restore a backup");
    }
    // What the system said comes first: a file Xapian may not read is not a damaged one.
    if (error_string_is(error, {ENOSPC, EFBIG, EDQUOT})) {
        return unavailable("cannot write the index " + where + ": disk full or file too large" + detail +
                           "; free some space (or raise the file size limit) and run the same command again to continue");
    }
    if (error_string_is(error, {EACCES, EPERM})) {
        return unavailable("cannot read or write the index " + where + ": permission denied" + detail);
    }
    if (error_string_is(error, {EROFS})) return unavailable("cannot write the index " + where + ": read-only file system" + detail);
    if (error_string_is(error, {EIO})) {
        return unavailable("cannot read or write the index " + where + ": input/output error, the disk may be failing" + detail);
    }
    if (type == "DatabaseNotFoundError" || type == "DatabaseOpeningError") {
        // The folder has Xapian's files but not the ones that make them a database.
        return unavailable("the index " + where + " is incomplete or damaged" + detail +
                           ": start it over with --rebuild and every folder it should hold, or restore a backup");
    }
    if (type == "DatabaseVersionError") {
        return unavailable("the index " + where + " was written in a format of another Xapian version" + detail +
                           ": use a tracuu built with that version, or index into a new folder");
    }
    return unavailable("cannot use the index " + where + detail);
}

Error index_out_of_memory(const std::filesystem::path& dir) {
    return unavailable("not enough memory to go on writing the index " + dir.string() +
                       ": run again with fewer --threads, or with more memory allowed (ulimit -v)");
}

}  // namespace tracuu::indexer
