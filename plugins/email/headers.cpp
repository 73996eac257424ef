#include "headers.hpp"

#include "charset.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/String.h>
#include <algorithm>
#include <cctype>
#include <regex>
#include <sstream>

namespace redress::email {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

bool all_space(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](unsigned char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    });
}

int hex(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

// The bytes of an encoded word's text; nullopt when the encoding is broken.
std::optional<std::string> word_bytes(char encoding, const std::string& text) {
    if (encoding == 'B' || encoding == 'b') {
        try {
            std::istringstream in(text);
            Poco::Base64Decoder decoder(in);
            std::string out((std::istreambuf_iterator<char>(decoder)),
                            std::istreambuf_iterator<char>());
            return out;
        } catch (...) {
            return std::nullopt;
        }
    }
    std::string out; // Q: RFC 2047 §4.2
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '_')
            out += ' ';
        else if (c == '=' && i + 2 < text.size() && hex(text[i + 1]) >= 0 &&
                 hex(text[i + 2]) >= 0) {
            out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
            i += 2;
        } else
            out += c;
    }
    return out;
}

std::string raw_text(std::string_view s, bool& lossy) {
    if (is_utf8(s))
        return std::string(s);
    Utf8Text t = to_utf8(s, "GB18030");
    lossy = lossy || t.lossy;
    return t.text;
}

} // namespace

RawHeaders RawHeaders::read(std::istream& in, std::size_t max_bytes) {
    RawHeaders h;
    std::string line, current;
    std::size_t total = 0;
    auto flush = [&] {
        auto colon = current.find(':');
        if (colon != std::string::npos && colon > 0) {
            std::string name(trim(std::string_view(current).substr(0, colon)));
            if (name.find_first_of(" \t") == std::string::npos)
                h.fields_.emplace_back(
                    name, std::string(trim(std::string_view(current).substr(colon + 1))));
        }
        current.clear();
    };
    while (total < max_bytes && std::getline(in, line)) {
        total += line.size() + 1;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty())
            break;
        if (line[0] == ' ' || line[0] == '\t') {
            // A folded continuation: the line break goes, the whitespace stays.
            current += line;
            continue;
        }
        flush();
        current = line;
    }
    flush();
    return h;
}

std::optional<std::string> RawHeaders::get(std::string_view name) const {
    for (const auto& [k, v] : fields_)
        if (Poco::icompare(k, std::string(name)) == 0)
            return v;
    return std::nullopt;
}

std::string decode_header(std::string_view raw, bool* lossy) {
    static const std::regex word(R"(=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=)");
    bool bad = false;
    std::string out;
    std::string pending, pending_charset; // bytes of adjacent words, one charset
    auto flush = [&] {
        if (pending_charset.empty())
            return;
        Utf8Text t = to_utf8(pending, pending_charset);
        bad = bad || t.lossy;
        out += t.text;
        pending.clear();
        pending_charset.clear();
    };
    std::string s(raw);
    auto begin = std::sregex_iterator(s.begin(), s.end(), word);
    std::size_t last = 0;
    bool previous_was_word = false;
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
        const std::smatch& m = *it;
        std::string_view between =
            std::string_view(s).substr(last, static_cast<std::size_t>(m.position(0)) - last);
        // Whitespace between two encoded words is not part of the text (§6.2).
        if (!(previous_was_word && all_space(between))) {
            flush();
            out += raw_text(between, bad);
        }
        std::string charset = m[1].str();
        auto bytes = word_bytes(m[2].str()[0], m[3].str());
        if (!bytes) {
            flush();
            out += raw_text(m[0].str(), bad); // keep a broken word as written, in UTF-8
            bad = true;
        } else {
            if (Poco::icompare(charset, pending_charset) != 0)
                flush();
            pending_charset = charset;
            pending += *bytes;
        }
        last = static_cast<std::size_t>(m.position(0) + m.length(0));
        previous_was_word = true;
    }
    flush();
    out += raw_text(std::string_view(s).substr(last), bad);
    if (lossy)
        *lossy = *lossy || bad;
    return out;
}

std::string repair_text(std::string_view poco_decoded, bool* lossy) {
    bool bad = false;
    std::string out = raw_text(poco_decoded, bad);
    if (lossy)
        *lossy = *lossy || bad;
    return out;
}

Address parse_address(std::string_view raw, bool* lossy) {
    Address a;
    std::string_view s = trim(raw);
    auto lt = s.rfind('<');
    auto gt = s.rfind('>');
    if (lt != std::string_view::npos && gt != std::string_view::npos && gt > lt) {
        a.address = std::string(trim(s.substr(lt + 1, gt - lt - 1)));
        std::string_view name = trim(s.substr(0, lt));
        if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
            name = name.substr(1, name.size() - 2);
        a.name = decode_header(name, lossy);
    } else if (auto open = s.find('('); open != std::string_view::npos) {
        a.address = std::string(trim(s.substr(0, open)));
        auto close = s.rfind(')');
        std::string_view name = s.substr(
            open + 1,
            (close == std::string_view::npos || close < open ? s.size() : close) - open - 1);
        a.name = decode_header(trim(name), lossy);
    } else {
        a.address = std::string(s);
    }
    // Anything but a plain user@host would be refused as customer.email, and
    // so would raw bytes that are not UTF-8, or a NUL.
    static const std::regex plain(R"re(^[^\s@<>()",;:]+@[^\s@<>()",;:]+$)re");
    if (!is_utf8(a.address) || a.address.find('\0') != std::string::npos ||
        !std::regex_match(a.address, plain)) {
        if (a.name.empty())
            a.name = decode_header(s, lossy);
        a.address.clear();
    }
    return a;
}

} // namespace redress::email
