// redress/intake/submission.hpp — registering a complaint a member of staff
// took down, and answering the request that carried it.
#pragma once

#include <Poco/JSON/Object.h>
#include <redress/host.hpp>
#include <redress/http.hpp>
#include <string_view>

namespace redress::intake {

//! Throws RequestError 403 naming the caller, department and channel when
//! the caller's token does not cover department (the host checks again; this
//! gives the clearer message before anything is sent).
void check_department_scope(const Caller& caller, std::string_view department,
                            std::string_view channel);

//! Calls complaint.submit with request (the form, channel, recorder, actor,
//! ref, channel_data already written) and answers: 201 with Location
//! /complaints/{id} for a new complaint, 200 when the ref was seen before.
//! Host errors become RequestErrors (http_reply.hpp) naming department and
//! channel. The JSON body is submission_json's, plus "recorder".
void submit_and_reply(const Host& host, const OwnedRecord& request, const Caller& caller,
                      std::string_view department, std::string_view channel,
                      HttpResponse& response);

//! The JSON for a complaint.submit reply: id (the tracking number), created,
//! status, department, department_name, channel, first_response_due and
//! resolution_due (ISO 8601 UTC), first_response_due_local and time_zone.
Poco::JSON::Object::Ptr submission_json(const RecordView& reply, std::string_view department,
                                        std::string_view channel);

} // namespace redress::intake
