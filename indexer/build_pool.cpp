#include "indexer/build_pool.h"

#include <algorithm>
#include <new>

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
    }
    return built;
}

BuildPool::BuildPool(std::size_t threads, ExtractOptions options) : m_options(std::move(options)) {
    for (std::size_t i = 0; i < std::max<std::size_t>(threads, 1); ++i) m_threads.emplace_back([this] { work(); });
}

BuildPool::~BuildPool() {
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_ready.notify_all();
    for (auto& thread : m_threads) thread.join();
}

std::future<Built> BuildPool::submit(BuildJob job) {
    std::promise<Built> promise;
    std::future<Built> answer = promise.get_future();
    {
        const std::lock_guard lock(m_mutex);
        m_queue.emplace_back(std::move(job), std::move(promise));
    }
    m_ready.notify_one();
    return answer;
}

void BuildPool::work() {
    // Per thread: an Analyzer holds ICU iterators that must not be shared, and an Enricher is
    // cheap next to a document's analysis.
    const analyzers::Analyzer analyzer(analyzers::AnalysisMode::Index);
    const Enricher enricher;
    for (;;) {
        std::unique_lock lock(m_mutex);
        m_ready.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
        if (m_queue.empty()) return;  // stopping, and nothing left to do
        auto [job, promise] = std::move(m_queue.front());
        m_queue.pop_front();
        lock.unlock();
        promise.set_value(build_file(job, m_options, analyzer, enricher));
    }
}

}  // namespace tracuu::indexer
