#include "catalog_search.hpp"

#include <algorithm>

namespace redress::catalog_plugin {

namespace {
constexpr double keyword_weight = 0.55;
constexpr double ask_weight = 0.30;
constexpr double title_weight = 0.15;
} // namespace

double score(const Entry& e, const Terms& ask) {
    double keyword = 0;
    for (const auto& k : e.keyword_terms)
        keyword = std::max(keyword, coverage(k, ask));
    return keyword_weight * keyword + ask_weight * coverage(ask, e.all_terms) +
           title_weight * coverage(e.title_terms, ask);
}

std::vector<Match> search(const Version& v, std::string_view q, const Scope& scope,
                          double min_score, std::size_t limit) {
    std::vector<Match> out;
    Terms ask = terms_of(q);
    if (ask.empty())
        return out;
    for (const auto& e : v.entries) {
        if (!e.in_scope(scope.department, scope.product_line, scope.customer_tier, scope.strict))
            continue;
        double s = score(e, ask);
        if (s >= min_score)
            out.push_back({&e, s});
    }
    std::sort(out.begin(), out.end(), [](const Match& a, const Match& b) {
        return a.score != b.score ? a.score > b.score : a.entry->id < b.entry->id;
    });
    if (out.size() > limit)
        out.resize(limit);
    return out;
}

} // namespace redress::catalog_plugin
