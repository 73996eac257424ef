#include "mailbox_fetcher.hpp"

#include "mail_parser.hpp"
#include "pop3_mailbox.hpp"

#include <Poco/Exception.h>
#include <redress/complaint.hpp>
#include <redress/error.hpp>
#include <redress/services.hpp>
#include <system_error>
#include <unistd.h>

namespace redress::email {
namespace {

std::string describe(const std::exception& e) {
    if (auto* p = dynamic_cast<const Poco::Exception*>(&e))
        return p->displayText();
    return e.what();
}

std::string mail_name(int id, const std::string& message_id) {
    return "mail " + std::to_string(id) + (message_id.empty() ? "" : " " + message_id);
}

// Removes the spool file however the round for one mail ends.
struct SpoolFile {
    std::filesystem::path path;
    ~SpoolFile() {
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
};

} // namespace

MailboxFetcher::MailboxFetcher(Host host, const Settings& settings, AttachmentStore& store)
    : host_(host)
    , settings_(settings)
    , store_(store)
    , spool_dir_(store.dir() / ".spool") {
    std::error_code ec;
    std::filesystem::create_directories(spool_dir_, ec);
    if (ec)
        throw Error(REDRESS_E_UNAVAILABLE,
                    "cannot create the spool folder " + spool_dir_.string() + ": " + ec.message());
}

FetchResult MailboxFetcher::fetch(const MailboxConfig& mailbox) {
    FetchResult r;
    r.mailbox = mailbox.label();
    r.department = mailbox.department;
    r.started_at_ms = host_.now_ms();
    auto error = [&](const std::string& message) {
        r.errors.push_back(message);
        host_.log(LogLevel::Warning, mailbox.label() + ": " + message);
    };
    try {
        Pop3Mailbox pop(mailbox, settings_.timeout);
        for (const Pop3Mailbox::Message& m : pop.list()) {
            std::string message_id;
            try {
                ComplaintDraft draft;
                bool deletable = true;
                if (m.size > settings_.max_message_bytes) {
                    // Not downloaded whole: the header says who and what, the
                    // mail stays for a person to read in the mailbox.
                    ParsedMail head = parse_header_only(pop.header(m.id));
                    message_id = head.message_id;
                    draft =
                        draft_too_large(head, m.size, settings_.max_message_bytes, mailbox.label());
                    ++r.too_large;
                    deletable = false;
                } else {
                    SpoolFile spool{spool_dir_ / ("mail-" + std::to_string(::getpid()) + "-" +
                                                  std::to_string(m.id) + ".eml")};
                    pop.retrieve(m.id, spool.path);
                    ParsedMail mail = parse_mail_file(spool.path, store_);
                    message_id = mail.message_id;
                    draft = draft_from(mail, store_);
                }
                ++r.fetched;
                switch (commit(draft, mailbox)) {
                case Outcome::Created:
                    ++r.created;
                    break;
                case Outcome::Commented:
                    ++r.comments;
                    break;
                case Outcome::Duplicate:
                    ++r.duplicates;
                    break;
                }
                if (deletable)
                    pop.remove(m.id); // committed: now it may go
                else
                    ++r.left_on_server;
            } catch (const Error& e) {
                ++r.left_on_server;
                error(mail_name(m.id, message_id) + " stays on the server: " +
                      std::string(status_name(e.status())) + ": " + e.what());
                if (e.status() == REDRESS_E_UNAVAILABLE)
                    throw; // the server or the store is gone: end the round
            } catch (const std::exception& e) {
                ++r.left_on_server;
                error(mail_name(m.id, message_id) + " stays on the server: " + describe(e));
            }
        }
        pop.quit();
    } catch (const Error& e) {
        if (r.errors.empty() || r.errors.back().find(e.what()) == std::string::npos)
            error(e.what());
    } catch (const std::exception& e) {
        error(describe(e));
    }
    r.finished_at_ms = host_.now_ms();
    return r;
}

MailboxFetcher::Outcome MailboxFetcher::commit(ComplaintDraft& draft,
                                               const MailboxConfig& mailbox) {
    if (draft.tracking_number) {
        OwnedRecord req = host_.make_record();
        RecordWriter w = req.writer();
        w.set(field::tracking_number, *draft.tracking_number);
        w.set("text", draft.comment);
        w.set("ref", draft.ref);
        write_channel_data(w.add_record("data"), draft);
        try {
            OwnedRecord reply = host_.call(service::comment, req);
            return reply.view().boolean("created", true) ? Outcome::Commented : Outcome::Duplicate;
        } catch (const Error& e) {
            if (e.status() != REDRESS_E_NOT_FOUND)
                throw;
            make_new_complaint(draft); // falls through to a new complaint
        }
    }
    OwnedRecord req = host_.make_record();
    RecordWriter w = req.writer();
    w.set(field::department, mailbox.department);
    w.set(field::channel, "email");
    w.set(field::cause, draft.cause);
    if (!draft.request.empty())
        w.set(field::request, draft.request);
    RecordWriter customer = w.add_record(field::customer);
    customer.set(customer_field::contact, draft.contact);
    if (!draft.email.empty())
        customer.set(customer_field::email, draft.email);
    w.set("ref", draft.ref);
    write_channel_data(w.add_record("channel_data"), draft);
    OwnedRecord reply = host_.call(service::submit, req);
    return reply.view().boolean("created", true) ? Outcome::Created : Outcome::Duplicate;
}

void MailboxFetcher::write_channel_data(RecordWriter data, const ComplaintDraft& draft) const {
    data.set("message_id", draft.message_id);
    data.set("subject", draft.subject);
    data.set("from", draft.from);
    if (!draft.date.empty())
        data.set("date", draft.date);
    for (const AttachmentRef& a : draft.attachments) {
        RecordWriter att = data.add_record("attachments");
        att.set("name", a.name);
        att.set("type", a.type);
        att.set("size", static_cast<std::int64_t>(a.size));
        att.set("sha256", a.sha256);
        att.set("path", a.path);
        if (!a.note.empty())
            att.set("note", a.note);
    }
    for (const std::string& p : draft.problems)
        data.append("problems", p);
    if (draft.too_large_size) {
        data.set("too_large", true);
        data.set("size", static_cast<std::int64_t>(*draft.too_large_size));
    }
    if (draft.unknown_tracking_number)
        data.set("unknown_tracking_number", *draft.unknown_tracking_number);
}

} // namespace redress::email
