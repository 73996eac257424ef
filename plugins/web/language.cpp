#include "language.hpp"

#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <cctype>
#include <string>
#include <vector>

namespace redress::web {

std::string_view code(Lang lang) noexcept {
    return lang == Lang::En ? "en" : "zh";
}

std::optional<Lang> parse_lang(std::string_view tag) noexcept {
    // The primary subtag decides: "zh-Hant-TW" is Chinese, "en-GB" English.
    std::string_view primary = tag.substr(0, tag.find_first_of("-_"));
    auto is = [&](std::string_view want) {
        if (primary.size() != want.size())
            return false;
        for (std::size_t i = 0; i < want.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(primary[i])) != want[i])
                return false;
        return true;
    };
    if (is("zh"))
        return Lang::Zh;
    if (is("en"))
        return Lang::En;
    return std::nullopt;
}

Lang choose_language(std::optional<std::string_view> explicit_choice,
                     std::optional<std::string_view> accept_language) {
    if (explicit_choice)
        if (auto l = parse_lang(*explicit_choice))
            return *l;
    if (!accept_language)
        return Lang::Zh;

    // "zh-CN,zh;q=0.9,en;q=0.8": Poco splits the elements and their parameters
    // the way HTTP headers are tokenised (quotes, whitespace).
    std::optional<Lang> best;
    double best_q = 0;
    std::vector<std::string> elements;
    Poco::Net::MessageHeader::splitElements(std::string(*accept_language), elements, true);
    for (const std::string& element : elements) {
        std::string tag;
        Poco::Net::NameValueCollection params;
        Poco::Net::MessageHeader::splitParameters(element, tag, params);
        auto lang = parse_lang(Poco::trim(tag));
        if (!lang)
            continue;
        double q = 1.0;
        if (params.has("q") && !Poco::NumberParser::tryParseFloat(params.get("q"), q))
            continue; // a weight we cannot read says nothing
        if (q > best_q) {
            best = lang;
            best_q = q;
        }
    }
    return best.value_or(Lang::Zh);
}

} // namespace redress::web
