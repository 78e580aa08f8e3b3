#include "indexer/byte_search.h"
#include "indexer/extract.h"

#include <fcntl.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include <cerrno>
#include <chrono>
#include <climits>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzers/normalize.h"

extern char** environ;  // NOLINT: POSIX declares it nowhere; posix_spawnp passes it on.

namespace tracuu::indexer {
namespace {

namespace fs = std::filesystem;

// A Word document's XML is a few megabytes even for a 300-page plan; a part that inflates past
// this is a ZIP bomb or not a document.
constexpr zip_uint64_t kMaxPartBytes = zip_uint64_t{256} << 20;
// antiword or catdoc on a damaged file can loop; a real .doc converts in well under a second.
constexpr auto kToolTimeLimit = std::chrono::seconds(60);
constexpr std::size_t kMaxToolOutput = std::size_t{64} << 20;

constexpr std::string_view kWordMain = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view kWordStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main";
constexpr std::string_view kMarkupCompat = "http://schemas.openxmlformats.org/markup-compatibility/2006";
constexpr std::string_view kRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";
constexpr std::string_view kDublinCore = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kOfficeMath = "http://schemas.openxmlformats.org/officeDocument/2006/math";
constexpr std::string_view kOleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

// ---- ZIP ----

struct ZipDeleter {
    // Read-only: discard, never write back.
    void operator()(zip_t* archive) const { zip_discard(archive); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipDeleter>;

struct ZipSourceDeleter {
    void operator()(zip_source_t* source) const { zip_source_free(source); }
};

struct ZipFileDeleter {
    void operator()(zip_file_t* file) const { zip_fclose(file); }
};

/// zip_error_t must be finalised; this keeps the pairing in one place.
class ZipError {
public:
    ZipError() { zip_error_init(&m_error); }
    ~ZipError() { zip_error_fini(&m_error); }
    ZipError(const ZipError&) = delete;
    ZipError& operator=(const ZipError&) = delete;
    zip_error_t* get() { return &m_error; }
    [[nodiscard]] int code() const { return zip_error_code_zip(&m_error); }

private:
    zip_error_t m_error{};
};

Result<ZipPtr> open_zip(std::string_view bytes) {
    ZipError error;
    // The buffer is not copied (freep = 0); `bytes` outlives the archive in extract_docx().
    std::unique_ptr<zip_source_t, ZipSourceDeleter> source(
        zip_source_buffer_create(bytes.data(), bytes.size(), 0, error.get()));
    if (!source) return Error{ErrorCode::Internal, "cannot set up ZIP reading"};
    ZipPtr archive(zip_open_from_source(source.get(), ZIP_RDONLY, error.get()));
    if (!archive) return Error{ErrorCode::Unsupported, "corrupt Word document (not a readable ZIP archive)"};
    (void)source.release();  // the archive owns its source from here
    return archive;
}

/// The bytes of one ZIP entry; NotFound when there is no such entry.
Result<std::string> read_entry(zip_t* archive, const std::string& name) {
    const zip_int64_t index = zip_name_locate(archive, name.c_str(), 0);
    if (index < 0) return Error{ErrorCode::NotFound, name + " is missing"};
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive, static_cast<zip_uint64_t>(index), 0, &stat) != 0) {
        return Error{ErrorCode::Unsupported, "corrupt Word document (damaged ZIP entry " + name + ")"};
    }
    if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && stat.encryption_method != ZIP_EM_NONE) {
        return Error{ErrorCode::Unsupported, "encrypted Word document (password required)"};
    }
    if ((stat.valid & ZIP_STAT_SIZE) != 0 && stat.size > kMaxPartBytes) {
        return Error{ErrorCode::Unsupported, "Word document part " + name + " is too large (over 256 MB)"};
    }
    const std::unique_ptr<zip_file_t, ZipFileDeleter> file(zip_fopen_index(archive, static_cast<zip_uint64_t>(index), 0));
    if (!file) {
        const int code = zip_error_code_zip(zip_get_error(archive));
        if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD) {
            return Error{ErrorCode::Unsupported, "encrypted Word document (password required)"};
        }
        return Error{ErrorCode::Unsupported, "corrupt Word document (cannot open ZIP entry " + name + ")"};
    }
    // The declared size may lie; read until the end and enforce the limit on what comes out.
    std::string out;
    char buffer[64 * 1024];
    for (;;) {
        const zip_int64_t got = zip_fread(file.get(), buffer, sizeof buffer);
        if (got < 0) return Error{ErrorCode::Unsupported, "corrupt Word document (damaged ZIP entry " + name + ")"};
        if (got == 0) break;
        out.append(buffer, static_cast<std::size_t>(got));
        if (out.size() > kMaxPartBytes) {
            return Error{ErrorCode::Unsupported, "Word document part " + name + " is too large (over 256 MB)"};
        }
    }
    return out;
}

