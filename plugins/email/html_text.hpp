// Reduces an HTML mail body to the text a person reads in it.
#pragma once

#include <string>
#include <string_view>

namespace redress::email {

//! The readable text of UTF-8 HTML: tags dropped, <script>/<style>/<head>
//! contents dropped, block elements and <br> become line breaks, character
//! references (&amp; &#20320; &#x4F60; &nbsp;…) decoded, runs of blank lines
//! collapsed. Never fails: malformed markup yields its text as well as it can.
std::string html_to_text(std::string_view html);

} // namespace redress::email
