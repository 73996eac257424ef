// bench_report_data: fills a Redress SQLite database with N realistic complaints
// (timelines, follow-up calls, proposals, tasks, monthly budgets) for the report
// benchmarks.
//
//   bench_report_data --out FILE.db --complaints N [--seed S] [--from 2025-01-01]
//                     [--days 365] [--config examples/company.toml] [--force]
//
// The schema comes from the real store (open_store applies every migration); the
// rows are then bulk-inserted with the SQLite C API, because going through the
// store one transition at a time would take hours for ten million complaints.
// The database is a snapshot as of the end of the period: complaints received
// late in it are still open. Times derive from --from and --days, never from the
// clock, and every random draw from --seed, so the same arguments give the same
// rows. Memory does not grow with N: complaints are generated and written one
// at a time in arrival order, and customers are derived from their pool index.
#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <redress/compensation.hpp>
#include <redress/core/compensation/approval_level.hpp>
#include <redress/core/config/config_loader.hpp>
#include <redress/core/lifecycle/lifecycle.hpp>
#include <redress/core/sla/business_clock.hpp>
#include <redress/core/store/store.hpp>
#include <sqlite3.h>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

namespace core = redress::core;
namespace fs = std::filesystem;
using core::Role;

constexpr std::int64_t minute_ms = 60'000;
constexpr std::int64_t hour_ms = 60 * minute_ms;
constexpr std::int64_t day_ms = 24 * hour_ms;
// Asia/Shanghai has kept UTC+8 without daylight saving since 1991.
constexpr std::int64_t local_offset_ms = 8 * hour_ms;
constexpr std::int64_t complaints_per_transaction = 50'000;
constexpr std::int64_t progress_every = 100'000;

// ---- randomness -----------------------------------------------------------------

std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

std::uint64_t hash64(std::uint64_t x) {
    return splitmix64(x);
}

// xoshiro256**: fast, and the same sequence with every standard library (the
// std distributions are not, so the draws below are written out).
class Rng {
public:
    explicit Rng(std::uint64_t seed) {
        for (auto& s : s_)
            s = splitmix64(seed);
    }
    std::uint64_t next() {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; } //!< [0, 1)
    std::uint64_t below(std::uint64_t n) {
        return std::min<std::uint64_t>(n - 1, static_cast<std::uint64_t>(uniform() * n));
    }
    std::int64_t between(std::int64_t lo, std::int64_t hi) { return lo + below(hi - lo + 1); }
    bool chance(double p) { return uniform() < p; }
    double normal() {
        const double u = 1.0 - uniform(); // (0, 1]: log stays finite
        return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * uniform());
    }
    double lognormal(double median, double sigma) { return median * std::exp(sigma * normal()); }
    template <typename T, std::size_t N>
    const T& pick(const std::array<T, N>& items) {
        return items[below(N)];
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::array<std::uint64_t, 4> s_{};
};

//! A categorical distribution over fixed weights.
class Weighted {
public:
    Weighted() = default;
    explicit Weighted(const std::vector<double>& weights) {
        double sum = 0;
        for (double w : weights)
            cumulative_.push_back(sum += w);
    }
    std::size_t draw(Rng& rng) const {
        const double x = rng.uniform() * cumulative_.back();
        auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), x);
        return std::min<std::size_t>(it - cumulative_.begin(), cumulative_.size() - 1);
    }

private:
    std::vector<double> cumulative_;
};

// ---- the words complaints are made of ---------------------------------------------

struct Category {
    std::string_view name;
    std::array<std::string_view, 3> causes;
    std::array<std::string_view, 2> requests;
    std::string_view finding;
};

// Most frequent first; drawn with Zipf weights 1/rank.
constexpr std::array<Category, 9> categories{{
    {"quality",
     {"用了不到一个月就坏了，完全不能用。", "运行时噪音很大，晚上根本睡不着。",
      "漏水严重，地板都泡坏了。"},
     {"换一台新的。", "退货退款。"},
     "检测确认为产品质量问题"},
    {"service",
     {"打了三次客服电话都没人解决问题。", "报修后三天没有任何回复。",
      "客服态度冷淡，一直推脱责任。"},
     {"尽快安排处理并给个说法。", "希望有专人跟进。"},
     "核实服务响应超时"},
    {"delivery",
     {"过了约定送货日期还没送到。", "送货时外包装破损，机器有划痕。", "送货师傅不肯搬上楼。"},
     {"尽快送货，告诉我具体时间。", "换一台完好的。"},
     "物流环节延误"},
    {"installation",
     {"安装师傅把机器装歪了，墙面也弄坏了。", "安装后一直漏水。", "安装收费和说好的不一样。"},
     {"重新安装并修补墙面。", "退还多收的安装费。"},
     "安装不规范"},
    {"repair",
     {"修了两次还是同样的故障。", "维修等了两周配件还没到。", "维修后出现新的问题。"},
     {"彻底修好，不然就换机。", "延长保修期。"},
     "维修质量问题"},
    {"billing",
     {"发票金额和合同不符。", "多扣了一次款。", "优惠券没有抵扣。"},
     {"重开发票，退还多收的款项。", "退回多扣的钱。"},
     "计费错误"},
    {"spare_parts",
     {"配件缺货，一直买不到。", "配件价格比官网贵很多。", "发来的配件型号不对。"},
     {"尽快提供配件。", "按官网价格补差价。"},
     "配件供应问题"},
    {"safety",
     {"使用时插头发烫熔化，差点起火。", "机器外壳漏电，被电了一下。", "底座冒烟，很危险。"},
     {"赔偿并解释原因，检查同批次产品。", "全部召回检查。"},
     "存在安全隐患，已上报质量部"},
    {"staff",
     {"上门师傅迟到两个小时也不通知。", "师傅索要额外费用。", "销售承诺的赠品没有兑现。"},
     {"道歉并处理相关人员。", "兑现承诺。"},
     "人员服务不规范"},
}};

struct ProductLine {
    std::string_view name, spec, batch;
};

constexpr std::array<ProductLine, 16> products{{
    {"滚筒洗衣机 X7", "8kg", "X7"},
    {"波轮洗衣机 W5", "10kg", "W5"},
    {"壁挂空调 KF-35", "1.5匹", "AC"},
    {"柜式空调 KF-72", "3匹", "AL"},
    {"双开门冰箱 R-520", "520L", "R5"},
    {"展示冷柜 SC-1500", "1500L", "SC"},
    {"燃气热水器 G-16", "16L", "G16"},
    {"电热水器 E-60", "60L", "E60"},
    {"嵌入式洗碗机 D-12", "12套", "D12"},
    {"微波炉 M-25", "25L", "M25"},
    {"无线吸尘器 V8", "V8", "V8"},
    {"电暖器 H-20", "2000W", "H20"},
    {"电热水壶 K-200", "1.7L", "K2"},
    {"新风系统 FA-500", "500m³/h", "FA"},
    {"吸油烟机 CX-9", "侧吸", "CX"},
    {"商用蒸柜 ST-8", "8层", "ST"},
}};

struct GivenName {
    std::string_view hanzi, initials;
};
constexpr std::array<std::string_view, 24> surnames{"王", "李", "张", "刘", "陈", "杨", "黄", "赵",
                                                    "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
                                                    "何", "高", "林", "罗", "郑", "梁", "谢", "宋"};
constexpr std::array<std::string_view, 24> surname_pinyin{
    "wang", "li",   "zhang", "liu", "chen",  "yang",  "huang", "zhao",
    "wu",   "zhou", "xu",    "sun", "ma",    "zhu",   "hu",    "guo",
    "he",   "gao",  "lin",   "luo", "zheng", "liang", "xie",   "song"};
constexpr std::array<GivenName, 20> given_names{{
    {"建国", "jg"}, {"秀英", "xy"}, {"伟", "w"}, {"芳", "f"}, {"娜", "n"},
    {"敏", "m"},    {"静", "j"},    {"丽", "l"}, {"强", "q"}, {"磊", "l"},
    {"军", "j"},    {"洋", "y"},    {"勇", "y"}, {"艳", "y"}, {"杰", "j"},
    {"娟", "j"},    {"涛", "t"},    {"明", "m"}, {"超", "c"}, {"秀兰", "xl"},
}};
constexpr std::array<std::string_view, 16> districts{
    "上海市浦东新区", "上海市闵行区", "北京市朝阳区", "北京市海淀区",
    "杭州市西湖区",   "杭州市余杭区", "南京市鼓楼区", "苏州市工业园区",
    "广州市天河区",   "深圳市南山区", "成都市武侯区", "武汉市江汉区",
    "宁波市鄞州区",   "合肥市蜀山区", "无锡市滨湖区", "常州市武进区"};
constexpr std::array<std::string_view, 12> roads{"人民路", "解放路", "中山路", "建设路",
                                                 "和平路", "新华路", "长江路", "滨江大道",
                                                 "文化路", "科技路", "湖滨路", "世纪大道"};
constexpr std::array<std::string_view, 8> company_words{"恒源", "联华",   "天府", "西湖",
                                                        "京华", "新世纪", "华联", "金桥"};
constexpr std::array<std::string_view, 4> company_kinds{"贸易有限公司", "酒店", "餐饮集团",
                                                        "物业管理有限公司"};
constexpr std::array<std::string_view, 6> mail_domains{"163.com",  "qq.com",    "126.com",
                                                       "sina.com", "gmail.com", "outlook.com"};
constexpr std::array<std::string_view, 20> mobile_prefixes{
    "138", "139", "137", "136", "135", "150", "151", "152", "158", "159",
    "186", "187", "188", "189", "131", "132", "133", "177", "180", "199"};

// The example catalog's entries (examples/catalog), by verdict.
constexpr std::array<std::string_view, 11> provided_entries{
    "warranty-repair", "defect-replacement", "return-7day",       "standard-install",
    "city-delivery",   "service-hotline",    "spare-parts",       "progress-notice",
    "usage-guidance",  "mail-in-repair",     "dedicated-engineer"};
