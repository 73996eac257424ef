// Field text in the file's encoding → UTF-8, the only text the host takes.
//
// UTF-8 input is checked, not converted; GBK and GB18030 are converted with
// glibc's iconv. Invalid or truncated byte sequences are reported, never
// replaced or dropped, so the caller can refuse the row and name the column.
// One decoder holds one iconv descriptor: not thread-safe, make one per request.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace redress::import {

enum class Encoding { Utf8, Gbk, Gb18030 };

//! Parses "utf-8" (also "utf8"), "gbk", "gb18030" (any case); nullopt otherwise.
std::optional<Encoding> parse_encoding(std::string_view name);
//! The canonical name ("utf-8", "gbk", "gb18030").
std::string_view encoding_name(Encoding encoding);

//! Whether `text` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool is_valid_utf8(std::string_view text);

class TextDecoder {
public:
    //! Throws std::runtime_error if iconv lacks the encoding.
    explicit TextDecoder(Encoding encoding);
    ~TextDecoder();
    TextDecoder(const TextDecoder&) = delete;
    TextDecoder& operator=(const TextDecoder&) = delete;

    //! `text` in UTF-8, or nullopt when it holds a byte sequence that is not
    //! valid in the encoding.
    std::optional<std::string> to_utf8(std::string_view text);

    Encoding encoding() const noexcept { return encoding_; }

private:
    Encoding encoding_;
    void* iconv_ = nullptr; // iconv_t, kept out of the header
};

} // namespace redress::import
