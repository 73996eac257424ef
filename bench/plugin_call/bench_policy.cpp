// The benchmark's plugin: reads one field, writes two. Same work as the
// direct implementation in plugin_call_bench.cpp.
#include <redress/redress.hpp>

class BenchPolicy : public redress::CompensationPolicy {
public:
    static redress::PluginInfo info() {
        redress::PluginInfo i;
        i.name = "bench-policy";
        i.version = "1.0.0";
        return i;
    }
    BenchPolicy(redress::Host, redress::ConfigView) {}
    void propose(const redress::RecordView& input, redress::RecordWriter& proposal) override {
        std::int64_t loss = input.integer("loss_minor");
        proposal.set("amount_minor", loss / 2).set("remedy", "voucher");
    }
};

REDRESS_PLUGIN(BenchPolicy)
