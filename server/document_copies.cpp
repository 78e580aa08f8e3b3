#include "server/document_copies.h"

#include <algorithm>
#include <map>

namespace tracuu::server {

std::vector<DocumentFiles> group_copies(const std::vector<FileOfDocument>& files) {
    std::vector<std::vector<std::size_t>> groups;
    std::map<std::string, std::size_t> group_of;  // own key → index in groups
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (files[i].own_key.empty()) {
            groups.push_back({i});
            continue;
        }
        const auto [group, fresh] = group_of.emplace(files[i].own_key, groups.size());
        if (fresh) groups.emplace_back();
        groups[group->second].push_back(i);
    }
    std::vector<DocumentFiles> out;
    out.reserve(groups.size());
    for (auto& group : groups) {
        std::sort(group.begin(), group.end(), [&](std::size_t a, std::size_t b) {
            return files[a].weight != files[b].weight ? files[a].weight > files[b].weight : files[a].id < files[b].id;
        });
        out.push_back({group.front(), std::vector<std::size_t>(group.begin() + 1, group.end())});
    }
    return out;
}

}  // namespace tracuu::server