constexpr std::array<std::string_view, 5> not_provided_entries{
    "lost-earnings", "out-of-area-visit", "out-of-warranty-free", "third-party-install",
    "wall-redecoration"};
constexpr std::array<std::string_view, 9> arrangeable_entries{
    "express-repair", "extended-warranty", "paid-repair", "relocation-install", "deep-cleaning",
    "haul-away",      "weekend-visit",     "home-pickup", "night-visit"};

constexpr std::array<std::string_view, 4> restated{"已与客户电话核实问题", "客户确认了问题描述",
                                                   "已复述问题，客户认可", "已了解客户诉求"};
constexpr std::array<std::string_view, 4> resolutions{"已处理完毕，客户确认可以正常使用",
                                                      "已按方案落实，客户认可", "已更换并回访确认",
                                                      "问题已解决，已向客户说明原因"};

// ---- time -----------------------------------------------------------------------

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

std::int64_t local_day(std::int64_t t_ms) {
    return floor_div(t_ms + local_offset_ms, day_ms);
}

int local_minute(std::int64_t t_ms) {
    return static_cast<int>((t_ms + local_offset_ms - local_day(t_ms) * day_ms) / minute_ms);
}

std::chrono::year_month_day civil(std::int64_t day) {
    return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{day}}};
}

//! The UTC instant of local midnight starting `day` (days since 1970-01-01).
std::int64_t local_midnight(std::int64_t day) {
    return day * day_ms - local_offset_ms;
}

int local_year(std::int64_t t_ms) {
    return static_cast<int>(civil(local_day(t_ms)).year());
}

//! "YYYY-MM" of t in local time: the budget month of an approval.
std::string local_month(std::int64_t t_ms) {
    auto d = civil(local_day(t_ms));
    char out[16];
    std::snprintf(out, sizeof out, "%04d-%02u", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()));
    return out;
}

std::optional<std::int64_t> parse_date(std::string_view s) {
    int y = 0;
    unsigned m = 0, d = 0;
    if (s.size() != 10 || s[4] != '-' || s[7] != '-' ||
        std::from_chars(s.data(), s.data() + 4, y).ec != std::errc() ||
        std::from_chars(s.data() + 5, s.data() + 7, m).ec != std::errc() ||
        std::from_chars(s.data() + 8, s.data() + 10, d).ec != std::errc())
        return std::nullopt;
    std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                    std::chrono::day{d}};
    if (!ymd.ok())
        return std::nullopt;
    return std::chrono::sys_days{ymd}.time_since_epoch().count();
}

// ---- options --------------------------------------------------------------------

struct Options {
    fs::path out;
    std::int64_t complaints = 0;
    std::uint64_t seed = 1;
    std::int64_t from_day = *parse_date("2025-01-01");
    std::int64_t days = 365;
    fs::path config = BENCH_DEFAULT_CONFIG;
    bool force = false;
};

[[noreturn]] void usage(const std::string& error) {
    std::fprintf(stderr,
                 "bench_report_data: %s\nusage: bench_report_data --out FILE.db --complaints N "
                 "[--seed S] [--from YYYY-MM-DD] [--days D] [--config company.toml] [--force]\n",
                 error.c_str());
    std::exit(2);
}

std::int64_t positive(std::string_view flag, std::string_view value) {
    std::int64_t n = 0;
    auto r = std::from_chars(value.data(), value.data() + value.size(), n);
    if (r.ec != std::errc() || r.ptr != value.data() + value.size() || n <= 0)
        usage(std::string(flag) + " must be a positive integer, not \"" + std::string(value) +
              "\"");
    return n;
}

Options parse_options(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string_view flag = argv[i];
        if (flag == "--force") {
            o.force = true;
            continue;
        }
        if (i + 1 >= argc)
            usage(std::string(flag) + " needs a value");
        std::string_view value = argv[++i];
        if (flag == "--out")
            o.out = value;
        else if (flag == "--complaints")
            o.complaints = positive(flag, value);
        else if (flag == "--seed")
            o.seed = static_cast<std::uint64_t>(positive(flag, value));
        else if (flag == "--days")
            o.days = positive(flag, value);
        else if (flag == "--config")
            o.config = value;
        else if (flag == "--from") {
            auto day = parse_date(value);
            if (!day)
                usage("--from must be a date YYYY-MM-DD, not \"" + std::string(value) + "\"");
            o.from_day = *day;
        } else
            usage("unknown option " + std::string(flag));
    }
    if (o.out.empty() || o.complaints == 0)
        usage("--out and --complaints are required");
    return o;
}

// ---- arrivals -------------------------------------------------------------------

// Arrival instants in increasing order, N in all, spread over the period by
// hour-slot weights: weekdays in opening hours dominate, evenings and days off
// get less, nights little; months and single days vary a little. Each slot
// gets its exact share of N (cumulative rounding), so only one hour's arrivals
// are ever held.
class ArrivalSchedule {
public:
    ArrivalSchedule(const Options& o, const core::Calendar& calendar, Rng rng)
        : rng_(rng)
        , start_(local_midnight(o.from_day))
        , total_(o.complaints) {
        for (std::int64_t d = 0; d < o.days; ++d) {
            const double day_factor = month_factor(o.from_day + d) * rng_.lognormal(1.0, 0.12);
            const bool works = working_day(calendar, o.from_day + d);
            for (int h = 0; h < 24; ++h)
                weights_.push_back(day_factor * hour_weight(calendar, works, h));
        }
        for (double w : weights_)
            weight_sum_ += w;
    }

    std::int64_t next() {
        while (pending_.empty())
            fill_next_slot();
        std::int64_t t = pending_.back();
        pending_.pop_back();
        return t;
    }

private:
    static bool working_day(const core::Calendar& c, std::int64_t day) {
        const std::chrono::weekday wd{std::chrono::sys_days{std::chrono::days{day}}};
        const auto ymd = civil(day);
        return std::find(c.days.begin(), c.days.end(), wd) != c.days.end() &&
               std::find(c.holidays.begin(), c.holidays.end(), ymd) == c.holidays.end();
    }
    // Summer (air conditioners) and the November shopping festival bring more.
    static double month_factor(std::int64_t day) {
        static constexpr std::array<double, 12> f{0.9, 0.8, 1.0, 1.0, 1.05, 1.15,
                                                  1.3, 1.3, 1.1, 1.0, 1.15, 1.0};
        return f[static_cast<unsigned>(civil(day).month()) - 1];
    }
    static double hour_weight(const core::Calendar& c, bool works, int hour) {
        const int minute = hour * 60 + 30;
        const bool open = minute >= c.open_minute && minute < c.close_minute;
        const bool waking = hour >= 7 && hour < 22;
        const double peak = (hour == 10 || hour == 14 || hour == 15) ? 1.2 : 1.0;
        if (works)
            return open ? 10.0 * peak : waking ? 2.5 : 0.4;
        return open ? 3.5 : waking ? 1.5 : 0.3;
    }
    void fill_next_slot() {
        if (slot_ >= weights_.size())
            throw std::logic_error("more arrivals drawn than scheduled");
        cumulative_ += weights_[slot_];
        const auto due = static_cast<std::int64_t>(
            std::llround(static_cast<double>(total_) * (cumulative_ / weight_sum_)));
        const std::int64_t slot_start = start_ + static_cast<std::int64_t>(slot_) * hour_ms;
        for (std::int64_t k = given_; k < due; ++k)
            pending_.push_back(slot_start + static_cast<std::int64_t>(rng_.below(hour_ms)));
        given_ = std::max(given_, due);
        std::sort(pending_.begin(), pending_.end(), std::greater<>()); // popped from the back
        ++slot_;
    }

    Rng rng_;
    std::int64_t start_, total_;
    std::vector<double> weights_;
    double weight_sum_ = 0, cumulative_ = 0;
    std::size_t slot_ = 0;
    std::int64_t given_ = 0;
    std::vector<std::int64_t> pending_;
};

// ---- customers ------------------------------------------------------------------

