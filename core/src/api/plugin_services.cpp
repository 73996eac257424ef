#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/String.h>
#include <algorithm>
#include <redress/core/api/complaint_json.hpp>
#include <redress/core/api/json_input.hpp>
#include <redress/core/api/plugin_services.hpp>
#include <redress/core/auth/tokens.hpp>
#include <redress/core/http/http_context.hpp>
#include <redress/core/plugin/complaint_record.hpp>
#include <sstream>

namespace redress::core::api {
namespace {

[[noreturn]] void fail(redress_status status, const std::string& message) {
    throw ServiceCallError(status, message);
}

redress_status status_of(const ServiceError& e) {
    switch (e.kind()) {
    case ServiceError::Kind::Invalid:
        return REDRESS_E_INVALID;
    case ServiceError::Kind::NotFound:
        return REDRESS_E_NOT_FOUND;
    case ServiceError::Kind::Forbidden:
    case ServiceError::Kind::Conflict:
        return REDRESS_E_REFUSED;
    case ServiceError::Kind::Unavailable:
        return REDRESS_E_UNAVAILABLE;
    case ServiceError::Kind::PluginFailed:
        return REDRESS_E_INTERNAL;
    }
    return REDRESS_E_INTERNAL;
}

std::string message_of(const std::string& field, const std::string& message) {
    return field.empty() || message.rfind(field, 0) == 0 ? message : field + ": " + message;
}

Poco::Dynamic::Var value_json(const RecordValue& v,
                              const std::set<std::string, std::less<>>& lists = {}) {
    return std::visit(
        [&lists](const auto& x) -> Poco::Dynamic::Var {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, std::monostate>)
                return Poco::Dynamic::Var();
            else if constexpr (std::is_same_v<T, std::unique_ptr<Record>>)
                return x ? record_to_json(*x, lists)
                         : Poco::JSON::Object::Ptr(new Poco::JSON::Object);
            else if constexpr (std::is_same_v<T, std::int64_t>)
                return static_cast<Poco::Int64>(x);
            else
                return x;
        },
        v);
}

std::string json_text(const Poco::JSON::Object::Ptr& o) {
    std::ostringstream s;
    o->stringify(s);
    return s.str();
}

std::string text(const Record& r, std::string_view key) {
    auto v = r.string(key);
    return v ? std::string(*v) : std::string();
}

std::optional<std::int64_t> integer(const Record& r, std::string_view key) {
    if (!r.get(key))
        return std::nullopt;
    auto v = r.integer(key);
    if (!v)
        fail(REDRESS_E_INVALID, std::string(key) + ": must be an integer");
    return v;
}

// The person a plugin acts for, or the plugin itself (an agent over every department).
Actor actor_of(const std::string& plugin, const Record& request) {
    const Record* a = request.record("actor");
    if (!a)
        return Actor{"plugin:" + plugin, Role::Agent, {"*"}};
    Actor actor;
    actor.name = text(*a, "name");
    if (actor.name.empty())
        fail(REDRESS_E_INVALID, "actor.name: required");
    auto role = parse_role(text(*a, "role"));
    if (!role)
        fail(REDRESS_E_INVALID,
             "actor.role: must be agent, supervisor, manager, executive or admin");
    actor.role = *role;
    if (const auto* f = a->find("departments"))
        for (const auto& v : f->values)
            if (const auto* s = std::get_if<std::string>(&v))
                actor.departments.push_back(*s);
    return actor;
}

// The registration form of a submit request, validated as POST /complaints is.
struct Draft {
    Complaint complaint;
    Store::IdempotencyKey key;
    SubmitOptions options;
};

Draft draft_of(const Record& request) {
    Record form = request;
    for (const char* k : {"ref", "channel_data", "actor", "recorder"})
        form.erase(k);
    Draft d;
    try {
        JsonReader body(record_to_json(form));
        d.complaint = complaint_from_json(body);
        body.finish();
    } catch (const http::HttpError& e) {
        fail(REDRESS_E_INVALID, message_of(e.field(), e.what()));
    }
    std::string ref = text(request, "ref");
    if (ref.size() > 1000)
        fail(REDRESS_E_INVALID, "ref: at most 1000 bytes");
    if (!ref.empty()) {
        // The same ref always means the same complaint, whatever else changed.
        // Namespaced apart from REST Idempotency-Keys, and per department: one
        // e-mail sent to two departments' mailboxes is a complaint in each.
        d.key.key = "plugin:" + d.complaint.department + ":" + d.complaint.channel + ":" + ref;
        d.key.hash = hash_secret(d.key.key);
    }
    if (request.string("recorder"))
        d.options.recorder = text(request, "recorder");
    if (const Record* data = request.record("channel_data"))
        d.options.channel_data_json = json_text(record_to_json(*data));
    return d;
}

void write_created(Record& reply, const Store::Created& created, const ServiceSettings& s) {
    const Complaint& c = created.complaint;
    reply.set("tracking_number", c.tracking_number);
    reply.set("created", created.created);
    reply.set("status", std::string(to_string(c.status)));
    reply.set("first_response_due", c.first_response_due_ms);
    reply.set("resolution_due", c.resolution_due_ms);
    if (const Department* d = s.config.find_department(c.department)) {
        reply.set("department_name", d->name);
        reply.set("time_zone", d->calendar.timezone);
        if (auto it = s.clocks.find(d->id); it != s.clocks.end())
            reply.set("first_response_due_local", it->second->local_text(c.first_response_due_ms));
    }
}

// ---- The operations ------------------------------------------------------------

void submit(ComplaintService& service, const Actor& actor, const Record& request, Record& reply) {
    Draft d = draft_of(request);
    auto settings = service.settings();
    write_created(reply, service.submit(std::move(d.complaint), actor, d.key, d.options),
                  *settings);
}

void submit_batch(ComplaintService& service, const Actor& actor, const Record& request,
                  Record& reply) {
    const RecordField* list = request.find("complaint");
    std::size_t n = list ? list->values.size() : 0;
    if (n > 10000)
        fail(REDRESS_E_INVALID, "complaint: at most 10000 per batch");
    std::vector<BatchDraft> drafts;
    std::vector<std::size_t> positions;
    std::vector<std::optional<std::string>> parse_errors(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto* r = std::get_if<std::unique_ptr<Record>>(&list->values[i]);
        try {
            if (!r || !*r)
                fail(REDRESS_E_INVALID, "complaint[" + std::to_string(i) + "]: not a record");
            Draft d = draft_of(**r);
            drafts.push_back({std::move(d.complaint), std::move(d.key), std::move(d.options)});
            positions.push_back(i);
        } catch (const ServiceCallError& e) {
            parse_errors[i] = e.what();
        }
    }
    bool dry_run = request.get("dry_run") && std::get_if<bool>(request.get("dry_run")) &&
                   *std::get_if<bool>(request.get("dry_run"));
    auto settings = service.settings();
    auto results = service.submit_batch(std::move(drafts), actor, dry_run);
    std::vector<const BatchResult*> by_index(n, nullptr);
    for (std::size_t k = 0; k < results.size(); ++k)
        by_index[positions[k]] = &results[k];
    for (std::size_t i = 0; i < n; ++i) {
        Record& out = reply.add_record("result");
        out.set("index", static_cast<std::int64_t>(i));
        if (parse_errors[i]) {
            out.set("error", *parse_errors[i]);
            out.set("status", static_cast<std::int64_t>(REDRESS_E_INVALID));
        } else if (by_index[i]->error) {
            const ServiceError& e = *by_index[i]->error;
            out.set("error", message_of(e.field(), e.what()));
            out.set("status", static_cast<std::int64_t>(status_of(e)));
        } else if (dry_run) {
            out.set("created", false);
        } else {
            write_created(out, *by_index[i]->created, *settings);
        }
    }
}

void get(ComplaintService& service, const Actor& actor, const Record& request, Record& reply) {
    auto found = service.get(text(request, "tracking_number"), actor);
    write_complaint_record(reply, found.complaint);
    for (const Event& e : found.timeline) {
        Record& ev = reply.add_record("event");
        ev.set("id", e.id);
        ev.set("at", e.at_ms);
        ev.set("actor", e.actor);
        ev.set("type", e.type);
        ev.set("from_status", e.from_status);
        ev.set("to_status", e.to_status);
        ev.set("reason", e.reason);
        ev.set("data_json", e.data_json);
    }
}

void find(ComplaintService& service, const Actor& actor, const Record& request, Record& reply) {
    ComplaintFilter f;
    if (auto p = text(request, "phone"); !p.empty())
        f.phone = Poco::trim(p);
    if (auto e = text(request, "email"); !e.empty())
        f.email = Poco::trim(e);
    if (auto c = text(request, "customer"); !c.empty())
        f.customer = c;
    if (!f.phone && !f.email && !f.customer)
        fail(REDRESS_E_INVALID, "phone, email or customer: one is required");
    if (auto d = text(request, "department"); !d.empty())
        f.departments = {d};
    f.order = ComplaintOrder::NewestFirst;
    f.limit =
        static_cast<int>(std::clamp<std::int64_t>(integer(request, "limit").value_or(20), 1, 200));
    for (const Complaint& c : service.list(f, actor).items) {
        Record& o = reply.add_record("complaint");
        o.set("tracking_number", c.tracking_number);
        o.set("department", c.department);
        o.set("channel", c.channel);
        o.set("status", std::string(to_string(c.status)));
        o.set("category", c.category);
        o.set("cause", c.cause);
        o.set("received_at", c.received_at_ms);
        o.set("owner", c.owner);
    }
}

void comment(ComplaintService& service, const Actor& actor, const Record& request, Record& reply) {
    std::string body = text(request, "text");
    if (body.empty() || body.size() > 20000)
        fail(REDRESS_E_INVALID, "text: required, at most 20000 bytes");
    std::string ref = text(request, "ref");
    if (ref.size() > 1000)
        fail(REDRESS_E_INVALID, "ref: at most 1000 bytes");
    std::string data = "{}";
    if (const Record* d = request.record("data"))
        data = json_text(record_to_json(*d));
    auto [event, created] =
        service.comment(text(request, "tracking_number"), actor, body, ref, data);
    reply.set("event_id", event.id);
    reply.set("created", created);
}

TransitionResult transition(ComplaintService& service, const Actor& actor,
                            const std::string& tracking_number, const std::string& action,
                            const std::string& reason, Poco::JSON::Object::Ptr data) {
    TransitionRequest t;
    t.action = action;
    t.reason = reason;
    t.data = data ? data : Poco::JSON::Object::Ptr(new Poco::JSON::Object);
    return service.transition(tracking_number, actor, t);
}

void transition_op(ComplaintService& service, const Actor& actor, const Record& request,
                   Record& reply) {
    const Record* data = request.record("data");
    Poco::JSON::Object::Ptr json = data ? record_to_json(*data) : nullptr;
    // A record field with one value reads as a scalar; these are always lists.
    for (const char* list : {"remedies", "reasons"})
        if (json && json->has(list) && !json->isArray(list)) {
            Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
            a->add(json->get(list));
            json->set(list, a);
        }
    auto r = transition(service, actor, text(request, "tracking_number"), text(request, "action"),
                        text(request, "reason"), json);
    reply.set("status", std::string(to_string(r.complaint.status)));
    reply.set("version", r.complaint.version);
}

void departments(ComplaintService& service, const Actor& actor, Record& reply) {
    auto s = service.settings();
    for (const auto& d : s->config.departments) {
        if (!actor.may_act_on(d.id))
            continue;
        Record& o = reply.add_record("department");
        o.set("id", d.id);
        o.set("name", d.name);
        o.set("prefix", d.prefix);
        o.set("time_zone", d.calendar.timezone);
        o.set("currency", d.currency);
        o.set("first_response", duration_text(d.sla.first_response));
        o.set("resolution", duration_text(d.sla.resolution));
        if (auto* channels = service.channels())
            for (const auto& st : channels->states(d)) {
                Record& c = o.add_record("channel");
                c.set("name", st.channel);
                c.set("enabled", st.enabled);
            }
    }
}

// ---- Follow-up calls -----------------------------------------------------------

void write_callback(ComplaintService& service, const Actor& actor, Record& o, const Callback& cb) {
    o.set("id", cb.id);
    o.set("tracking_number", cb.tracking_number);
    o.set("department", cb.department);
    o.set("due_at", cb.due_at_ms);
    o.set("assignee", cb.assignee);
    o.set("reason", cb.reason);
    o.set("attempt", static_cast<std::int64_t>(cb.attempt));
    Complaint c = service.load_visible(cb.tracking_number, actor);
    o.set("status", std::string(to_string(c.status)));
    Record& cu = o.add_record("customer");
    cu.set("contact", c.customer.contact);
    cu.set("company", c.customer.company);
    cu.set("phone", c.customer.phone);
}

void callback_schedule(ComplaintService& service, const Actor& actor, const Record& request,
                       Record& reply) {
    Complaint c = service.load_visible(text(request, "tracking_number"), actor);
    if (is_finished(c.status))
        fail(REDRESS_E_REFUSED, "complaint " + c.tracking_number + " is " +
                                    std::string(to_string(c.status)) + "; reopen it first");
    Callback cb;
    cb.complaint_id = c.id;
    cb.department = c.department;
    cb.due_at_ms = integer(request, "due_at").value_or(service.now_ms());
    cb.assignee = text(request, "assignee");
    cb.reason = text(request, "reason");
    if (cb.reason.empty())
        cb.reason = "follow-up call on request";
    if (cb.assignee.size() > 200 || cb.reason.size() > 2000)
        fail(REDRESS_E_INVALID, "assignee (200 bytes) or reason (2000 bytes) too long");
    cb.created_by = actor.name;
    cb.created_at_ms = service.now_ms();
    reply.set("id", service.store().add_callback(cb));
}

void callback_list(ComplaintService& service, const Actor& actor, const Record& request,
                   Record& reply) {
    CallbackFilter f;
    if (auto d = text(request, "department"); !d.empty()) {
        if (!actor.may_act_on(d))
            fail(REDRESS_E_REFUSED, actor.name + " may not see department '" + d + "'");
        f.departments = {d};
    } else if (std::find(actor.departments.begin(), actor.departments.end(), "*") ==
               actor.departments.end()) {
        f.departments = actor.departments;
    }
    if (auto a = text(request, "assignee"); !a.empty())
        f.assignee = a;
    f.due_before_ms = integer(request, "due_before");
    f.limit =
        static_cast<int>(std::clamp<std::int64_t>(integer(request, "limit").value_or(50), 1, 500));
    for (const Callback& cb : service.store().open_callbacks(f)) {
        Record row;
        try {
            write_callback(service, actor, row, cb);
        } catch (const ServiceError&) {
            continue; // escalated out of the actor's departments since it was queued
        }
        reply.add_record("callback") = std::move(row);
    }
}

void callback_complete(ComplaintService& service, const Actor& actor, const Record& request,
                       Record& reply) {
    auto id = integer(request, "id");
    if (!id)
        fail(REDRESS_E_INVALID, "id: required");
    auto cb = service.store().find_callback(*id);
    if (!cb)
        fail(REDRESS_E_NOT_FOUND, "no callback " + std::to_string(*id));
    service.load_visible(cb->tracking_number, actor); // 404 outside the actor's departments
    if (cb->done_at_ms)
        fail(REDRESS_E_REFUSED,
             "callback " + std::to_string(*id) + " is already done (" + cb->outcome + ")");
    std::string outcome = text(request, "outcome");
    std::string notes = text(request, "notes");
    if (notes.size() > 4000)
        fail(REDRESS_E_INVALID, "notes: at most 4000 bytes");
    Callback done = *cb;
    done.done_at_ms = service.now_ms();
    done.done_by = actor.name;
    done.outcome = outcome;
    done.notes = notes;
    std::optional<std::int64_t> score;
    if (outcome == "satisfied") {
        score = integer(request, "satisfaction");
        if (!score || *score < 1 || *score > 5)
            fail(REDRESS_E_INVALID, "satisfaction: required, 1 to 5");
        done.satisfaction = static_cast<int>(*score);
    } else if (outcome != "unsatisfied" && outcome != "unreachable") {
        fail(REDRESS_E_INVALID, "outcome: must be satisfied, unsatisfied or unreachable");
    }
    // Claim the call first: of two concurrent completions (a double click, a
    // retry) exactly one goes on, so no outcome is applied twice.
    if (!service.store().finish_callback(done))
        fail(REDRESS_E_REFUSED, "callback " + std::to_string(*id) + " was completed meanwhile");
    try {
        if (outcome == "satisfied") {
            Poco::JSON::Object::Ptr data = new Poco::JSON::Object;
            data->set("satisfaction", static_cast<Poco::Int64>(*score));
            auto r = transition(service, actor, cb->tracking_number, "close",
                                notes.empty() ? "follow-up call: satisfied" : notes, data);
            reply.set("status", std::string(to_string(r.complaint.status)));
        } else if (outcome == "unsatisfied") {
            auto r = transition(
                service, actor, cb->tracking_number, "reopen",
                notes.empty() ? "follow-up call: the customer is not satisfied" : notes, nullptr);
            reply.set("status", std::string(to_string(r.complaint.status)));
        } else {
            Callback next = *cb;
            next.id = 0;
            next.attempt = cb->attempt + 1;
            next.due_at_ms =
                integer(request, "due_at").value_or(service.now_ms() + 24 * 3600 * 1000);
            next.created_by = actor.name;
            next.created_at_ms = service.now_ms();
            reply.set("callback_id", service.store().add_callback(next));
            reply.set("status", std::string(to_string(
                                    service.load_visible(cb->tracking_number, actor).status)));
        }
    } catch (...) {
        // The outcome could not be applied: put the call back on the queue as it
        // was, so it is not lost with the claim.
        Callback again = *cb;
        again.id = 0;
        again.created_at_ms = service.now_ms();
        try {
            service.store().add_callback(again);
        } catch (...) {
        }
        throw;
    }
}

} // namespace

