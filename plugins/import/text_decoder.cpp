#include "text_decoder.hpp"

#include <cerrno>
#include <cstring>
#include <iconv.h>
#include <stdexcept>

namespace redress::import {
namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
        if (x != b[i])
            return false;
    }
    return true;
}

const char* iconv_name(Encoding e) {
    return e == Encoding::Gbk ? "GBK" : "GB18030";
}

} // namespace

std::optional<Encoding> parse_encoding(std::string_view name) {
    if (equals_ignoring_case(name, "utf-8") || equals_ignoring_case(name, "utf8"))
        return Encoding::Utf8;
    if (equals_ignoring_case(name, "gbk"))
        return Encoding::Gbk;
    if (equals_ignoring_case(name, "gb18030"))
        return Encoding::Gb18030;
    return std::nullopt;
}

std::string_view encoding_name(Encoding encoding) {
    switch (encoding) {
    case Encoding::Gbk:
        return "gbk";
    case Encoding::Gb18030:
        return "gb18030";
    default:
        return "utf-8";
    }
}

bool is_valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len;
        char32_t cp;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false; // a continuation byte, an overlong lead (C0, C1) or past F4
        }
        if (i + len > s.size())
            return false;
        for (std::size_t k = 1; k < len; ++k) {
            auto b = static_cast<unsigned char>(s[i + k]);
            if ((b & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (b & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

TextDecoder::TextDecoder(Encoding encoding)
    : encoding_(encoding) {
    if (encoding_ == Encoding::Utf8)
        return;
    iconv_t cd = iconv_open("UTF-8", iconv_name(encoding_));
    if (cd == reinterpret_cast<iconv_t>(-1))
        throw std::runtime_error(std::string("iconv cannot convert from ") + iconv_name(encoding_) +
                                 ": " + std::strerror(errno));
    iconv_ = cd;
}

TextDecoder::~TextDecoder() {
    if (iconv_)
        iconv_close(static_cast<iconv_t>(iconv_));
}

std::optional<std::string> TextDecoder::to_utf8(std::string_view text) {
    if (encoding_ == Encoding::Utf8) {
        if (!is_valid_utf8(text))
            return std::nullopt;
        return std::string(text);
    }
    bool ascii = true;
    for (char c : text)
        ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (ascii) // ASCII is the same in GBK and GB18030: skip iconv
        return std::string(text);

    auto cd = static_cast<iconv_t>(iconv_);
    iconv(cd, nullptr, nullptr, nullptr, nullptr); // reset the shift state
    // UTF-8 is at most three times as long: GBK's one-byte 0x80 is U+20AC "€"
    // (3 bytes), a two-byte character at most 3, a four-byte one 4.
    std::string out(text.size() * 3 + 4, '\0');
    char* in = const_cast<char*>(text.data()); // iconv's signature; it does not write
    std::size_t in_left = text.size();
    char* dst = out.data();
    std::size_t out_left = out.size();
    if (iconv(cd, &in, &in_left, &dst, &out_left) == static_cast<std::size_t>(-1))
        return std::nullopt; // EILSEQ (invalid) or EINVAL (truncated at the end)
    out.resize(out.size() - out_left);
    return out;
}

} // namespace redress::import
