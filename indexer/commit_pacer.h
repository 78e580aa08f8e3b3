/** @file
 *  @brief When a run commits: after so many documents or so many seconds, whichever comes first.
 */
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>

#include "indexer/writer.h"

namespace tracuu::indexer {

/** Commits `writer` once `every` documents (at least 1) have been written since the last commit,
 *  or once `seconds` (0: never by time) have passed since it when a document is written. Time is
 *  only looked at as documents are written: a run that writes nothing commits nothing. A failed
 *  commit throws what IndexWriter::commit() throws (see writer.h). */
class CommitPacer {
public:
    using Clock = std::chrono::steady_clock;

    CommitPacer(IndexWriter& writer, std::size_t every, double seconds)
        : m_writer(writer), m_every(std::max<std::size_t>(every, 1)), m_seconds(seconds) {}

    /// One more document was written; commits when one is due. True when it committed.
    bool written() {
        ++m_since_commit;
        const bool by_count = m_since_commit >= m_every;
        const bool by_time = m_seconds > 0 && std::chrono::duration<double>(Clock::now() - m_last_commit).count() >= m_seconds;
        if (by_count || by_time) commit();
        return by_count || by_time;
    }

    /// Commits now, whatever is pending (the end of a run).
    void commit() {
        m_writer.commit();
        m_since_commit = 0;
        m_last_commit = Clock::now();
    }

private:
    IndexWriter& m_writer;
    std::size_t m_every;
    double m_seconds;
    std::size_t m_since_commit = 0;
    Clock::time_point m_last_commit = Clock::now();
};

}  // namespace tracuu::indexer
