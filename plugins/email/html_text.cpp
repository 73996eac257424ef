#include "html_text.hpp"

#include <Poco/String.h>
#include <Poco/UTF8Encoding.h>
#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace redress::email {
namespace {

void append_code_point(std::string& out, unsigned long cp) {
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    unsigned char bytes[4];
    int n = Poco::UTF8Encoding().convert(static_cast<int>(cp), bytes, sizeof bytes);
    out.append(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(n));
}

// The few named references that mail clients actually write.
bool named_reference(std::string_view name, std::string& out) {
    static constexpr std::array<std::pair<std::string_view, unsigned long>, 12> names{{
        {"amp", '&'},
        {"lt", '<'},
        {"gt", '>'},
        {"quot", '"'},
        {"apos", '\''},
        {"nbsp", 0xA0},
        {"copy", 0xA9},
        {"reg", 0xAE},
        {"mdash", 0x2014},
        {"ndash", 0x2013},
        {"hellip", 0x2026},
        {"yen", 0xA5},
    }};
    for (const auto& [n, cp] : names)
        if (n == name) {
            append_code_point(out, cp == 0xA0 ? ' ' : cp);
            return true;
        }
    return false;
}

std::string lower_name(std::string_view tag) {
    std::string name;
    for (char c : tag) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '/')
            name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        else
            break;
    }
    return name;
}

bool is_block(const std::string& n) {
    static constexpr std::array<std::string_view, 18> blocks{
        "p",  "/p", "div", "/div", "br",  "br/", "li",  "tr",  "/tr",
        "h1", "h2", "h3",  "h4",   "/h1", "/h2", "/h3", "/li", "blockquote"};
    return std::find(blocks.begin(), blocks.end(), n) != blocks.end();
}

} // namespace

std::string html_to_text(std::string_view html) {
    std::string out;
    std::string skip_until; // closing tag of an element whose content is not text
    for (std::size_t i = 0; i < html.size();) {
        char c = html[i];
        if (c == '<') {
            std::size_t end = html.find('>', i);
            if (end == std::string_view::npos)
                break; // an unterminated tag at the end: nothing readable left
            std::string_view tag = html.substr(i + 1, end - i - 1);
            if (tag.starts_with("!--")) {
                std::size_t close = html.find("-->", i + 4);
                i = close == std::string_view::npos ? html.size() : close + 3;
                continue;
            }
            std::string name = lower_name(tag);
            i = end + 1;
            if (!skip_until.empty()) {
                if (name == skip_until)
                    skip_until.clear();
                continue;
            }
            if (name == "script" || name == "style" || name == "head" || name == "title")
                skip_until = "/" + name;
            else if (is_block(name) && !out.empty() && out.back() != '\n')
                out += '\n';
            continue;
        }
        if (!skip_until.empty()) {
            ++i;
            continue;
        }
        if (c == '&') {
            std::size_t semi = html.find(';', i);
            if (semi != std::string_view::npos && semi - i <= 10) {
                std::string_view ref = html.substr(i + 1, semi - i - 1);
                if (!ref.empty() && ref[0] == '#') {
                    bool hex = ref.size() > 1 && (ref[1] == 'x' || ref[1] == 'X');
                    std::string digits(ref.substr(hex ? 2 : 1));
                    if (!digits.empty() &&
                        std::all_of(digits.begin(), digits.end(), [&](unsigned char d) {
                            return hex ? std::isxdigit(d) : std::isdigit(d);
                        })) {
                        append_code_point(out, std::stoul(digits, nullptr, hex ? 16 : 10));
                        i = semi + 1;
                        continue;
                    }
                } else if (named_reference(ref, out)) {
                    i = semi + 1;
                    continue;
                }
            }
        }
        if (c == '\r' || c == '\n' || c == '\t')
            c = ' '; // source line breaks are not text line breaks in HTML
        if (c == ' ' && (out.empty() || out.back() == ' ' || out.back() == '\n')) {
            ++i;
            continue;
        }
        out += c;
        ++i;
    }
    // Trim spaces at line ends and collapse blank lines.
    std::string text;
    std::size_t start = 0;
    int blank = 0;
    while (start <= out.size()) {
        std::size_t nl = out.find('\n', start);
        if (nl == std::string::npos)
            nl = out.size();
        std::string line = Poco::trim(out.substr(start, nl - start));
        if (line.empty()) {
            if (++blank == 1 && !text.empty())
                text += '\n';
        } else {
            blank = 0;
            text += line + '\n';
        }
        start = nl + 1;
    }
    return Poco::trim(text);
}

} // namespace redress::email
