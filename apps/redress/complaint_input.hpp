// The registration form of `redress submit`: read from a .json or .toml file
// (the API's NewComplaint body, same keys and tables in both) and/or from
// flags, which override the file's values.
#pragma once

#include "args.hpp"

#include <Poco/JSON/Object.h>
#include <filesystem>
#include <vector>

namespace redress::cli {

//! The flags that fill fields of the form (--department, --company, --loss, ...).
const std::vector<FlagSpec>& complaint_field_flags();

//! Reads a NewComplaint body from a .json or .toml file; throws UsageError
//! (naming the file, and line:column for TOML) when it cannot be read or parsed.
Poco::JSON::Object::Ptr read_complaint_file(const std::filesystem::path& file);

//! The body to send: --file's object if given, with the field flags set on top.
//! Throws UsageError when neither is given or a flag's value has the wrong shape.
Poco::JSON::Object::Ptr complaint_body(const ParsedArgs& args);

} // namespace redress::cli
