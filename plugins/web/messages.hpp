// Every word the form's pages say, in Chinese and English. Plain text: the
// page renderers HTML-escape it (and every argument) when they write it.
#pragma once

#include "form_fields.hpp"
#include "language.hpp"

#include <initializer_list>
#include <string>
#include <string_view>

namespace redress::web {

//! Fixed texts of the pages.
enum class Msg {
    FormTitle,       //!< "投诉登记" — heading; the department follows
    FormIntro,       //!< what the form is for and what is required
    SectionCustomer, //!< fieldset legends
    SectionProduct,
    SectionComplaint,
    Required,        //!< the marker after a required label
    ChooseCategory,  //!< the select's empty option
    Submit,          //!< the button
    FixBelow,        //!< the summary above a form with errors
    OtherProblems,   //!< heading for problems with fields not on the form
    HoneypotLabel,   //!< the hidden field's label (for screen readers: leave empty)
    OtherLanguage,   //!< the link to the page in the other language
    ReceiptTitle,    //!< "投诉已收到"
    ReceiptNumber,   //!< "您的投诉编号"
    ReceiptKeep,     //!< keep the number; quote it when you call
    ReceiptReplyBy,  //!< "我们将在 {1} 前答复您" ({1} local time, {2} time zone)
    ReceiptReplayed, //!< this form was already received; the same number
    ReceiptNext,     //!< what happens next
    NotFoundTitle,
    NotFoundText, //!< {1} the department id from the URL
    DisabledTitle,
    DisabledText, //!< {1} department name, {2} department id, {3} channel
    HoneypotTitle,
    HoneypotText,
    TooLargeTitle,
    TooLargeText, //!< {1} the limit in bytes
    RateTitle,
    RateText, //!< {1} seconds to wait
    BadRequestTitle,
    BadRequestText, //!< {1} what was wrong
    UnsupportedTitle,
    UnsupportedText, //!< {1} the content type received
    MethodTitle,
    MethodText, //!< {1} the method
    UnavailableTitle,
    UnavailableText,
    IndexTitle,
    IndexText,
    IndexEmpty,
    BackToForm,
};

//! The text of m in lang.
std::string_view text(Msg m, Lang lang);

//! text(m, lang) with {1}, {2}… replaced by args, in order. Arguments are
//! inserted verbatim (escape the result, not the arguments, when writing HTML).
std::string text(Msg m, Lang lang, std::initializer_list<std::string_view> args);

//! The label of a visible form field ("联系电话" / "Phone").
std::string_view label(std::string_view field, Lang lang);
//! A hint shown under a field, or "" ("例如 13800138000" / "e.g. …").
std::string_view hint(std::string_view field, Lang lang);
//! The name of a complaint category ("质量问题" / "Product quality").
std::string_view category_label(std::string_view category, Lang lang);
//! What is wrong with a field, as a sentence for the customer.
std::string describe(const FieldProblem& problem, Lang lang);

} // namespace redress::web
