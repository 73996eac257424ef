#include "complaint_input.hpp"

#include "errors.hpp"
#include "json_util.hpp"

#include <Poco/JSON/Array.h>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

namespace redress::cli {
namespace {

const char* const command = "submit";

// Where a flag's value goes in the body: {"customer", "company"} is customer.company.
struct FieldFlag {
    const char* flag;
    const char* object; // nullptr for a top-level field
    const char* field;
    bool integer;
};

constexpr FieldFlag field_flags[] = {
    {"department", nullptr, "department", false}, {"channel", nullptr, "channel", false},
    {"cause", nullptr, "cause", false},           {"request", nullptr, "request", false},
    {"category", nullptr, "category", false},     {"severity", nullptr, "severity", false},
    {"company", "customer", "company", false},    {"contact", "customer", "contact", false},
    {"phone", "customer", "phone", false},        {"email", "customer", "email", false},
    {"address", "customer", "address", false},    {"customer-type", "customer", "type", false},
    {"product", "product", "name", false},        {"batch", "product", "batch", false},
    {"loss", "loss", "amount_minor", true},       {"currency", "loss", "currency", false},
    {"owner", nullptr, "owner", false},
};

std::string read_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw UsageError("cannot read " + file.string() + ": " + std::strerror(errno), command);
    std::ostringstream s;
    s << in.rdbuf();
    if (in.bad())
        throw UsageError("cannot read " + file.string(), command);
    return s.str();
}

Poco::Dynamic::Var json_of(const toml::node& node);

Poco::JSON::Object::Ptr json_of_table(const toml::table& table) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    for (const auto& [key, value] : table)
        o->set(std::string(key.str()), json_of(value));
    return o;
}

Poco::Dynamic::Var json_of(const toml::node& node) {
    if (auto t = node.as_table())
        return json_of_table(*t);
    if (auto a = node.as_array()) {
        Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
        for (const auto& item : *a)
            out->add(json_of(item));
        return out;
    }
    if (auto s = node.as_string())
        return s->get();
    if (auto i = node.as_integer())
        return static_cast<Poco::Int64>(i->get());
    if (auto f = node.as_floating_point())
        return f->get();
    if (auto b = node.as_boolean())
        return b->get();
    // Dates and times: as TOML writes them, which is ISO 8601.
    std::ostringstream s;
    node.visit([&s](const auto& v) { s << v; });
    return s.str();
}

} // namespace

const std::vector<FlagSpec>& complaint_field_flags() {
    static const std::vector<FlagSpec> flags{
        {"department", "D", "department id (see `redress departments`)"},
        {"channel", "C", "intake channel, e.g. phone, email, web"},
        {"cause", "TEXT", "the complaint, in the customer's own words"},
        {"request", "TEXT", "what the customer asks for"},
        {"category", "C", "category, e.g. quality, delivery, service"},
        {"severity", "S", "low, medium, high or critical"},
        {"company", "NAME", "customer's company"},
        {"contact", "NAME", "customer's contact person"},
        {"phone", "P", "customer's phone"},
        {"email", "E", "customer's e-mail"},
        {"address", "A", "customer's address"},
        {"customer-type", "T", "unknown, demanding, confused or agitated"},
        {"product", "NAME", "product name"},
        {"batch", "B", "product batch"},
        {"loss", "AMOUNT_MINOR", "the customer's loss in minor units (12990 = 129.90)"},
        {"currency", "CUR", "ISO 4217 currency of --loss, e.g. CNY"},
        {"owner", "O", "who handles the complaint"},
    };
    return flags;
}

Poco::JSON::Object::Ptr read_complaint_file(const std::filesystem::path& file) {
    std::string ext = file.extension().string();
    for (auto& c : ext)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext != ".json" && ext != ".toml")
        throw UsageError("--file " + file.string() + ": expected a .json or a .toml file", command);
    std::string text = read_text(file);
    if (ext == ".json")
        return parse_object_arg(text, file.string(), command);
    try {
        return json_of_table(toml::parse(text, file.string()));
    } catch (const toml::parse_error& e) {
        const auto& at = e.source().begin;
        throw UsageError(file.string() + ":" + std::to_string(at.line) + ":" +
                             std::to_string(at.column) + ": " + std::string(e.description()),
                         command);
    }
}

Poco::JSON::Object::Ptr complaint_body(const ParsedArgs& args) {
    Poco::JSON::Object::Ptr body;
    if (auto file = args.value("file"))
        body = read_complaint_file(*file);
    else
        body = new Poco::JSON::Object;
    bool any_flag = false;
    for (const auto& f : field_flags) {
        auto value = args.value(f.flag);
        if (!value)
            continue;
        any_flag = true;
        Poco::Dynamic::Var v = *value;
        if (f.integer) {
            if (value->empty() || value->size() > 18 ||
                value->find_first_not_of("0123456789") != std::string::npos)
                throw UsageError(
                    "--" + std::string(f.flag) +
                        " must be a whole number of minor units, such as 129900, not \"" + *value +
                        "\"",
                    command);
            v = static_cast<Poco::Int64>(std::stoll(*value));
        }
        if (!f.object) {
            body->set(f.field, v);
            continue;
        }
        Poco::JSON::Object::Ptr inner = object_of(body, f.object);
        if (!inner) {
            inner = new Poco::JSON::Object;
            body->set(f.object, inner);
        }
        inner->set(f.field, v);
    }
    if (!any_flag && !args.has("file"))
        throw UsageError("'submit' needs the complaint: --file F, or flags such as --department, "
                         "--channel, --cause, --contact and --phone",
                         command);
    return body;
}

} // namespace redress::cli
