#include "svg_chart.hpp"

#include "text_escape.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <string_view>
#include <utility>

namespace redress::report_html {
namespace {

// The drawing is laid out in viewBox units; at the page's width one unit is
// about one CSS pixel, so font sizes below read as pixels.
constexpr double view_width = 760;
constexpr double plot_height = 220;
constexpr double margin = 8;
constexpr double right_margin = 16;
constexpr double tick_font = 11;
constexpr double label_font = 10;
constexpr double legend_row = 18;
constexpr double min_label_gap = 14; // rotated labels closer than this overlap
constexpr double max_label_band = 120;
constexpr std::size_t label_chars = 16;  // category labels on the axis
constexpr std::size_t legend_chars = 24; // series names in the legend
constexpr std::size_t tooltip_chars = 120;
// Above these counts, numbers printed on bars and points overlap each other.
constexpr std::size_t value_label_limit = 24;
constexpr std::size_t point_limit = 60;

// Distinguishable in colour and in greyscale print (Tableau 10).
constexpr std::array<std::string_view, 10> palette{"#4e79a7", "#f28e2b", "#e15759", "#76b7b2",
                                                   "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                                                   "#9c755f", "#bab0ac"};

std::string_view colour(std::size_t series) {
    return palette[series % palette.size()];
}

// A coordinate: one decimal, locale-free, clamped so that no input can
// produce an exponent or "inf" in an attribute.
std::string num(double v) {
    if (!std::isfinite(v))
        v = 0;
    v = std::clamp(v, -1e6, 1e6);
    std::array<char, 32> buf{};
    auto [end, ec] =
        std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::fixed, 1);
    std::string s(buf.data(), ec == std::errc() ? end : buf.data());
    return s == "-0.0" ? "0.0" : s;
}

std::string shown(double value, const ValueFormat& format, Language language) {
    return format_cell(Cell{value}, format, language);
}

struct Range {
    double lo = 0, hi = 0; // raw values, always lo <= 0 <= hi
};

Range value_range(const ChartData& chart) {
    Range r;
    auto take = [&](double v) {
        if (std::isfinite(v)) {
            r.lo = std::min(r.lo, v);
            r.hi = std::max(r.hi, v);
        }
    };
    if (chart.kind == ChartKind::StackedBar) {
        // A stack reaches the sum of its positive parts up and of its negative
        // parts down.
        for (std::size_t i = 0; i < chart.labels.size(); ++i) {
            double up = 0, down = 0;
            for (const auto& s : chart.series)
                if (auto v = s.values[i])
                    (*v >= 0 ? up : down) += *v;
            take(up);
            take(down);
        }
    } else {
        for (const auto& s : chart.series)
            for (const auto& v : s.values)
                if (v)
                    take(*v);
    }
    return r;
}

// The value axis: nice ticks (1, 2 or 5 × 10^k in the axis unit) covering
// the range, zero included.
class Scale {
public:
    Scale(Range range, AxisUnit unit)
        : unit_(std::move(unit)) {
        double lo = range.lo / unit_.divisor;
        double hi = range.hi / unit_.divisor;
        // Empty and all-zero charts still get an axis, and no division by zero.
        if (!(hi - lo > 0) || !std::isfinite(hi - lo)) {
            lo = 0;
            hi = 1;
        }
        double rough = (hi - lo) / 5;
        double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
        double n = rough / magnitude;
        step_ = (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * magnitude;
        if (unit_.whole)
            step_ = std::max(step_, 1.0);
        lo_ = std::floor(lo / step_) * step_;
        hi_ = std::ceil(hi / step_) * step_;
        if (!(hi_ > lo_))
            hi_ = lo_ + step_;
    }

    void place(double top, double height) {
        top_ = top;
        height_ = height;
    }
    //! The y coordinate of a raw value.
    double y(double raw) const {
        return top_ + (hi_ - raw / unit_.divisor) / (hi_ - lo_) * height_;
    }

    struct Tick {
        double y;
        std::string text;
        bool zero;
    };
    std::vector<Tick> ticks() const {
        std::vector<Tick> out;
        auto count = static_cast<long>(std::lround((hi_ - lo_) / step_));
        for (long k = 0; k <= std::min(count, 20L); ++k) {
            double v = lo_ + static_cast<double>(k) * step_;
            if (std::fabs(v) < step_ * 1e-9)
                v = 0;
            out.push_back({y(v * unit_.divisor), format_tick(v, step_, unit_), v == 0});
        }
        return out;
    }

private:
    AxisUnit unit_;
    double step_ = 1, lo_ = 0, hi_ = 1, top_ = 0, height_ = 1;
};

struct LegendItem {
    double x, y;
};

// Legend entries flow left to right and wrap; returns each entry's place and
// sets `height`.
std::vector<LegendItem> legend_layout(const ChartData& chart, double& height) {
    std::vector<LegendItem> items;
    double x = margin, y = margin;
    for (const auto& s : chart.series) {
        double w = 14 + text_width_em(shorten(s.name, legend_chars)) * tick_font + 18;
        if (x > margin && x + w > view_width - margin) {
            x = margin;
            y += legend_row;
        }
        items.push_back({x, y});
        x += w;
    }
    height = chart.series.empty() ? 0 : y + legend_row - margin;
    return items;
}

class ChartWriter {
public:
    ChartWriter(HtmlWriter& out, const ChartData& chart, Language language)
        : out_(out)
        , chart_(chart)
        , language_(language)
        , scale_(value_range(chart), axis_unit(format(), max_abs(), language)) {}

