/** @file
 *  @brief The OCR of one indexing run, shared by its build threads.
 */
#pragma once

#include <cstddef>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "indexer/extract_ocr.h"

namespace tracuu::indexer {

/** Tesseract engines loaded once and lent to one thread at a time (loading the Vietnamese model
 *  costs about 50 ms, once per PDF otherwise), and the text of every page image already read,
 *  keyed by the image's content: an identical scanned page — the back cover that issues of the
 *  Công báo share — is read once per run, and a thread asking for a page that another thread is
 *  reading waits for that reading instead of doing it again. Thread-safe.
 *
 *  Memory: the text of at most kMaxPages pages (333 bytes for the Công báo back cover); past
 *  that, what was read is forgotten and read again if seen again. */
class OcrPages {
public:
    explicit OcrPages(OcrOptions options);
    ~OcrPages();
    OcrPages(const OcrPages&) = delete;
    OcrPages& operator=(const OcrPages&) = delete;

    /// The text of `image`, as OcrEngine::read() gives it (errors included, and kept like texts).
    [[nodiscard]] Result<std::string> read(const GrayImage& image);

    /// Images Tesseract read, and images answered from what was read before.
    [[nodiscard]] std::size_t recognized() const;
    [[nodiscard]] std::size_t reused() const;

    static constexpr std::size_t kMaxPages = 4096;

private:
    std::unique_ptr<OcrEngine> borrow_engine();
    void give_back(std::unique_ptr<OcrEngine> engine);

    OcrOptions m_options;  ///< without `shared`, which would point back here
    mutable std::mutex m_mutex;
    std::vector<std::unique_ptr<OcrEngine>> m_idle;
    std::unordered_map<std::string, std::shared_future<Result<std::string>>> m_pages;  ///< by content hash
    std::size_t m_recognized = 0;
    std::size_t m_reused = 0;
};

}  // namespace tracuu::indexer
