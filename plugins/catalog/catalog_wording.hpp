// What an agent reads to the customer for an entry, per language: the
// verdict in plain words, the fee and lead time, the alternatives. Chinese and
// English have their own sentences; any other language gets the English
// sentence with that language's title.
#pragma once

#include "catalog_model.hpp"

#include <string>

namespace redress::catalog_plugin {

std::string wording(const Version& v, const Entry& e, const std::string& language);

} // namespace redress::catalog_plugin
