#include "goodwill_policy.hpp"

#include "goodwill_case.hpp"
#include "goodwill_decision.hpp"

namespace redress::goodwill {

PluginInfo GoodwillPolicy::info() {
    PluginInfo i;
    i.name = "goodwill";
    i.version = "1.0.0";
    i.description = "compensation by the handbook's five questions (A-E), with weights and caps";
    i.config = GoodwillConfig::schema();
    return i;
}

GoodwillPolicy::GoodwillPolicy(Host, ConfigView config)
    : config_(GoodwillConfig::from(config)) {}

void GoodwillPolicy::propose(const RecordView& input, RecordWriter& proposal) {
    if (auto p = decide(config_, read_case(input)))
        write(*p, proposal);
}

} // namespace redress::goodwill