    void write() {
        double legend_height = 0;
        auto legend = legend_layout(chart_, legend_height);
        auto ticks_probe = scale_.ticks();
        double tick_width = 0;
        for (const auto& t : ticks_probe)
            tick_width = std::max(tick_width, text_width_em(t.text) * tick_font);
        n_ = chart_.labels.size();
        place_plot(std::max(36.0, tick_width + 16));
        lay_out_labels();
        top_ = margin + legend_height + (legend_height > 0 ? 8 : 4);
        scale_.place(top_, plot_height);
        double height = top_ + plot_height + label_band_ + margin;

        std::string kind = chart_.kind == ChartKind::Line         ? "line"
                           : chart_.kind == ChartKind::StackedBar ? "stacked_bar"
                                                                  : "bar";
        out_.open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                          {"class", "chart chart-" + kind},
                          {"viewBox", "0 0 " + num(view_width) + " " + num(height)},
                          {"role", "img"},
                          {"aria-label", chart_.title}});
        out_.element("title", {}, chart_.title);
        write_legend(legend);
        write_axes();
        out_.open("g", {{"class", "plot"}});
        if (chart_.kind == ChartKind::Line)
            write_lines();
        else if (chart_.kind == ChartKind::StackedBar)
            write_stacks();
        else
            write_bars();
        out_.close().close();
    }

private:
    const ValueFormat& format() const {
        static const ValueFormat plain;
        return chart_.series.empty() ? plain : chart_.series.front().format;
    }
    double max_abs() const {
        Range r = value_range(chart_);
        return std::max(std::fabs(r.lo), std::fabs(r.hi));
    }
    double centre(std::size_t i) const { return left_ + slot_ * (static_cast<double>(i) + 0.5); }

    void place_plot(double left) {
        left_ = left;
        plot_width_ = view_width - left_ - right_margin;
        slot_ = plot_width_ / static_cast<double>(std::max<std::size_t>(n_, 1));
    }

    // Horizontal labels when they fit their slot; otherwise turned 45° and,
    // past what fits even so, only every label_step_-th one.
    void lay_out_labels() {
        double widest = 0;
        for (const auto& l : chart_.labels)
            widest = std::max(widest, text_width_em(shorten(l, label_chars)) * label_font);
        if (widest + 4 <= slot_) {
            rotate_ = false;
            label_step_ = 1;
            label_band_ = label_font + 10;
            return;
        }
        rotate_ = true;
        // The first label, turned, reaches left of its bar by ~0.71 of its
        // width; the margin makes room so that it is not cut off.
        double reach = std::min(widest, max_label_band / 0.71) * 0.71 + margin;
        if (reach - slot_ / 2 > left_)
            place_plot(reach - slot_ / 2);
        label_step_ = static_cast<std::size_t>(
            std::max(1.0, std::ceil(min_label_gap / std::max(slot_, 1e-9))));
        label_band_ = std::min(max_label_band, widest * 0.71 + label_font + 8);
    }

