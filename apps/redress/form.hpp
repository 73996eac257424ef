// Labelled values printed one per line with the values lined up, in titled
// sections: the layout of `redress show` and `redress token create`.
#pragma once

#include <ostream>
#include <string>

namespace redress::cli {

class Form {
public:
    //! `label_width` is the column at which values start.
    explicit Form(std::ostream& out, std::size_t label_width = 22)
        : out_(out)
        , label_width_(label_width) {}

    //! A section title on its own line; the fields after it are indented.
    void section(const std::string& title);
    //! A title with its value on the same line, e.g. "Loss  1299.00 CNY".
    void heading(const std::string& title, const std::string& value);
    //! A field; skipped when the value is empty. Text of several lines is
    //! continued under the value column.
    void field(const std::string& label, const std::string& value);

private:
    void line(const std::string& label, const std::string& value, std::size_t indent);

    std::ostream& out_;
    std::size_t label_width_;
};

} // namespace redress::cli
