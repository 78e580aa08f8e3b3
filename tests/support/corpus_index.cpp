#include "tests/support/corpus_index.h"

#include <filesystem>

#include "indexer/index_run.h"
#include "tests/support/temp_dir.h"

namespace tracuu::testing {
namespace {

class CorpusIndex {
public:
    CorpusIndex() : m_index((m_dir.path() / "index").string()) {
        auto writer = indexer::IndexWriter::open(m_index).value();
        (void)indexer::index_paths(writer, {std::filesystem::path(TRACUU_SOURCE_DIR) / "corpus"}, {}, nullptr);
    }
    [[nodiscard]] const std::string& index() const { return m_index; }

private:
    TempDir m_dir;
    std::string m_index;
};

}  // namespace

const std::string& demo_corpus_index() {
    static const CorpusIndex indexed;
    return indexed.index();
}

}  // namespace tracuu::testing
