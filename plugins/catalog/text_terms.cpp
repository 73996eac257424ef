#include "text_terms.hpp"

#include <Poco/TextIterator.h>
#include <Poco/UTF8Encoding.h>
#include <Poco/Unicode.h>
#include <algorithm>
#include <set>
#include <vector>

namespace redress::catalog_plugin {
namespace {

constexpr std::size_t min_prefix = 4;
// Longer "words" are noise (or hostile: a 4,000-letter word would make prefix
// matching quadratic); they are cut to this many bytes.
constexpr std::size_t max_word = 32;

// English words that say nothing about what is asked ("I am not happy with
// the service" must not match an entry through "the" and "with").
bool is_stop_word(const std::string& w) {
    static const std::set<std::string, std::less<>> words{
        "a",    "about", "am",    "an",   "and",    "are",  "as",   "at",   "be",    "but",
        "by",   "can",   "could", "do",   "for",    "from", "get",  "had",  "has",   "have",
        "i",    "if",    "in",    "is",   "it",     "its",  "me",   "my",   "no",    "not",
        "of",   "on",    "or",    "our",  "please", "so",   "that", "the",  "their", "them",
        "then", "there", "they",  "this", "to",     "us",   "was",  "we",   "were",  "what",
        "when", "which", "will",  "with", "would",  "you",  "your", "want", "need",  "like",
    };
    return words.count(w) > 0;
}
bool is_han(int ch) {
    Poco::Unicode::CharacterProperties p{};
    Poco::Unicode::properties(ch, p);
    return p.script == Poco::Unicode::UCP_HAN;
}

bool is_word_char(int ch) {
    Poco::Unicode::CharacterProperties p{};
    Poco::Unicode::properties(ch, p);
    return p.category == Poco::Unicode::UCP_LETTER || p.category == Poco::Unicode::UCP_NUMBER;
}

void append_utf8(std::string& out, int ch) {
    unsigned char buf[4];
    static Poco::UTF8Encoding utf8;
    int n = utf8.convert(ch, buf, sizeof buf);
    if (n > 0)
        out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

// A Latin word long enough for prefix matching ("inst" is not, "install" is).
bool prefix_word(const std::string& t) {
    return t.size() >= min_prefix && std::all_of(t.begin(), t.end(), [](char c) {
               return static_cast<unsigned char>(c) < 0x80;
           });
}

} // namespace

Terms terms_of(std::string_view text) {
    Terms out;
    Poco::UTF8Encoding utf8;
    std::string s(text);
    Poco::TextIterator it(s, utf8), end(s);
    std::vector<std::string> han; // the current run of Han characters
    std::string word;
    auto flush_han = [&] {
        if (han.size() == 1)
            out.insert(han[0]);
        for (std::size_t i = 0; i + 1 < han.size(); ++i)
            out.insert(han[i] + han[i + 1]);
        han.clear();
    };
    auto flush_word = [&] {
        if (word.size() > max_word)
            word.resize(max_word); // may cut a character: only ever compared whole
        if (!word.empty() && !is_stop_word(word))
            out.insert(word);
        word.clear();
    };
    for (; it != end; ++it) {
        int ch = *it;
        if (ch < 0) { // invalid UTF-8: a separator
            flush_han();
            flush_word();
        } else if (is_han(ch)) {
            flush_word();
            std::string c;
            append_utf8(c, ch);
            han.push_back(std::move(c));
        } else if (is_word_char(ch)) {
            flush_han();
            if (word.size() <= max_word)
                append_utf8(word, Poco::Unicode::toLower(ch));
        } else {
            flush_han();
            flush_word();
        }
    }
    flush_han();
    flush_word();
    return out;
}

double term_match(const std::string& t, const Terms& set) {
    if (set.count(t))
        return 1.0;
    if (!prefix_word(t))
        return 0.0;
    // A present word that t begins ("installation" for "install").
    if (auto it = set.lower_bound(t); it != set.end() && it->starts_with(t))
        return 0.7;
    // A present word that begins t ("install" for "installation").
    for (std::size_t n = t.size() - 1; n >= min_prefix; --n)
        if (set.count(std::string_view(t).substr(0, n)))
            return 0.7;
    return 0.0;
}

double coverage(const Terms& part, const Terms& set) {
    if (part.empty())
        return 0.0;
    double sum = 0;
    for (const auto& t : part)
        sum += term_match(t, set);
    return sum / static_cast<double>(part.size());
}

} // namespace redress::catalog_plugin
