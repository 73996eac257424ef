#include "catalog_wording.hpp"

#include "money_text/money_text.hpp"

namespace redress::catalog_plugin {
namespace {

std::string text_in(const Translations& t, const std::string& language) {
    if (auto it = t.find(language); it != t.end())
        return it->second;
    if (auto it = t.find("en"); it != t.end())
        return it->second;
    return t.empty() ? std::string() : t.begin()->second;
}

std::string alternatives_zh(const Version& v, const Entry& e) {
    std::string out;
    for (const auto& id : e.alternatives)
        if (const Entry* a = v.find(id))
            out += (out.empty() ? "「" : "、「") + text_in(a->title, "zh") + "」";
    return out;
}

std::string alternatives_en(const Version& v, const Entry& e, const std::string& language) {
    std::string out;
    for (const auto& id : e.alternatives)
        if (const Entry* a = v.find(id))
            out += (out.empty() ? "" : "; ") + text_in(a->title, language);
    return out;
}

} // namespace

std::string wording(const Version& v, const Entry& e, const std::string& language) {
    const std::string title = text_in(e.title, language);
    const std::string fee =
        e.fee_minor ? plugin_text::format_money(*e.fee_minor) + " " + v.currency : "";
    const std::string days = e.lead_time_days ? std::to_string(*e.lead_time_days) : "";
    if (language == "zh") {
        switch (e.status) {
        case Status::Provided:
            return "我们提供「" + title + "」：" + text_in(e.description, "zh");
        case Status::NotProvided: {
            std::string s = "很抱歉，我们不提供「" + title + "」。";
            if (auto alts = alternatives_zh(v, e); !alts.empty())
                s += "我们可以为您提供：" + alts + "。";
            return s;
        }
        case Status::Arrangeable:
            return "「" + title + "」可以为您安排，费用为 " + fee + "，需要 " + days +
                   " 个工作日。";
        }
    }
    switch (e.status) {
    case Status::Provided:
        return "We provide " + title + ": " + text_in(e.description, language);
    case Status::NotProvided: {
        std::string s = "We are sorry: " + title + " is not something we provide.";
        if (auto alts = alternatives_en(v, e, language); !alts.empty())
            s += " Instead we can offer: " + alts + ".";
        return s;
    }
    case Status::Arrangeable:
        return "We can arrange " + title + " for a fee of " + fee + "; it takes " + days +
               " working day" + (days == "1" ? "" : "s") + ".";
    }
    return title;
}

} // namespace redress::catalog_plugin
