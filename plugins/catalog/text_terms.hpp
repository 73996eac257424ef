// Search terms for Chinese and English text. Chinese is written without
// spaces, so a run of Han characters becomes its character bigrams (one
// character alone stays a unigram): "上门安装" → 上门 门安 安装. Latin letters
// and digits become lower-case words. A query matches an entry by the terms
// they share, so "安装" finds "上门安装空调" and "install" finds "installation".
#pragma once

#include <set>
#include <string>
#include <string_view>

namespace redress::catalog_plugin {

using Terms = std::set<std::string, std::less<>>;

//! The terms of UTF-8 text; invalid UTF-8 bytes separate terms. English
//! stop words ("the", "with", "please") are left out; a word is cut to 32 bytes.
Terms terms_of(std::string_view text);

//! How well term t is matched by the set: 1 when present; 0.7 when a Latin
//! word of 4+ letters is a prefix of a present one or the other way round
//! ("install" / "installation"); else 0.
double term_match(const std::string& t, const Terms& set);

//! The share of the terms of part that the set matches (weighted as above);
//! 0 for no terms.
double coverage(const Terms& part, const Terms& set);

} // namespace redress::catalog_plugin
