#include "form.hpp"

#include "text_width.hpp"

#include <sstream>

namespace redress::cli {

void Form::section(const std::string& title) {
    out_ << title << '\n';
}

void Form::heading(const std::string& title, const std::string& value) {
    line(title, value, 0);
}

void Form::field(const std::string& label, const std::string& value) {
    if (!value.empty())
        line(label, value, 2);
}

void Form::line(const std::string& label, const std::string& value, std::size_t indent) {
    std::string head(indent, ' ');
    head += label;
    std::size_t used = display_width(head);
    head.append(used < label_width_ ? label_width_ - used : 1, ' ');
    std::istringstream lines(value);
    std::string text;
    bool first = true;
    while (std::getline(lines, text)) {
        if (!text.empty() && text.back() == '\r')
            text.pop_back();
        out_ << (first ? head : std::string(label_width_, ' ')) << single_line(text) << '\n';
        first = false;
    }
    if (first) // an empty value: the label alone
        out_ << std::string(indent, ' ') << label << '\n';
}

} // namespace redress::cli
