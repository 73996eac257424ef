// redress/desk/desk_channels.hpp — the four channels through which staff
// take a complaint down by hand (visit, fax, letter, sales_rep) and the
// channel_data each one keeps with the complaint.
//
// One table drives both the validation of POST /desk/complaints and the
// description GET /desk/ serves, so the two cannot disagree.
#pragma once

#include <Poco/JSON/Object.h>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace redress::desk {

enum class FieldType {
    Text,  //!< a JSON string of at most max bytes
    Time,  //!< ISO 8601 with a zone, or UTC ms; kept as UTC ms
    Count, //!< an integer in [1, max]
};

struct FieldSpec {
    std::string name;
    FieldType type = FieldType::Text;
    bool required = true;
    std::int64_t max = 0; //!< bytes (Text) or the largest value (Count)
    std::string description;
};

struct ChannelSpec {
    std::string name;  //!< the channel's name, as departments enable it
    std::string label; //!< for people (Chinese, as the handbook says it)
    std::string description;
    std::vector<FieldSpec> fields; //!< of channel_data
};

//! The desk channels, in a fixed order.
const std::vector<ChannelSpec>& desk_channels();
//! The channel called name, or nullptr.
const ChannelSpec* find_desk_channel(std::string_view name);
//! "visit, fax, letter, sales_rep", for messages.
std::string desk_channel_names();

//! A type's name in the description ("text", "time", "count").
std::string_view type_name(FieldType type);
//! {"channels": [{name, label, description, fields: [{name, type, required,
//! max_bytes | max, description}]}]}: what GET /desk/ serves.
Poco::JSON::Object::Ptr describe_desk_channels();

} // namespace redress::desk
