#include "html_writer.hpp"

#include "text_escape.hpp"

#include <algorithm>
#include <stdexcept>

namespace redress::report_html {

HtmlWriter::HtmlWriter(Sink& sink, std::size_t chunk_size)
    : sink_(sink)
    , chunk_size_(std::max<std::size_t>(chunk_size, 1)) {
    buffer_.reserve(chunk_size_ + chunk_size_ / 4);
}

HtmlWriter& HtmlWriter::raw(std::string_view markup) {
    buffer_.append(markup);
    maybe_flush();
    return *this;
}

HtmlWriter& HtmlWriter::text(std::string_view text) {
    append_escaped(buffer_, text);
    maybe_flush();
    return *this;
}

HtmlWriter& HtmlWriter::open(std::string_view tag, std::initializer_list<Attr> attrs) {
    start_tag(tag, attrs);
    buffer_ += '>';
    open_.emplace_back(tag);
    maybe_flush();
    return *this;
}

HtmlWriter& HtmlWriter::close() {
    if (open_.empty())
        throw std::logic_error("report-html: close() without an open element");
    buffer_ += "</";
    buffer_ += open_.back();
    buffer_ += '>';
    open_.pop_back();
    maybe_flush();
    return *this;
}

HtmlWriter& HtmlWriter::element(std::string_view tag, std::initializer_list<Attr> attrs,
                                std::string_view content) {
    start_tag(tag, attrs);
    buffer_ += '>';
    append_escaped(buffer_, content);
    buffer_ += "</";
    buffer_ += tag;
    buffer_ += '>';
    maybe_flush();
    return *this;
}

HtmlWriter& HtmlWriter::empty(std::string_view tag, std::initializer_list<Attr> attrs) {
    start_tag(tag, attrs);
    buffer_ += "/>";
    maybe_flush();
    return *this;
}

void HtmlWriter::finish() {
    if (!open_.empty())
        throw std::logic_error("report-html: <" + open_.back() + "> left open");
    flush();
}

void HtmlWriter::start_tag(std::string_view tag, std::initializer_list<Attr> attrs) {
    buffer_ += '<';
    buffer_ += tag;
    for (const Attr& a : attrs) {
        buffer_ += ' ';
        buffer_ += a.name;
        buffer_ += "=\"";
        append_escaped(buffer_, a.value);
        buffer_ += '"';
    }
}

void HtmlWriter::maybe_flush() {
    if (buffer_.size() >= chunk_size_)
        flush();
}

// A single long text (a 100 KB department name) can overfill the buffer; it
// still goes out in chunk-sized writes so the reader sees steady pieces.
void HtmlWriter::flush() {
    std::string_view pending = buffer_;
    while (!pending.empty()) {
        std::size_t n = std::min(pending.size(), chunk_size_);
        sink_.write(pending.substr(0, n));
        pending.remove_prefix(n);
    }
    buffer_.clear();
}

} // namespace redress::report_html