// ---- XML ----

struct XmlDocDeleter {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocDeleter>;

XmlDocPtr parse_xml(std::string_view xml, const char* name) {
    if (xml.size() > static_cast<std::size_t>(INT_MAX)) return nullptr;
    // NONET and no NOENT: a document part never fetches or expands external entities.
    return XmlDocPtr(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), name, nullptr,
                                   XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
}

std::string_view local_name(const xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

std::string_view namespace_of(const xmlNode* node) {
    return node->ns != nullptr && node->ns->href != nullptr ? reinterpret_cast<const char*>(node->ns->href) : "";
}

bool is_element(const xmlNode* node, std::string_view ns, std::string_view name) {
    return node->type == XML_ELEMENT_NODE && namespace_of(node) == ns && local_name(node) == name;
}

/// An element of WordprocessingML, transitional or strict.
bool is_w(const xmlNode* node, std::string_view name) {
    if (node->type != XML_ELEMENT_NODE || local_name(node) != name) return false;
    const std::string_view ns = namespace_of(node);
    return ns == kWordMain || ns == kWordStrict;
}

std::string text_content(const xmlNode* node) {
    std::string out;
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
        if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
            if (child->content != nullptr) out += reinterpret_cast<const char*>(child->content);
        } else if (child->type == XML_ELEMENT_NODE) {
            out += text_content(child);
        }
    }
    return out;
}

