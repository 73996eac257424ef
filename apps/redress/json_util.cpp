#include "json_util.hpp"

#include "errors.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <sstream>

namespace redress::cli {

std::string text_of(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    if (!o || !o->has(key) || o->isNull(key))
        return "";
    Poco::Dynamic::Var v = o->get(key);
    if (v.isString())
        return v.extract<std::string>();
    try {
        return v.convert<std::string>();
    } catch (const Poco::Exception&) {
        return "";
    }
}

Poco::JSON::Object::Ptr object_of(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    if (!o || !o->has(key) || o->isNull(key) || !o->isObject(key))
        return nullptr;
    return o->getObject(key);
}

std::string to_json(const Poco::JSON::Object& o) {
    std::ostringstream out;
    o.stringify(out);
    return out.str();
}

Poco::Dynamic::Var value_from_text(const std::string& text) {
    // Poco's parser wants an object or array at the top; wrap the value in one.
    try {
        Poco::Dynamic::Var v = Poco::JSON::Parser().parse("[" + text + "]");
        auto a = v.extract<Poco::JSON::Array::Ptr>();
        if (a && a->size() == 1)
            return a->get(0);
    } catch (const Poco::Exception&) {
    } catch (const std::exception&) {
    }
    return text;
}

Poco::JSON::Object::Ptr parse_object_arg(const std::string& text, const std::string& what,
                                         const std::string& command) {
    Poco::Dynamic::Var v;
    try {
        v = Poco::JSON::Parser().parse(text);
    } catch (const Poco::Exception& e) {
        throw UsageError(what + " is not valid JSON: " + e.displayText(), command);
    }
    if (v.type() != typeid(Poco::JSON::Object::Ptr))
        throw UsageError(what + " must be a JSON object ({...})", command);
    return v.extract<Poco::JSON::Object::Ptr>();
}

} // namespace redress::cli
