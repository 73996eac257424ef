// redress/intake/utf8.hpp — UTF-8 well-formedness, as glibc's iconv decides it.
#pragma once

#include <string_view>

namespace redress::intake {

//! True when bytes is well-formed UTF-8: no overlong forms, no UTF-16
//! surrogates, nothing past U+10FFFF, no truncated sequence. Thread-safe.
bool valid_utf8(std::string_view bytes);

} // namespace redress::intake
