// redress/services.hpp — what a plugin may ask the host to do (ABI 1.1).
//
// Host::call(op, request) runs one host service and returns its reply, or
// throws redress::Error with the host's status and message. Records use the
// field names of complaint.hpp; nested records are written with
// RecordWriter::add_record. Times are UTC milliseconds. Every write is
// committed before the call returns.
//
// Who acts: a request may carry "actor" (a nested record: name, role,
// departments…) — the person the plugin acts for, usually HttpRequest::caller().
// The host then applies that person's role and department scope exactly as the
// REST API would. Without "actor" the plugin acts as itself ("plugin:<name>"),
// with every department in scope: public channels (web form, e-mail) work so.
//
// complaint.submit — register a complaint.
//   request: the registration form (department, channel, category, severity,
//            cause, request, customer{…}, product{…}, loss{amount_minor,
//            currency}), checked exactly as POST /complaints checks it (unknown
//            fields are errors; the host times receipt itself); "recorder": who
//            wrote it down (default: the actor); "ref": a key unique within the
//            channel (e-mail Message-ID, call id, CSV row key) — submitting the
//            same ref again returns the first complaint with created = false;
//            "channel_data": a nested record kept with the complaint (call id,
//            duration, attachments…) and shown in its "created" event.
//   reply:   tracking_number, created (bool), status, department_name,
//            first_response_due, resolution_due (UTC ms),
//            first_response_due_local ("2026-11-24 17:30", the department's
//            time zone), time_zone.
//   errors:  REDRESS_E_INVALID "<field>: <what>" for a bad form;
//            REDRESS_E_REFUSED when the channel is disabled in the department
//            (the message names both); nothing is stored on any error.
//
// complaint.submit_batch — many complaints in one transaction (batch import).
//   request: "complaint": a list of nested records, each as for submit (ref
//            recommended); "dry_run" (bool): validate only, store nothing.
//   reply:   "result": one nested record per complaint, in order: index,
//            tracking_number and created — or error (message) and status
//            (REDRESS_E_*). Valid complaints are stored even when others fail.
//
// complaint.get — a complaint and its timeline.
//   request: tracking_number.
//   reply:   the complaint's fields (as submit takes them, plus
//            tracking_number, status, owner, first_response_due,
//            resolution_due, satisfaction) and "event": a list of nested
//            records (id, at, actor, type, from_status, to_status, reason,
//            data_json).
//   errors:  REDRESS_E_NOT_FOUND (also when out of the actor's scope).
//
// complaint.find — complaints of one customer (newest first).
//   request: phone and/or email (exact, after trimming) or customer (a
//            substring of company or contact); optional department, limit
//            (default 20, at most 200).
//   reply:   "complaint": a list of summaries (tracking_number, department,
//            channel, status, category, cause, received_at, owner).
//
// complaint.comment — append a comment to a complaint's timeline.
//   request: tracking_number, text, optional ref (the same ref twice adds one
//            comment) and data (a nested record shown with the comment).
//   reply:   event_id, created (bool).
//
// complaint.transition — apply a lifecycle action, as the REST API's
//   POST /complaints/{id}/transitions does.
//   request: tracking_number, action, reason, data (nested record of the
//            action's fields, e.g. satisfaction; a field with one value reads
//            as a scalar, except remedies and reasons, always lists). Like the
//            REST API it decides on the newest state, retrying a concurrent change.
//   reply:   status, version.
//
// departments.list — the departments and their channel settings.
//   reply:   "department": a list of nested records: id, name, prefix,
//            time_zone, currency, first_response and resolution (business
//            time as the config writes it: "4h", "3d"),
//            "channel": nested records (name, enabled).
//
// callback.schedule — put a follow-up call (回访) on the queue.
//   request: tracking_number, due_at (UTC ms; default now), assignee, reason.
//   reply:   id.
// callback.list — follow-up calls not yet done, earliest due first.
//   request: optional department, assignee, due_before (UTC ms), limit
//            (default 50, at most 500).
//   reply:   "callback": nested records: id, tracking_number, department,
//            due_at, assignee, reason, attempt, customer{contact, company, phone},
//            status (of the complaint).
// callback.complete — record the call's outcome.
//   request: id, outcome: "satisfied" (closes the complaint with the
//            satisfaction score 1–5), "unsatisfied" (reopens it, with reason),
//            or "unreachable" (reschedules: due_at, default in 24 hours);
//            satisfaction, notes.
//   reply:   status (of the complaint), callback_id (of a rescheduled call).
#pragma once

#include <string_view>

namespace redress::service {
inline constexpr std::string_view submit = "complaint.submit";
inline constexpr std::string_view submit_batch = "complaint.submit_batch";
inline constexpr std::string_view get = "complaint.get";
inline constexpr std::string_view find = "complaint.find";
inline constexpr std::string_view comment = "complaint.comment";
inline constexpr std::string_view transition = "complaint.transition";
inline constexpr std::string_view departments = "departments.list";
inline constexpr std::string_view callback_schedule = "callback.schedule";
inline constexpr std::string_view callback_list = "callback.list";
inline constexpr std::string_view callback_complete = "callback.complete";
} // namespace redress::service
