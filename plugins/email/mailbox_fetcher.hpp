// Fetches one mailbox into complaints: LIST, then per mail RETR (or TOP for
// one over max_message_bytes), parse, complaint.submit or complaint.comment,
// and DELE only once the host has committed it. A mail the host refuses
// (channel disabled, invalid form) stays on the server and is reported.
//
// Not thread-safe: EmailChannel serialises fetches.
#pragma once

#include "attachment_store.hpp"
#include "complaint_draft.hpp"
#include "fetch_result.hpp"
#include "settings.hpp"

#include <filesystem>
#include <redress/host.hpp>

namespace redress::email {

class MailboxFetcher {
public:
    MailboxFetcher(Host host, const Settings& settings, AttachmentStore& store);

    //! One fetch round. Never throws: every failure is in FetchResult::errors.
    FetchResult fetch(const MailboxConfig& mailbox);

private:
    enum class Outcome { Created, Commented, Duplicate };
    //! Registers a draft with the host; throws redress::Error as Host::call does.
    Outcome commit(ComplaintDraft& draft, const MailboxConfig& mailbox);
    void write_channel_data(RecordWriter data, const ComplaintDraft& draft) const;

    Host host_;
    const Settings& settings_;
    AttachmentStore& store_;
    std::filesystem::path spool_dir_;
};

} // namespace redress::email
