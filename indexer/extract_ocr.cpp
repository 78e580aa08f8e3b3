#include "indexer/extract_ocr.h"
#include "indexer/ocr_pages.h"

#include <dlfcn.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>

#include <climits>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <optional>
#include <utility>

#include "analyzers/normalize.h"

namespace tracuu::indexer {
namespace {

namespace fs = std::filesystem;

// An A4 page at 300 dpi is 8.7 megapixels; a poster-sized page at the same resolution would
// need gigabytes and minutes of OCR for text that is large anyway.
constexpr double kMaxPixels = 50e6;

void ignore_poppler_message(const std::string& /*message*/, void* /*closure*/) {}

// Same reason as in extract_pdf.cpp: damaged files make Poppler print to stderr, and the
// indexer reports one line per file itself. Setting the handler twice is harmless.
void silence_poppler() {
    static const bool silenced = [] {
        poppler::set_debug_error_function(ignore_poppler_message, nullptr);
        return true;
    }();
    (void)silenced;
}

struct TessDeleter {
    void operator()(tesseract::TessBaseAPI* api) const {
        api->End();
        delete api;
    }
};
using TessPtr = std::unique_ptr<tesseract::TessBaseAPI, TessDeleter>;

// GetUTF8Text() allocates with new[] and documents delete[] as the way to free it.
struct TessTextDeleter {
    void operator()(char* text) const { delete[] text; }
};

/** Lets OpenMP size Tesseract's thread teams by the machine's load while one page is read.
 *
 *  Tesseract's LSTM asks for teams of four threads. On the two-core development machine, with
 *  other work running, they spun against each other and against everything else: a page took
 *  12-18 s instead of 2-3 s (OMP_THREAD_LIMIT=1 or OMP_DYNAMIC=true gave the latter). Dynamic
 *  adjustment is a per-thread OpenMP setting, so it is switched on for this thread and restored
 *  afterwards. libgomp arrives with libtesseract; looking its two functions up at run time keeps
 *  OpenMP out of our build, and a Tesseract built without OpenMP simply lacks them.
 */
class DynamicOpenMpThreads {
public:
    DynamicOpenMpThreads()
        : m_get(reinterpret_cast<GetDynamic>(::dlsym(RTLD_DEFAULT, "omp_get_dynamic"))),
          m_set(reinterpret_cast<SetDynamic>(::dlsym(RTLD_DEFAULT, "omp_set_dynamic"))) {
        if (m_get == nullptr || m_set == nullptr) return;
        m_previous = m_get();
        m_set(1);
    }
    ~DynamicOpenMpThreads() {
        if (m_get != nullptr && m_set != nullptr) m_set(m_previous);
    }
    DynamicOpenMpThreads(const DynamicOpenMpThreads&) = delete;
    DynamicOpenMpThreads& operator=(const DynamicOpenMpThreads&) = delete;

private:
    using GetDynamic = int (*)();
    using SetDynamic = void (*)(int);
    GetDynamic m_get;
    SetDynamic m_set;
    int m_previous = 0;
};

Result<std::unique_ptr<poppler::document>> open_pdf(std::string_view bytes) {
    silence_poppler();
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
        return Error{ErrorCode::Unsupported, "PDF is too large (over 2 GiB)"};
    }
    // load_from_raw_data neither copies nor frees the bytes; the caller keeps them alive.
    std::unique_ptr<poppler::document> document(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!document) return Error{ErrorCode::Unsupported, "corrupt or unreadable PDF"};
    if (document->is_locked()) return Error{ErrorCode::Unsupported, "encrypted PDF (password required)"};
    return document;
}

Result<GrayImage> render(const poppler::document& document, int page_index, int dpi) {
    if (page_index < 0 || page_index >= document.pages()) {
        return Error{ErrorCode::InvalidArgument, "PDF page " + std::to_string(page_index + 1) + " does not exist"};
    }
    if (dpi <= 0) return Error{ErrorCode::InvalidArgument, "rendering resolution must be positive"};
    const std::unique_ptr<poppler::page> page(document.create_page(page_index));
    if (!page) return Error{ErrorCode::Unsupported, "PDF page cannot be read"};

    const poppler::rectf box = page->page_rect();
    const double square_inches = (box.width() / 72.0) * (box.height() / 72.0);
    if (!(square_inches > 0.0)) return Error{ErrorCode::Unsupported, "PDF page has no size"};
    double resolution = dpi;
    if (square_inches * resolution * resolution > kMaxPixels) resolution = std::sqrt(kMaxPixels / square_inches);

    poppler::page_renderer renderer;
    if (!poppler::page_renderer::can_render()) {
        return Error{ErrorCode::Unavailable, "this Poppler build cannot render pages"};
    }
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    renderer.set_image_format(poppler::image::format_gray8);
    const poppler::image image = renderer.render_page(page.get(), resolution, resolution);
    if (!image.is_valid() || image.format() != poppler::image::format_gray8 || image.width() <= 0 ||
        image.height() <= 0) {
        return Error{ErrorCode::Unsupported, "PDF page cannot be rendered"};
    }

    // Poppler pads rows to four bytes; Tesseract and tests want them packed.
    GrayImage out;
    out.width = image.width();
    out.height = image.height();
    out.dpi = static_cast<int>(std::lround(resolution));
    out.pixels.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height));
    const char* rows = image.const_data();
    for (int y = 0; y < out.height; ++y) {
        std::memcpy(out.pixels.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(out.width),
                    rows + static_cast<std::ptrdiff_t>(y) * image.bytes_per_row(),
                    static_cast<std::size_t>(out.width));
    }
    return out;
}

