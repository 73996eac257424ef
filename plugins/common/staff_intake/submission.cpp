#include "submission.hpp"

#include "http_reply.hpp"
#include "time_input.hpp"

#include <redress/services.hpp>

namespace redress::intake {

void check_department_scope(const Caller& caller, std::string_view department,
                            std::string_view channel) {
    if (caller.may_act_in(department))
        return;
    std::string scope;
    for (const auto& d : caller.departments)
        scope += (scope.empty() ? "" : ", ") + d;
    throw RequestError(403, "refused",
                       caller.name + " may not register complaints in department '" +
                           std::string(department) + "' through channel '" + std::string(channel) +
                           "' (the token covers: " + (scope.empty() ? "no department" : scope) +
                           ")",
                       "department");
}

void submit_and_reply(const Host& host, const OwnedRecord& request, const Caller& caller,
                      std::string_view department, std::string_view channel,
                      HttpResponse& response) {
    OwnedRecord reply = [&] {
        try {
            return host.call(service::submit, request);
        } catch (const Error& e) {
            throw from_host_error(e, {std::string(department), std::string(channel)});
        }
    }();
    auto body = submission_json(reply.view(), department, channel);
    body->set("recorder", caller.name);
    bool created = reply.view().boolean("created", true);
    response.header("Location", "/complaints/" + body->getValue<std::string>("id"));
    reply_json(response, created ? 201 : 200, body);
}

Poco::JSON::Object::Ptr submission_json(const RecordView& reply, std::string_view department,
                                        std::string_view channel) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", std::string(reply.string("tracking_number")));
    o->set("created", reply.boolean("created", true));
    o->set("status", std::string(reply.string("status")));
    o->set("department", std::string(department));
    o->set("department_name", std::string(reply.string("department_name")));
    o->set("channel", std::string(channel));
    if (reply.has("first_response_due"))
        o->set("first_response_due", format_iso8601(reply.integer("first_response_due")));
    if (reply.has("resolution_due"))
        o->set("resolution_due", format_iso8601(reply.integer("resolution_due")));
    o->set("first_response_due_local", std::string(reply.string("first_response_due_local")));
    o->set("time_zone", std::string(reply.string("time_zone")));
    return o;
}

} // namespace redress::intake
