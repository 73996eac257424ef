#include "rules_config.hpp"

#include <redress/error.hpp>

namespace redress::rules {
namespace {

// A present list; a field present as null is an empty list (see the header).
std::optional<std::vector<std::string>> list(const RecordView& r, std::string_view key) {
    if (!r.has(key))
        return std::nullopt;
    std::vector<std::string> out;
    if (r.count(key) == 1 && r.get(key).is_null())
        return out;
    for (std::string_view s : r.strings(key))
        out.emplace_back(s);
    return out;
}

std::optional<std::int64_t> integer(const RecordView& r, std::string_view key) {
    if (!r.has(key) || r.get(key).is_null())
        return std::nullopt;
    return r.integer(key);
}

Conditions conditions(const RecordView& r) {
    Conditions c;
    for (const ListKey& k : list_keys())
        c.*k.rule = list(r, k.key);
    for (const FlagKey& k : flag_keys())
        if (r.has(k.key) && !r.get(k.key).is_null())
            c.*k.rule = r.boolean(k.key);
    for (const RangeKey& k : range_keys()) {
        (c.*k.rule).min = integer(r, std::string(k.name) + "_min");
        (c.*k.rule).max = integer(r, std::string(k.name) + "_max");
    }
    return c;
}

Action action(const RecordView& r) {
    Action a;
    a.decision = std::string(r.string("decision", a.decision));
    if (auto remedies = list(r, "remedies"))
        a.remedies = *remedies;
    a.amount_minor = integer(r, "amount_minor");
    a.cap_minor = integer(r, "cap_minor");
    if (r.has("share_of_loss") && !r.get("share_of_loss").is_null())
        a.share_of_loss = r.number("share_of_loss");
    if (r.has("level") && !r.get("level").is_null())
        a.level = std::string(r.string("level"));
    return a;
}

} // namespace

std::vector<ConfigKey> RulesConfig::schema() {
    using T = ConfigType;
    std::vector<ConfigKey> keys{
        {"mode", T::String, false, "\"first\"",
         "\"first\": the first matching rule decides; \"best\": the matching rule with the most "
         "conditions decides"},
        {"rule", T::TableList, false, "", "the decision table, in order"},
        {"rule.name", T::String, true, "", "the rule's unique name, quoted in its reasons"},
        {"rule.reason", T::String, true, "",
         "the sentence a supervisor reads when this rule decides"},
        {"rule.when", T::Table, false, "",
         "conditions that must all hold; a key left out matches anything"},
    };
    for (const ListKey& k : list_keys())
        keys.push_back({"rule.when." + std::string(k.key), T::StringList, false, "",
                        k.allowed.empty()
                            ? "matches when the case's " + std::string(k.key) + " is one of these"
                            : "matches when the case's " + std::string(k.key) +
                                  " is one of these: " + one_of(k.allowed)});
    for (const FlagKey& k : flag_keys())
        keys.push_back({"rule.when." + std::string(k.key), T::Boolean, false, "",
                        "matches when the case's " + std::string(k.key) + " is this"});
    for (const RangeKey& k : range_keys()) {
        std::string what = k.name == "loss" ? "stated loss" : "customer's ask";
        keys.push_back({"rule.when." + std::string(k.name) + "_min", T::Integer, false, "",
                        "the " + what +
                            " is at least this (minor units); a case without one "
                            "does not match"});
        keys.push_back({"rule.when." + std::string(k.name) + "_max", T::Integer, false, "",
                        "the " + what +
                            " is at most this (minor units); a case without one "
                            "does not match"});
    }
    keys.insert(keys.end(),
                {
                    {"rule.then", T::Table, true, "", "what the rule decides"},
                    {"rule.then.decision", T::String, false, "\"grant\"",
                     "grant (replaces the proposal so far), extend (adds to it), cap (lowers its "
                     "amount) or refuse"},
                    {"rule.then.remedies", T::StringList, false, "",
                     "remedies granted or added (grant, extend)"},
                    {"rule.then.amount_minor", T::Integer, false, "",
                     "money granted or added, minor units (grant, extend)"},
                    {"rule.then.share_of_loss", T::Float, false, "",
                     "share of the stated loss added to amount_minor, 0 to 10 (grant, extend)"},
                    {"rule.then.cap_minor", T::Integer, false, "",
                     "the most the amount may be after this rule, minor units (required for cap)"},
                    {"rule.then.level", T::String, false, "",
                     "the least approval level: agent, supervisor, manager or executive"},
                });
    return keys;
}

RulesConfig RulesConfig::from(const ConfigView& section) {
    RulesConfig c;
    std::string_view mode = section.string("mode", "first");
    auto m = parse_mode(mode);
    if (!m)
        throw Error(REDRESS_E_INVALID, "plugin.rules.mode: expected \"first\" or \"best\", got \"" +
                                           std::string(mode) + "\"");
    c.mode = *m;
    for (const RecordView& r : section.record().records("rule")) {
        Rule rule;
        rule.name = std::string(r.string("name"));
        rule.reason = std::string(r.string("reason"));
        if (auto when = r.record("when"))
            rule.when = conditions(*when);
        if (auto then = r.record("then"))
            rule.then = action(*then);
        c.rules.push_back(std::move(rule));
    }
    return c;
}

} // namespace redress::rules