// 70% of complaints come from a customer never seen before, so the pool grows
// to ~0.7 N; the other 30% from one seen before: usually a recent one (the
// same problem again), otherwise one of the few who complain often (low
// indices, drawn with a skew).
class CustomerPool {
public:
    std::uint64_t draw(Rng& rng) {
        if (seen_ == 0 || rng.chance(0.7))
            return seen_++;
        if (rng.chance(0.6))
            return seen_ - 1 - rng.below(std::min<std::uint64_t>(seen_, 20'000));
        const double u = rng.uniform();
        return static_cast<std::uint64_t>(static_cast<double>(seen_) * u * u);
    }

private:
    std::uint64_t seen_ = 0;
};

struct CustomerRow {
    std::string company, contact, address, phone, email;
};

// A customer is a pure function of its pool index, so repeat complainants
// carry the same name, phone and e-mail without the pool being kept.
void describe_customer(std::uint64_t index, std::uint64_t salt, bool phone_channel,
                       bool email_channel, CustomerRow& c) {
    const std::uint64_t h = hash64(index ^ salt);
    const auto surname = h % surnames.size();
    const GivenName& given = given_names[(h >> 8) % given_names.size()];
    c.contact.assign(surnames[surname]).append(given.hanzi);
    c.company.clear();
    if ((h >> 16) % 100 < 15)
        c.company.assign(districts[(h >> 24) % districts.size()].substr(0, 6))
            .append(company_words[(h >> 28) % company_words.size()])
            .append(company_kinds[(h >> 32) % company_kinds.size()]);
    c.address.assign(districts[(h >> 36) % districts.size()])
        .append(roads[(h >> 40) % roads.size()])
        .append(std::to_string((h >> 44) % 800 + 1))
        .append("号");
    // Phone only 55%, e-mail only 10%, both 35%; the channel itself implies one.
    const auto reach = (h >> 56) % 100;
    c.phone.clear();
    c.email.clear();
    if (reach < 55 || reach >= 65 || phone_channel) {
        // A bijection on the last 8 digits keeps every customer's number unique.
        char digits[16];
        std::snprintf(
            digits, sizeof digits, "%08llu",
            static_cast<unsigned long long>(
                (index / mobile_prefixes.size() * 387420489ULL + 24681357ULL) % 100'000'000ULL));
        c.phone.assign(mobile_prefixes[index % mobile_prefixes.size()]).append(digits);
    }
    if (reach >= 55 || email_channel)
        c.email.assign(surname_pinyin[surname])
            .append(given.initials)
            .append(std::to_string(index))
            .append("@")
            .append(mail_domains[(h >> 48) % mail_domains.size()]);
}

// ---- JSON text --------------------------------------------------------------------

void append_quoted(std::string& out, std::string_view s) {
    out += '"';
    for (char ch : s) {
        if (ch == '"' || ch == '\\') {
            out += '\\';
            out += ch;
        } else if (static_cast<unsigned char>(ch) < 0x20) {
            char esc[8];
            std::snprintf(esc, sizeof esc, "\\u%04x", static_cast<unsigned>(ch));
            out += esc;
        } else {
            out += ch;
        }
    }
    out += '"';
}

template <typename List>
void append_array(std::string& out, const List& items) {
    out += '[';
    bool first = true;
    for (const auto& s : items) {
        if (!first)
            out += ',';
        first = false;
        append_quoted(out, s);
    }
    out += ']';
}

// Appends one JSON object. Callers add keys in sorted order, as Poco writes
// them, so the rows look like the daemon's own.
class JsonObject {
public:
    explicit JsonObject(std::string& out)
        : out_(out) {
        out_ += '{';
    }
    JsonObject& text(std::string_view k, std::string_view v) {
        key(k);
        append_quoted(out_, v);
        return *this;
    }
    JsonObject& integer(std::string_view k, std::int64_t v) {
        key(k);
        out_ += std::to_string(v);
        return *this;
    }
    JsonObject& boolean(std::string_view k, bool v) {
        key(k);
        out_ += v ? "true" : "false";
        return *this;
    }
    JsonObject& raw(std::string_view k, std::string_view json) {
        key(k);
        out_ += json;
        return *this;
    }
    template <typename List>
    JsonObject& array(std::string_view k, const List& items) {
        key(k);
        append_array(out_, items);
        return *this;
    }
    void close() { out_ += '}'; }

private:
    void key(std::string_view k) {
        if (!first_)
            out_ += ',';
        first_ = false;
        append_quoted(out_, k);
        out_ += ':';
    }
    std::string& out_;
    bool first_ = true;
};

// ---- the company ------------------------------------------------------------------

//! A department as the generator uses it: its channels with their mix, its staff.
struct DeptContext {
    const core::Department* dept = nullptr;
    std::size_t index = 0;
    std::vector<std::string_view> channels;
    Weighted channel_mix;
    std::vector<std::string> agents, supervisors, managers;
    bool has_rules = false, has_goodwill = false;
};

// The brief's mix: phone 40%, web 25%, e-mail 20%, the desk channels 10%
// (visits most, then letters, faxes, sales reps), import 5%. Channels the mix
// does not know get none, unless the department has no other.
double channel_weight(std::string_view channel) {
    static const std::map<std::string_view, double> weights{
        {"phone", 40}, {"web", 25},  {"email", 20},      {"visit", 5},
        {"letter", 2}, {"fax", 1.5}, {"sales_rep", 1.5}, {"import", 5}};
    auto it = weights.find(channel);
    return it == weights.end() ? 0.0 : it->second;
}

std::string staff_name(std::string_view title, std::size_t k, std::string_view prefix) {
    std::string name(title);
    name += surnames[k % surnames.size()];
    if (k >= surnames.size())
        name += std::to_string(k / surnames.size() + 1);
    return name.append("(").append(prefix).append(")");
}

DeptContext make_context(const core::Department& d, std::size_t index) {
    DeptContext c;
    c.dept = &d;
    c.index = index;
    std::vector<double> weights;
    for (const auto& ch : d.channels) {
        c.channels.push_back(ch);
        weights.push_back(channel_weight(ch));
    }
    if (std::all_of(weights.begin(), weights.end(), [](double w) { return w == 0; }))
        std::fill(weights.begin(), weights.end(), 1.0);
    if (!weights.empty())
        c.channel_mix = Weighted(weights);
    for (std::size_t k = 0; k < 20; ++k)
        c.agents.push_back(staff_name("客服-小", k + index * 3, d.prefix));
    for (std::size_t k = 0; k < 3; ++k)
        c.supervisors.push_back(staff_name("主管-", k + index * 5 + 7, d.prefix));
    for (std::size_t k = 0; k < 2; ++k)
        c.managers.push_back(staff_name("经理-", k + index * 2 + 13, d.prefix));
    for (const auto& p : d.policies) {
        c.has_rules = c.has_rules || p == "rules";
        c.has_goodwill = c.has_goodwill || p == "goodwill";
    }
    return c;
}

// ---- rows -----------------------------------------------------------------------

struct EventRow {
    std::int64_t at = 0;
    std::string_view actor, type, from, to;
    std::string reason, data;
};

struct ProposalRow {
    std::int64_t id = 0;
    bool refuse = false;
    std::vector<std::string> remedies;
    std::int64_t amount = 0;
    Role level = Role::Agent;
    std::string level_reasons, steps, factors, reasons; //!< JSON
    bool manual = false;
    core::ProposalStatus status = core::ProposalStatus::Proposed;
    std::string_view created_by, decided_by;
    std::int64_t created_at = 0;
    std::optional<std::int64_t> decided_at;
    std::string decision_note, budget_month;
};

struct CallbackRow {
    std::int64_t id = 0, due_at = 0, created_at = 0;
    std::string_view created_by, assignee;
    int attempt = 1;
    std::optional<std::int64_t> done_at;
    std::string_view outcome, done_by;
    std::optional<int> satisfaction;
};

struct TaskRow {
    std::int64_t id = 0, proposal_id = 0, amount = 0, due_at = 0, created_at = 0;
    const DeptContext* dept = nullptr; //!< who carries it out
    std::string_view remedy, assignee, created_by, done_by;
    std::optional<std::int64_t> done_at;
};

struct ComplaintRow {
    std::int64_t id = 0;
    std::string tracking;
    std::string_view channel, category, severity, customer_type, cause, request;
    CustomerRow customer;
    std::string_view product_name, product_spec, product_used_at;
    std::string production_date, batch;
    std::optional<std::int64_t> loss;
    std::int64_t received = 0, fr_due = 0, res_due = 0, updated = 0, version = 1;
    std::string_view recorder, owner;
    core::Status status = core::Status::Received;
    std::optional<std::int64_t> first_responded, resolved, closed, proposed;
    bool fr_breached = false, res_breached = false;
    std::optional<bool> same_day;
    std::optional<Role> required_level;
    std::optional<int> satisfaction;
    std::string_view verdict, entry; //!< verdict empty: not classified
    std::string catalog_version;
};

//! One complaint with everything that belongs to it, as of the snapshot.
struct Case {
    ComplaintRow c;
    const DeptContext* dept = nullptr;
    std::vector<EventRow> events;
    std::vector<ProposalRow> proposals;
    std::vector<CallbackRow> callbacks;
    std::vector<TaskRow> tasks;
    // What the path so far decided.
    bool with_proposal = false, refuses = false, manual = false;
    std::optional<std::size_t> open_proposal; //!< proposed or approved, this round
    std::string_view company_fault = "none";
    bool demand_reasonable = true;
    std::int64_t callback_done_at = 0, implemented_at = 0;
    std::int64_t unresolved_since = 0; //!< since when it awaits a resolution
    std::optional<std::int64_t> resolution_breach_at;
    std::size_t first_task = 0; //!< the current round's tasks start here
};

enum class Act {
    Contact,
    Analyse,
    Propose,
    Approve,
    Agree,
    Implement,
    Resolve,
    Close,
    Escalate,
    Reject,
    Reopen
};

// ---- the database ------------------------------------------------------------------

class SqliteError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

//! A prepared INSERT: bind the columns in order, then run().
class Insert {
public:
    Insert(sqlite3* db, const std::string& sql)
        : db_(db) {
        if (sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &st_, nullptr) !=
            SQLITE_OK)
            throw SqliteError("preparing \"" + sql + "\": " + sqlite3_errmsg(db));
    }
    Insert(const Insert&) = delete;
    Insert& operator=(const Insert&) = delete;
    ~Insert() { sqlite3_finalize(st_); }

    // Text is bound without a copy: the caller keeps it alive until run().
    // An empty view may have no data pointer, which SQLite would bind as NULL.
    Insert& text(std::string_view s) {
        check(sqlite3_bind_text(st_, ++column_, s.empty() ? "" : s.data(),
                                static_cast<int>(s.size()), SQLITE_STATIC));
        return *this;
    }
    Insert& text_or_null(std::string_view s) { return s.empty() ? null() : text(s); }
    Insert& text_if(bool present, std::string_view s) { return present ? text(s) : null(); }
    Insert& integer(std::int64_t v) {
        check(sqlite3_bind_int64(st_, ++column_, v));
        return *this;
    }
    template <typename T>
    Insert& integer(const std::optional<T>& v) {
        return v ? integer(static_cast<std::int64_t>(*v)) : null();
    }
    Insert& null() {
        check(sqlite3_bind_null(st_, ++column_));
        return *this;
    }
    void run() {
        if (sqlite3_step(st_) != SQLITE_DONE)
            throw SqliteError(std::string("inserting: ") + sqlite3_errmsg(db_) + " in \"" +
                              sqlite3_sql(st_) + "\"");
        sqlite3_reset(st_);
        column_ = 0;
    }

private:
    void check(int rc) {
        if (rc != SQLITE_OK)
            throw SqliteError(std::string("binding column ") + std::to_string(column_) + ": " +
                              sqlite3_errmsg(db_));
    }
    sqlite3* db_;
    sqlite3_stmt* st_ = nullptr;
    int column_ = 0;
};

std::string insert_sql(std::string_view table, std::initializer_list<std::string_view> columns) {
    std::string sql = "INSERT INTO " + std::string(table) + " (";
    std::string marks;
    for (auto c : columns) {
        sql.append(marks.empty() ? "" : ", ").append(c);
        marks.append(marks.empty() ? "?" : ", ?");
    }
    return sql + ") VALUES (" + marks + ")";
}

class Database {
public:
    explicit Database(const fs::path& file) {
        // One thread writes: no mutex per call.
        if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                            nullptr) != SQLITE_OK)
            throw SqliteError("opening " + file.string() + ": " + sqlite3_errmsg(db_));
        // Nobody else may read a half-loaded database; exclusive mode also keeps
        // the WAL index in memory. Durability is pointless while loading: a
        // failed load is started again.
        exec("PRAGMA locking_mode=EXCLUSIVE");
        exec("PRAGMA journal_mode=WAL");
        exec("PRAGMA synchronous=OFF");
        exec("PRAGMA cache_size=-262144"); // 256 MiB: the random-order indexes stay cached
        exec("PRAGMA temp_store=MEMORY");
        prepare();
        exec("BEGIN");
    }
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database() {
        complaint_.reset();
        event_.reset();
        proposal_.reset();
        callback_.reset();
        task_.reset();
        sqlite3_close(db_);
    }

    void exec(const std::string& sql) {
        char* error = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
            std::string message = error ? error : "unknown error";
            sqlite3_free(error);
            throw SqliteError("\"" + sql + "\": " + message);
        }
    }
    void commit_and_begin() {
        exec("COMMIT");
        exec("BEGIN");
    }
    void write(const Case& k);
    void write_counters(const std::map<std::pair<std::string, int>, std::int64_t>& last);
    void write_budgets(const std::map<std::pair<std::string, std::string>, std::int64_t>& spent);
    //! Commits, restores normal durability, gathers statistics, empties the WAL.
    void finish() {
        exec("COMMIT");
        exec("PRAGMA synchronous=NORMAL");
        // Statistics from a sample of each index: a full ANALYZE reads the
        // whole database again (~1 s per 100,000 complaints here).
        exec("PRAGMA analysis_limit=2000");
        exec("ANALYZE");
        exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }

