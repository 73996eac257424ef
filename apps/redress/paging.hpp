// Lists the API pages with next_cursor: one page, or every page with --all,
// starting at --cursor. Shared by the commands that list (list, tasks).
#pragma once

#include "args.hpp"
#include "commands.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/URI.h>
#include <functional>
#include <string>
#include <vector>

namespace redress::cli {

//! --limit, --all and --cursor, for a list of `noun` ("complaints", "tasks").
std::vector<FlagSpec> paging_flags(const std::string& noun);

//! GETs base page by page. With --json prints the API's page as is, or with
//! --all one {"items": [every item], "next_cursor": null}; otherwise calls print
//! with the items and says on stderr how to get the rest ("more tasks follow").
void list_pages(Context& ctx, const ParsedArgs& args, const Poco::URI& base,
                const std::string& noun,
                const std::function<void(const Poco::JSON::Array::Ptr&)>& print);

} // namespace redress::cli
