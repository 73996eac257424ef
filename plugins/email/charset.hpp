// Character sets of e-mail text: conversion to UTF-8 that never fails.
//
// Mail arrives in whatever charset its client chose (GBK, GB2312, GB18030,
// UTF-8, Latin-1…) and sometimes with bytes that are not valid in the charset
// it claims. Everything here converts what it can and puts U+FFFD where it
// cannot, and says so, so a broken mail still becomes a complaint.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace redress::email {

//! Text converted to UTF-8, and whether anything had to be replaced.
struct Utf8Text {
    std::string text;
    bool lossy = false; //!< some bytes were invalid or the charset unknown
};

//! Converts bytes labelled with charset (an IANA name, any case; empty means
//! US-ASCII/UTF-8) to UTF-8 through iconv. GB2312 and GBK are read as GB18030,
//! their superset, because clients label GBK text GB2312. Invalid sequences
//! become U+FFFD; an unknown charset is read as UTF-8 the same way.
Utf8Text to_utf8(std::string_view bytes, std::string_view charset);

//! True when bytes are well-formed UTF-8.
bool is_utf8(std::string_view bytes) noexcept;

//! The longest prefix of UTF-8 text that is at most max_bytes long and does
//! not cut a character in two.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) noexcept;

} // namespace redress::email
