#include "result_pages.hpp"

#include "html.hpp"
#include "messages.hpp"

namespace redress::web {

std::string render_receipt(Lang lang, const Receipt& r) {
    std::string title(text(Msg::ReceiptTitle, lang));
    std::string body = "<h1>" + escape(title) + "</h1>\n";
    body += "<p>" + escape(r.department_name) + "</p>\n";
    body += "<p>" + escape(text(Msg::ReceiptNumber, lang)) + "</p>\n";
    body += "<p class=\"number\" id=\"tracking-number\">" + escape(r.tracking_number) + "</p>\n";
    if (!r.created)
        body += "<p>" + escape(text(Msg::ReceiptReplayed, lang)) + "</p>\n";
    if (!r.first_response_due_local.empty())
        body += "<p id=\"reply-by\">" +
                escape(text(Msg::ReceiptReplyBy, lang, {r.first_response_due_local, r.time_zone})) +
                "</p>\n";
    body += "<p>" + escape(text(Msg::ReceiptNext, lang)) + "</p>\n";
    body += "<p>" + escape(text(Msg::ReceiptKeep, lang)) + "</p>\n";
    return document(lang, title, body);
}

std::string render_index(Lang lang, const std::vector<DepartmentLink>& departments) {
    std::string title(text(Msg::IndexTitle, lang));
    std::string body = "<h1>" + escape(title) + "</h1>\n";
    if (departments.empty())
        return document(lang, title, body + "<p>" + escape(text(Msg::IndexEmpty, lang)) + "</p>\n");
    body += "<p>" + escape(text(Msg::IndexText, lang)) + "</p>\n<ul>\n";
    for (const DepartmentLink& d : departments)
        body += "<li><a href=\"" + escape(d.href) + "?lang=" + std::string(code(lang)) + "\">" +
                escape(d.name) + "</a></li>\n";
    return document(lang, title, body + "</ul>\n");
}

} // namespace redress::web
