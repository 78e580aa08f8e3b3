/** @file
 *  @brief A set of documents as a boolean posting list, to restrict a Xapian query to it.
 */
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <utility>

#include "server/doc_set.h"

namespace tracuu::server {

/** The documents of a set as a boolean posting list. Its description names the query whose
 *  matches the set holds, so that it keys a cache of sets per revision like that query would. */
class DocSetSource : public Xapian::PostingSource {
public:
    DocSetSource(std::shared_ptr<const DocSet> set, std::string matches_of)
        : m_set(std::move(set)), m_matches_of(std::move(matches_of)), m_count(static_cast<Xapian::doccount>(m_set->count())) {}

    Xapian::doccount get_termfreq_min() const override { return m_count; }
    Xapian::doccount get_termfreq_est() const override { return m_count; }
    Xapian::doccount get_termfreq_max() const override { return m_count; }
    void init(const Xapian::Database&) override {
        m_at = 0;
        m_started = false;
    }
    void next(double) override { move_to(m_at + 1); }
    void skip_to(Xapian::docid id, double) override {
        if (!m_started || id > m_at) move_to(id);
    }
    bool at_end() const override { return m_started && m_at == 0; }
    Xapian::docid get_docid() const override { return m_at; }
    DocSetSource* clone() const override { return new DocSetSource(m_set, m_matches_of); }
    std::string get_description() const override { return "DocSetSource(matches of " + m_matches_of + ")"; }

private:
    void move_to(Xapian::docid id) {
        m_started = true;
        m_at = m_set->first_from(id);
    }

    std::shared_ptr<const DocSet> m_set;
    std::string m_matches_of;  ///< the description of the query whose matches the set holds
    Xapian::doccount m_count;
    Xapian::docid m_at = 0;  ///< 0 before the first move and after the last id
    bool m_started = false;
};

}  // namespace tracuu::server
