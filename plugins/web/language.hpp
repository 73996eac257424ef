// The two languages of the public form, and how a request chooses one.
#pragma once

#include <optional>
#include <string_view>

namespace redress::web {

//! The languages every page of the form is written in.
enum class Lang { Zh, En };

//! "zh" or "en": the value of the lang query parameter and the <html lang>.
std::string_view code(Lang lang) noexcept;

//! Reads "zh" / "en" (also regional tags such as "zh-CN", "en-GB", any case);
//! anything else is nullopt.
std::optional<Lang> parse_lang(std::string_view tag) noexcept;

//! The language of a page: an explicit choice (the lang query parameter or the
//! form's hidden lang field) wins when it names zh or en; otherwise the
//! Accept-Language header's best-weighted zh or en (q=0 means "not this";
//! ties go to the earlier tag); otherwise Chinese. Never throws: a malformed
//! header simply contributes nothing.
Lang choose_language(std::optional<std::string_view> explicit_choice,
                     std::optional<std::string_view> accept_language);

} // namespace redress::web
