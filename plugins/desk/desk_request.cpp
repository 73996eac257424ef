#include "desk_request.hpp"

namespace redress::desk {

using intake::JsonReader;
using intake::RequestError;

namespace {

std::vector<ChannelValue> read_channel_data(JsonReader& data, const ChannelSpec& spec) {
    std::vector<ChannelValue> out;
    for (const auto& f : spec.fields) {
        switch (f.type) {
        case FieldType::Text:
            if (auto s = data.string(f.name, f.required, static_cast<std::size_t>(f.max)))
                out.push_back({f.name, *s});
            break;
        case FieldType::Time:
            if (auto t = data.time(f.name, f.required))
                out.push_back({f.name, *t});
            break;
        case FieldType::Count:
            if (auto n = data.integer(f.name, f.required, 1, f.max))
                out.push_back({f.name, *n});
            break;
        }
    }
    data.finish();
    return out;
}

} // namespace

DeskComplaint read_desk_complaint(std::string_view text, std::size_t max_bytes) {
    JsonReader body(intake::parse_body(text, max_bytes));
    DeskComplaint c;
    std::string channel = *body.string("channel", true, 32);
    c.channel = find_desk_channel(channel);
    if (!c.channel)
        throw intake::invalid_field("channel", "must be one of " + desk_channel_names() +
                                                   " (got \"" + channel + "\")");
    c.form = intake::read_registration_form(body);
    auto data = body.object("channel_data", true);
    c.channel_data = read_channel_data(*data, *c.channel);
    body.finish();
    return c;
}

} // namespace redress::desk
