/** @file
 *  @brief Why an index folder could not be opened, read or written, in words an administrator
 *  can act on (what failed, the likely cause, what to do), from the Xapian error that said so.
 */
#pragma once

#include <xapian.h>

#include <filesystem>

#include "indexer/error.h"

namespace tracuu::indexer {

/** The Error for a Xapian exception met while opening, reading or writing the index in `dir`.
 *  Always ErrorCode::Unavailable; the message names `dir` and reads, by cause:
 *
 *  - another writer holds the lock: `the index DIR is locked by another tracuu-index run …`;
 *  - the lock file or the folder cannot be written (Xapian words this as a lock error too):
 *    `cannot write the index folder DIR: permission denied …` (or `read-only file system`);
 *  - a damaged database (DatabaseCorruptError): `the index DIR is damaged …`, advising --rebuild;
 *  - a system call failed with ENOSPC, EFBIG or EDQUOT: `cannot write the index DIR: disk full
 *    or file too large …`; with EACCES or EPERM, EROFS, EIO: `… permission denied`, `… read-only
 *    file system`, `… input/output error …`;
 *  - Xapian's files that do not open as a database (DatabaseNotFoundError, DatabaseOpeningError):
 *    `the index DIR is incomplete or damaged …`, advising --rebuild;
 *  - a database of an unknown Xapian format (DatabaseVersionError): `… another Xapian version …`;
 *  - anything else: `cannot use the index DIR (…)`.
 *
 *  Xapian's own description follows in parentheses where it adds a detail (a block number), so
 *  a report still carries what Xapian said. */
[[nodiscard]] Error describe_index_error(const std::filesystem::path& dir, const Xapian::Error& error);

/// The Error for running out of memory while writing the index in `dir`.
[[nodiscard]] Error index_out_of_memory(const std::filesystem::path& dir);

}  // namespace tracuu::indexer
