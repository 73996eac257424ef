// A compensation policy whose plugin name is its file's name: copies of the one
// library, saved as bench-startup-01.so ... bench-startup-38.so, load as that
// many distinct plugins (each copy is its own file, so the dynamic linker maps
// each one). bench/startup.sh uses them to start redressd with 50 plugins.
// Same shape as a real policy: two config keys with defaults, a little work.
#include <dlfcn.h>
#include <filesystem>
#include <redress/redress.hpp>
#include <stdexcept>
#include <string>

namespace {

std::string own_name() {
    Dl_info info{};
    static const int anchor = 0;
    if (dladdr(&anchor, &info) == 0 || info.dli_fname == nullptr)
        throw std::runtime_error("bench-startup: dladdr cannot name this library");
    return std::filesystem::path(info.dli_fname).stem().string();
}

} // namespace

class NamedPolicy : public redress::CompensationPolicy {
public:
    static redress::PluginInfo info() {
        redress::PluginInfo i;
        i.name = own_name();
        i.version = "1.0.0";
        i.description = "start-up benchmark policy: offers a share of the loss";
        i.config = {
            {"share", redress::ConfigType::Float, false, "0.5", "share of the stated loss"},
            {"remedy", redress::ConfigType::String, false, "\"voucher\"", "the remedy offered"},
        };
        return i;
    }
    NamedPolicy(redress::Host, redress::ConfigView config)
        : share_(config.number("share", 0.5))
        , remedy_(config.string("remedy", "voucher")) {}
    void propose(const redress::RecordView& input, redress::RecordWriter& proposal) override {
        auto loss = static_cast<double>(input.integer("loss_minor"));
        proposal.set("amount_minor", static_cast<std::int64_t>(loss * share_))
            .set("remedy", remedy_);
    }

private:
    double share_;
    std::string remedy_;
};

REDRESS_PLUGIN(NamedPolicy)