std::string attribute(const xmlNode* node, const char* name) {
    xmlChar* value = xmlGetProp(node, BAD_CAST name);
    if (value == nullptr) return {};
    std::string out(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return out;
}

std::string trim(std::string_view text) {
    const std::size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const std::size_t last = text.find_last_not_of(" \t");
    return std::string(text.substr(first, last - first + 1));
}

/** Walks the body of word/document.xml and writes its text as lines.
 *
 *  Paragraphs (headings included: a heading is a paragraph with a Heading or Tiêu đề style) are
 *  lines; a w:br inside one starts a new line. A table row is one line of cells joined by " | ",
 *  each cell's paragraphs joined by spaces. Property elements (*Pr) hold no document text.
 */
class BodyText {
public:
    std::vector<std::string> lines;

    void walk_children(const xmlNode* node) {
        for (const xmlNode* child = node->children; child != nullptr; child = child->next) walk(child);
    }

private:
    std::string m_line;

    void flush() {
        std::size_t start = 0;
        while (start <= m_line.size()) {
            std::size_t end = m_line.find('\n', start);
            if (end == std::string::npos) end = m_line.size();
            std::string piece = trim(std::string_view(m_line).substr(start, end - start));
            if (!piece.empty()) lines.push_back(std::move(piece));
            start = end + 1;
        }
        m_line.clear();
    }

    void walk(const xmlNode* node) {
        if (node->type != XML_ELEMENT_NODE) return;
        const std::string_view ns = namespace_of(node);
        const std::string_view name = local_name(node);
        if (ns == kMarkupCompat && name == "AlternateContent") return alternate(node);
        if (ns == kOfficeMath && name == "t") {
            m_line += text_content(node);
            return;
        }
        if (ns != kWordMain && ns != kWordStrict) return walk_children(node);  // drawings, VML: text boxes inside

        if (name == "p") {
            flush();  // text before a text box anchored inside a paragraph stays its own line
            walk_children(node);
            return flush();
        }
        if (name == "tbl") {
            flush();
            return table(node);
        }
        if (name == "t") {
            m_line += text_content(node);
        } else if (name == "tab" || name == "ptab") {
            m_line += '\t';
        } else if (name == "br" || name == "cr") {
            m_line += '\n';
        } else if (name == "noBreakHyphen") {
            m_line += '-';
        } else if (name == "del" || name == "moveFrom" || name == "delText" || name == "instrText" ||
                   name.ends_with("Pr") || name.ends_with("PrEx")) {
            // Deleted or moved-away revisions, field codes and formatting: not the text a reader sees.
        } else {
            walk_children(node);  // r, ins, moveTo, hyperlink, sdt, smartTag, fldSimple, txbxContent, …
        }
    }

    /// Markup compatibility: the first choice and its fallback hold the same content twice.
    void alternate(const xmlNode* node) {
        const xmlNode* fallback = nullptr;
        for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
            if (is_element(child, kMarkupCompat, "Choice")) return walk_children(child);
            if (is_element(child, kMarkupCompat, "Fallback")) fallback = child;
        }
        if (fallback != nullptr) walk_children(fallback);
    }

    void table(const xmlNode* node) {
        for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
            if (is_w(child, "tr")) {
                row(child);
            } else if (child->type == XML_ELEMENT_NODE && !local_name(child).ends_with("Pr") &&
                       !is_w(child, "tblGrid")) {
                table(child);  // rows wrapped in w:sdt/w:sdtContent or w:customXml
            }
        }
    }

    void row(const xmlNode* node) {
        std::vector<std::string> cells;
        collect_cells(node, cells);
        // Empty cells keep their separator so the columns of a row stay countable: "a | | c".
        bool any = false;
        std::string joined;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i > 0) joined += " |";
            if (cells[i].empty()) continue;
            if (!joined.empty()) joined += ' ';
            joined += cells[i];
            any = true;
        }
        if (any) lines.push_back(trim(joined));
    }

    void collect_cells(const xmlNode* node, std::vector<std::string>& cells) {
        for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
            if (is_w(child, "tc")) {
                BodyText cell;
                cell.walk_children(child);
                std::string text;
                for (const std::string& line : cell.lines) {
                    if (!text.empty()) text += ' ';
                    text += line;
                }
                cells.push_back(std::move(text));
            } else if (child->type == XML_ELEMENT_NODE && !local_name(child).ends_with("Pr")) {
                collect_cells(child, cells);
            }
        }
    }
};

struct PackageParts {
    std::string document = "word/document.xml";
    std::string core = "docProps/core.xml";
};

/// Where the package's relationships say the main document and the core properties are;
/// the conventional names when _rels/.rels is missing or says nothing.
PackageParts find_parts(zip_t* archive) {
    PackageParts parts;
    const Result<std::string> rels = read_entry(archive, "_rels/.rels");
    if (!rels.ok()) return parts;
    const XmlDocPtr doc = parse_xml(rels.value(), "_rels/.rels");
    const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    if (root == nullptr) return parts;
    for (const xmlNode* node = root->children; node != nullptr; node = node->next) {
        if (!is_element(node, kRelationships, "Relationship")) continue;
        const std::string type = attribute(node, "Type");
        std::string target = attribute(node, "Target");
        if (target.empty() || attribute(node, "TargetMode") == "External") continue;
        if (target.front() == '/') target.erase(0, 1);
        if (type.ends_with("/officeDocument")) parts.document = target;
        if (type.ends_with("/metadata/core-properties")) parts.core = target;
    }
    return parts;
}