/// Tesseract ends every line with '\n' and every paragraph with one more; PDF text layers have
/// no empty lines, and neither should OCR text, so sections and snippets see the same shape.
std::string tidy_lines(std::string_view text) {
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
        while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
        if (!line.empty()) {
            if (!out.empty()) out.push_back('\n');
            out.append(line);
        }
        start = end + 1;
    }
    return out;
}

Error ocr_off() { return Error{ErrorCode::Unsupported, "page has no text layer; OCR is off"}; }

}  // namespace

Result<GrayImage> render_pdf_page(std::string_view pdf_bytes, int page_index, int dpi) {
    Result<std::unique_ptr<poppler::document>> document = open_pdf(pdf_bytes);
    if (!document.ok()) return document.error();
    return render(*document.value(), page_index, dpi);
}

// ---- OcrEngine ----

struct OcrEngine::Impl {
    OcrOptions options;
    TessPtr api;
    // A failed load is remembered so a 300-page scan does not retry it 300 times.
    std::optional<Error> load_error;

    Result<tesseract::TessBaseAPI*> engine() {
        if (api) return api.get();
        if (load_error) return *load_error;
        Result<TessPtr> loaded = load();
        if (!loaded.ok()) {
            load_error = loaded.error();
            return *load_error;
        }
        api = std::move(loaded.value());
        return api.get();
    }