    void write_legend(const std::vector<LegendItem>& places) {
        out_.open("g", {{"class", "legend"}});
        for (std::size_t s = 0; s < chart_.series.size(); ++s) {
            const auto& p = places[s];
            const std::string& name = chart_.series[s].name;
            out_.open("g",
                      {{"class", "legend-item"}, {"data-series", shorten(name, tooltip_chars)}});
            out_.empty("rect", {{"class", "swatch"},
                                {"x", num(p.x)},
                                {"y", num(p.y)},
                                {"width", "10"},
                                {"height", "10"},
                                {"fill", colour(s)}});
            out_.element(
                "text",
                {{"x", num(p.x + 14)}, {"y", num(p.y + 9.5)}, {"font-size", num(tick_font)}},
                shorten(name, legend_chars));
            out_.close();
        }
        out_.close();
    }

    void write_axes() {
        out_.open("g", {{"class", "axis"}});
        for (const auto& t : scale_.ticks()) {
            out_.empty("line", {{"class", t.zero ? "zero" : "grid"},
                                {"x1", num(left_)},
                                {"x2", num(left_ + plot_width_)},
                                {"y1", num(t.y)},
                                {"y2", num(t.y)},
                                {"stroke", t.zero ? "#555" : "#ddd"},
                                {"stroke-width", t.zero ? "1" : "0.8"}});
            out_.element("text",
                         {{"class", "tick"},
                          {"x", num(left_ - 6)},
                          {"y", num(t.y + 3.5)},
                          {"text-anchor", "end"},
                          {"font-size", num(tick_font)}},
                         t.text);
        }
        double base = top_ + plot_height;
        for (std::size_t i = 0; i < n_; i += label_step_) {
            std::string text = shorten(chart_.labels[i], label_chars);
            double x = centre(i);
            if (!rotate_) {
                out_.element("text",
                             {{"class", "x-label"},
                              {"x", num(x)},
                              {"y", num(base + label_font + 4)},
                              {"text-anchor", "middle"},
                              {"font-size", num(label_font)}},
                             text);
            } else {
                double y = base + 8;
                out_.element("text",
                             {{"class", "x-label"},
                              {"x", num(x)},
                              {"y", num(y)},
                              {"text-anchor", "end"},
                              {"font-size", num(label_font)},
                              {"transform", "rotate(-45 " + num(x) + " " + num(y) + ")"}},
                             text);
            }
        }
        out_.close();
    }

    void write_bar(std::size_t label, std::size_t series, double x, double width, double from,
                   double to, const std::string& value_text) {
        double y0 = scale_.y(from), y1 = scale_.y(to);
        const std::string& label_text = chart_.labels[label];
        const std::string& series_name = chart_.series[series].name;
        out_.open("rect", {{"class", "bar"},
                           {"x", num(x)},
                           {"y", num(std::min(y0, y1))},
                           {"width", num(std::max(width, 0.3))},
                           {"height", num(std::fabs(y1 - y0))},
                           {"fill", colour(series)},
                           {"data-label", shorten(label_text, tooltip_chars)},
                           {"data-series", shorten(series_name, tooltip_chars)},
                           {"data-value", value_text}});
        out_.element("title", {},
                     shorten(label_text, tooltip_chars) + " · " +
                         shorten(series_name, tooltip_chars) + ": " + value_text);
        out_.close();
    }

    // A number over (or, for a negative value, under) a bar or point.
    void write_value(double x, double raw, const std::string& text) {
        double y = scale_.y(raw);
        out_.element("text",
                     {{"class", "value"},
                      {"x", num(x)},
                      {"y", num(raw < 0 ? y + label_font + 2 : y - 4)},
                      {"text-anchor", "middle"},
                      {"font-size", num(label_font)}},
                     text);
    }

