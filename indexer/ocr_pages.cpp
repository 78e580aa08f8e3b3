#include "indexer/ocr_pages.h"

#include <xxhash.h>

#include <chrono>

namespace tracuu::indexer {
namespace {

/// 128 bits of the pixels and the size: two different pages never meet by chance.
std::string content_key(const GrayImage& image) {
    XXH3_state_t* state = XXH3_createState();
    XXH3_128bits_reset(state);
    const int size[2] = {image.width, image.height};
    XXH3_128bits_update(state, size, sizeof size);
    XXH3_128bits_update(state, image.pixels.data(), image.pixels.size());
    const XXH128_hash_t hash = XXH3_128bits_digest(state);
    XXH3_freeState(state);
    return std::string(reinterpret_cast<const char*>(&hash), sizeof hash);
}

}  // namespace

OcrPages::OcrPages(OcrOptions options) : m_options(std::move(options)) { m_options.shared.reset(); }

OcrPages::~OcrPages() = default;

Result<std::string> OcrPages::read(const GrayImage& image) {
    const std::string key = content_key(image);
    std::shared_future<Result<std::string>> earlier;
    std::promise<Result<std::string>> promise;
    {
        const std::lock_guard lock(m_mutex);
        if (const auto found = m_pages.find(key); found != m_pages.end()) {
            ++m_reused;
            earlier = found->second;
        } else {
            if (m_pages.size() >= kMaxPages) {
                // Forget what was read; a page being read stays, for the threads waiting on it.
                std::erase_if(m_pages, [](const auto& entry) {
                    return entry.second.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
                });
            }
            m_pages.emplace(key, promise.get_future().share());
            ++m_recognized;
        }
    }
    if (earlier.valid()) return earlier.get();  // waits while another thread is still reading it

    Result<std::string> text = Error{ErrorCode::Internal, "OCR failed on the page image"};
    std::unique_ptr<OcrEngine> engine = borrow_engine();
    try {
        text = engine->read(image);
        give_back(std::move(engine));
    } catch (...) {
        // An engine that threw is not lent again; the threads waiting get the error, not a hang.
    }
    promise.set_value(text);
    return text;
}

std::unique_ptr<OcrEngine> OcrPages::borrow_engine() {
    {
        const std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            std::unique_ptr<OcrEngine> engine = std::move(m_idle.back());
            m_idle.pop_back();
            return engine;
        }
    }
    return std::make_unique<OcrEngine>(m_options);  // loads its model on first use, outside the lock
}

void OcrPages::give_back(std::unique_ptr<OcrEngine> engine) {
    const std::lock_guard lock(m_mutex);
    m_idle.push_back(std::move(engine));
}

std::size_t OcrPages::recognized() const {
    const std::lock_guard lock(m_mutex);
    return m_recognized;
}

std::size_t OcrPages::reused() const {
    const std::lock_guard lock(m_mutex);
    return m_reused;
}

}  // namespace tracuu::indexer
