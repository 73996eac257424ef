#include <algorithm>
#include <redress/core/service/channel_switchboard.hpp>
#include <stdexcept>

namespace redress::core {

ChannelSwitchboard::ChannelSwitchboard(Store& store, std::vector<std::string> channels, Clock clock,
                                       std::chrono::milliseconds refresh)
    : store_(store)
    , channels_(std::move(channels))
    , clock_(std::move(clock))
    , refresh_(refresh) {}

bool ChannelSwitchboard::known(const std::string& channel) const {
    return std::find(channels_.begin(), channels_.end(), channel) != channels_.end();
}

bool ChannelSwitchboard::listed(const Department& d, const std::string& channel) {
    return std::find(d.channels.begin(), d.channels.end(), channel) != d.channels.end();
}

std::vector<ChannelState> ChannelSwitchboard::overrides() {
    std::lock_guard lock(mutex_);
    std::int64_t now = clock_();
    if (loaded_at_ms_ < 0 || now - loaded_at_ms_ >= refresh_.count() || now < loaded_at_ms_) {
        cache_ = store_.channel_states();
        loaded_at_ms_ = now;
    }
    return cache_;
}

bool ChannelSwitchboard::enabled(const Department& d, const std::string& channel) {
    for (const auto& o : overrides())
        if (o.department == d.id && o.channel == channel)
            return o.enabled;
    return listed(d, channel);
}

std::vector<ChannelStatus> ChannelSwitchboard::states(const Department& d) {
    auto all = overrides();
    std::vector<ChannelStatus> out;
    for (const auto& channel : channels_) {
        ChannelStatus s{channel, listed(d, channel), listed(d, channel), std::nullopt};
        for (const auto& o : all)
            if (o.department == d.id && o.channel == channel) {
                s.override_ = o;
                s.enabled = o.enabled;
            }
        out.push_back(std::move(s));
    }
    return out;
}

void ChannelSwitchboard::set(const Department& d, const std::string& channel,
                             std::optional<bool> enabled, const std::string& actor) {
    if (!known(channel)) {
        std::string list;
        for (const auto& c : channels_)
            list += (list.empty() ? "" : ", ") + c;
        throw std::invalid_argument("no plugin provides channel \"" + channel +
                                    "\" (channels: " + (list.empty() ? "none" : list) + ")");
    }
    store_.set_channel_state(d.id, channel, enabled, actor, clock_());
    std::lock_guard lock(mutex_);
    loaded_at_ms_ = -1; // read the store again on the next lookup
}

} // namespace redress::core