std::string core_title(zip_t* archive, const std::string& part) {
    const Result<std::string> core = read_entry(archive, part);
    if (!core.ok()) return {};
    const XmlDocPtr doc = parse_xml(core.value(), "core.xml");
    const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    if (root == nullptr) return {};
    for (const xmlNode* node = root->children; node != nullptr; node = node->next) {
        if (!is_element(node, kDublinCore, "title")) continue;
        // A title is one line; the file may wrap it.
        std::string title = analyzers::normalize_text(text_content(node));
        for (char& c : title) {
            if (c == '\n' || c == '\f') c = ' ';
        }
        std::string collapsed;
        for (const char c : title) {
            if (c == ' ' && (collapsed.empty() || collapsed.back() == ' ')) continue;
            collapsed.push_back(c);
        }
        if (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
        return collapsed;
    }
    return {};
}

// ---- legacy .doc through an installed converter ----

/// A file descriptor closed on scope exit.
class UniqueFd {
public:
    explicit UniqueFd(int fd = -1) : m_fd(fd) {}
    ~UniqueFd() { reset(); }
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    [[nodiscard]] int get() const { return m_fd; }
    void reset() {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = -1;
    }

private:
    int m_fd;
};

class SpawnActions {
public:
    SpawnActions() { posix_spawn_file_actions_init(&m_actions); }
    ~SpawnActions() { posix_spawn_file_actions_destroy(&m_actions); }
    SpawnActions(const SpawnActions&) = delete;
    SpawnActions& operator=(const SpawnActions&) = delete;
    posix_spawn_file_actions_t* get() { return &m_actions; }

private:
    posix_spawn_file_actions_t m_actions{};
};

enum class ToolOutcome { NotInstalled, Failed, TimedOut, Done };

struct ToolRun {
    ToolOutcome outcome = ToolOutcome::Failed;
    std::string output;
};

/// Runs argv[0] (looked up on PATH) with stdout captured and stdin/stderr on /dev/null.
ToolRun run_tool(std::vector<std::string> argv) {
    ToolRun run;
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return run;
    UniqueFd read_end(fds[0]);
    UniqueFd write_end(fds[1]);
    SpawnActions actions;
    posix_spawn_file_actions_adddup2(actions.get(), write_end.get(), STDOUT_FILENO);
    posix_spawn_file_actions_addopen(actions.get(), STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(actions.get(), STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    std::vector<char*> args;
    for (std::string& arg : argv) args.push_back(arg.data());
    args.push_back(nullptr);

    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, args[0], actions.get(), nullptr, args.data(), environ);
    if (spawned == ENOENT) run.outcome = ToolOutcome::NotInstalled;
    if (spawned != 0) return run;
    write_end.reset();  // so the read end sees end-of-file when the tool exits

    const auto deadline = std::chrono::steady_clock::now() + kToolTimeLimit;
    bool killed = false;
    char buffer[64 * 1024];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        pollfd watch{read_end.get(), POLLIN, 0};
        const int ready = left.count() > 0 ? ::poll(&watch, 1, static_cast<int>(left.count())) : 0;
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0 || run.output.size() > kMaxToolOutput) {
            ::kill(pid, SIGKILL);  // our own child, by its id
            killed = true;
            break;
        }
        const ssize_t got = ::read(read_end.get(), buffer, sizeof buffer);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        run.output.append(buffer, static_cast<std::size_t>(got));
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (killed) {
        run.outcome = ToolOutcome::TimedOut;
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        run.outcome = ToolOutcome::Done;
    }
    return run;
}

bool is_blank(std::string_view text) { return text.find_first_not_of(" \t\r\n\f") == std::string_view::npos; }

}  // namespace