    Result<TessPtr> load() const {
        // Tesseract prints its own complaint and fails for a missing file; checking first gives
        // a message that says which package to install, and keeps stderr clean.
        std::string_view languages = options.languages;
        if (languages.empty()) return Error{ErrorCode::InvalidArgument, "no OCR language given"};
        while (!languages.empty()) {
            const std::size_t plus = languages.find('+');
            const std::string_view language = languages.substr(0, plus);
            const fs::path file = options.tessdata_dir / (std::string(language) + ".traineddata");
            std::error_code ec;
            if (!fs::is_regular_file(file, ec)) {
                return Error{ErrorCode::Unavailable, "OCR is not available: " + file.string() +
                                                         " is missing (Debian package tesseract-ocr-" +
                                                         std::string(language) + ")"};
            }
            languages = plus == std::string_view::npos ? std::string_view{} : languages.substr(plus + 1);
        }
        TessPtr loaded(new tesseract::TessBaseAPI());
        // The LSTM engine is the one trained for Vietnamese tone marks; the legacy engine reads
        // stacked diacritics poorly and is not in every traineddata file.
        if (loaded->Init(options.tessdata_dir.c_str(), options.languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
            return Error{ErrorCode::Unavailable, "OCR is not available: Tesseract cannot load language '" +
                                                     options.languages + "' from " + options.tessdata_dir.string()};
        }
        loaded->SetPageSegMode(tesseract::PSM_AUTO);
        return loaded;
    }

    Result<std::string> read(const GrayImage& image) {
        if (!options.enabled) return ocr_off();
        if (image.width <= 0 || image.height <= 0 ||
            image.pixels.size() != static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height)) {
            return Error{ErrorCode::InvalidArgument, "OCR was given an empty or malformed image"};
        }
        Result<tesseract::TessBaseAPI*> got = engine();
        if (!got.ok()) return got.error();
        tesseract::TessBaseAPI& tess = *got.value();

        tess.SetImage(image.pixels.data(), image.width, image.height, 1, image.width);
        tess.SetSourceResolution(image.dpi > 0 ? image.dpi : 300);
        // The deadline is checked between words; layout analysis before the first word is not
        // interruptible, which is why a 1 ms limit still costs a fraction of a second.
        tesseract::ETEXT_DESC monitor;
        monitor.set_deadline_msecs(options.page_time_limit_ms);
        const int status = [&] {
            const DynamicOpenMpThreads threads;
            return tess.Recognize(&monitor);
        }();
        if (status != 0 || monitor.deadline_exceeded()) {
            const bool timed_out = monitor.deadline_exceeded();
            tess.Clear();
            if (timed_out) {
                return Error{ErrorCode::Unavailable, "OCR stopped at the time limit of " +
                                                         std::to_string(options.page_time_limit_ms) + " ms per page"};
            }
            return Error{ErrorCode::Internal, "OCR failed on the page image"};
        }
        const std::unique_ptr<char[], TessTextDeleter> text(tess.GetUTF8Text());
        tess.Clear();
        if (!text) return std::string();
        return tidy_lines(analyzers::normalize_text(text.get()));
    }
};

OcrEngine::OcrEngine(OcrOptions options) : m_impl(std::make_unique<Impl>()) {
    m_impl->options = std::move(options);
}
OcrEngine::~OcrEngine() = default;
OcrEngine::OcrEngine(OcrEngine&&) noexcept = default;
OcrEngine& OcrEngine::operator=(OcrEngine&&) noexcept = default;

Result<std::string> OcrEngine::read(const GrayImage& image) { return m_impl->read(image); }

// ---- PdfOcr ----

struct PdfOcr::Impl {
    std::string_view bytes;
    int dpi = 300;
    bool enabled = true;
    std::shared_ptr<OcrPages> shared;  ///< the run's engines and pages, if it has them
    OcrEngine engine;                  ///< when there are none (loads nothing until used)
    std::unique_ptr<poppler::document> document;
    std::optional<Error> open_error;

    Impl(std::string_view pdf_bytes, OcrOptions options)
        : bytes(pdf_bytes), dpi(options.dpi), enabled(options.enabled), shared(options.shared), engine(std::move(options)) {}

    Result<std::string> page_text(int page_index) {
        // Switched off, say so before paying for a render.
        if (!enabled) return ocr_off();
        if (!document && !open_error) {
            Result<std::unique_ptr<poppler::document>> opened = open_pdf(bytes);
            if (opened.ok()) {
                document = std::move(opened.value());
            } else {
                open_error = opened.error();
            }
        }
        if (open_error) return *open_error;
        Result<GrayImage> image = render(*document, page_index, dpi);
        if (!image.ok()) return image.error();
        if (shared) return shared->read(image.value());
        return engine.read(image.value());
    }
};

PdfOcr::PdfOcr(std::string_view pdf_bytes, OcrOptions options)
    : m_impl(std::make_unique<Impl>(pdf_bytes, std::move(options))) {}
PdfOcr::~PdfOcr() = default;
PdfOcr::PdfOcr(PdfOcr&&) noexcept = default;
PdfOcr& PdfOcr::operator=(PdfOcr&&) noexcept = default;

Result<std::string> PdfOcr::page_text(int page_index) { return m_impl->page_text(page_index); }

Result<std::string> ocr_pdf_page(std::string_view pdf_bytes, int page_index, const OcrOptions& options) {
    return PdfOcr(pdf_bytes, options).page_text(page_index);
}

}  // namespace tracuu::indexer
