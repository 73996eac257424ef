// The "phone" plugin: the complaint hotline. Every endpoint takes JSON and an
// API token (the telephony system's or the agent's):
//   POST /phone/calls                    a call event → the caller's complaints
//   POST /phone/complaints               a complaint an agent took on the phone
//   GET  /phone/callbacks                follow-up calls (回访) due
//   POST /phone/callbacks                schedule a follow-up call
//   POST /phone/callbacks/{id}/outcome   record how the follow-up call went
// Everything is done as the token's holder (the request's "actor"), so the
// host applies that person's role and departments: a caller whose
// complaints lie outside the token's departments is not disclosed.
#include "call_event.hpp"
#include "callback_request.hpp"
#include "caller_history.hpp"
#include "phone_complaint.hpp"
#include "staff_intake/form_record.hpp"
#include "staff_intake/http_reply.hpp"
#include "staff_intake/submission.hpp"
#include "staff_intake/time_input.hpp"

#include <Poco/JSON/Array.h>
#include <map>
#include <redress/redress.hpp>
#include <redress/services.hpp>

namespace {

using namespace redress;
using intake::RequestError;

// The find service returns at most this many; a caller with more is a
// repeat complainant either way.
constexpr std::int64_t history_limit = 200;

class PhonePlugin : public IntakeChannel {
public:
    static PluginInfo info() {
        PluginInfo i;
        i.name = "phone";
        i.version = "1.0.0";
        i.description = "complaint hotline: call events, agent-entered complaints, follow-up calls";
        i.channels = {"phone"};
        i.http_prefixes = {"/phone"};
        i.config = {{"max_body", ConfigType::Integer, false, "65536",
                     "largest request body accepted, in bytes (a form is a few KiB)"}};
        return i;
    }

    PhonePlugin(Host host, ConfigView config)
        : host_(host)
        , max_body_(static_cast<std::size_t>(config.integer("max_body", 65536))) {
        if (config.integer("max_body", 65536) < 1024)
            throw Error(REDRESS_E_INVALID, "plugin.phone.max_body must be at least 1024 bytes");
    }

    void handle_http(const HttpRequest& request, HttpResponse& response) override {
        intake::guarded_reply(response, [&] { route(request, response); });
    }

private:
    void route(const HttpRequest& request, HttpResponse& response) const {
        std::string_view path = request.path();
        std::string_view method = request.method();
        auto only = [&](std::string_view allowed) {
            if (method != allowed)
                throw intake::method_not_allowed(method, "/phone" + std::string(path),
                                                 std::string(allowed));
        };
        if (path == "/calls") {
            only("POST");
            call_event(request, response);
        } else if (path == "/complaints") {
            only("POST");
            complaint(request, response);
        } else if (path == "/callbacks") {
            if (method == "GET")
                list_callbacks(request, response);
            else if (method == "POST")
                schedule_callback(request, response);
            else
                throw intake::method_not_allowed(method, "/phone/callbacks", "GET, POST");
        } else if (auto id = phone::outcome_path_id(path)) {
            only("POST");
            callback_outcome(*id, request, response);
        } else {
            throw RequestError(404, "not_found",
                               "no such endpoint: /phone" + std::string(path) +
                                   " (the hotline serves /phone/calls, /phone/complaints, "
                                   "/phone/callbacks and /phone/callbacks/{id}/outcome)");
        }
    }

    // Calls a host service, turning its errors into HTTP ones.
    OwnedRecord call(std::string_view op, const OwnedRecord& request,
                     const intake::Scope& scope = {}) const {
        try {
            return host_.call(op, request);
        } catch (const Error& e) {
            throw intake::from_host_error(e, scope);
        }
    }

    void call_event(const HttpRequest& request, HttpResponse& response) const {
        Caller caller = intake::require_caller(request);
        phone::CallEvent e = phone::read_call_event(request.body(), max_body_);
        OwnedRecord find = host_.make_record();
        RecordWriter w = find.writer();
        w.set("phone", e.caller);
        w.set("limit", history_limit);
        intake::write_actor(caller, w);
        OwnedRecord reply = call(service::find, find);
        std::vector<phone::ComplaintSummary> found;
        for (const RecordView& r : reply.view().records("complaint"))
            found.push_back({std::string(r.string("tracking_number")),
                             std::string(r.string("department")), std::string(r.string("channel")),
                             std::string(r.string("status")), std::string(r.string("category")),
                             std::string(r.string("cause")), std::string(r.string("owner")),
                             r.integer("received_at")});
        phone::CallerHistory history = phone::classify(std::move(found));

        Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
        body->set("call_id", e.call_id);
        body->set("caller", e.caller);
        body->set("agent", e.agent);
        body->set("started_at", intake::format_iso8601(e.started_at_ms));
        if (e.ended_at_ms) {
            body->set("ended_at", intake::format_iso8601(*e.ended_at_ms));
            body->set("duration_s", *e.duration_s());
        }
        body->set("repeat_complainant", history.repeat_complainant());
        body->set("complaint_count", history.open.size() + history.history.size());
        Poco::JSON::Array::Ptr open = new Poco::JSON::Array, past = new Poco::JSON::Array;
        for (const auto& s : history.open)
            open->add(phone::summary_json(s));
        for (const auto& s : history.history)
            past->add(phone::summary_json(s));
        body->set("open", open);
        body->set("history", past);
        intake::reply_json(response, 200, body);
    }

