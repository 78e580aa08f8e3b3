#include "indexer/build_pool.h"

#include <algorithm>
#include <new>
#include <system_error>

#include <xapian.h>

#include "indexer/title.h"

namespace tracuu::indexer {
namespace {

const char* format_name(SourceFormat format) {
    switch (format) {
        case SourceFormat::Pdf: return "pdf";
        case SourceFormat::Html: return "html";
        case SourceFormat::Docx: return "docx";
        case SourceFormat::Text: break;
    }
    return "text";
}

}  // namespace

Built build_file(const BuildJob& job, const ExtractOptions& options, const analyzers::Analyzer& analyzer, const Enricher& enricher) {
    Built built;
    try {
        Result<ExtractedText> extracted = extract_file(job.path, options);
        if (!extracted.ok()) {
            built.problem = extracted.error().message;
            return built;
        }
        IndexedDocument doc;
        doc.id = job.id;
        doc.text = std::move(extracted.value().text);
        doc.title = guess_title(doc.text, extracted.value().format_title, job.path.filename().string());
        doc.source_file = job.path.string();
        doc.source_path = job.absolute;
        doc.format = format_name(extracted.value().format);
        doc.pages = extracted.value().pages;
        doc.ocr = extracted.value().ocr;
        doc.content_hash = job.content_hash;
        enricher.enrich(doc);
        built.pages = doc.pages;
        built.document = prepare_document(doc, analyzer);
    } catch (const std::bad_alloc&) {
        built.problem = "not enough memory to read this file";
    } catch (const std::exception& e) {
        // A bug met on one odd file must not cost the user the rest of the run.
        built.problem = std::string("internal error while reading: ") + e.what();
    } catch (const Xapian::Error& e) {
        // Building a document only fills a Xapian::Document in memory: an error there is about
        // this file's content, not the index (which this thread never touches).
        built.problem = "internal error while reading: " + e.get_description();
    }
    return built;
}

struct BuildPool::CallerTools {
    const analyzers::Analyzer analyzer{analyzers::AnalysisMode::Index};
    const Enricher enricher{};
};

BuildPool::BuildPool(std::size_t threads, ExtractOptions options, std::function<void(const BuildJob&)> on_start)
    : m_options(std::move(options)), m_on_start(std::move(on_start)) {
    for (std::size_t i = 0; i < std::max<std::size_t>(threads, 1); ++i) {
        try {
            m_threads.emplace_back([this] { work(); });
        } catch (const std::system_error&) {
            // Out of threads (ulimit -u) or of address space for their stacks (ulimit -v): the
            // threads made so far, or the collecting thread alone, still do the whole job.
            break;
        }
    }
}

BuildPool::~BuildPool() {
    drop_queued();  // their tickets were abandoned (a run stopped by a failure of the index)
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_ready.notify_all();
    for (auto& thread : m_threads) thread.join();
}

std::size_t BuildPool::drop_queued() {
    const std::lock_guard lock(m_mutex);
    const std::size_t dropped = m_queue.size();
    m_queue.clear();
    return dropped;
}

BuildTicket BuildPool::submit(BuildJob job) {
    BuildTicket ticket;
    {
        const std::lock_guard lock(m_mutex);
        ticket.number = ++m_submitted;
        m_queue.push_back(Queued{ticket.number, std::move(job), {}});
        ticket.answer = m_queue.back().promise.get_future();
    }
    m_ready.notify_one();
    return ticket;
}

Built BuildPool::collect(BuildTicket& ticket) {
    std::unique_lock lock(m_mutex);
    const auto queued = std::find_if(m_queue.begin(), m_queue.end(), [&](const Queued& q) { return q.number == ticket.number; });
    if (queued == m_queue.end()) {
        lock.unlock();
        return ticket.answer.get();
    }
    const BuildJob job = std::move(queued->job);
    m_queue.erase(queued);
    lock.unlock();
    if (!m_caller) {
        try {
            m_caller = std::make_unique<CallerTools>();
        } catch (const std::exception&) {
            Built failed;  // tried again for the next job: memory may have been freed meanwhile
            failed.problem = "not enough memory to read this file";
            return failed;
        }
    }
    return build(job, m_caller->analyzer, m_caller->enricher);
}

Built BuildPool::build(const BuildJob& job, const analyzers::Analyzer& analyzer, const Enricher& enricher) const {
    if (m_on_start) m_on_start(job);
    return build_file(job, m_options, analyzer, enricher);
}

void BuildPool::work() {
    // Per thread: an Analyzer holds ICU iterators that must not be shared, and an Enricher is
    // cheap next to a document's analysis.
    std::optional<analyzers::Analyzer> made_analyzer;
    std::optional<Enricher> made_enricher;
    try {
        made_analyzer.emplace(analyzers::AnalysisMode::Index);
        made_enricher.emplace();
    } catch (const std::exception&) {
        // No memory for them (ICU reports it as an error of its own): the other threads, or the
        // collecting one, take the jobs this one cannot.
        return;
    }
    const analyzers::Analyzer& analyzer = *made_analyzer;
    const Enricher& enricher = *made_enricher;
    for (;;) {
        std::unique_lock lock(m_mutex);
        m_ready.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
        if (m_queue.empty()) return;  // stopping, and nothing left to do
        // max_element keeps the first of equals: among files of one size, the order submitted.
        const auto largest = std::max_element(m_queue.begin(), m_queue.end(),
                                              [](const Queued& a, const Queued& b) { return a.job.bytes < b.job.bytes; });
        Queued taken = std::move(*largest);
        m_queue.erase(largest);
        lock.unlock();
        taken.promise.set_value(build(taken.job, analyzer, enricher));
    }
}

}  // namespace tracuu::indexer
