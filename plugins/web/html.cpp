#include "html.hpp"

#include <Poco/Net/EscapeHTMLStream.h>
#include <sstream>

namespace redress::web {
namespace {

// The honeypot's wrapper is moved off-screen rather than display:none, which
// some bots detect and skip.
constexpr std::string_view style = R"(
body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:44rem;margin:1.5rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
h1{font-size:1.5rem}fieldset{border:1px solid #ccc;margin:1rem 0;padding:.5rem 1rem}
label{display:block;font-weight:600;margin-top:.75rem}
input,select,textarea{width:100%;box-sizing:border-box;padding:.4rem;font:inherit}
textarea{min-height:6rem}.hint{color:#555;font-size:.9rem}
.error{color:#a40000;font-weight:600}[aria-invalid=true]{border:2px solid #a40000}
.summary{border:2px solid #a40000;padding:.5rem 1rem;background:#fff4f4}
.hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
.number{font-size:1.6rem;font-weight:700;letter-spacing:.05em}
button{margin-top:1rem;padding:.6rem 1.5rem;font:inherit}
)";

} // namespace

std::string escape(std::string_view text) {
    std::ostringstream out;
    {
        Poco::Net::EscapeHTMLOutputStream escaper(out);
        escaper.write(text.data(), static_cast<std::streamsize>(text.size()));
        escaper.flush();
    }
    return out.str();
}

std::string document(Lang lang, std::string_view title, std::string_view body_html) {
    std::string out;
    out.reserve(body_html.size() + 1024);
    out += "<!DOCTYPE html>\n<html lang=\"";
    out += lang == Lang::En ? "en" : "zh-CN";
    out += "\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
    out += escape(title);
    out += "</title>\n<style>";
    out += style;
    out += "</style>\n</head>\n<body>\n";
    out += body_html;
    out += "</body>\n</html>\n";
    return out;
}

std::string notice_page(Lang lang, std::string_view title, std::string_view message,
                        std::string_view link_href, std::string_view link_text) {
    std::string body = "<h1>" + escape(title) + "</h1>\n<p>" + escape(message) + "</p>\n";
    if (!link_href.empty())
        body += "<p><a href=\"" + escape(link_href) + "\">" + escape(link_text) + "</a></p>\n";
    return document(lang, title, body);
}

} // namespace redress::web