    void complaint(const HttpRequest& request, HttpResponse& response) const {
        Caller caller = intake::require_caller(request);
        phone::PhoneComplaint c = phone::read_phone_complaint(request.body(), max_body_);
        intake::check_department_scope(caller, c.form.department, "phone");
        OwnedRecord submit = host_.make_record();
        RecordWriter w = submit.writer();
        intake::write_form(c.form, w);
        w.set(field::channel, "phone");
        w.set(field::recorder, caller.name);
        intake::write_actor(caller, w);
        // The call id is the ref: a webhook retried, or an agent pressing
        // "save" twice, gives back the first complaint.
        w.set("ref", c.call_id);
        RecordWriter data = w.add_record("channel_data");
        data.set("call_id", c.call_id);
        data.set("duration_s", c.duration_s);
        if (c.started_at_ms)
            data.set("started_at", *c.started_at_ms);
        if (!c.caller_number.empty())
            data.set("caller_number", c.caller_number);
        intake::submit_and_reply(host_, submit, caller, c.form.department, "phone", response);
    }

    void list_callbacks(const HttpRequest& request, HttpResponse& response) const {
        Caller caller = intake::require_caller(request);
        std::map<std::string, std::string> params;
        constexpr std::string_view query_prefix = "query.";
        for (std::string_view key : request.record().keys())
            if (key.substr(0, query_prefix.size()) == query_prefix) {
                std::string name(key.substr(query_prefix.size()));
                params[name] = std::string(*request.query(name));
            }
        phone::CallbackQuery q = phone::read_callback_query(params);
        OwnedRecord list = host_.make_record();
        RecordWriter w = list.writer();
        if (!q.department.empty())
            w.set("department", q.department);
        if (!q.assignee.empty())
            w.set("assignee", q.assignee);
        if (q.due_before_ms)
            w.set("due_before", *q.due_before_ms);
        if (q.limit)
            w.set("limit", *q.limit);
        intake::write_actor(caller, w);
        OwnedRecord reply = call(service::callback_list, list, {q.department, ""});
        Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
        for (const RecordView& r : reply.view().records("callback")) {
            Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
            o->set("id", r.integer("id"));
            o->set("tracking_number", std::string(r.string("tracking_number")));
            o->set("department", std::string(r.string("department")));
            o->set("due_at", intake::format_iso8601(r.integer("due_at")));
            o->set("assignee", std::string(r.string("assignee")));
            o->set("reason", std::string(r.string("reason")));
            // services.hpp documents "attempts"; the host writes "attempt" (1 for the
            // first call, 2 after one unreachable…). Either is read.
            o->set("attempt", r.has("attempt") ? r.integer("attempt") : r.integer("attempts"));
            o->set("status", std::string(r.string("status")));
            Poco::JSON::Object::Ptr customer = new Poco::JSON::Object;
            if (auto c = r.record("customer")) {
                customer->set("contact", std::string(c->string("contact")));
                customer->set("phone", std::string(c->string("phone")));
            }
            o->set("customer", customer);
            items->add(o);
        }
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
        body->set("callbacks", items);
        intake::reply_json(response, 200, body);
    }

    void schedule_callback(const HttpRequest& request, HttpResponse& response) const {
        Caller caller = intake::require_caller(request);
        phone::ScheduleRequest s = phone::read_schedule_request(request.body(), max_body_);
        OwnedRecord schedule = host_.make_record();
        RecordWriter w = schedule.writer();
        w.set("tracking_number", s.tracking_number);
        if (s.due_at_ms)
            w.set("due_at", *s.due_at_ms);
        if (!s.assignee.empty())
            w.set("assignee", s.assignee);
        w.set("reason", s.reason);
        intake::write_actor(caller, w);
        OwnedRecord reply = call(service::callback_schedule, schedule);
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
        body->set("id", reply.view().integer("id"));
        body->set("tracking_number", s.tracking_number);
        body->set("due_at", intake::format_iso8601(s.due_at_ms.value_or(host_.now_ms())));
        body->set("assignee", s.assignee);
        body->set("reason", s.reason);
        intake::reply_json(response, 201, body);
    }

    void callback_outcome(std::int64_t id, const HttpRequest& request,
                          HttpResponse& response) const {
        Caller caller = intake::require_caller(request);
        phone::OutcomeRequest o = phone::read_outcome_request(request.body(), max_body_);
        OwnedRecord complete = host_.make_record();
        RecordWriter w = complete.writer();
        w.set("id", id);
        w.set("outcome", phone::outcome_name(o.outcome));
        if (o.satisfaction)
            w.set("satisfaction", *o.satisfaction);
        if (!o.notes.empty())
            w.set("notes", o.notes);
        if (o.due_at_ms)
            w.set("due_at", *o.due_at_ms);
        intake::write_actor(caller, w);
        OwnedRecord reply = call(service::callback_complete, complete);
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
        body->set("id", id);
        body->set("outcome", std::string(phone::outcome_name(o.outcome)));
        body->set("status", std::string(reply.view().string("status")));
        if (reply.view().has("callback_id"))
            body->set("next_callback_id", reply.view().integer("callback_id"));
        intake::reply_json(response, 200, body);
    }

    Host host_;
    std::size_t max_body_;
};

} // namespace

REDRESS_PLUGIN(PhonePlugin)