    void write_bars() {
        std::size_t k = std::max<std::size_t>(chart_.series.size(), 1);
        double group = slot_ * 0.8;
        double width = group / static_cast<double>(k);
        // A pixel's gap between neighbours, when there is room for one.
        double gap = k > 1 && width > 3 ? 1 : 0;
        bool values = n_ * k <= value_label_limit;
        for (std::size_t i = 0; i < n_; ++i) {
            for (std::size_t s = 0; s < chart_.series.size(); ++s) {
                auto v = chart_.series[s].values[i];
                if (!v)
                    continue;
                double x = left_ + slot_ * static_cast<double>(i) + slot_ * 0.1 +
                           width * static_cast<double>(s);
                std::string text = shown(*v, chart_.series[s].format, language_);
                write_bar(i, s, x, width - gap, 0, *v, text);
                if (values)
                    write_value(x + width / 2, *v, text);
            }
        }
    }

    void write_stacks() {
        double width = slot_ * 0.7;
        bool values = n_ <= value_label_limit;
        for (std::size_t i = 0; i < n_; ++i) {
            double x = left_ + slot_ * static_cast<double>(i) + slot_ * 0.15;
            double up = 0, down = 0;
            bool any = false;
            for (std::size_t s = 0; s < chart_.series.size(); ++s) {
                auto v = chart_.series[s].values[i];
                if (!v)
                    continue;
                any = true;
                double& base = *v >= 0 ? up : down;
                write_bar(i, s, x, width, base, base + *v,
                          shown(*v, chart_.series[s].format, language_));
                base += *v;
            }
            if (values && any)
                write_value(x + width / 2, up > 0 || down == 0 ? up : down,
                            shown(up + down, format(), language_));
        }
    }

    void write_lines() {
        bool dots = n_ <= point_limit;
        bool values = chart_.series.size() == 1 && n_ <= value_label_limit;
        for (std::size_t s = 0; s < chart_.series.size(); ++s) {
            const auto& series = chart_.series[s];
            // A null breaks the line: joining across it would invent figures.
            std::size_t i = 0;
            while (i < n_) {
                if (!series.values[i]) {
                    ++i;
                    continue;
                }
                std::size_t end = i;
                std::string points;
                while (end < n_ && series.values[end]) {
                    if (!points.empty())
                        points += ' ';
                    points += num(centre(end)) + "," + num(scale_.y(*series.values[end]));
                    ++end;
                }
                out_.empty("polyline", {{"class", "line"},
                                        {"points", points},
                                        {"fill", "none"},
                                        {"stroke", colour(s)},
                                        {"stroke-width", "2"},
                                        {"data-series", shorten(series.name, tooltip_chars)}});
                for (std::size_t j = i; j < end; ++j)
                    if (dots || end - i == 1)
                        write_point(j, s, values);
                i = end;
            }
        }
    }

    void write_point(std::size_t label, std::size_t series, bool value) {
        double v = *chart_.series[series].values[label];
        std::string text = shown(v, chart_.series[series].format, language_);
        const std::string& label_text = chart_.labels[label];
        const std::string& name = chart_.series[series].name;
        out_.open("circle", {{"class", "point"},
                             {"cx", num(centre(label))},
                             {"cy", num(scale_.y(v))},
                             {"r", "3"},
                             {"fill", colour(series)},
                             {"data-label", shorten(label_text, tooltip_chars)},
                             {"data-series", shorten(name, tooltip_chars)},
                             {"data-value", text}});
        out_.element("title", {},
                     shorten(label_text, tooltip_chars) + " · " + shorten(name, tooltip_chars) +
                         ": " + text);
        out_.close();
        if (value)
            write_value(centre(label), v, text);
    }

    HtmlWriter& out_;
    const ChartData& chart_;
    Language language_;
    Scale scale_;
    double left_ = 0, plot_width_ = 0, top_ = 0, slot_ = 1, label_band_ = 0;
    std::size_t n_ = 0, label_step_ = 1;
    bool rotate_ = false;
};

} // namespace

void write_chart(HtmlWriter& out, const ChartData& chart, Language language) {
    ChartWriter(out, chart, language).write();
}

} // namespace redress::report_html
