#include "email_channel.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <sstream>

namespace redress::email {
namespace {

Poco::JSON::Object::Ptr to_json(const FetchResult& r) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("mailbox", r.mailbox);
    o->set("department", r.department);
    o->set("started_at_ms", r.started_at_ms);
    o->set("finished_at_ms", r.finished_at_ms);
    o->set("fetched", r.fetched);
    o->set("created", r.created);
    o->set("comments", r.comments);
    o->set("duplicates", r.duplicates);
    o->set("too_large", r.too_large);
    o->set("left_on_server", r.left_on_server);
    Poco::JSON::Array::Ptr errors = new Poco::JSON::Array;
    for (const auto& e : r.errors)
        errors->add(e);
    o->set("errors", errors);
    return o;
}

void json(HttpResponse& response, int status, const Poco::JSON::Object& body) {
    std::ostringstream s;
    body.stringify(s);
    response.status(status).content_type("application/json; charset=utf-8").body(s.str());
}

void error(HttpResponse& response, int status, const std::string& code,
           const std::string& message) {
    Poco::JSON::Object::Ptr e = new Poco::JSON::Object;
    e->set("code", code);
    e->set("message", message);
    Poco::JSON::Object body;
    body.set("error", e);
    json(response, status, body);
}

bool at_least_supervisor(const std::string& role) {
    return role == "supervisor" || role == "manager" || role == "executive" || role == "admin";
}

} // namespace

PluginInfo EmailChannel::info() {
    PluginInfo i;
    i.name = "email";
    i.version = "1.0.0";
    i.description = "complaints from POP3 mailboxes, one per department";
    i.channels = {"email"};
    i.http_prefixes = {"/email"};
    i.config = Settings::schema();
    return i;
}

EmailChannel::EmailChannel(Host host, ConfigView config)
    : host_(host)
    , settings_(Settings::from(config)) {
    for (const MailboxConfig& m : settings_.mailboxes)
        mailboxes_.push_back({m, std::nullopt});
    last_.resize(mailboxes_.size());
    if (mailboxes_.empty()) {
        host_.log(LogLevel::Info, "no mailbox configured: the e-mail channel fetches nothing");
        return;
    }
    store_ =
        std::make_unique<AttachmentStore>(settings_.attachment_dir, settings_.max_attachment_bytes);
    fetcher_ = std::make_unique<MailboxFetcher>(host_, settings_, *store_);
    host_.log(LogLevel::Info, std::to_string(mailboxes_.size()) + " mailbox(es), fetched every " +
                                  std::to_string(settings_.interval.count()) + " s");
}

void EmailChannel::poll() {
    if (mailboxes_.empty())
        return;
    std::lock_guard lock(fetch_mutex_);
    auto now = std::chrono::steady_clock::now();
    std::vector<std::size_t> due;
    for (std::size_t i = 0; i < mailboxes_.size(); ++i)
        if (!mailboxes_[i].last_fetch || now - *mailboxes_[i].last_fetch >= settings_.interval)
            due.push_back(i);
    fetch(due);
}

std::vector<FetchResult> EmailChannel::fetch(const std::vector<std::size_t>& which) {
    std::vector<FetchResult> results;
    for (std::size_t i : which) {
        FetchResult r = fetcher_->fetch(mailboxes_[i].config);
        mailboxes_[i].last_fetch = std::chrono::steady_clock::now();
        {
            std::lock_guard lock(status_mutex_);
            last_[i] = r;
        }
        results.push_back(std::move(r));
    }
    return results;
}

void EmailChannel::handle_http(const HttpRequest& request, HttpResponse& response) {
    std::string_view path = request.path();
    if (path == "/fetch") {
        if (request.method() != "POST")
            return error(response, 405, "method_not_allowed", "POST /email/fetch");
        return fetch_now(request, response);
    }
    if (path == "/status") {
        if (request.method() != "GET")
            return error(response, 405, "method_not_allowed", "GET /email/status");
        return status(request, response);
    }
    error(response, 404, "not_found",
          "no such endpoint: " + std::string(request.prefix()) + std::string(path) +
              " (the e-mail channel serves POST /email/fetch and GET /email/status)");
}

void EmailChannel::fetch_now(const HttpRequest& request, HttpResponse& response) {
    auto caller = request.caller();
    if (!caller)
        return error(response, 401, "unauthorized", "POST /email/fetch needs an API token");
    if (!at_least_supervisor(caller->role))
        return error(response, 403, "forbidden",
                     caller->name + " (" + caller->role +
                         ") may not fetch mail: it takes a supervisor, manager, executive or "
                         "admin token");
    std::vector<std::size_t> which;
    for (std::size_t i = 0; i < mailboxes_.size(); ++i)
        if (caller->may_act_in(mailboxes_[i].config.department))
            which.push_back(i);
    std::vector<FetchResult> results;
    {
        std::lock_guard lock(fetch_mutex_);
        results = fetch(which);
    }
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const FetchResult& r : results)
        list->add(to_json(r));
    Poco::JSON::Object body;
    body.set("mailboxes", list);
    json(response, 200, body);
}

void EmailChannel::status(const HttpRequest& request, HttpResponse& response) {
    auto caller = request.caller();
    if (!caller)
        return error(response, 401, "unauthorized", "GET /email/status needs an API token");
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    {
        std::lock_guard lock(status_mutex_);
        for (std::size_t i = 0; i < mailboxes_.size(); ++i) {
            const MailboxConfig& m = mailboxes_[i].config;
            if (!caller->may_act_in(m.department))
                continue;
            Poco::JSON::Object::Ptr o;
            if (last_[i]) {
                o = to_json(*last_[i]);
            } else {
                o = new Poco::JSON::Object;
                o->set("mailbox", m.label());
                o->set("department", m.department);
                o->set("never_fetched", true);
            }
            list->add(o);
        }
    }
    Poco::JSON::Object body;
    body.set("mailboxes", list);
    json(response, 200, body);
}

} // namespace redress::email
