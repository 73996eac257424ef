#include "messages.hpp"

#include <array>
#include <utility>

namespace redress::web {
namespace {

struct Pair {
    std::string_view zh, en;
};

std::string_view pick(const Pair& p, Lang lang) {
    return lang == Lang::En ? p.en : p.zh;
}

Pair msg(Msg m) {
    switch (m) {
    case Msg::FormTitle:
        return {"投诉登记", "Complaint form"};
    case Msg::FormIntro:
        return {"请告诉我们发生了什么。带 * "
                "的为必填项；请至少留下电话、电子邮件或地址中的一项，以便我们联系您。",
                "Tell us what happened. Fields marked * are required; leave at least a phone "
                "number, an e-mail address or a postal address so that we can reach you."};
    case Msg::SectionCustomer:
        return {"您的联系方式", "How to reach you"};
    case Msg::SectionProduct:
        return {"产品信息", "The product"};
    case Msg::SectionComplaint:
        return {"投诉内容", "Your complaint"};
    case Msg::Required:
        return {"（必填）", "(required)"};
    case Msg::ChooseCategory:
        return {"— 请选择 —", "— choose —"};
    case Msg::Submit:
        return {"提交投诉", "Send complaint"};
    case Msg::FixBelow:
        return {"有些内容需要修改，请查看下面标出的字段。您填写的内容都已保留。",
                "Some fields need your attention; see the messages below. Everything you "
                "entered has been kept."};
    case Msg::OtherProblems:
        return {"其他问题", "Other problems"};
    case Msg::HoneypotLabel:
        return {"请勿填写此项", "Leave this field empty"};
    case Msg::OtherLanguage:
        return {"English", "中文"};
    case Msg::ReceiptTitle:
        return {"投诉已收到", "Complaint received"};
    case Msg::ReceiptNumber:
        return {"您的投诉编号", "Your tracking number"};
    case Msg::ReceiptKeep:
        return {"请保存此编号，联系我们时提供它，我们可以马上找到您的记录。",
                "Please keep this number and quote it when you contact us, so we can find your "
                "case at once."};
    case Msg::ReceiptReplyBy:
        return {"我们将在 {1} 前答复您（{2} 时间）。", "We will reply by {1} ({2} time)."};
    case Msg::ReceiptReplayed:
        return {"这份表单之前已经提交过，我们没有重复登记；编号与第一次相同。",
                "This form had already been sent; it was not registered twice and the number "
                "is the same as the first time."};
    case Msg::ReceiptNext:
        return {"接下来：专人负责您的投诉，会先联系您确认问题，再提出处理方案。",
                "What happens next: a named person takes charge of your complaint, contacts you "
                "to confirm the problem, and then proposes how to put it right."};
    case Msg::NotFoundTitle:
        return {"找不到该部门", "Department not found"};
    case Msg::NotFoundText:
        return {"没有名为“{1}”的部门，请检查网址。",
                "There is no department called \"{1}\". Please check the address."};
    case Msg::DisabledTitle:
        return {"暂不受理网上投诉", "Web complaints not accepted"};
    case Msg::DisabledText:
        return {"{1}（{2}）目前未开通“{3}"
                "”渠道，无法通过网页提交投诉，您的内容没有被保存。请通过电话或电子邮件联系我们。",
                "{1} ({2}) does not currently accept complaints through the \"{3}\" channel, so "
                "nothing was saved. Please contact us by phone or e-mail."};
    case Msg::HoneypotTitle:
        return {"无法受理此提交", "Submission not accepted"};
    case Msg::HoneypotText:
        return {"表单中的隐藏字段“website”被填写了，这通常是自动程序所为，因此本次提交没有被保存。"
                "如果您是真人，请清空该字段后重新提交。",
                "The hidden field \"website\" was filled in, which automated programs do, so "
                "this submission was not saved. If you are a person, empty that field and send "
                "the form again."};
    case Msg::TooLargeTitle:
        return {"提交内容过大", "Submission too large"};
    case Msg::TooLargeText:
        return {"提交的内容超过了 {1} 字节的上限，没有被保存。请缩短描述后重试。",
                "The submission is larger than the limit of {1} bytes and was not saved. "
                "Please shorten the descriptions and try again."};
    case Msg::RateTitle:
        return {"提交过于频繁", "Too many submissions"};
    case Msg::RateText:
        return {"您的网络地址提交得太频繁了，请在 {1} 秒后重试。",
                "Too many submissions from your network address; please try again in {1} seconds."};
    case Msg::BadRequestTitle:
        return {"无法读取提交的内容", "The submission could not be read"};
    case Msg::BadRequestText:
        return {"无法读取提交的内容：{1}", "The submission could not be read: {1}"};
    case Msg::UnsupportedTitle:
        return {"不支持的提交格式", "Unsupported format"};
    case Msg::UnsupportedText:
        return {"不支持“{1}”格式；请使用 application/x-www-form-urlencoded 或 application/json。",
                "\"{1}\" is not accepted; send application/x-www-form-urlencoded or "
                "application/json."};
    case Msg::MethodTitle:
        return {"不支持的请求方法", "Method not allowed"};
    case Msg::MethodText:
        return {"此地址不支持 {1} 请求；请使用 GET 或 POST。",
                "{1} is not allowed here; use GET or POST."};
    case Msg::UnavailableTitle:
        return {"暂时无法受理", "Temporarily unavailable"};
    case Msg::UnavailableText:
        return {"系统暂时无法保存投诉，本次提交没有被保存。请稍后在本页面重新提交，不会重复登记。",
                "We cannot store complaints at the moment, so this one was not saved. Please send "
                "the same page again in a little while; it will not be registered twice."};
    case Msg::IndexTitle:
        return {"网上投诉", "Complaints on the web"};
    case Msg::IndexText:
        return {"请选择受理您投诉的部门：", "Choose the department your complaint is for:"};
    case Msg::IndexEmpty:
        return {"目前没有部门受理网上投诉。",
                "No department accepts complaints on the web at the moment."};
    case Msg::BackToForm:
        return {"返回表单", "Back to the form"};
    }
    return {"", ""};
}

struct FieldText {
    std::string_view field;
    Pair label;
    Pair hint;
};

const std::array<FieldText, 17> field_texts{{
    {"customer_company",
     {"公司名称", "Company"},
     {"个人投诉可不填", "Leave empty if you complain for yourself"}},
    {"customer_contact", {"联系人", "Contact person"}, {"", ""}},
    {"customer_phone",
     {"联系电话", "Phone"},
     {"例如 13800138000 或 +86 21 5555 0101", "e.g. +44 20 7946 0321"}},
    {"customer_email", {"电子邮件", "E-mail"}, {"", ""}},
    {"customer_address", {"地址", "Address"}, {"", ""}},
    {"product_name", {"产品名称", "Product name"}, {"", ""}},
    {"product_spec", {"型号 / 规格", "Model / specification"}, {"", ""}},
    {"product_batch",
     {"批号", "Batch number"},
     {"印在包装或铭牌上", "Printed on the package or rating plate"}},
    {"product_production_date",
     {"生产日期", "Production date"},
     {"格式 YYYY-MM-DD", "As YYYY-MM-DD"}},
    {"product_used_at",
     {"使用时间", "When it was used"},
     {"例如 2026年11月初", "e.g. early November"}},
    {"product_symptoms", {"故障现象", "What goes wrong"}, {"", ""}},
    {"product_previous_brand", {"之前使用的品牌", "Brand used before"}, {"", ""}},
    {"category", {"投诉类别", "Category"}, {"", ""}},
    {"cause", {"投诉原因", "What happened"}, {"请用您自己的话描述", "In your own words"}},
    {"request",
     {"您的要求", "What you ask for"},
     {"您认为怎样处理才算公平？", "What would you consider a fair resolution?"}},
    {"loss_amount", {"损失金额", "Amount of loss"}, {"例如 1299.00", "e.g. 1299.00"}},
    {"loss_currency", {"币种", "Currency"}, {"", ""}},
}};

const FieldText* field_text(std::string_view field) {
    for (const FieldText& f : field_texts)
        if (f.field == field)
            return &f;
    return nullptr;
}

const std::array<std::pair<std::string_view, Pair>, 6> category_texts{{
    {"quality", {"产品质量", "Product quality"}},
    {"delivery", {"送货 / 安装", "Delivery or installation"}},
    {"service", {"服务态度", "Service"}},
    {"billing", {"价格 / 发票", "Prices or invoices"}},
    {"safety", {"安全隐患", "Safety hazard"}},
    {"other", {"其他", "Other"}},
}};

Pair problem_text(FieldProblem::Kind k) {
    using K = FieldProblem::Kind;
    switch (k) {
    case K::Required:
        return {"此项必填。", "This field is required."};
    case K::TooLong:
        return {"太长了：最多 {1} 字节（约 {2} 个汉字），现在是 {3} 字节。",
                "Too long: at most {1} bytes (about {2} Chinese characters); this has {3}."};
    case K::NotUtf8:
        return {"含有无法识别的字符（不是有效的 UTF-8）。",
                "Contains characters that are not valid UTF-8."};
    case K::NotText:
        return {"应为文字（JSON 字符串）。", "Must be text (a JSON string)."};
    case K::Repeated:
        return {"此项提交了不止一次。", "This field was sent more than once."};
    case K::Unknown:
        return {"表单中没有这一项。", "The form has no such field."};
    case K::BadEmail:
        return {"不像是电子邮件地址，例如 name@example.com。",
                "This does not look like an e-mail address such as name@example.com."};
    case K::BadPhone:
        return {"不像是电话号码：只能包含数字、空格和 + ( ) - .，至少 5 位数字。",
                "This does not look like a phone number: digits, spaces and + ( ) - . only, at "
                "least 5 digits."};
    case K::BadDate:
        return {"请按 YYYY-MM-DD 填写一个有效日期，例如 2026-07-15。",
                "Enter a real date as YYYY-MM-DD, e.g. 2026-07-15."};
    case K::BadCategory:
        return {"请从列表中选择一个类别。", "Choose a category from the list."};
    case K::BadAmount:
        return {"请填写一个非负数金额，最多 {1} 位小数，例如 1299.50。",
                "Enter an amount that is not negative, with at most {1} decimals, e.g. 1299.50."};
    case K::BadCurrency:
        return {"请选择一个币种（三个大写字母，例如 CNY）。",
                "Choose a currency (three capital letters such as CNY)."};
    case K::NoContact:
        return {"请至少留下电话、电子邮件或地址中的一项，以便我们联系您。",
                "Leave at least a phone number, an e-mail address or a postal address so that "
                "we can reach you."};
    case K::NoName:
        return {"请填写联系人或公司名称。", "Enter a contact person or a company name."};
    case K::BadToken:
        return {"表单编号无效（应为 16 到 64 个字母、数字、_ 或 -）；已换成新的表单，请重新提交。",
                "The form token is not valid (16 to 64 letters, digits, _ or -); this form has a "
                "new one, so please send it again."};
    case K::Host:
        return {"未被接受：{1}", "Not accepted: {1}"};
    }
    return {"", ""};
}

std::string substitute(std::string_view pattern, std::initializer_list<std::string_view> args) {
    std::string out(pattern);
    std::size_t n = 1;
    for (std::string_view a : args) {
        std::string marker = "{" + std::to_string(n++) + "}";
        for (auto pos = out.find(marker); pos != std::string::npos;
             pos = out.find(marker, pos + a.size()))
            out.replace(pos, marker.size(), a);
    }
    return out;
}

} // namespace

std::string_view text(Msg m, Lang lang) {
    return pick(msg(m), lang);
}

std::string text(Msg m, Lang lang, std::initializer_list<std::string_view> args) {
    return substitute(text(m, lang), args);
}

std::string_view label(std::string_view field, Lang lang) {
    const FieldText* f = field_text(field);
    return f ? pick(f->label, lang) : field;
}

std::string_view hint(std::string_view field, Lang lang) {
    const FieldText* f = field_text(field);
    return f ? pick(f->hint, lang) : std::string_view{};
}

std::string_view category_label(std::string_view category, Lang lang) {
    for (const auto& [name, p] : category_texts)
        if (name == category)
            return pick(p, lang);
    return category;
}

std::string describe(const FieldProblem& problem, Lang lang) {
    std::string_view pattern = pick(problem_text(problem.kind), lang);
    switch (problem.kind) {
    case FieldProblem::Kind::TooLong:
        return substitute(pattern,
                          {std::to_string(problem.limit), std::to_string(problem.limit / 3),
                           std::to_string(problem.actual)});
    case FieldProblem::Kind::BadAmount:
        return substitute(pattern, {std::to_string(problem.limit)});
    case FieldProblem::Kind::Host:
        return substitute(pattern, {problem.detail});
    default:
        return std::string(pattern);
    }
}

} // namespace redress::web
