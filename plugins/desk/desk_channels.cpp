#include "desk_channels.hpp"

#include <Poco/JSON/Array.h>

namespace redress::desk {

const std::vector<ChannelSpec>& desk_channels() {
    static const std::vector<ChannelSpec> channels = {
        {"visit",
         "来访",
         "the customer came in person and staff wrote the complaint down",
         {{"location", FieldType::Text, true, 200,
           "where the customer came (branch, shop, service point)"},
          {"visited_at", FieldType::Time, true, 0, "when the customer came"}}},
        {"fax",
         "传真",
         "a faxed complaint, typed in by staff",
         {{"fax_number", FieldType::Text, true, 50, "the sender's fax number"},
          {"pages", FieldType::Count, true, 500, "how many pages the fax had"}}},
        {"letter",
         "信函",
         "a letter, typed in by staff",
         {{"received_at", FieldType::Time, true, 0, "when the letter arrived"},
          {"sender_address", FieldType::Text, true, 500,
           "the sender's address as written on the letter"}}},
        {"sales_rep",
         "销售代表",
         "a complaint a sales representative passed on",
         {{"representative", FieldType::Text, true, 100,
           "the sales representative who heard the complaint"}}},
    };
    return channels;
}

const ChannelSpec* find_desk_channel(std::string_view name) {
    for (const auto& c : desk_channels())
        if (c.name == name)
            return &c;
    return nullptr;
}

std::string desk_channel_names() {
    std::string out;
    for (const auto& c : desk_channels())
        out += (out.empty() ? "" : ", ") + c.name;
    return out;
}

std::string_view type_name(FieldType type) {
    switch (type) {
    case FieldType::Text:
        return "text";
    case FieldType::Time:
        return "time";
    case FieldType::Count:
        return "count";
    }
    return "text";
}

Poco::JSON::Object::Ptr describe_desk_channels() {
    Poco::JSON::Array::Ptr channels = new Poco::JSON::Array;
    for (const auto& c : desk_channels()) {
        Poco::JSON::Array::Ptr fields = new Poco::JSON::Array;
        for (const auto& f : c.fields) {
            Poco::JSON::Object::Ptr field = new Poco::JSON::Object;
            field->set("name", f.name);
            field->set("type", std::string(type_name(f.type)));
            field->set("required", f.required);
            if (f.type == FieldType::Text)
                field->set("max_bytes", f.max);
            if (f.type == FieldType::Count) {
                field->set("min", 1);
                field->set("max", f.max);
            }
            field->set("description", f.description);
            fields->add(field);
        }
        Poco::JSON::Object::Ptr channel = new Poco::JSON::Object;
        channel->set("name", c.name);
        channel->set("label", c.label);
        channel->set("description", c.description);
        channel->set("fields", fields);
        channels->add(channel);
    }
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
    out->set("channels", channels);
    return out;
}

} // namespace redress::desk
