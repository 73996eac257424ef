// The "desk" plugin: complaints staff take down by hand — a visit, a fax, a
// letter, a sales representative's report — entered through
//   POST /desk/complaints   (JSON, API token; see desk_request.hpp)
//   GET  /desk/             (the desk channels, their fields, and in which of
//                            the caller's departments each is enabled)
// The recorder is always the signed-in user; a body naming a recorder is
// refused, so nobody signs for someone else.
#include "desk_channels.hpp"
#include "desk_request.hpp"
#include "staff_intake/form_record.hpp"
#include "staff_intake/http_reply.hpp"
#include "staff_intake/submission.hpp"

#include <Poco/JSON/Array.h>
#include <redress/redress.hpp>
#include <redress/services.hpp>

namespace {

using namespace redress;
using intake::RequestError;

class DeskPlugin : public IntakeChannel {
public:
    static PluginInfo info() {
        PluginInfo i;
        i.name = "desk";
        i.version = "1.0.0";
        i.description = "complaints staff take down: visits, faxes, letters, sales reps";
        i.channels = {"visit", "fax", "letter", "sales_rep"};
        i.http_prefixes = {"/desk"};
        i.config = {{"max_body", ConfigType::Integer, false, "65536",
                     "largest request body accepted, in bytes (a form is a few KiB)"}};
        return i;
    }

    DeskPlugin(Host host, ConfigView config)
        : host_(host)
        , max_body_(static_cast<std::size_t>(config.integer("max_body", 65536))) {
        if (config.integer("max_body", 65536) < 1024)
            throw Error(REDRESS_E_INVALID, "plugin.desk.max_body must be at least 1024 bytes");
    }

    void handle_http(const HttpRequest& request, HttpResponse& response) override {
        intake::guarded_reply(response, [&] {
            std::string_view path = request.path();
            if (path == "/" || path.empty()) {
                if (request.method() != "GET")
                    throw intake::method_not_allowed(request.method(), "/desk/", "GET");
                describe(request, response);
            } else if (path == "/complaints") {
                if (request.method() != "POST")
                    throw intake::method_not_allowed(request.method(), "/desk/complaints", "POST");
                submit(request, response);
            } else {
                throw RequestError(404, "not_found",
                                   "no such endpoint: /desk" + std::string(path) +
                                       " (the desk serves GET /desk/ and POST /desk/complaints)");
            }
        });
    }

private:
    void describe(const HttpRequest& request, HttpResponse& response) const {
        Caller caller = intake::require_caller(request);
        Poco::JSON::Object::Ptr body = desk::describe_desk_channels();
        // Where each channel is enabled, among the caller's departments.
        OwnedRecord reply = [&] {
            try {
                OwnedRecord list = host_.make_record();
                RecordWriter w = list.writer();
                intake::write_actor(caller, w);
                return host_.call(service::departments, list);
            } catch (const Error& e) {
                throw intake::from_host_error(e);
            }
        }();
        auto channels = body->getArray("channels");
        for (std::size_t i = 0; i < channels->size(); ++i) {
            auto channel = channels->getObject(static_cast<unsigned>(i));
            std::string name = channel->getValue<std::string>("name");
            Poco::JSON::Array::Ptr enabled = new Poco::JSON::Array;
            for (const RecordView& d : reply.view().records("department")) {
                std::string id(d.string("id"));
                if (!caller.may_act_in(id))
                    continue;
                for (const RecordView& c : d.records("channel"))
                    if (c.string("name") == name && c.boolean("enabled"))
                        enabled->add(id);
            }
            channel->set("enabled_in", enabled);
        }
        intake::reply_json(response, 200, body);
    }

    void submit(const HttpRequest& request, HttpResponse& response) const {
        Caller caller = intake::require_caller(request);
        desk::DeskComplaint c = desk::read_desk_complaint(request.body(), max_body_);
        const std::string& department = c.form.department;
        intake::check_department_scope(caller, department, c.channel->name);
        OwnedRecord submit = host_.make_record();
        RecordWriter w = submit.writer();
        intake::write_form(c.form, w);
        w.set(field::channel, c.channel->name);
        w.set(field::recorder, caller.name);
        intake::write_actor(caller, w);
        // A client that retries (a double-clicked "save") sends the same key.
        if (auto key = request.header("idempotency-key")) {
            if (key->empty() || key->size() > 200)
                throw RequestError(400, "invalid_header",
                                   "Idempotency-Key must have 1 to 200 bytes", "Idempotency-Key");
            w.set("ref", *key);
        }
        RecordWriter data = w.add_record("channel_data");
        for (const auto& v : c.channel_data)
            std::visit([&](const auto& value) { data.set(v.name, value); }, v.value);
        intake::submit_and_reply(host_, submit, caller, department, c.channel->name, response);
    }

    Host host_;
    std::size_t max_body_;
};

} // namespace

REDRESS_PLUGIN(DeskPlugin)
