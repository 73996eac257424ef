// Reads a catalog folder: every *.toml file in it is one version of the
// service agreement (see README.md for the format). Everything is checked
// before anything is used: unknown keys, wrong types, missing translations,
// fees on entries that are not arrangeable, unknown alternative ids, duplicate
// ids and versions, and validity periods that overlap. Every problem is
// reported, one "file:line: problem" each.
#pragma once

#include "catalog_model.hpp"

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace redress::catalog_plugin {

struct LoadOptions {
    std::vector<std::string> languages{"zh", "en"}; //!< every title/description needs each
    std::string currency = "CNY";                   //!< when a file names none
};

//! The problems of a catalog folder, one per line in what().
class CatalogErrors : public std::runtime_error {
public:
    explicit CatalogErrors(std::vector<std::string> problems);
    const std::vector<std::string>& problems() const noexcept { return problems_; }

private:
    std::vector<std::string> problems_;
};

//! Loads and validates every version in dir; throws CatalogErrors.
Catalog load_catalog(const std::filesystem::path& dir, const LoadOptions& options);

} // namespace redress::catalog_plugin