private:
    void prepare();
    void write_complaint(const Case& k);

    sqlite3* db_ = nullptr;
    std::unique_ptr<Insert> complaint_, event_, proposal_, callback_, task_;
};

void Database::prepare() {
    complaint_ = std::make_unique<Insert>(db_, insert_sql("complaints", {"id",
                                                                         "tracking_number",
                                                                         "department",
                                                                         "channel",
                                                                         "category",
                                                                         "severity",
                                                                         "status",
                                                                         "customer_company",
                                                                         "customer_contact",
                                                                         "customer_address",
                                                                         "customer_phone",
                                                                         "customer_email",
                                                                         "customer_type",
                                                                         "cause",
                                                                         "request",
                                                                         "product_name",
                                                                         "product_spec",
                                                                         "product_production_date",
                                                                         "product_batch",
                                                                         "product_used_at",
                                                                         "loss_minor",
                                                                         "loss_currency",
                                                                         "received_at",
                                                                         "recorder",
                                                                         "owner",
                                                                         "first_response_due",
                                                                         "resolution_due",
                                                                         "first_responded_at",
                                                                         "resolved_at",
                                                                         "closed_at",
                                                                         "first_response_breached",
                                                                         "resolution_breached",
                                                                         "same_day_reply",
                                                                         "proposed_minor",
                                                                         "proposed_currency",
                                                                         "required_level",
                                                                         "satisfaction",
                                                                         "created_at",
                                                                         "updated_at",
                                                                         "version",
                                                                         "catalog_verdict",
                                                                         "catalog_entry",
                                                                         "catalog_version"}));
    event_ = std::make_unique<Insert>(
        db_, insert_sql("complaint_events", {"complaint_id", "at", "actor", "type", "from_status",
                                             "to_status", "reason", "data"}));
    proposal_ = std::make_unique<Insert>(
        db_,
        insert_sql(
            "proposals",
            {"id",           "complaint_id", "department",     "decision",      "remedies",
             "amount_minor", "currency",     "required_level", "level_reasons", "steps",
             "source",       "factors",      "reasons",        "status",        "created_by",
             "created_at",   "decided_by",   "decided_at",     "decision_note", "budget_month"}));
    callback_ = std::make_unique<Insert>(
        db_, insert_sql("callbacks", {"complaint_id", "department", "due_at", "assignee", "reason",
                                      "created_by", "created_at", "attempt", "done_at", "outcome",
                                      "satisfaction", "done_by"}));
    task_ = std::make_unique<Insert>(
        db_, insert_sql("tasks", {"id", "complaint_id", "proposal_id", "department", "remedy",
                                  "amount_minor", "currency", "status", "assignee", "due_at",
                                  "created_by", "created_at", "done_at", "done_by"}));
}

void Database::write_complaint(const Case& k) {
    const ComplaintRow& c = k.c;
    const core::Department& d = *k.dept->dept;
    Insert& s = *complaint_;
    s.integer(c.id).text(c.tracking).text(d.id).text(c.channel).text(c.category);
    s.text(c.severity).text(core::to_string(c.status));
    s.text(c.customer.company).text(c.customer.contact).text(c.customer.address);
    s.text(c.customer.phone).text(c.customer.email).text(c.customer_type);
    s.text(c.cause).text(c.request).text(c.product_name).text(c.product_spec);
    s.text(c.production_date).text(c.batch).text(c.product_used_at);
    s.integer(c.loss).text_if(c.loss.has_value(), d.currency);
    s.integer(c.received).text(c.recorder).text(c.owner).integer(c.fr_due).integer(c.res_due);
    s.integer(c.first_responded).integer(c.resolved).integer(c.closed);
    s.integer(c.fr_breached ? 1 : 0).integer(c.res_breached ? 1 : 0).integer(c.same_day);
    s.integer(c.proposed).text_if(c.proposed.has_value(), d.currency);
    s.text_if(c.required_level.has_value(),
              c.required_level ? core::to_string(*c.required_level) : "");
    s.integer(c.satisfaction).integer(c.received).integer(c.updated).integer(c.version);
    s.text_or_null(c.verdict).text_if(!c.verdict.empty(), c.entry);
    s.text_if(!c.verdict.empty(), c.catalog_version);
    s.run();
}

void Database::write(const Case& k) {
    write_complaint(k);
    const std::int64_t id = k.c.id;
    const core::Department& d = *k.dept->dept;
    for (const EventRow& e : k.events) {
        event_->integer(id).integer(e.at).text(e.actor).text(e.type).text(e.from).text(e.to);
        event_->text(e.reason).text(e.data).run();
    }
    for (const ProposalRow& p : k.proposals) {
        std::string remedies;
        append_array(remedies, p.remedies);
        Insert& s = *proposal_;
        s.integer(p.id).integer(id).text(d.id).text(p.refuse ? "refuse" : "grant").text(remedies);
        s.integer(p.amount).text(d.currency).text(core::to_string(p.level)).text(p.level_reasons);
        s.text(p.steps).text(p.manual ? "manual" : "policies").text(p.factors).text(p.reasons);
        s.text(core::to_string(p.status)).text(p.created_by).integer(p.created_at);
        s.text(p.decided_by).integer(p.decided_at).text(p.decision_note).text(p.budget_month);
        s.run();
    }
    for (const CallbackRow& cb : k.callbacks) {
        Insert& s = *callback_;
        s.integer(id).text(d.id).integer(cb.due_at).text(cb.assignee);
        s.text("follow-up call after resolution").text(cb.created_by).integer(cb.created_at);
        s.integer(cb.attempt).integer(cb.done_at).text_if(cb.done_at.has_value(), cb.outcome);
        s.integer(cb.satisfaction).text_if(cb.done_at.has_value(), cb.done_by).run();
    }
    for (const TaskRow& t : k.tasks) {
        Insert& s = *task_;
        s.integer(t.id).integer(id).integer(t.proposal_id).text(t.dept->dept->id).text(t.remedy);
        s.integer(t.amount).text(d.currency).text(t.done_at ? "done" : "open").text(t.assignee);
        s.integer(t.due_at).text(t.created_by).integer(t.created_at).integer(t.done_at);
        s.text(t.done_at ? t.done_by : "").run();
    }
}

void Database::write_counters(const std::map<std::pair<std::string, int>, std::int64_t>& last) {
    Insert s(db_, insert_sql("tracking_counters", {"prefix", "year", "last"}));
    for (const auto& [key, n] : last)
        s.text(key.first).integer(key.second).integer(n).run();
}

void Database::write_budgets(
    const std::map<std::pair<std::string, std::string>, std::int64_t>& spent) {
    Insert s(db_, insert_sql("compensation_budget", {"department", "month", "spent"}));
    for (const auto& [key, amount] : spent)
        s.text(key.first).text(key.second).integer(amount).run();
}

// ---- the generator -----------------------------------------------------------------

struct Totals {
    std::int64_t complaints = 0, events = 0, callbacks = 0, proposals = 0, tasks = 0;
};

std::vector<double> zipf_weights(std::size_t n) {
    std::vector<double> w;
    for (std::size_t k = 1; k <= n; ++k)
        w.push_back(1.0 / static_cast<double>(k));
    return w;
}

