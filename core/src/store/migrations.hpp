// Internal: the numbered schema migrations, in SQLite and PostgreSQL dialects.
// Append new migrations at the end; never edit one that has shipped.
#pragma once

#include <string>
#include <vector>

namespace redress::core::migrations {

struct Migration {
    int version;
    std::string name;
    std::vector<std::string> sqlite;     //!< statements, run in order in one transaction
    std::vector<std::string> postgresql; //!< the same, for PostgreSQL
};

const std::vector<Migration>& all();

} // namespace redress::core::migrations
