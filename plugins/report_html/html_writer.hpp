// Well-formed markup written to a Sink in pieces.
//
// HtmlWriter builds XHTML-compatible HTML (every element closed, every text
// and attribute value escaped through text_escape.hpp) into a buffer and
// hands it to the Sink whenever it holds a chunk's worth, so a page is never
// kept whole in memory. Tag and attribute names are the plugin's own
// constants and are written as given; everything else is escaped.
// Sink::write throws redress::Error when the reader is gone; so do the
// methods here, and the page is then abandoned.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <redress/io.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace redress::report_html {

//! One attribute: a trusted name, a value escaped when written.
struct Attr {
    std::string_view name;
    std::string_view value;
};

class HtmlWriter {
public:
    //! Writes to `sink` in pieces of at most `chunk_size` bytes.
    explicit HtmlWriter(Sink& sink, std::size_t chunk_size = 16 * 1024);

    //! Trusted markup (the doctype, the style sheet), written as is.
    HtmlWriter& raw(std::string_view markup);
    //! Untrusted text, escaped.
    HtmlWriter& text(std::string_view text);
    //! Opens `tag`; close() closes the innermost open element.
    HtmlWriter& open(std::string_view tag, std::initializer_list<Attr> attrs = {});
    HtmlWriter& close();
    //! <tag attrs>text</tag>
    HtmlWriter& element(std::string_view tag, std::initializer_list<Attr> attrs,
                        std::string_view text);
    //! <tag attrs/> — for elements without content (meta, rect, line).
    HtmlWriter& empty(std::string_view tag, std::initializer_list<Attr> attrs = {});

    //! Writes what is buffered. Throws std::logic_error when an element is
    //! still open (a bug in the page code, not in the data).
    void finish();

private:
    void start_tag(std::string_view tag, std::initializer_list<Attr> attrs);
    void maybe_flush();
    void flush();

    Sink& sink_;
    std::size_t chunk_size_;
    std::string buffer_;
    std::vector<std::string> open_; // element names, innermost last
};

} // namespace redress::report_html
