// The "goodwill" compensation policy: the handbook's five questions (A–E)
// weighed with the department's weights and caps from [plugin.goodwill].
// A full policy: it proposes on its own, first in a chain or later; later in a
// chain it replaces the proposal so far, except that an earlier refusal stands
// (goodwill then abstains). See goodwill_decision.hpp and README.md.
#pragma once

#include "goodwill_config.hpp"

#include <redress/plugin.hpp>

namespace redress::goodwill {

class GoodwillPolicy : public CompensationPolicy {
public:
    static PluginInfo info();
    //! Throws Error(REDRESS_E_INVALID) naming every bad key of the section.
    GoodwillPolicy(Host host, ConfigView config);

    //! Thread-safe: reads only the immutable config.
    void propose(const RecordView& input, RecordWriter& proposal) override;

    const GoodwillConfig& config() const noexcept { return config_; }

private:
    GoodwillConfig config_;
};

} // namespace redress::goodwill
