#include "submit_request.hpp"

#include <stdexcept>

namespace redress::web {
namespace {

std::string_view value_of(const FormValues& values, std::string_view name) {
    auto it = values.find(name);
    return it == values.end() ? std::string_view{} : std::string_view(it->second);
}

// Writes the non-blank fields whose record path starts with "<group>." into
// one nested record, created only if one of them is filled in.
void write_group(RecordWriter& request, const FormValues& values, std::string_view group) {
    std::optional<RecordWriter> nested;
    for (const FieldSpec& f : form_fields()) {
        if (f.path.size() <= group.size() || f.path.substr(0, group.size()) != group ||
            f.path[group.size()] != '.')
            continue;
        std::string_view v = value_of(values, f.name);
        if (v.empty())
            continue;
        if (!nested)
            nested = request.add_record(group);
        nested->set(f.path.substr(group.size() + 1), v);
    }
}

} // namespace

void write_submission(RecordWriter request, const FormValues& values, std::string_view department,
                      std::string_view currency_default, std::string_view token,
                      const Origin& origin) {
    request.set("department", department).set("channel", "web").set("ref", token);
    for (std::string_view top : {"category", "cause", "request"})
        if (auto v = value_of(values, top); !v.empty())
            request.set(top, v);
    write_group(request, values, "customer");
    write_group(request, values, "product");
    if (auto amount = value_of(values, "loss_amount"); !amount.empty()) {
        std::string_view currency = value_of(values, "loss_currency");
        if (currency.empty())
            currency = currency_default;
        auto minor = parse_amount_minor(amount, currency);
        if (!minor) // validate() let it through, so this is a bug, not bad input
            throw std::logic_error("loss_amount passed validation but does not parse");
        request.add_record("loss").set("amount_minor", *minor).set("currency", currency);
    }
    RecordWriter data = request.add_record("channel_data");
    data.set("client_address", origin.client_address).set("language", origin.language);
    if (!origin.user_agent.empty() && origin.user_agent.size() <= 256 &&
        valid_utf8(origin.user_agent))
        data.set("user_agent", origin.user_agent);
}

std::pair<std::string, FieldProblem> host_problem(std::string_view message) {
    FieldProblem p{FieldProblem::Kind::Host};
    p.detail = std::string(message);
    auto colon = message.find(": ");
    if (colon != std::string_view::npos) {
        std::string_view path = message.substr(0, colon);
        for (const FieldSpec& f : form_fields())
            if (f.path == path || f.name == path) {
                p.detail = std::string(message.substr(colon + 2));
                return {std::string(f.name), p};
            }
    }
    return {"form", p};
}

} // namespace redress::web
