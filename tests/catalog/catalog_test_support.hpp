// Helpers for the catalog tests: throwaway catalog folders written from text.
#pragma once

#include "test_support.hpp"

#include <string>

namespace redress::test {

//! A throwaway catalog folder (removed with the object).
class CatalogDir : public TempDir {
public:
    //! Copies every version of the example catalog here.
    void copy_example() const { copy_example_catalog(path()); }
};

//! A small valid version: one entry of each status, in zh and en.
inline std::string small_version(const std::string& name, const std::string& from,
                                 const std::string& until = "", long fee = 5000) {
    std::string s = "version = \"" + name + "\"\neffective_from = " + from + "\n";
    if (!until.empty())
        s += "effective_until = " + until + "\n";
    s += R"(
[[entry]]
id = "repair"
status = "provided"
title = { zh = "免费维修", en = "Free repair" }
description = { zh = "保修期内免费。", en = "Free under warranty." }
keywords = { zh = ["维修"], en = ["repair"] }

[[entry]]
id = "night"
status = "not_provided"
title = { zh = "夜间上门", en = "Night visits" }
description = { zh = "不提供。", en = "Not offered." }
keywords = { zh = ["夜间"], en = ["night"] }
alternatives = ["weekend"]

[[entry]]
id = "weekend"
status = "arrangeable"
title = { zh = "周末上门", en = "Weekend visits" }
description = { zh = "周末。", en = "On weekends." }
keywords = { zh = ["周末"], en = ["weekend"] }
fee_minor = )" +
         std::to_string(fee) + "\nlead_time_days = 2\n";
    return s;
}

} // namespace redress::test
