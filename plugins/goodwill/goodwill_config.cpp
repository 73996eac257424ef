#include "goodwill_config.hpp"

#include <cstdio>
#include <redress/compensation.hpp>
#include <redress/error.hpp>

namespace redress::goodwill {
namespace {

constexpr double max_share = 10.0; // shares and bonuses: 0 to 1000%
// The largest amount the host records (10^12 minor units); with cap_minor at
// most this, no proposal can exceed it.
constexpr std::int64_t max_amount = 1'000'000'000'000;

std::string number_text(double v) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%g", v);
    return buffer;
}

// Collects every problem of the section, so the operator fixes them in one go.
class Reader {
public:
    explicit Reader(const ConfigView& section)
        : section_(section.record()) {}

    double share(std::string_view table, std::string_view key, double fallback) {
        std::optional<RecordView> t;
        if (!table.empty()) {
            t = section_.record(table);
            if (!t)
                return fallback;
        }
        const RecordView& r = t ? *t : section_;
        double v = r.number(key, fallback);
        // Written so that NaN fails too.
        if (!(v >= 0.0 && v <= max_share))
            problem(table, key, "expected a share from 0 to 10, got " + number_text(v));
        return v;
    }

    std::int64_t amount(std::string_view key, std::int64_t fallback) {
        std::int64_t v = section_.integer(key, fallback);
        if (v < 0 || v > max_amount)
            problem({}, key,
                    "expected an amount from 0 to " + std::to_string(max_amount) +
                        " in minor units, got " + std::to_string(v));
        return v;
    }

    Severity severity(std::string_view key, Severity fallback) {
        std::string_view s = section_.string(key, to_string(fallback));
        if (auto v = parse_severity(s))
            return *v;
        problem({}, key,
                "expected \"low\", \"medium\", \"high\" or \"critical\", got \"" + std::string(s) +
                    "\"");
        return fallback;
    }

    std::string material(std::string_view key, const std::string& fallback) {
        std::string s(section_.string(key, fallback));
        if (!compensation::is_material(s))
            problem({}, key,
                    "expected a material remedy (\"replacement\", \"refund\", \"gift\" or "
                    "\"voucher\"), got \"" +
                        s + "\"");
        return s;
    }

    bool boolean(std::string_view key, bool fallback) { return section_.boolean(key, fallback); }

    void finish() const {
        if (problems_.empty())
            return;
        std::string message;
        for (const std::string& p : problems_)
            message += (message.empty() ? "" : "\n") + p;
        throw Error(REDRESS_E_INVALID, message);
    }

private:
    void problem(std::string_view table, std::string_view key, const std::string& what) {
        std::string path = "plugin.goodwill.";
        if (!table.empty())
            path += std::string(table) + ".";
        problems_.push_back(path + std::string(key) + ": " + what);
    }

    RecordView section_;
    std::vector<std::string> problems_;
};

} // namespace

double GoodwillConfig::share_for(Fault f) const noexcept {
    switch (f) {
    case Fault::None:
        return fault_share.none;
    case Fault::Partial:
        return fault_share.partial;
    case Fault::Full:
        return fault_share.full;
    }
    return 0.0;
}

double GoodwillConfig::bonus_for(WordOfMouth w) const noexcept {
    switch (w) {
    case WordOfMouth::Low:
        return word_of_mouth_bonus.low;
    case WordOfMouth::Medium:
        return word_of_mouth_bonus.medium;
    case WordOfMouth::High:
        return word_of_mouth_bonus.high;
    }
    return 0.0;
}