Result<ExtractedText> extract_docx(std::string_view bytes) {
    if (bytes.starts_with(kOleMagic)) {
        // Word saves a password-protected .docx as an OLE2 file holding the encrypted ZIP.
        if (contains_utf16le(bytes, "EncryptedPackage")) {
            return Error{ErrorCode::Unsupported, "encrypted Word document (password required)"};
        }
        return Error{ErrorCode::Unsupported, "not a Word 2007+ document (legacy .doc? save as .docx)"};
    }
    if (!bytes.starts_with("PK")) return Error{ErrorCode::Unsupported, "not a Word document (corrupt or wrong extension)"};
    Result<ZipPtr> opened = open_zip(bytes);
    if (!opened.ok()) return opened.error();
    zip_t* archive = opened.value().get();

    const PackageParts parts = find_parts(archive);
    Result<std::string> xml = read_entry(archive, parts.document);
    if (!xml.ok() && xml.error().code == ErrorCode::NotFound && parts.document != "word/document.xml") {
        xml = read_entry(archive, "word/document.xml");
    }
    if (!xml.ok()) {
        if (xml.error().code == ErrorCode::NotFound) {
            return Error{ErrorCode::Unsupported, "not a Word document: word/document.xml is missing"};
        }
        return xml.error();
    }
    const XmlDocPtr doc = parse_xml(xml.value(), "document.xml");
    const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    if (root == nullptr) return Error{ErrorCode::Unsupported, "corrupt Word document (word/document.xml is not XML)"};
    const xmlNode* body = nullptr;
    for (const xmlNode* node = root->children; node != nullptr && body == nullptr; node = node->next) {
        if (is_w(node, "body")) body = node;
    }
    if (!is_w(root, "document") || body == nullptr) {
        return Error{ErrorCode::Unsupported, "corrupt Word document (no document body)"};
    }

    BodyText walker;
    walker.walk_children(body);
    std::string text;
    for (const std::string& line : walker.lines) {
        if (!text.empty()) text += '\n';
        text += line;
    }
    ExtractedText result;
    result.format = SourceFormat::Docx;
    // Word documents have no fixed pages; a page break is just a new line, as the contract wants.
    result.text = analyzers::normalize_text(text);
    if (is_blank(result.text)) return Error{ErrorCode::Unsupported, "Word document has no text"};
    result.format_title = core_title(archive, parts.core);
    return result;
}

Result<ExtractedText> extract_legacy_doc(const fs::path& path) {
    std::error_code ec;
    // An absolute path can never be taken for an option, whatever the file is called.
    const std::string file = fs::absolute(path, ec).string();
    if (ec) return Error{ErrorCode::Unavailable, "cannot read file"};
    const std::vector<std::vector<std::string>> tools = {
        {"antiword", "-m", "UTF-8.txt", "-w", "0", file},  // -w 0: one paragraph per line
        {"catdoc", "-d", "utf-8", "-w", file},              // -w: no re-wrapping
    };
    std::vector<std::string> tried;
    for (const std::vector<std::string>& tool : tools) {
        ToolRun run = run_tool(tool);
        if (run.outcome == ToolOutcome::NotInstalled) continue;
        if (run.outcome == ToolOutcome::Done && !is_blank(run.output)) {
            ExtractedText result;
            result.format = SourceFormat::Docx;
            result.text = analyzers::normalize_text(run.output);
            return result;
        }
        tried.push_back(tool.front() + (run.outcome == ToolOutcome::TimedOut ? " (took over 60 s)" : ""));
    }
    if (tried.empty()) return Error{ErrorCode::Unsupported, "legacy .doc is not supported; save as .docx"};
    std::string names;
    for (const std::string& name : tried) names += (names.empty() ? "" : " or ") + name;
    return Error{ErrorCode::Unsupported, "legacy .doc could not be read by " + names + "; save as .docx"};
}

}  // namespace tracuu::indexer