// Where a proposal's money is carried: the first of these it names (as the
// compensation service dispatches it).
std::string_view money_remedy(const std::vector<std::string>& remedies) {
    for (std::string_view r : {"refund", "voucher", "gift", "replacement"})
        if (std::find(remedies.begin(), remedies.end(), r) != remedies.end())
            return r;
    return remedies.empty() ? std::string_view() : std::string_view(remedies.front());
}

class Generator {
public:
    Generator(const Options& o, const core::Config& config);

    //! The next complaint in arrival order, with everything that belongs to it.
    const Case& next();

    const Totals& totals() const { return totals_; }
    const std::map<std::pair<std::string, int>, std::int64_t>& counters() const {
        return counters_;
    }
    const std::map<std::pair<std::string, std::string>, std::int64_t>& budgets() const {
        return spent_;
    }

private:
    // Intake: the registration form.
    void intake(std::int64_t received);
    void describe_product();
    void classify();
    void add_created_event();
    // The path through the lifecycle, cut at the snapshot.
    void plan();
    void live();
    std::int64_t when(Act act, std::int64_t after);
    void apply(Act act, std::int64_t at, std::optional<Act> next);
    EventRow& transition(std::int64_t at, std::string_view actor, core::Status to);
    void contact(std::int64_t at);
    void analyse(std::int64_t at);
    void propose(std::int64_t at);
    void decide_by_policies(ProposalRow& p, std::int64_t at);
    void approve(std::int64_t at);
    void agree(std::int64_t at);
    void implement(std::int64_t at);
    void resolve(std::int64_t at, bool reopens);
    void follow_up(std::int64_t resolved_at, bool reopens);
    void close(std::int64_t at);
    void reopen(std::int64_t at);
    void escalate(std::int64_t at);
    void reject(std::int64_t at);
    void withdraw_open_proposal(std::int64_t at, std::string_view by, std::string_view note,
                                core::ProposalStatus to, JsonObject& data);
    void note_unresolved(std::int64_t until);
    void finish();
    void add_breach_event(std::string_view kind, std::int64_t due, std::int64_t at);
    // Small draws.
    std::int64_t delay(double median_minutes, double sigma) {
        return static_cast<std::int64_t>(rng_.lognormal(median_minutes, sigma) * minute_ms);
    }
    std::int64_t staffed(std::int64_t t);
    std::int64_t first_contact_at(std::int64_t received);
    std::string_view actor_at(Role level);
    std::string_view any_agent(const DeptContext& d) {
        return d.agents[rng_.below(d.agents.size())];
    }
    void draw_remedies(std::vector<std::string>& out);

    const core::Config& config_;
    std::int64_t as_of_;
    Rng rng_;
    std::uint64_t salt_;
    ArrivalSchedule arrivals_;
    CustomerPool pool_;
    std::vector<DeptContext> depts_;
    std::vector<std::size_t> intake_; //!< departments that take complaints
    Weighted intake_mix_, category_mix_, severity_mix_, type_mix_, verdict_mix_, satisfaction_mix_,
        remedy_mix_, fault_mix_;
    std::map<std::string, core::BusinessClock> clocks_;
    std::string executive_ = "总经理-陈";
    std::map<std::pair<std::string, int>, std::int64_t> counters_;
    std::map<std::pair<std::string, std::string>, std::int64_t> spent_;
    std::int64_t next_id_ = 0, next_proposal_ = 0, next_task_ = 0;
    Totals totals_;
    Case k_;
    std::vector<Act> acts_;
};

Generator::Generator(const Options& o, const core::Config& config)
    : config_(config)
    , as_of_(local_midnight(o.from_day + o.days))
    , rng_(o.seed)
    , salt_(hash64(o.seed))
    , arrivals_(o, config.company.calendar, Rng(o.seed ^ 0x5DEECE66DULL)) {
    std::vector<double> intake_weights;
    depts_.reserve(config.departments.size());
    for (const auto& d : config.departments) {
        depts_.push_back(make_context(d, depts_.size()));
        clocks_.emplace(d.id, core::BusinessClock(d.calendar));
        if (d.channels.empty())
            continue;
        intake_.push_back(depts_.size() - 1);
        // Bigger budgets stand for bigger departments: they take more complaints.
        intake_weights.push_back(d.monthly_budget > 0 ? static_cast<double>(d.monthly_budget)
                                                      : 1.0);
    }
    if (intake_.empty())
        throw std::runtime_error("no department of the config takes complaints (channels)");
    intake_mix_ = Weighted(intake_weights);
    category_mix_ = Weighted(zipf_weights(categories.size()));
    severity_mix_ = Weighted({30, 45, 20, 5});        // low, medium, high, critical
    type_mix_ = Weighted({50, 20, 20, 10});           // unknown, demanding, confused, agitated
    verdict_mix_ = Weighted({40, 35, 15, 10});        // none, provided, not_provided, arrangeable
    satisfaction_mix_ = Weighted({7, 8, 15, 30, 40}); // 1 … 5
    remedy_mix_ = Weighted({22, 18, 6, 24, 22, 5, 2, 1}); // compensation::remedies order
    fault_mix_ = Weighted({30, 45, 25});                  // none, partial, full
}

const Case& Generator::next() {
    k_.events.clear();
    k_.proposals.clear();
    k_.callbacks.clear();
    k_.tasks.clear();
    intake(arrivals_.next());
    live();
    finish();
    totals_.complaints += 1;
    totals_.events += static_cast<std::int64_t>(k_.events.size());
    totals_.proposals += static_cast<std::int64_t>(k_.proposals.size());
    totals_.callbacks += static_cast<std::int64_t>(k_.callbacks.size());
    totals_.tasks += static_cast<std::int64_t>(k_.tasks.size());
    return k_;
}

// ---- intake ---------------------------------------------------------------------------

