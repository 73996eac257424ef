// Which intake channels each department takes, right now.
//
// A department's [[department]] channels list in the config is the default; a
// supervisor can override one channel at runtime (enable or disable), which is
// stored, audited, survives restarts and wins over the config until removed.
// Lookups read a cached copy of the overrides, refreshed from the store after
// every change made here and at least every refresh interval (so a change made
// by another redressd on the same database applies within that interval).
// Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <redress/core/config/config.hpp>
#include <redress/core/plugin/host_api.hpp>
#include <redress/core/store/store.hpp>
#include <string>
#include <vector>

namespace redress::core {

//! A channel's effective state in one department.
struct ChannelStatus {
    std::string channel;
    bool enabled = false;
    bool in_config = false;                //!< listed in the department's config
    std::optional<ChannelState> override_; //!< the runtime override, if any
};

class ChannelSwitchboard {
public:
    //! channels: every channel the loaded plugins provide.
    ChannelSwitchboard(Store& store, std::vector<std::string> channels, Clock clock,
                       std::chrono::milliseconds refresh = std::chrono::seconds(1));

    const std::vector<std::string>& channels() const noexcept { return channels_; }
    bool known(const std::string& channel) const;

    //! True when department takes complaints on channel.
    bool enabled(const Department& department, const std::string& channel);
    //! Every known channel's state in department, in the order of channels().
    std::vector<ChannelStatus> states(const Department& department);

    //! Overrides (enabled) or removes the override of (nullopt) a channel;
    //! throws std::invalid_argument for a channel no plugin provides.
    void set(const Department& department, const std::string& channel, std::optional<bool> enabled,
             const std::string& actor);

private:
    std::vector<ChannelState> overrides();
    static bool listed(const Department& department, const std::string& channel);

    Store& store_;
    std::vector<std::string> channels_;
    Clock clock_;
    std::chrono::milliseconds refresh_;
    std::mutex mutex_;
    std::vector<ChannelState> cache_;
    std::int64_t loaded_at_ms_ = -1;
};

} // namespace redress::core
