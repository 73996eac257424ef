// The "email" intake channel: complaints from POP3 mailboxes, one per
// department (see settings.hpp for the config).
//
// poll() fetches each mailbox whose interval has passed; POST /email/fetch
// fetches every mailbox in the caller's departments now (supervisor or
// above); GET /email/status shows the last result per mailbox. Fetches are
// serialised (poll and HTTP may come from different threads); status reads
// never wait for a fetch.
#pragma once

#include "attachment_store.hpp"
#include "fetch_result.hpp"
#include "mailbox_fetcher.hpp"
#include "settings.hpp"

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <redress/redress.hpp>
#include <vector>

namespace redress::email {

class EmailChannel : public IntakeChannel {
public:
    static PluginInfo info();
    EmailChannel(Host host, ConfigView config);

    void poll() override;
    void handle_http(const HttpRequest& request, HttpResponse& response) override;

private:
    struct Mailbox {
        MailboxConfig config;
        std::optional<std::chrono::steady_clock::time_point> last_fetch;
    };

    //! Fetches the mailboxes at the given indexes; caller holds fetch_mutex_.
    std::vector<FetchResult> fetch(const std::vector<std::size_t>& which);
    void fetch_now(const HttpRequest& request, HttpResponse& response);
    void status(const HttpRequest& request, HttpResponse& response);

    Host host_;
    Settings settings_;
    std::unique_ptr<AttachmentStore> store_;
    std::unique_ptr<MailboxFetcher> fetcher_;
    std::vector<Mailbox> mailboxes_;
    std::mutex fetch_mutex_;
    std::mutex status_mutex_;
    std::vector<std::optional<FetchResult>> last_; //!< per mailbox, under status_mutex_
};

} // namespace redress::email
