// Helpers for the policy tests: host records viewed through the real host
// function table, an input record builder, and a logger that keeps what the
// plugins log.
#pragma once

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <redress/core/config/config_loader.hpp>
#include <redress/core/plugin/host_api.hpp>
#include <redress/core/plugin/plugin_host.hpp>
#include <redress/core/plugin/plugin_instance.hpp>
#include <redress/core/plugin/plugin_registry.hpp>
#include <redress/core/plugin/record.hpp>
#include <redress/redress.hpp>
#include <string>
#include <vector>

namespace redress::test {

using core::Record;

inline RecordView view(const Record& r) {
    return RecordView(&core::host_api(), &r);
}
inline RecordWriter writer(Record& r) {
    return RecordWriter(&core::host_api(), &r);
}

//! A shipped plugin as built into the plugin output folder.
inline std::filesystem::path shipped_plugin(const std::string& name) {
    return std::filesystem::path(REDRESS_PLUGIN_DIR) / (name + ".so");
}

//! Every string under key of a host record.
inline std::vector<std::string> strings(const Record& r, std::string_view key) {
    std::vector<std::string> out;
    for (std::string_view s : view(r).strings(key))
        out.emplace_back(s);
    return out;
}

//! Builds a policy's input record (redress/compensation.hpp) field by field.
class Input {
public:
    Input& factor(std::string_view key, bool v) {
        factors().set(key, v);
        return *this;
    }
    Input& factor(std::string_view key, const char* v) {
        factors().set(key, std::string(v));
        return *this;
    }
    Input& factor(std::string_view key, std::int64_t v) {
        factors().set(key, v);
        return *this;
    }
    Input& asked(const char* remedy) {
        factors().append(compensation::factor::asked_remedies, std::string(remedy));
        return *this;
    }
    Input& complaint(std::string_view key, const char* v) {
        complaint_record().set(key, std::string(v));
        return *this;
    }
    Input& customer_type(const char* v) {
        Record& c = complaint_record();
        Record* customer = const_cast<Record*>(c.record("customer"));
        if (!customer)
            customer = &c.add_record("customer");
        customer->set("type", std::string(v));
        return *this;
    }
    Input& sla_breached(const char* which) {
        record_.set(compensation::input::sla_breached, true);
        record_.append(compensation::input::sla_breaches, std::string(which));
        return *this;
    }
    Input& catalog_verdict(const char* v) {
        record_.set(compensation::input::catalog_verdict, std::string(v));
        return *this;
    }
    //! The proposal so far (input.proposal).
    Input& earlier(const char* decision, std::vector<std::string> remedies = {},
                   std::int64_t amount = 0, const char* level = nullptr) {
        Record& p = record_.add_record(compensation::input::proposal);
        p.set("decision", std::string(decision));
        for (auto& r : remedies)
            p.append("remedies", r);
        p.set("amount_minor", amount);
        if (level)
            p.set("level", std::string(level));
        p.append("reasons", std::string("earlier reason"));
        p.set("policy", std::string("earlier"));
        return *this;
    }

    const Record& record() const { return record_; }
    RecordView view() const { return test::view(record_); }

private:
    Record& factors() {
        if (auto* f = const_cast<Record*>(record_.record(compensation::input::factors)))
            return *f;
        return record_.add_record(compensation::input::factors);
    }
    Record& complaint_record() {
        if (auto* c = const_cast<Record*>(record_.record(compensation::input::complaint)))
            return *c;
        return record_.add_record(compensation::input::complaint);
    }
    Record record_;
};

//! A Poco channel that keeps every message's text.
class KeepChannel : public Poco::Channel {
public:
    void log(const Poco::Message& m) override {
        std::lock_guard lock(mutex_);
        lines_.push_back(m.getText());
    }
    std::vector<std::string> lines() const {
        std::lock_guard lock(mutex_);
        return lines_;
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::string> lines_;
};

//! A logger (named uniquely per call) that keeps its messages in channel.
inline Poco::Logger& keeping_logger(Poco::AutoPtr<KeepChannel>& channel) {
    static int n = 0;
    Poco::Logger& l = Poco::Logger::get("test.policies." + std::to_string(++n));
    channel = new KeepChannel;
    l.setChannel(channel.get());
    l.setLevel(Poco::Message::PRIO_TRACE);
    return l;
}

//! A plugin's view of a host whose logger keeps messages (for in-process
//! construction of a policy, as the host would do it).
class TestHost {
public:
    explicit TestHost(std::string plugin_name) {
        host_.plugin_name = std::move(plugin_name);
        host_.logger = &keeping_logger(channel_);
        host_.clock = [] {
            return std::int64_t{1'700'000'000'000};
        };
    }
    Host host() { return Host(&core::host_api(), &host_); }
    std::vector<std::string> logged() const { return channel_->lines(); }

private:
    Poco::AutoPtr<KeepChannel> channel_;
    redress_host host_;
};

//! Shipped plugins loaded and created from a config file's text, as redressd
//! does it: the loader checks each library, the config loader validates the
//! [plugin.<name>] sections against the declared schemas (defaults filled),
//! and PluginHost creates the instances (a failing create is a refusal).
class LoadedPolicies {
public:
    LoadedPolicies(const std::vector<std::string>& plugins, const std::string& config_text) {
        for (const auto& p : plugins)
            registry_.load_file(shipped_plugin(p));
        std::vector<core::ConfigError> errors;
        auto parsed = core::parse_config_text(
            "[[department]]\nid=\"d\"\nname=\"D\"\nprefix=\"D\"\n" + config_text, "redress.toml",
            errors);
        core::check_against_plugins(parsed, registry_, errors);
        for (const auto& e : errors)
            errors_.push_back(e.to_string());
        config_ = parsed.config;
        host_ = std::make_unique<core::PluginHost>(registry_, config_, keeping_logger(log_));
    }
    //! The running instance, or nullptr when it was refused.
    std::shared_ptr<core::PluginInstance> operator[](std::string_view name) const {
        return host_->find(name);
    }
    //! Config errors as "file:line:column: key: message".
    const std::vector<std::string>& config_errors() const { return errors_; }
    //! Why plugins were refused ("create failed: …").
    std::vector<std::string> refusals() const {
        std::vector<std::string> out;
        for (const auto& r : registry_.refusals())
            out.push_back(r.reason);
        return out;
    }
    //! What the plugins logged, each line "<plugin>: <message>".
    std::vector<std::string> logged() const { return log_->lines(); }

private:
    Poco::AutoPtr<KeepChannel> log_;
    core::PluginRegistry registry_;
    core::Config config_;
    std::vector<std::string> errors_;
    std::unique_ptr<core::PluginHost> host_;
};

} // namespace redress::test
