// Small helpers over Poco::JSON for reading the API's answers, where a field
// may be missing or null, and for writing request bodies.
#pragma once

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>
#include <string>

namespace redress::cli {

//! The field as text: "" when missing or null; numbers and booleans as written in JSON.
std::string text_of(const Poco::JSON::Object::Ptr& o, const std::string& key);

//! The nested object, or null when missing, null or not an object.
Poco::JSON::Object::Ptr object_of(const Poco::JSON::Object::Ptr& o, const std::string& key);

//! The object as compact JSON text; non-ASCII text stays UTF-8.
std::string to_json(const Poco::JSON::Object& o);

//! A --set value: the JSON value it spells (true, 5, ["a","b"], {"k":1},
//! "quoted", null) or else the text itself as a string.
Poco::Dynamic::Var value_from_text(const std::string& text);

//! Parses text that must be a JSON object; throws UsageError naming `what` otherwise.
Poco::JSON::Object::Ptr parse_object_arg(const std::string& text, const std::string& what,
                                         const std::string& command);

} // namespace redress::cli