Poco::JSON::Object::Ptr record_to_json(const Record& record,
                                       const std::set<std::string, std::less<>>& lists) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    for (const auto& f : record.fields()) {
        const bool list = lists.count(f.name) > 0;
        if (f.values.size() == 1 && !list) {
            o->set(f.name, value_json(f.values.front(), lists));
        } else {
            Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
            for (const auto& v : f.values)
                if (!list || !std::holds_alternative<std::monostate>(v))
                    a->add(value_json(v, lists));
            o->set(f.name, a);
        }
    }
    return o;
}

PluginServices::PluginServices(ComplaintService& service)
    : service_(service) {}

void PluginServices::call(const std::string& plugin, std::string_view op, const Record& request,
                          Record& reply) {
    try {
        Actor actor = actor_of(plugin, request);
        if (op == "complaint.submit")
            submit(service_, actor, request, reply);
        else if (op == "complaint.submit_batch")
            submit_batch(service_, actor, request, reply);
        else if (op == "complaint.get")
            get(service_, actor, request, reply);
        else if (op == "complaint.find")
            find(service_, actor, request, reply);
        else if (op == "complaint.comment")
            comment(service_, actor, request, reply);
        else if (op == "complaint.transition")
            transition_op(service_, actor, request, reply);
        else if (op == "departments.list")
            departments(service_, actor, reply);
        else if (op == "callback.schedule")
            callback_schedule(service_, actor, request, reply);
        else if (op == "callback.list")
            callback_list(service_, actor, request, reply);
        else if (op == "callback.complete")
            callback_complete(service_, actor, request, reply);
        else
            fail(REDRESS_E_UNSUPPORTED, "no host service \"" + std::string(op) + "\"");
    } catch (const ServiceError& e) {
        throw ServiceCallError(status_of(e), message_of(e.field(), e.what()));
    } catch (const StoreError& e) {
        throw ServiceCallError(REDRESS_E_UNAVAILABLE, std::string("storage: ") + e.what());
    } catch (const Poco::Exception& e) {
        throw ServiceCallError(REDRESS_E_INVALID, e.displayText());
    }
}

} // namespace redress::core::api
