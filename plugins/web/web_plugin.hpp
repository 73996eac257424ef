// The "web" intake channel: a public complaint form per department at
// /intake/{department}, in Chinese and English, that works without
// JavaScript and also takes JSON.
//
//   GET  /intake/                  the departments whose form is open
//   GET  /intake/{department}      the form (?lang=zh|en, else Accept-Language, else zh)
//   POST /intake/{department}      a submission, form-encoded or JSON
//
// A POST is checked in this order, each step answering on its own:
// rate limit per client address (429 + Retry-After), body size (413), content
// type (415), readable body (400), honeypot (400, logged), department (404),
// fields (422: the form again with every value and a message per field, or
// JSON {"error":{"code":"invalid","fields":{…}}}; 403 instead when the web
// channel is disabled there), then complaint.submit with the form's one-time
// token as ref, so a repeated POST of one form yields one complaint; the host
// refusing it because the channel is disabled is a 403 naming department and
// channel. Nothing is stored unless the last step succeeds.
#pragma once

#include "rate_limiter.hpp"
#include "web_config.hpp"

#include <optional>
#include <redress/plugin.hpp>
#include <string>
#include <vector>

namespace redress::web {

class WebPlugin : public IntakeChannel {
public:
    static PluginInfo info();
    WebPlugin(Host host, ConfigView config);

    //! Thread-safe: the only shared state is the rate limiter.
    void handle_http(const HttpRequest& request, HttpResponse& response) override;

private:
    struct Department {
        std::string id, name, currency;
        bool web_enabled = false;
    };
    std::vector<Department> departments() const;
    std::optional<Department> department(const std::string& id) const;

    void show_index(const HttpRequest& request, HttpResponse& response) const;
    void show_form(const HttpRequest& request, HttpResponse& response,
                   const std::string& department_id) const;
    void submit(const HttpRequest& request, HttpResponse& response,
                const std::string& department_id);

    Host host_;
    WebConfig config_;
    RateLimiter limiter_;
};

} // namespace redress::web
