/** @file
 *  @brief Turning a file on disk into repaired, analysable text.
 */
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "indexer/error.h"

namespace tracuu::indexer {

/// The formats tracuu reads.
enum class SourceFormat { Text, Pdf, Html };

/// What an extractor found in one file.
struct ExtractedText {
    SourceFormat format = SourceFormat::Text;
    /** The document text in UTF-8, already passed through analyzers::normalize_text().
     *  Pages are separated by a form feed ('\f'), so page N (1-based) starts after N-1 form feeds;
     *  formats without pages have no form feed. */
    std::string text;
    /// The number of pages (1 for formats without pages).
    unsigned pages = 1;
    /// A title offered by the format itself (HTML <title>, PDF Title metadata), or empty.
    std::string format_title;
};

/** Reads a file and returns its text.
 *
 *  The format is chosen from the file's content (PDF magic, HTML markup), falling back to its
 *  extension. Never throws for bad input: a missing, unreadable, empty, corrupt, encrypted or
 *  binary file yields an Error whose message names the reason in plain words (the caller adds
 *  the file name).
 */
Result<ExtractedText> extract_file(const std::filesystem::path& path);

/// Extracts text from the bytes of a plain-text file (UTF-8, or UTF-16 with a byte-order mark).
Result<ExtractedText> extract_plain_text(std::string_view bytes);

/// Extracts text from the bytes of a PDF file, one '\f'-separated chunk per page.
Result<ExtractedText> extract_pdf(std::string_view bytes);

/// Extracts the readable text of an HTML page, dropping markup, scripts, styles and page chrome.
Result<ExtractedText> extract_html(std::string_view bytes);

}  // namespace tracuu::indexer
