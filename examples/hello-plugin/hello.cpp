// The smallest useful Redress plugin: an intake channel called "hello" that
// answers GET /channels/hello/ with a greeting from its config, and a
// compensation policy that always proposes an apology.
#include <redress/redress.hpp>
#include <string>

class Hello : public redress::IntakeChannel, public redress::CompensationPolicy {
public:
    static redress::PluginInfo info() {
        redress::PluginInfo i;
        i.name = "hello";
        i.version = "1.0.0";
        i.description = "example plugin built out of tree";
        i.channels = {"hello"};
        i.config = {{"greeting", redress::ConfigType::String, false, "\"你好\"",
                     "what GET /channels/hello/ answers"}};
        return i;
    }

    Hello(redress::Host host, redress::ConfigView config)
        : host_(host)
        , greeting_(config.string("greeting")) {
        host_.log(redress::LogLevel::Info, "ready");
    }

    void handle_http(const redress::HttpRequest& request,
                     redress::HttpResponse& response) override {
        response.status(200)
            .content_type("text/plain; charset=utf-8")
            .body(greeting_ + " " + std::string(request.path()));
    }

    void propose(const redress::RecordView&, redress::RecordWriter& proposal) override {
        proposal.append("remedy", "apology").set("amount_minor", 0);
        proposal.add_record("reason").set("text", "an apology costs nothing and is always due");
    }

private:
    redress::Host host_;
    std::string greeting_;
};

REDRESS_PLUGIN(Hello)