void Generator::intake(std::int64_t received) {
    ComplaintRow& c = k_.c;
    const DeptContext& d = depts_[intake_[intake_mix_.draw(rng_)]];
    k_.dept = &d;
    c = ComplaintRow{};
    c.id = ++next_id_;
    const int year = local_year(received);
    const std::int64_t seq = ++counters_[{d.dept->prefix, year}];
    char number[48];
    std::snprintf(number, sizeof number, "%s-%04d-%06lld", d.dept->prefix.c_str(), year,
                  static_cast<long long>(seq));
    c.tracking = number;
    c.received = c.updated = received;
    c.channel = d.channels[d.channel_mix.draw(rng_)];
    const Category& cat = categories[category_mix_.draw(rng_)];
    c.category = cat.name;
    c.cause = rng_.pick(cat.causes);
    c.request = rng_.pick(cat.requests);
    static constexpr std::array<std::string_view, 4> severities{"low", "medium", "high",
                                                                "critical"};
    c.severity =
        cat.name == "safety" ? severities[2 + rng_.below(2)] : severities[severity_mix_.draw(rng_)];
    static constexpr std::array<std::string_view, 4> types{"unknown", "demanding", "confused",
                                                           "agitated"};
    c.customer_type = types[type_mix_.draw(rng_)];
    describe_customer(pool_.draw(rng_), salt_, c.channel == "phone", c.channel == "email",
                      c.customer);
    describe_product();
    if (rng_.chance(0.4))
        c.loss = std::llround(std::clamp(rng_.lognormal(800, 1.0), 10.0, 200'000.0)) * 100;
    c.owner = any_agent(d);
    // Staff register phone and desk complaints themselves; the others come in
    // through their channel's plugin.
    const bool by_staff = c.channel != "web" && c.channel != "email" && c.channel != "import";
    c.recorder = by_staff ? c.owner : c.channel;
    c.fr_due = received + 4 * hour_ms;
    c.res_due = received + 3 * day_ms;
    classify();
    add_created_event();
    k_.with_proposal = rng_.chance(0.37);
    k_.refuses = k_.with_proposal && rng_.chance(0.05);
    k_.manual = rng_.chance(0.10);
    k_.open_proposal.reset();
    k_.unresolved_since = received;
    k_.resolution_breach_at.reset();
    k_.first_task = 0;
}

void Generator::describe_product() {
    ComplaintRow& c = k_.c;
    const ProductLine& p = rng_.pick(products);
    c.product_name = p.name;
    c.product_spec = p.spec;
    const auto made = civil(local_day(c.received) - rng_.between(30, 1100));
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(made.year()),
                  static_cast<unsigned>(made.month()));
    c.production_date = text;
    c.batch.assign(p.batch).append("-").append(text);
    c.product_used_at = c.customer.company.empty() ? "家用" : "商用";
}

// The catalog's verdict on the request, cited from the version in force: the
// example catalog names a version per half year ("2026-H1").
void Generator::classify() {
    ComplaintRow& c = k_.c;
    c.verdict = c.entry = {};
    switch (verdict_mix_.draw(rng_)) {
    case 1:
        c.verdict = "provided";
        c.entry = rng_.pick(provided_entries);
        break;
    case 2:
        c.verdict = "not_provided";
        c.entry = rng_.pick(not_provided_entries);
        break;
    case 3:
        c.verdict = "arrangeable";
        c.entry = rng_.pick(arrangeable_entries);
        break;
    default:
        return;
    }
    const auto day = civil(local_day(c.received));
    c.catalog_version = std::to_string(static_cast<int>(day.year())) +
                        (static_cast<unsigned>(day.month()) <= 6 ? "-H1" : "-H2");
}

void Generator::add_created_event() {
    const ComplaintRow& c = k_.c;
    EventRow& e = k_.events.emplace_back();
    e.at = c.received;
    e.actor = c.recorder;
    e.type = "created";
    e.to = "received";
    JsonObject data(e.data);
    if (!c.verdict.empty()) {
        std::string catalog;
        JsonObject(catalog)
            .text("entry", c.entry)
            .text("verdict", c.verdict)
            .text("version", c.catalog_version)
            .close();
        data.raw("catalog", catalog);
    }
    data.text("channel", c.channel).text("department", k_.dept->dept->id).close();
}

// ---- the path ---------------------------------------------------------------------------

// The actions a complaint would go through if nothing stopped it: contact,
// analyse, propose, approve, agree, implement, resolve, then the follow-up
// call closes it. About 5% are escalated once (at a random stage, contacted
// again after), 4% reopened once after an unsatisfied follow-up call, 2%
// rejected after analysis, and refusals end rejected.
void Generator::plan() {
    acts_.clear();
    const int escalate_at = rng_.chance(0.05) ? static_cast<int>(rng_.below(4)) : -1;
    const bool rejects = !k_.refuses && rng_.chance(0.02);
    const bool reopens = rng_.chance(0.04);
    auto stage = [&](int s, std::initializer_list<Act> redo) {
        if (escalate_at == s) {
            acts_.push_back(Act::Escalate);
            acts_.insert(acts_.end(), redo);
        }
    };
    stage(0, {});
    acts_.push_back(Act::Contact);
    stage(1, {Act::Contact});
    acts_.push_back(Act::Analyse);
    stage(2, {Act::Contact, Act::Analyse});
    if (rejects) {
        acts_.push_back(Act::Reject);
        return;
    }
    acts_.push_back(Act::Propose);
    stage(3, {Act::Contact, Act::Analyse, Act::Propose});
    if (k_.refuses) {
        acts_.push_back(Act::Reject);
        return;
    }
    constexpr std::array<Act, 4> carry_out{Act::Approve, Act::Agree, Act::Implement, Act::Resolve};
    acts_.insert(acts_.end(), carry_out.begin(), carry_out.end());
    if (reopens) {
        acts_.insert(acts_.end(), {Act::Reopen, Act::Contact, Act::Analyse, Act::Propose});
        acts_.insert(acts_.end(), carry_out.begin(), carry_out.end());
    }
    acts_.push_back(Act::Close);
}

// Walks the plan until the snapshot; 1.5% of complaints stall somewhere and
// stay open however old they get.
void Generator::live() {
    plan();
    const std::size_t stall_at = rng_.chance(0.015) ? rng_.below(acts_.size()) : acts_.size();
    std::int64_t t = k_.c.received;
    for (std::size_t i = 0; i < stall_at; ++i) {
        t = when(acts_[i], t);
        if (t > as_of_)
            return;
        apply(acts_[i], t, i + 1 < acts_.size() ? std::optional(acts_[i + 1]) : std::nullopt);
    }
}

// Staff act between 08:00 and 21:00 local; later work waits for the morning.
std::int64_t Generator::staffed(std::int64_t t) {
    const int minute = local_minute(t);
    if (minute >= 8 * 60 && minute < 21 * 60)
        return t;
    const std::int64_t day = local_day(t) + (minute >= 21 * 60 ? 1 : 0);
    return local_midnight(day) + 8 * hour_ms + delay(45, 0.7);
}

// Most complaints are answered within the hour while staff are in; a few are
// overlooked until the next morning.
std::int64_t Generator::first_contact_at(std::int64_t received) {
    if (rng_.chance(0.96))
        return staffed(received + delay(40, 1.0));
    return local_midnight(local_day(received) + 1) + 8 * hour_ms + delay(60, 0.8);
}

std::int64_t Generator::when(Act act, std::int64_t after) {
    switch (act) {
    case Act::Contact:
        return k_.c.first_responded ? staffed(after + delay(90, 1.0)) : first_contact_at(after);
    case Act::Analyse:
        return staffed(after + delay(90, 1.0));
    case Act::Propose:
        return staffed(after + delay(90, 1.0));
    case Act::Approve: // higher levels take longer to reach
        return staffed(
            after +
            delay(45.0 * (1 + static_cast<int>(k_.c.required_level.value_or(Role::Agent))), 1.0));
    case Act::Agree:
        return staffed(after + delay(180, 1.2));
    case Act::Implement:
        return staffed(after + delay(60, 1.0));
    case Act::Resolve:
        return staffed(after + delay(600, 1.0));
    case Act::Escalate:
        return staffed(after + delay(120, 1.0));
    case Act::Reject:
        return staffed(after + delay(240, 1.0));
    case Act::Close:
    case Act::Reopen:
        return k_.callback_done_at; // planned with the follow-up call at resolution
    }
    return after;
}

void Generator::apply(Act act, std::int64_t at, std::optional<Act> next) {
    switch (act) {
    case Act::Contact:
        return contact(at);
    case Act::Analyse:
        return analyse(at);
    case Act::Propose:
        return propose(at);
    case Act::Approve:
        return approve(at);
    case Act::Agree:
        return agree(at);
    case Act::Implement:
        return implement(at);
    case Act::Resolve:
        return resolve(at, next == Act::Reopen);
    case Act::Close:
        return close(at);
    case Act::Reopen:
        return reopen(at);
    case Act::Escalate:
        return escalate(at);
    case Act::Reject:
        return reject(at);
    }
}

//! Appends a transition event and moves the complaint, as Lifecycle::apply does.
EventRow& Generator::transition(std::int64_t at, std::string_view actor, core::Status to) {
    ComplaintRow& c = k_.c;
    EventRow& e = k_.events.emplace_back();
    e.at = at;
    e.actor = actor;
    e.type = "transition";
    e.from = core::to_string(c.status);
    e.to = core::to_string(to);
    c.status = to;
    c.updated = at;
    c.version += 1;
    return e;
}

std::string_view Generator::actor_at(Role level) {
    const DeptContext& d = *k_.dept;
    switch (level) {
    case Role::Agent:
        return k_.c.owner;
    case Role::Supervisor:
        return d.supervisors[rng_.below(d.supervisors.size())];
    case Role::Manager:
        return d.managers[rng_.below(d.managers.size())];
    default:
        return executive_;
    }
}

// ---- the actions ------------------------------------------------------------------------

void Generator::contact(std::int64_t at) {
    ComplaintRow& c = k_.c;
    const bool first = !c.first_responded;
    if (first) {
        c.first_responded = at;
        c.same_day = local_day(at) == local_day(c.received);
    }
    std::string_view method = "phone";
    if (c.channel == "email" || (c.channel == "web" && rng_.chance(0.3)))
        method = "email";
    else if (c.channel == "visit" && rng_.chance(0.5))
        method = "visit";
    else if (rng_.chance(0.08))
        method = "sms";
    EventRow& e = transition(at, c.owner, core::Status::Contacted);
    JsonObject data(e.data);
    data.text("action", "contact").boolean("customer_confirmed", true).text("method", method);
    data.text("restated_problem", rng_.pick(restated));
    if (first)
        data.boolean("same_day_reply", *c.same_day);
    data.close();
}

void Generator::analyse(std::int64_t at) {
    static constexpr std::array<std::string_view, 3> faults{"none", "partial", "full"};
    k_.company_fault = faults[fault_mix_.draw(rng_)];
    k_.demand_reasonable = rng_.chance(0.85);
    std::string_view finding = "";
    for (const auto& cat : categories)
        if (cat.name == k_.c.category)
            finding = cat.finding;
    EventRow& e = transition(at, k_.c.owner, core::Status::Analysed);
    JsonObject(e.data)
        .text("action", "analyse")
        .text("company_fault", k_.company_fault)
        .boolean("demand_reasonable", k_.demand_reasonable)
        .text("findings", finding)
        .text("severity", k_.c.severity)
        .close();
}

void Generator::draw_remedies(std::vector<std::string>& out) {
    out.clear();
    const std::size_t first = remedy_mix_.draw(rng_);
    const std::size_t second = rng_.chance(0.35) ? remedy_mix_.draw(rng_) : first;
    for (std::size_t i = 0; i < redress::compensation::remedies.size(); ++i)
        if (i == first || i == second)
            out.emplace_back(redress::compensation::remedies[i]);
}

void append_step(std::string& out, std::string_view policy, std::string_view effect,
                 std::string_view decision, std::int64_t before, std::int64_t after,
                 const std::vector<std::string>& remedies,
                 std::initializer_list<std::string_view> reasons) {
    out += out.size() > 1 ? "," : "";
    JsonObject(out)
        .integer("amount_after", after)
        .integer("amount_before", before)
        .text("decision", decision)
        .text("effect", effect)
        .text("level", "")
        .text("policy", policy)
        .array("reasons", reasons)
        .array("remedies", remedies)
        .close();
}

// The department's chain as the goodwill and rules plugins would run it on the
// example config: goodwill weighs the fault, rules may veto (arranged for a
// fee), add a voucher for a late first reply, or cap an excessive demand.
void Generator::decide_by_policies(ProposalRow& p, std::int64_t at) {
    const ComplaintRow& c = k_.c;
    const bool late_reply = c.first_responded && *c.first_responded > c.fr_due;
    std::vector<std::string> remedies = p.remedies;
    std::int64_t amount = p.amount;
    bool refused = false;
    static const std::vector<std::string> none;
    p.steps = "[";
    for (const auto& policy : k_.dept->dept->policies) {
        const std::int64_t before = refused ? 0 : amount;
        if (policy == "goodwill" && p.refuse && !k_.dept->has_rules) {
            append_step(p.steps, policy, "proposed", "refuse", 0, 0, none,
                        {"D: the demand is excessive, not reasonable."});
            refused = true;
        } else if (policy == "goodwill") {
            append_step(p.steps, policy, "proposed", "grant", 0, amount, remedies,
                        {k_.company_fault == "full" ? "E: the company is at fault: the whole "
                                                      "loss, and a little more."
                         : k_.company_fault == "partial"
                             ? "E: the company is partly at fault: half of the customer's loss."
                             : "E: the company is not at fault, but the customer matters: a "
                               "gesture of goodwill."});
        } else if (policy == "rules" && p.refuse) {
            append_step(p.steps, policy, "vetoed", "refuse", before, 0, none,
                        {"The catalog says this is arranged for a fee: quote the fee instead "
                         "of compensating."});
            refused = true;
        } else if (policy == "rules" && late_reply) {
            if (std::find(remedies.begin(), remedies.end(), "voucher") == remedies.end())
                remedies.emplace_back("voucher");
            amount += 50'00;
            append_step(p.steps, policy, "raised", "grant", before, amount, remedies,
                        {"We answered later than we promised: a 50.00 voucher on top of "
                         "whatever else is offered."});
        } else if (policy == "rules" && !k_.demand_reasonable && amount > 200'00) {
            amount = 200'00;
            append_step(p.steps, policy, "capped", "grant", before, amount, remedies,
                        {"The demand is judged excessive: goodwill is kept to a gesture of at "
                         "most 200.00."});
        } else {
            append_step(p.steps, policy, "abstained", refused ? "refuse" : "grant", before, before,
                        refused ? none : remedies, {});
        }
    }
    p.steps += "]";
    if (!refused) {
        // Keep the canonical order (material first) the API lists remedies in.
        std::vector<std::string> ordered;
        for (auto r : redress::compensation::remedies)
            if (std::find(remedies.begin(), remedies.end(), r) != remedies.end())
                ordered.emplace_back(r);
        p.remedies = std::move(ordered);
        p.amount = amount;
    }
    std::vector<std::string_view> breaches;
    if (late_reply)
        breaches.push_back("first_response");
    if (at > c.res_due)
        breaches.push_back("resolution");
    JsonObject f(p.factors);
    f.array("asked_remedies",
            std::vector<std::string_view>{p.remedies.empty() ? std::string_view("refund")
                                                             : p.remedies.front()});
    if (!c.verdict.empty())
        f.text("catalog_verdict", c.verdict);
    f.text("company_fault", k_.company_fault).boolean("demand_reasonable", k_.demand_reasonable);
    if (c.loss)
        f.integer("loss_minor", *c.loss);
    f.boolean("long_term", rng_.chance(0.3)).array("sla_breaches", breaches);
    f.boolean("will_buy_again", rng_.chance(0.6));
    static constexpr std::array<std::string_view, 3> spread{"low", "medium", "high"};
    f.text("word_of_mouth", rng_.pick(spread));
    f.close();
}

void Generator::propose(std::int64_t at) {
    ComplaintRow& c = k_.c;
    const core::Department& d = *k_.dept->dept;
    if (!k_.with_proposal) {
        // Settled without compensation: an apology, no proposal kept.
        c.proposed = 0;
        c.required_level = core::Lifecycle::required_level(d.approval, 0);
        EventRow& e = transition(at, c.owner, core::Status::Proposed);
        JsonObject(e.data)
            .text("action", "propose")
            .integer("amount_minor", 0)
            .array("remedies", std::array<std::string_view, 1>{"apology"})
            .text("required_level", core::to_string(*c.required_level))
            .close();
        return;
    }
    ProposalRow& p = k_.proposals.emplace_back();
    k_.open_proposal = k_.proposals.size() - 1;
    p.id = ++next_proposal_;
    p.refuse = k_.refuses;
    draw_remedies(p.remedies);
    if (std::any_of(p.remedies.begin(), p.remedies.end(),
                    [](const auto& r) { return redress::compensation::is_material(r); }))
        p.amount = std::llround(std::clamp(rng_.lognormal(200, 0.9), 10.0, 20'000.0)) * 100;
    p.manual = k_.manual || d.policies.empty();
    if (p.manual) {
        p.steps = "[]";
        p.factors = "{}";
        append_array(p.reasons,
                     std::array<std::string_view, 1>{p.refuse ? "按服务承诺目录属收费项目，不予补偿"
                                                              : "与客户协商一致的补偿方案"});
    } else {
        p.reasons = "[]";
        decide_by_policies(p, at);
    }
    if (p.refuse) {
        p.remedies.clear();
        p.amount = 0;
    }
    core::LevelDecision level = core::base_approval_level(d, config_, p.refuse ? "refuse" : "grant",
                                                          p.amount, p.remedies, std::string());
    if (d.monthly_budget > 0 && p.amount > 0) {
        const std::string month = local_month(at);
        const std::int64_t spent = spent_[{d.id, month}];
        if (spent + p.amount > d.monthly_budget) {
            // The service's own sentence, so reports can group on it.
            level.level = core::next_level(level.level);
            level.reasons.push_back(
                "the " + month + " budget of " + core::format_money(d.monthly_budget, d.currency) +
                " has " +
                core::format_money(std::max<std::int64_t>(0, d.monthly_budget - spent),
                                   d.currency) +
                " left: exceeding it needs one level more, a " +
                std::string(core::to_string(level.level)));
        }
    }
    p.level = level.level;
    append_array(p.level_reasons, level.reasons);
    p.created_by = c.owner;
    p.created_at = at;
    c.proposed = p.amount;
    c.required_level = p.level;
    EventRow& e = transition(at, c.owner, core::Status::Proposed);
    JsonObject data(e.data);
    data.text("action", "propose").integer("amount_minor", p.amount);
    if (p.refuse)
        data.text("decision", "refuse");
    data.raw("level_reasons", p.level_reasons);
    if (p.manual)
        data.raw("reasons", p.reasons);
    data.array("remedies", p.remedies).text("required_level", core::to_string(p.level));
    data.text("source", p.manual ? "manual" : "policies").close();
}

void Generator::approve(std::int64_t at) {
    ComplaintRow& c = k_.c;
    const core::Department& d = *k_.dept->dept;
    Role needed = c.required_level.value_or(Role::Agent);
    ProposalRow* p = k_.open_proposal ? &k_.proposals[*k_.open_proposal] : nullptr;
    std::string budget;
    if (p && d.monthly_budget > 0 && p->amount > 0) {
        // The approval charges the month's budget; beyond it one level more signs.
        p->budget_month = local_month(at);
        std::int64_t& spent = spent_[{d.id, p->budget_month}];
        const bool over = spent + p->amount > d.monthly_budget;
        if (over)
            needed = std::max(
                needed, core::next_level(core::Lifecycle::required_level(d.approval, p->amount)));
        JsonObject(budget)
            .integer("amount_minor", p->amount)
            .integer("budget_minor", d.monthly_budget)
            .boolean("exceeded", over)
            .text("month", p->budget_month)
            .integer("spent_before_minor", spent)
            .close();
        spent += p->amount;
    }
    const std::string_view approver = actor_at(needed);
    EventRow& e = transition(at, approver, core::Status::Approved);
    JsonObject data(e.data);
    data.text("action", "approve");
    if (p)
        data.integer("amount_minor", p->amount);
    data.text("approved_level", core::to_string(needed));
    if (!budget.empty())
        data.raw("budget", budget);
    if (p) {
        data.integer("proposal_id", p->id).array("remedies", p->remedies);
        p->status = core::ProposalStatus::Approved;
        p->decided_by = approver;
        p->decided_at = at;
    }
    data.close();
}

void Generator::agree(std::int64_t at) {
    EventRow& e = transition(at, k_.c.owner, core::Status::Agreed);
    JsonObject data(e.data);
    data.text("action", "agree").boolean("customer_accepted", true);
    if (k_.open_proposal) {
        ProposalRow& p = k_.proposals[*k_.open_proposal];
        p.status = core::ProposalStatus::Agreed;
        data.integer("proposal_id", p.id);
    }
    data.close();
}

// The agreed remedies become tasks for the departments that carry them out.
void Generator::implement(std::int64_t at) {
    k_.implemented_at = at;
    k_.first_task = k_.tasks.size();
    EventRow& e = transition(at, k_.c.owner, core::Status::Implementing);
    JsonObject data(e.data);
    data.text("action", "implement");
    if (k_.open_proposal && !k_.proposals[*k_.open_proposal].remedies.empty()) {
        const ProposalRow& p = k_.proposals[*k_.open_proposal];
        const std::string_view carrier = money_remedy(p.remedies);
        std::string listed = "[";
        for (const auto& remedy : p.remedies) {
            TaskRow& t = k_.tasks.emplace_back();
            auto dispatch = config_.remedies.find(remedy);
            const core::RemedyDispatch how =
                dispatch != config_.remedies.end() ? dispatch->second : core::RemedyDispatch{};
            const core::Department* by = config_.find_department(how.department);
            t.dept = &depts_[by ? static_cast<std::size_t>(by - config_.departments.data())
                                : k_.dept->index];
            t.id = ++next_task_;
            t.proposal_id = p.id;
            t.remedy = remedy;
            t.amount = remedy == carrier ? p.amount : 0;
            t.due_at = clocks_.at(t.dept->dept->id).add(at, how.due);
            t.assignee = t.dept == k_.dept ? k_.c.owner : std::string_view();
            t.created_by = k_.c.owner;
            t.created_at = at;
            listed += listed.size() > 1 ? "," : "";
            JsonObject(listed)
                .integer("amount_minor", t.amount)
                .text("department", t.dept->dept->id)
                .integer("due_at", t.due_at)
                .text("remedy", t.remedy)
                .close();
        }
        data.integer("proposal_id", p.id).raw("tasks", listed + "]");
    }
    data.close();
}

void Generator::resolve(std::int64_t at, bool reopens) {
    note_unresolved(at);
    k_.c.resolved = at;
    EventRow& e = transition(at, k_.c.owner, core::Status::Resolved);
    JsonObject(e.data).text("action", "resolve").text("resolution", rng_.pick(resolutions)).close();
    // The round's tasks were done while it was implemented; the last one resolved it.
    for (std::size_t i = k_.first_task; i < k_.tasks.size(); ++i) {
        TaskRow& t = k_.tasks[i];
        t.done_at = i + 1 == k_.tasks.size()
                        ? at
                        : k_.implemented_at +
                              static_cast<std::int64_t>(rng_.uniform() * (at - k_.implemented_at));
        t.done_by = t.assignee.empty() ? any_agent(*t.dept) : t.assignee;
    }
    k_.first_task = k_.tasks.size();
    follow_up(at, reopens);
}

// One follow-up call per resolution, due three days later. It closes the
// complaint (satisfied), reopens it (unsatisfied), or, 8% of the time, finds
// nobody and is tried again a day later.
void Generator::follow_up(std::int64_t resolved_at, bool reopens) {
    const DeptContext& d = *k_.dept;
    auto add = [&](std::int64_t created_at, std::string_view by, std::int64_t due, int attempt) {
        CallbackRow& cb = k_.callbacks.emplace_back();
        cb.created_at = created_at;
        cb.created_by = by;
        cb.due_at = due;
        cb.assignee = k_.c.owner;
        cb.attempt = attempt;
        cb.done_by = any_agent(d);
        return k_.callbacks.size() - 1;
    };
    const std::int64_t due = resolved_at + 3 * day_ms;
    std::int64_t done =
        staffed(std::max(resolved_at + hour_ms, due + rng_.between(-20 * hour_ms, 30 * hour_ms)));
    std::size_t call = add(resolved_at, k_.c.owner, due, 1);
    if (!reopens && rng_.chance(0.08)) {
        k_.callbacks[call].done_at = done;
        k_.callbacks[call].outcome = "unreachable";
        call = add(done, k_.callbacks[call].done_by, done + day_ms, 2);
        done = staffed(done + day_ms + rng_.between(0, 6 * hour_ms));
    }
    CallbackRow& last = k_.callbacks[call];
    last.done_at = done;
    last.outcome = reopens ? "unsatisfied" : "satisfied";
    if (!reopens)
        last.satisfaction = static_cast<int>(satisfaction_mix_.draw(rng_)) + 1;
    k_.callback_done_at = done;
}

void Generator::close(std::int64_t at) {
    const CallbackRow& call = k_.callbacks.back();
    k_.c.closed = at;
    k_.c.satisfaction = call.satisfaction;
    EventRow& e = transition(at, call.done_by, core::Status::Closed);
    e.reason = "follow-up call: satisfied";
    JsonObject(e.data).text("action", "close").integer("satisfaction", *call.satisfaction).close();
}

void Generator::reopen(std::int64_t at) {
    ComplaintRow& c = k_.c;
    c.resolved.reset();
    c.closed.reset();
    c.satisfaction.reset();
    c.proposed.reset();
    c.required_level.reset();
    k_.open_proposal.reset();
    k_.unresolved_since = at;
    EventRow& e = transition(at, k_.callbacks.back().done_by, core::Status::Reopened);
    e.reason = "follow-up call: the customer is not satisfied";
    JsonObject(e.data).text("action", "reopen").close();
}

void Generator::withdraw_open_proposal(std::int64_t at, std::string_view by, std::string_view note,
                                       core::ProposalStatus to, JsonObject& data) {
    if (!k_.open_proposal)
        return;
    ProposalRow& p = k_.proposals[*k_.open_proposal];
    p.status = to;
    p.decided_by = by;
    p.decided_at = at;
    p.decision_note = note;
    k_.open_proposal.reset();
    data.integer("proposal_id", p.id).text("proposal_status", core::to_string(to));
}

void Generator::escalate(std::int64_t at) {
    static constexpr std::array<std::string_view, 3> reasons{
        "客户要求上级处理", "问题复杂，需要上级协调", "客户情绪激动，升级处理"};
    const std::string_view reason = rng_.pick(reasons);
    EventRow& e = transition(at, k_.c.owner, core::Status::Escalated);
    e.reason = reason;
    JsonObject data(e.data);
    data.text("action", "escalate");
    withdraw_open_proposal(at, k_.c.owner, reason, core::ProposalStatus::Withdrawn, data);
    data.text("to_level", rng_.chance(0.7) ? "supervisor" : "manager").close();
}

// A supervisor says the reasoned "no": the demand is beyond what is owed, or
// the proposal was a refusal (approving it is rejecting the complaint).
void Generator::reject(std::int64_t at) {
    note_unresolved(at);
    const std::string_view supervisor = actor_at(Role::Supervisor);
    const std::string_view reason = k_.refuses ? "按服务承诺目录，该项目为收费服务，不予补偿"
                                               : "经核实，诉求超出公司服务承诺范围";
    EventRow& e = transition(at, supervisor, core::Status::Rejected);
    e.reason = reason;
    JsonObject data(e.data);
    data.text("action", "reject").boolean("customer_told", true);
    withdraw_open_proposal(
        at, supervisor, reason,
        k_.refuses ? core::ProposalStatus::Refused : core::ProposalStatus::Withdrawn, data);
    data.close();
}

// ---- SLA breaches and the snapshot --------------------------------------------------------

// The sweeper (every minute) records a missed resolution once: the first time
// it finds the complaint awaiting a resolution past its due time.
void Generator::note_unresolved(std::int64_t until) {
    if (k_.resolution_breach_at)
        return;
    const std::int64_t late_from = std::max(k_.c.res_due, k_.unresolved_since);
    if (until > late_from)
        k_.resolution_breach_at = late_from + static_cast<std::int64_t>(rng_.below(minute_ms));
}

void Generator::add_breach_event(std::string_view kind, std::int64_t due, std::int64_t at) {
    EventRow& e = k_.events.emplace_back();
    e.at = at;
    e.actor = "sla";
    e.type = "sla_breach";
    e.reason = kind == "first_response" ? "first response was due and is late"
                                        : "resolution was due and is late";
    JsonObject(e.data).integer("due_ms", due).text("kind", kind).close();
}

// Cuts everything at the snapshot: breaches the sweeper would have recorded by
// then, follow-up calls not yet made.
void Generator::finish() {
    ComplaintRow& c = k_.c;
    const bool finished = c.status == core::Status::Closed || c.status == core::Status::Rejected;
    if (!finished && c.status != core::Status::Resolved)
        note_unresolved(as_of_);
    const bool late_reply = c.first_responded ? *c.first_responded > c.fr_due : !finished;
    const std::int64_t fr_noticed = c.fr_due + static_cast<std::int64_t>(rng_.below(minute_ms));
    if (late_reply && fr_noticed <= as_of_) {
        c.fr_breached = true;
        add_breach_event("first_response", c.fr_due, fr_noticed);
    }
    if (k_.resolution_breach_at && *k_.resolution_breach_at <= as_of_) {
        c.res_breached = true;
        add_breach_event("resolution", c.res_due, *k_.resolution_breach_at);
    }
    std::stable_sort(k_.events.begin(), k_.events.end(),
                     [](const EventRow& a, const EventRow& b) { return a.at < b.at; });
    std::erase_if(k_.callbacks, [&](const CallbackRow& cb) { return cb.created_at > as_of_; });
    for (CallbackRow& cb : k_.callbacks)
        if (cb.done_at && *cb.done_at > as_of_) {
            cb.done_at.reset();
            cb.satisfaction.reset();
        }
}

// ---- main -----------------------------------------------------------------------------

core::Config load_company(const fs::path& file) {
    std::vector<core::ConfigError> errors;
    core::ParsedConfig parsed = core::parse_config(file, errors);
    if (!errors.empty()) {
        std::string message = "the config has errors:";
        for (const auto& e : errors)
            message += "\n  " + e.to_string();
        throw std::runtime_error(message);
    }
    return parsed.config;
}

// Refuses to replace an existing database unless told to (--force).
void prepare_output(const Options& o) {
    if (fs::exists(o.out)) {
        if (!o.force)
            throw std::runtime_error(o.out.string() +
                                     " exists; pass --force to replace it (its data is lost)");
        for (const char* suffix : {"", "-wal", "-shm"})
            fs::remove(o.out.string() + suffix);
    }
    if (o.out.has_parent_path() && !fs::is_directory(o.out.parent_path()))
        throw std::runtime_error("no folder " + o.out.parent_path().string() + " for " +
                                 o.out.string());
}

// From here on one thread alone uses SQLite (the store is closed), so its
// mutexes and memory statistics are pure overhead.
void single_threaded_sqlite() {
    if (sqlite3_shutdown() != SQLITE_OK ||
        sqlite3_config(SQLITE_CONFIG_SINGLETHREAD) != SQLITE_OK ||
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK ||
        sqlite3_initialize() != SQLITE_OK)
        throw SqliteError("could not configure SQLite for one thread");
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void report(const char* what, const Totals& t, double seconds) {
    std::fprintf(stderr,
                 "bench_report_data: %s %lld complaints, %lld events, %lld callbacks, %lld "
                 "proposals, %lld tasks, %.1f s\n",
                 what, static_cast<long long>(t.complaints), static_cast<long long>(t.events),
                 static_cast<long long>(t.callbacks), static_cast<long long>(t.proposals),
                 static_cast<long long>(t.tasks), seconds);
}

void generate(const Options& o) {
    prepare_output(o);
    const core::Config config = load_company(o.config);
    const auto started = std::chrono::steady_clock::now();
    const fs::path file = fs::absolute(o.out);
    core::open_store("sqlite://" + file.string()).reset(); // the schema, every migration
    single_threaded_sqlite();
    Generator generator(o, config);
    Database db(file);
    for (std::int64_t n = 1; n <= o.complaints; ++n) {
        db.write(generator.next());
        if (n % complaints_per_transaction == 0)
            db.commit_and_begin();
        if (n % progress_every == 0)
            report("at", generator.totals(), seconds_since(started));
    }
    db.write_counters(generator.counters());
    db.write_budgets(generator.budgets());
    db.finish();
    report("done:", generator.totals(), seconds_since(started));
    std::fprintf(stderr, "bench_report_data: %s, %.1f MiB\n", file.c_str(),
                 static_cast<double>(fs::file_size(file)) / (1024.0 * 1024.0));
}

} // namespace

int main(int argc, char** argv) {
    const Options options = parse_options(argc, argv);
    try {
        generate(options);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_report_data: %s\n", e.what());
        return 1;
    }
    return 0;
}