std::vector<ConfigKey> GoodwillConfig::schema() {
    using T = ConfigType;
    return {
        {"fault_share", T::Table, false, "{}",
         "E: the share of the loss (or, with no loss stated, of the ask) covered for each degree "
         "of company fault"},
        {"fault_share.none", T::Float, false, "0.0", "share covered when not at fault (0 to 10)"},
        {"fault_share.partial", T::Float, false, "0.5",
         "share covered when partly at fault (0 to 10)"},
        {"fault_share.full", T::Float, false, "1.0", "share covered when fully at fault (0 to 10)"},
        {"long_term_bonus", T::Float, false, "0.2",
         "A: bonus on the share for a long-term relationship (0.2: +20%; not when the demand is "
         "excessive)"},
        {"buy_again_bonus", T::Float, false, "0.1",
         "B: bonus on the share when the customer will buy again"},
        {"word_of_mouth_bonus", T::Table, false, "{}",
         "C: bonus on the share by what word of mouth will do"},
        {"word_of_mouth_bonus.low", T::Float, false, "0.0", "C bonus when word of mouth is low"},
        {"word_of_mouth_bonus.medium", T::Float, false, "0.1",
         "C bonus when word of mouth is medium"},
        {"word_of_mouth_bonus.high", T::Float, false, "0.25", "C bonus when word of mouth is high"},
        {"generosity_when_at_fault", T::Float, false, "0.1",
         "补偿多一点: when fully at fault, how far above the customer's ask the amount may go "
         "(0.1: up to 110% of the ask); otherwise the ask is the limit"},
        {"gesture_minor", T::Integer, false, "5000",
         "voucher offered as a goodwill gesture, minor units, when the company is not at fault "
         "but the customer matters (A or B, or C high) and the demand is reasonable; 0: none"},
        {"cap_minor", T::Integer, false, "2000000", "absolute cap on the amount, minor units"},
        {"cap_share_of_loss", T::Float, false, "1.5",
         "the amount never exceeds this times the stated loss (when a loss is stated)"},
        {"default_material", T::String, false, "\"replacement\"",
         "material remedy when the company is at fault and the customer asked for none: "
         "replacement, refund, gift or voucher"},
        {"senior_call_from", T::String, false, "\"high\"",
         "层次高一点: severity (low, medium, high, critical) from which a senior person calls"},
        {"senior_visit_from", T::String, false, "\"critical\"",
         "severity from which a senior person visits a long-term customer"},
        {"plant_visit", T::Boolean, false, "true",
         "办法多一点: invite a long-term customer to visit the plant when the company is fully "
         "at fault"},
    };
}

GoodwillConfig GoodwillConfig::from(const ConfigView& section) {
    GoodwillConfig c;
    Reader r(section);
    c.fault_share.none = r.share("fault_share", "none", c.fault_share.none);
    c.fault_share.partial = r.share("fault_share", "partial", c.fault_share.partial);
    c.fault_share.full = r.share("fault_share", "full", c.fault_share.full);
    c.long_term_bonus = r.share({}, "long_term_bonus", c.long_term_bonus);
    c.buy_again_bonus = r.share({}, "buy_again_bonus", c.buy_again_bonus);
    auto& wom = c.word_of_mouth_bonus;
    wom.low = r.share("word_of_mouth_bonus", "low", wom.low);
    wom.medium = r.share("word_of_mouth_bonus", "medium", wom.medium);
    wom.high = r.share("word_of_mouth_bonus", "high", wom.high);
    c.generosity_when_at_fault =
        r.share({}, "generosity_when_at_fault", c.generosity_when_at_fault);
    c.gesture_minor = r.amount("gesture_minor", c.gesture_minor);
    c.cap_minor = r.amount("cap_minor", c.cap_minor);
    c.cap_share_of_loss = r.share({}, "cap_share_of_loss", c.cap_share_of_loss);
    c.default_material = r.material("default_material", c.default_material);
    c.senior_call_from = r.severity("senior_call_from", c.senior_call_from);
    c.senior_visit_from = r.severity("senior_visit_from", c.senior_visit_from);
    c.plant_visit = r.boolean("plant_visit", c.plant_visit);
    r.finish();
    return c;
}

} // namespace redress::goodwill
