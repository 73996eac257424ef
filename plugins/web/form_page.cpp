#include "form_page.hpp"

#include "html.hpp"
#include "messages.hpp"

#include <algorithm>

namespace redress::web {
namespace {

std::string value_of(const FormValues& values, std::string_view name) {
    auto it = values.find(name);
    return it == values.end() ? std::string() : it->second;
}

// One labelled control with its hint and error, linked for screen readers.
std::string control(const FormPage& page, const FieldSpec& f) {
    std::string name(f.name);
    std::string id = "f-" + name;
    std::string value = value_of(page.values, f.name);
    auto error = page.errors.find(f.name);
    std::string_view hint_text = hint(f.name, page.lang);

    std::string described;
    if (!hint_text.empty())
        described += id + "-hint";
    if (error != page.errors.end())
        described += (described.empty() ? "" : " ") + id + "-error";

    std::string attrs = " id=\"" + id + "\" name=\"" + name + "\"";
    if (f.required)
        attrs += " required";
    if (error != page.errors.end())
        attrs += " aria-invalid=\"true\"";
    if (!described.empty())
        attrs += " aria-describedby=\"" + described + "\"";

    std::string out = "<label for=\"" + id + "\">" + escape(label(f.name, page.lang));
    if (f.required)
        out += " <span aria-hidden=\"true\">*</span><span class=\"hp\">" +
               escape(text(Msg::Required, page.lang)) + "</span>";
    out += "</label>\n";

    switch (f.kind) {
    case FieldKind::MultiLine:
        out += "<textarea" + attrs + " maxlength=\"" + std::to_string(f.max_bytes) + "\">" +
               escape(value) + "</textarea>\n";
        break;
    case FieldKind::Category: {
        out += "<select" + attrs + ">\n<option value=\"\">" +
               escape(text(Msg::ChooseCategory, page.lang)) + "</option>\n";
        for (std::string_view c : categories())
            out += "<option value=\"" + escape(c) + "\"" + (value == c ? " selected" : "") + ">" +
                   escape(category_label(c, page.lang)) + "</option>\n";
        out += "</select>\n";
        break;
    }
    case FieldKind::Currency: {
        std::string chosen = value.empty() ? page.currency : value;
        std::vector<std::string> offered = offered_currencies(page.currency);
        // A value the customer sent that we do not offer is still shown, so the
        // error message next to it makes sense and nothing they typed is lost.
        if (!chosen.empty() && std::find(offered.begin(), offered.end(), chosen) == offered.end())
            offered.insert(offered.begin(), chosen);
        out += "<select" + attrs + ">\n";
        for (const std::string& c : offered)
            out += "<option value=\"" + escape(c) + "\"" + (c == chosen ? " selected" : "") + ">" +
                   escape(c) + "</option>\n";
        out += "</select>\n";
        break;
    }
    default: {
        std::string_view type = f.kind == FieldKind::Email   ? "email"
                                : f.kind == FieldKind::Phone ? "tel"
                                : f.kind == FieldKind::Date  ? "date"
                                                             : "text";
        std::string extra = " maxlength=\"" + std::to_string(f.max_bytes) + "\"";
        if (f.kind == FieldKind::Amount)
            extra += " inputmode=\"decimal\"";
        out += "<input type=\"" + std::string(type) + "\"" + attrs + extra + " value=\"" +
               escape(value) + "\">\n";
    }
    }
    if (!hint_text.empty())
        out += "<div class=\"hint\" id=\"" + id + "-hint\">" + escape(hint_text) + "</div>\n";
    if (error != page.errors.end())
        out += "<div class=\"error\" id=\"" + id + "-error\">" +
               escape(describe(error->second, page.lang)) + "</div>\n";
    return out;
}

std::string fieldset(const FormPage& page, Msg legend, std::string_view prefix,
                     std::initializer_list<std::string_view> also) {
    std::string out = "<fieldset>\n<legend>" + escape(text(legend, page.lang)) + "</legend>\n";
    for (const FieldSpec& f : form_fields()) {
        bool mine = prefix.empty() ? std::find(also.begin(), also.end(), f.name) != also.end()
                                   : f.name.substr(0, prefix.size()) == prefix;
        if (mine)
            out += control(page, f);
    }
    return out + "</fieldset>\n";
}

} // namespace

std::vector<std::string> offered_currencies(const std::string& department_currency) {
    std::vector<std::string> out;
    if (!department_currency.empty())
        out.push_back(department_currency);
    for (const char* c : {"CNY", "HKD", "USD", "EUR", "GBP", "JPY"})
        if (std::find(out.begin(), out.end(), c) == out.end())
            out.emplace_back(c);
    return out;
}

std::string render_form(const FormPage& page) {
    Lang other = page.lang == Lang::En ? Lang::Zh : Lang::En;
    std::string title = std::string(text(Msg::FormTitle, page.lang)) + " — " + page.department_name;

    std::string body;
    body += "<p><a href=\"" + escape(page.action) + "?lang=" + std::string(code(other)) +
            "\" lang=\"" + std::string(code(other)) + "\">" +
            escape(text(Msg::OtherLanguage, page.lang)) + "</a></p>\n";
    body += "<h1>" + escape(title) + "</h1>\n";
    body += "<p>" + escape(text(Msg::FormIntro, page.lang)) + "</p>\n";

    if (!page.errors.empty()) {
        body += "<div class=\"summary\" role=\"alert\"><p>" +
                escape(text(Msg::FixBelow, page.lang)) + "</p>\n";
        // Problems with fields the form does not show (an unknown or repeated
        // hidden field) have no place below; list them here.
        std::string others;
        for (const auto& [name, problem] : page.errors)
            if (!find_field(name))
                others +=
                    "<li>" + escape(name) + ": " + escape(describe(problem, page.lang)) + "</li>\n";
        if (!others.empty())
            body += "<p>" + escape(text(Msg::OtherProblems, page.lang)) + "</p><ul>\n" + others +
                    "</ul>\n";
        body += "</div>\n";
    }

    body += "<form method=\"post\" action=\"" + escape(page.action) +
            "\" accept-charset=\"utf-8\" enctype=\"application/x-www-form-urlencoded\">\n";
    body += "<input type=\"hidden\" name=\"" + std::string(token_field) + "\" value=\"" +
            escape(page.token) + "\">\n";
    body += "<input type=\"hidden\" name=\"" + std::string(lang_field) + "\" value=\"" +
            std::string(code(page.lang)) + "\">\n";
    body += fieldset(page, Msg::SectionComplaint, "", {"category", "cause", "request"});
    body += fieldset(page, Msg::SectionCustomer, "customer_", {});
    body += fieldset(page, Msg::SectionProduct, "product_", {});
    body += "<fieldset>\n<legend>" + escape(label("loss_amount", page.lang)) + "</legend>\n";
    body += control(page, *find_field("loss_amount"));
    body += control(page, *find_field("loss_currency"));
    body += "</fieldset>\n";
    // The honeypot: people never see it; form-filling bots do and fill it.
    body += "<div class=\"hp\" aria-hidden=\"true\"><label for=\"f-website\">" +
            escape(text(Msg::HoneypotLabel, page.lang)) + "</label><input type=\"text\" id=\"f-" +
            std::string(honeypot_field) + "\" name=\"" + std::string(honeypot_field) +
            "\" tabindex=\"-1\" autocomplete=\"off\" value=\"" +
            escape(value_of(page.values, honeypot_field)) + "\"></div>\n";
    body += "<button type=\"submit\">" + escape(text(Msg::Submit, page.lang)) + "</button>\n";
    body += "</form>\n";
    return document(page.lang, title, body);
}

} // namespace redress::web
