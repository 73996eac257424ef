// What one fetch of one mailbox did, as POST /email/fetch and GET
// /email/status report it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace redress::email {

struct FetchResult {
    std::string mailbox; //!< MailboxConfig::label()
    std::string department;
    std::int64_t started_at_ms = 0;  //!< UTC, host clock
    std::int64_t finished_at_ms = 0; //!< UTC, host clock
    int fetched = 0;                 //!< mails read from the server (whole, or header only)
    int created = 0;                 //!< new complaints
    int comments = 0;                //!< new comments on existing complaints
    int duplicates = 0;              //!< mails already registered (same Message-ID)
    int too_large = 0;               //!< mails over max_message_bytes, registered from their header
    int left_on_server = 0;          //!< mails not deleted (too large, refused, failed)
    std::vector<std::string> errors; //!< each names the mail (number, Message-ID) and the cause
};

} // namespace redress::email
