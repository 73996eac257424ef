// HTML building blocks shared by the form's pages.
#pragma once

#include "language.hpp"

#include <string>
#include <string_view>

namespace redress::web {

//! Escapes text for HTML element content and double-quoted attribute values
//! (& < > " become entities; Poco::Net::EscapeHTMLOutputStream). Every
//! attribute this plugin writes is double-quoted, so this is sufficient.
std::string escape(std::string_view text);

//! A complete UTF-8 HTML document in lang with the page's title (plain text,
//! escaped here) and body_html (already-safe HTML). Self-contained: inline
//! CSS only, no scripts, no external resources.
std::string document(Lang lang, std::string_view title, std::string_view body_html);

//! A page with a heading and a paragraph (both plain text, escaped here) and,
//! when link_href is not empty, a link under it.
std::string notice_page(Lang lang, std::string_view title, std::string_view message,
                        std::string_view link_href = {}, std::string_view link_text = {});

} // namespace redress::web
