#include "web_plugin.hpp"

#include "form_page.hpp"
#include "form_token.hpp"
#include "html.hpp"
#include "messages.hpp"
#include "replies.hpp"
#include "result_pages.hpp"
#include "submit_request.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/MediaType.h>
#include <Poco/URI.h>
#include <chrono>
#include <redress/services.hpp>

namespace redress::web {
namespace {

std::int64_t steady_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// "/after-sales" or "/after-sales/" → "after-sales"; "" for "/"; nullopt for
// anything deeper or undecodable.
std::optional<std::string> department_segment(std::string_view path) {
    if (path.empty() || path == "/")
        return std::string();
    std::string_view rest = path.substr(1);
    if (!rest.empty() && rest.back() == '/')
        rest.remove_suffix(1);
    if (rest.empty() || rest.find('/') != std::string_view::npos)
        return std::nullopt;
    std::string decoded;
    try {
        Poco::URI::decode(std::string(rest), decoded);
    } catch (const Poco::Exception&) {
        return std::nullopt;
    }
    return decoded;
}

std::string form_action(const HttpRequest& request, const std::string& department_id) {
    std::string encoded;
    Poco::URI::encode(department_id, "/?#&=+;", encoded);
    return std::string(request.prefix()) + "/" + encoded;
}

Lang request_language(const HttpRequest& request, std::optional<std::string_view> form_choice) {
    auto explicit_choice = request.query("lang");
    if (!explicit_choice || !parse_lang(*explicit_choice))
        explicit_choice = form_choice;
    return choose_language(explicit_choice, request.header("accept-language"));
}

std::string value_of(const FormValues& values, std::string_view name) {
    auto it = values.find(name);
    return it == values.end() ? std::string() : it->second;
}

} // namespace

PluginInfo WebPlugin::info() {
    PluginInfo i;
    i.name = "web";
    i.version = "1.0.0";
    i.description = "public complaint form per department at /intake/{department} (zh/en, "
                    "no JavaScript needed, JSON too)";
    i.config = WebConfig::schema();
    i.channels = {"web"};
    i.http_prefixes = {"/intake"};
    return i;
}

WebPlugin::WebPlugin(Host host, ConfigView config)
    : host_(host)
    , config_(WebConfig::from(config))
    , limiter_(config_.rate_per_minute) {
    host_.log(LogLevel::Info, "web form at /intake/{department}: max_body " +
                                  std::to_string(config_.max_body) + " bytes, " +
                                  std::to_string(config_.rate_per_minute) +
                                  " submissions per client per minute");
}

std::vector<WebPlugin::Department> WebPlugin::departments() const {
    OwnedRecord request = host_.make_record();
    OwnedRecord reply = host_.call(service::departments, request);
    std::vector<Department> out;
    for (const RecordView& d : reply.view().records("department")) {
        Department dep{std::string(d.string("id")), std::string(d.string("name")),
                       std::string(d.string("currency"))};
        if (dep.name.empty())
            dep.name = dep.id;
        for (const RecordView& c : d.records("channel"))
            if (c.string("name") == "web")
                dep.web_enabled = c.boolean("enabled");
        out.push_back(std::move(dep));
    }
    return out;
}

std::optional<WebPlugin::Department> WebPlugin::department(const std::string& id) const {
    for (Department& d : departments())
        if (d.id == id)
            return std::move(d);
    return std::nullopt;
}

void WebPlugin::handle_http(const HttpRequest& request, HttpResponse& response) {
    std::optional<std::string> segment = department_segment(request.path());
    std::string_view method = request.method();
    if (method != "GET" && method != "HEAD" && method != "POST") {
        Lang lang = request_language(request, std::nullopt);
        response.header("Allow", "GET, HEAD, POST");
        send_html(
            response, 405,
            notice_page(lang, text(Msg::MethodTitle, lang), text(Msg::MethodText, lang, {method})));
        return;
    }
    if (segment && segment->empty() && method != "POST") {
        show_index(request, response);
        return;
    }
    if (!segment || segment->empty()) {
        Lang lang = request_language(request, std::nullopt);
        send_html(response, 404,
                  notice_page(lang, text(Msg::NotFoundTitle, lang),
                              text(Msg::NotFoundText, lang, {request.path()})));
        return;
    }
    if (method == "POST")
        submit(request, response, *segment);
    else
        show_form(request, response, *segment);
}

void WebPlugin::show_index(const HttpRequest& request, HttpResponse& response) const {
    Lang lang = request_language(request, std::nullopt);
    std::vector<DepartmentLink> links;
    for (const Department& d : departments())
        if (d.web_enabled)
            links.push_back({form_action(request, d.id), d.name});
    send_html(response, 200, render_index(lang, links));
}

void WebPlugin::show_form(const HttpRequest& request, HttpResponse& response,
                          const std::string& department_id) const {
    Lang lang = request_language(request, std::nullopt);
    std::optional<Department> d = department(department_id);
    if (!d) {
        send_html(response, 404,
                  notice_page(lang, text(Msg::NotFoundTitle, lang),
                              text(Msg::NotFoundText, lang, {department_id})));
        return;
    }
    if (!d->web_enabled) {
        send_html(response, 403,
                  notice_page(lang, text(Msg::DisabledTitle, lang),
                              text(Msg::DisabledText, lang, {d->name, d->id, "web"})));
        return;
    }
    FormPage page;
    page.lang = lang;
    page.action = form_action(request, d->id);
    page.department_id = d->id;
    page.department_name = d->name;
    page.currency = d->currency;
    page.token = new_form_token();
    send_html(response, 200, render_form(page));
}

void WebPlugin::submit(const HttpRequest& request, HttpResponse& response,
                       const std::string& department_id) {
    std::string client(request.client_address());
    std::optional<std::string_view> content_type = request.header("content-type");
    bool json = false;
    bool urlencoded = false;
    if (content_type) {
        try {
            Poco::Net::MediaType type{std::string(*content_type)};
            json = type.matches("application", "json");
            urlencoded = type.matches("application", "x-www-form-urlencoded");
        } catch (const Poco::Exception&) {
            // An unreadable Content-Type is answered as an unsupported one below.
        }
    }
    Lang lang = request_language(request, std::nullopt);

    // Answers a failure in the client's format: a notice page or a JSON error.
    auto fail = [&](int status, std::string_view code, Msg title, const std::string& message) {
        if (json)
            send_json(response, status, json_error(code, message));
        else
            send_html(response, status, notice_page(lang, text(title, lang), message));
    };

    RateLimiter::Decision admitted = limiter_.take(client, steady_ms());
    if (!admitted.allowed) {
        std::string seconds = std::to_string(admitted.retry_after_s);
        host_.log(LogLevel::Notice, "rate limit: refused a submission from " + client +
                                        " (retry after " + seconds + " s)");
        response.header("Retry-After", seconds);
        fail(429, "rate_limited", Msg::RateTitle, text(Msg::RateText, lang, {seconds}));
        return;
    }
    if (request.body().size() > static_cast<std::size_t>(config_.max_body)) {
        fail(413, "too_large", Msg::TooLargeTitle,
             text(Msg::TooLargeText, lang, {std::to_string(config_.max_body)}));
        return;
    }
    if (!json && !urlencoded) {
        fail(415, "unsupported_media_type", Msg::UnsupportedTitle,
             text(Msg::UnsupportedText, lang, {content_type.value_or("")}));
        return;
    }

    ParsedForm form;
    try {
        form = json ? parse_json(request.body()) : parse_urlencoded(request.body());
    } catch (const MalformedBody& e) {
        fail(400, "malformed", Msg::BadRequestTitle, text(Msg::BadRequestText, lang, {e.what()}));
        return;
    }
    if (auto it = form.values.find(lang_field); it != form.values.end())
        lang = request_language(request, it->second);

    if (!value_of(form.values, honeypot_field).empty()) {
        host_.log(LogLevel::Warning, "honeypot field '" + std::string(honeypot_field) +
                                         "' filled in a submission from " + client +
                                         " to department '" + department_id +
                                         "'; refused, nothing stored");
        fail(400, "rejected", Msg::HoneypotTitle, std::string(text(Msg::HoneypotText, lang)));
        return;
    }

    std::optional<Department> d = department(department_id);
    if (!d) {
        fail(404, "not_found", Msg::NotFoundTitle, text(Msg::NotFoundText, lang, {department_id}));
        return;
    }
    auto refuse_disabled = [&] {
        host_.log(LogLevel::Notice, "submission from " + client + " refused: department '" + d->id +
                                        "' has the web channel disabled");
        fail(403, "channel_disabled", Msg::DisabledTitle,
             text(Msg::DisabledText, lang, {d->name, d->id, "web"}));
    };
    std::string token = value_of(form.values, token_field);
    FieldErrors errors = std::move(form.errors);
    if (token.empty()) {
        token = new_form_token(); // a hand-made POST: no repeat to recognise
    } else if (!acceptable_form_token(token)) {
        errors.try_emplace(std::string(token_field), FieldProblem{FieldProblem::Kind::BadToken});
        token = new_form_token(); // so that the re-shown form can be sent
    }
    errors.merge(validate(form.values, d->currency));

    auto reshow = [&](const FieldErrors& problems) {
        if (json) {
            send_json(response, 422, json_field_errors(problems, lang));
            return;
        }
        FormPage page;
        page.lang = lang;
        page.action = form_action(request, d->id);
        page.department_id = d->id;
        page.department_name = d->name;
        page.currency = d->currency;
        page.token = token;
        page.values = form.values;
        page.errors = problems;
        send_html(response, 422, render_form(page));
    };
    // complaint.submit is the authority on whether the channel is open (it
    // refuses with REDRESS_E_REFUSED, handled below); departments.list only
    // spares a customer from correcting a form that could not be sent anyway.
    if (!errors.empty() && !d->web_enabled) {
        refuse_disabled();
        return;
    }
    if (!errors.empty()) {
        reshow(errors);
        return;
    }

    OwnedRecord submission = host_.make_record();
    write_submission(submission.writer(), form.values, d->id, d->currency, token,
                     Origin{client, std::string(request.header("user-agent").value_or("")),
                            std::string(code(lang))});
    std::optional<OwnedRecord> reply;
    try {
        reply.emplace(host_.call(service::submit, submission));
    } catch (const Error& e) {
        switch (e.status()) {
        case REDRESS_E_REFUSED: // the web channel is disabled in the department
            refuse_disabled();
            return;
        case REDRESS_E_INVALID: {
            auto [field, problem] = host_problem(e.what());
            reshow({{field, problem}});
            return;
        }
        case REDRESS_E_NOT_FOUND:
            fail(404, "not_found", Msg::NotFoundTitle,
                 text(Msg::NotFoundText, lang, {department_id}));
            return;
        case REDRESS_E_UNAVAILABLE:
            host_.log(LogLevel::Error, std::string("complaint.submit unavailable: ") + e.what());
            response.header("Retry-After", "30");
            fail(503, "unavailable", Msg::UnavailableTitle,
                 std::string(text(Msg::UnavailableText, lang)));
            return;
        default:
            throw;
        }
    }

    RecordView r = reply->view();
    Receipt receipt{std::string(r.string("tracking_number")), d->name,
                    std::string(r.string("first_response_due_local")),
                    std::string(r.string("time_zone")), r.boolean("created", true)};
    if (receipt.created)
        host_.log(LogLevel::Info, "complaint " + receipt.tracking_number + " received for '" +
                                      d->id + "' from " + client);
    if (!json) {
        send_html(response, 200, render_receipt(lang, receipt));
        return;
    }
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("tracking_number", receipt.tracking_number);
    body->set("created", receipt.created);
    body->set("status", std::string(r.string("status")));
    body->set("department", d->id);
    body->set("department_name", d->name);
    body->set("first_response_due_local", receipt.first_response_due_local);
    body->set("time_zone", receipt.time_zone);
    body->set("message", receipt.first_response_due_local.empty()
                             ? std::string(text(Msg::ReceiptNext, lang))
                             : text(Msg::ReceiptReplyBy, lang,
                                    {receipt.first_response_due_local, receipt.time_zone}));
    send_json(response, receipt.created ? 201 : 200, body);
}

} // namespace redress::web
