// The one-time token a form page carries in a hidden field. The plugin submits
// it as the complaint's ref, so the host stores one complaint per token: a
// double click, a refresh of the result page or a retry after a timeout all
// return the first complaint instead of creating another.
#pragma once

#include <string>
#include <string_view>

namespace redress::web {

//! A fresh token: 32 lower-case hex digits (128 bits) from the system's
//! random source (Poco::RandomInputStream). Thread-safe.
std::string new_form_token();

//! True for a token a client may use as a ref: 16 to 64 characters of
//! [A-Za-z0-9_-]. JSON clients may bring their own; anything else is refused
//! so that a ref never carries text the host or a log would have to escape.
bool acceptable_form_token(std::string_view token) noexcept;

} // namespace redress::web
