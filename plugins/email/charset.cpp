#include "charset.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <iconv.h>

namespace redress::email {
namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD"; // U+FFFD

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// Length of the well-formed UTF-8 sequence at s[i], or 0 when it is not one.
std::size_t utf8_sequence(std::string_view s, std::size_t i) noexcept {
    auto at = [&](std::size_t k) {
        return static_cast<unsigned char>(s[k]);
    };
    unsigned char c = at(i);
    if (c < 0x80)
        return 1;
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0; // no overlong forms
        if (c == 0xED)
            hi = 0x9F; // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90;
        if (c == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    if (i + n > s.size())
        return 0;
    if (at(i + 1) < lo || at(i + 1) > hi)
        return 0;
    for (std::size_t k = 2; k < n; ++k)
        if (at(i + k) < 0x80 || at(i + k) > 0xBF)
            return 0;
    return n;
}

// Keeps well-formed UTF-8 and replaces every other byte with U+FFFD.
Utf8Text sanitize(std::string_view bytes) {
    Utf8Text out;
    out.text.reserve(bytes.size());
    for (std::size_t i = 0; i < bytes.size();) {
        std::size_t n = utf8_sequence(bytes, i);
        if (n == 0) {
            out.text += replacement;
            out.lossy = true;
            ++i;
        } else {
            out.text.append(bytes.substr(i, n));
            i += n;
        }
    }
    return out;
}

std::string iconv_name(std::string_view charset) {
    std::string c = lower(charset);
    // RFC 2231 allows "charset*language"; only the charset matters here.
    if (auto star = c.find('*'); star != std::string::npos)
        c.erase(star);
    if (c == "gb2312" || c == "gbk" || c == "x-gbk" || c == "cp936" || c == "euc-cn" ||
        c == "gb_2312-80" || c == "x-euc-cn")
        return "GB18030";
    return c;
}

class Iconv {
public:
    explicit Iconv(const std::string& from)
        : cd_(iconv_open("UTF-8", from.c_str())) {}
    ~Iconv() {
        if (ok())
            iconv_close(cd_);
    }
    Iconv(const Iconv&) = delete;
    Iconv& operator=(const Iconv&) = delete;
    bool ok() const noexcept { return cd_ != reinterpret_cast<iconv_t>(-1); }

    Utf8Text convert(std::string_view bytes) {
        Utf8Text out;
        std::string buffer(bytes.size() * 4 + 16, '\0');
        char* in = const_cast<char*>(bytes.data()); // iconv's signature, not a write
        std::size_t in_left = bytes.size();
        while (in_left > 0) {
            char* dst = buffer.data();
            std::size_t dst_left = buffer.size();
            std::size_t r = iconv(cd_, &in, &in_left, &dst, &dst_left);
            out.text.append(buffer.data(), buffer.size() - dst_left);
            if (r != static_cast<std::size_t>(-1))
                continue;
            if (errno == E2BIG)
                continue;
            // EILSEQ: an invalid sequence; EINVAL: one cut off at the end.
            // Replace one byte and go on from the next.
            out.text += replacement;
            out.lossy = true;
            ++in;
            --in_left;
            iconv(cd_, nullptr, nullptr, nullptr, nullptr); // reset shift state
        }
        return out;
    }

private:
    iconv_t cd_;
};

} // namespace

Utf8Text to_utf8(std::string_view bytes, std::string_view charset) {
    std::string name = iconv_name(charset);
    if (name.empty() || name == "utf-8" || name == "utf8" || name == "us-ascii" || name == "ascii")
        return sanitize(bytes);
    Iconv cd(name);
    if (!cd.ok()) {
        Utf8Text out = sanitize(bytes);
        out.lossy = true; // the charset itself was not understood
        return out;
    }
    return cd.convert(bytes);
}

bool is_utf8(std::string_view bytes) noexcept {
    for (std::size_t i = 0; i < bytes.size();) {
        std::size_t n = utf8_sequence(bytes, i);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) noexcept {
    if (text.size() <= max_bytes)
        return text;
    std::size_t end = max_bytes;
    // Step back over continuation bytes to the start of the cut character.
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    return text.substr(0, end);
}

} // namespace redress::email
