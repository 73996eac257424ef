// The plugin descriptor checks (check_descriptor, core/src/plugin/
// plugin_descriptor.cpp) on descriptors built from bytes, as a plugin — old,
// new, buggy or hostile — could hand them to the host: any sizes and versions,
// NULL or over-long strings, counts that disagree with their arrays, family
// bits without tables and tables without bits, config schemas with bad types
// and defaults.
//
// Each struct is allocated with exactly the size it declares (never more than
// the host's struct), so ASan reports the host reading a field that a plugin
// of that size does not have: the ABI promise that every reader checks
// struct_size first. Strings are NUL-terminated, as the ABI requires.
//
// Input (read front to back; missing bytes read as zero; descriptor_seeds.py
// writes the seed corpus in this format):
//   size         u8 selector: 0 the host's sizeof, 1 ABI 1.0's, else u32 follows
//   abi          u16 major, u16 minor
//   name, version, description   str: u16 n, 0 = NULL, else n - 1 bytes
//   families     u32
//   present      u8: 1 create, 2 destroy, 4 intake, 8 compensation,
//                16 catalog, 32 reporter, 64 config_keys array
//   config keys  u16 count, then per key (none past 1024): str path, u32 type,
//                u32 flags, str default, str description
//   intake       if present: size selector, u8 count + u8 array-present,
//                channels (str each), u8 functions (1 handle_http, 2 poll),
//                u8 count + u8 array-present, prefixes (str each)
//   compensation if present: size selector, u8 function
//   catalog      if present: size selector, u8 function
//   reporter     if present: size selector, u8 function, str format,
//                str content type
//
// Expected: DescriptorError (the plugin is refused). Findings: anything else,
// and a descriptor accepted while breaking a rule it was checked for.
#include "fuzz_support.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <redress/core/plugin/plugin_descriptor.hpp>
#include <string>
#include <vector>

namespace {

using redress::core::check_descriptor;
using redress::core::DescriptorError;
using redress::core::DescriptorInfo;

constexpr const char* target = "plugin_descriptor_fuzz";

[[noreturn]] void finding(const std::string& what) {
    redress::fuzz::finding(target, what);
}

// The fuzz input, read front to back.
class Bytes {
public:
    Bytes(const std::uint8_t* data, std::size_t size)
        : data_(data)
        , size_(size) {}

    std::uint32_t uint(int bytes) {
        std::uint32_t v = 0;
        for (int i = 0; i < bytes; ++i)
            v |= static_cast<std::uint32_t>(pos_ < size_ ? data_[pos_++] : 0) << (8 * i);
        return v;
    }
    std::string bytes(std::size_t n) {
        n = std::min(n, size_ - pos_);
        std::string s(reinterpret_cast<const char*>(data_ + pos_), n);
        pos_ += n;
        return s;
    }

private:
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
};

// Owns every allocation of one descriptor, each exactly as large as declared.
class Arena {
public:
    const char* string(Bytes& in) {
        std::uint32_t n = in.uint(2);
        if (n == 0)
            return nullptr;
        std::string s = in.bytes(n - 1);
        auto* p = static_cast<char*>(raw(s.size() + 1));
        std::memcpy(p, s.c_str(), s.size() + 1);
        return p;
    }
    // A struct of declared size `declared` holding the first bytes of full;
    // never smaller than the fields the ABI says are always there (least).
    template <class T>
    const T* table(const T& full, std::uint32_t declared, std::size_t least = 4) {
        std::size_t n = std::clamp<std::size_t>(declared, least, sizeof(T));
        void* p = raw(n);
        std::memcpy(p, &full, n);
        return static_cast<const T*>(p);
    }
    template <class T>
    T* array(std::size_t n) {
        return static_cast<T*>(raw(std::max<std::size_t>(n, 1) * sizeof(T)));
    }

private:
    // Exactly n bytes, so that ASan sees a read one byte past them; new[]
    // aligns them for any struct.
    void* raw(std::size_t n) {
        blocks_.push_back(std::make_unique<char[]>(n));
        return blocks_.back().get();
    }
    std::vector<std::unique_ptr<char[]>> blocks_;
};

// Sizes: the host's own, ABI 1.0's (given), or any.
std::uint32_t struct_size(Bytes& in, std::size_t host, std::size_t abi_1_0) {
    switch (in.uint(1)) {
    case 0:
        return static_cast<std::uint32_t>(host);
    case 1:
        return static_cast<std::uint32_t>(abi_1_0);
    default:
        return in.uint(4);
    }
}

// Never called: check_descriptor only looks whether they are set.
redress_status fake_create(const redress_host_api*, redress_host*, const redress_record*, void**,
                           redress_error*) {
    return REDRESS_OK;
}
void fake_destroy(void*) {}
redress_status fake_http(void*, const redress_record*, redress_record*, redress_error*) {
    return REDRESS_OK;
}
redress_status fake_poll(void*, redress_error*) {
    return REDRESS_OK;
}
redress_status fake_propose(void*, const redress_record*, redress_record*, redress_error*) {
    return REDRESS_OK;
}
redress_status fake_lookup(void*, const redress_record*, redress_record*, redress_error*) {
    return REDRESS_OK;
}
redress_status fake_render(void*, const redress_record*, redress_rows*, redress_sink*,
                           redress_error*) {
    return REDRESS_OK;
}

const char* const* strings(Bytes& in, Arena& arena, std::size_t& count) {
    count = in.uint(1);
    bool present = in.uint(1) != 0;
    auto** items = arena.array<const char*>(count);
    for (std::size_t i = 0; i < count; ++i)
        items[i] = arena.string(in);
    return present ? items : nullptr;
}

const redress_intake_api* intake(Bytes& in, Arena& arena) {
    redress_intake_api t{};
    t.struct_size = struct_size(in, sizeof t, offsetof(redress_intake_api, poll) + sizeof(void*));
    t.channels = strings(in, arena, t.channel_count);
    std::uint32_t functions = in.uint(1);
    t.handle_http = functions & 1 ? fake_http : nullptr;
    t.poll = functions & 2 ? fake_poll : nullptr;
    t.http_prefixes = strings(in, arena, t.http_prefix_count);
    return arena.table(t, t.struct_size);
}

// A descriptor that was accepted must say what its checks demand.
void check_accepted(const redress_plugin_descriptor& d, const DescriptorInfo& info) {
    if (info.name.empty() || info.name.size() > 64)
        finding("accepted a name of " + std::to_string(info.name.size()) + " bytes");
    if (d.families == 0 || (d.families & ~REDRESS_FAMILY_KNOWN))
        finding("accepted families " + std::to_string(d.families));
    if (!d.create || !d.destroy)
        finding("accepted a NULL create or destroy");
    if (static_cast<bool>(d.families & REDRESS_FAMILY_INTAKE) != !info.channels.empty())
        finding("accepted intake family bits that disagree with its channels");
    if (info.config_keys.size() != d.config_key_count)
        finding("copied " + std::to_string(info.config_keys.size()) + " of " +
                std::to_string(d.config_key_count) + " config keys");
    for (const auto& k : info.config_keys)
        if (k.path.empty() || k.type < REDRESS_CONFIG_STRING || k.type > REDRESS_CONFIG_PATH)
            finding("accepted config key '" + k.path + "' of type " + std::to_string(k.type));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Bytes in(data, size);
    Arena arena;
    redress_plugin_descriptor d{};
    d.struct_size = struct_size(in, sizeof d, sizeof d); // ABI 1.0 already had every field
    d.abi_major = static_cast<std::uint16_t>(in.uint(2));
    d.abi_minor = static_cast<std::uint16_t>(in.uint(2));
    d.name = arena.string(in);
    d.version = arena.string(in);
    d.description = arena.string(in);
    d.families = in.uint(4);
    const std::uint32_t present = in.uint(1);
    d.create = present & 1 ? fake_create : nullptr;
    d.destroy = present & 2 ? fake_destroy : nullptr;

    // Past 1024 keys the host refuses before reading any: none are given.
    d.config_key_count = in.uint(2);
    const std::size_t given = d.config_key_count <= 1024 ? d.config_key_count : 0;
    auto* keys = arena.array<redress_config_key>(given);
    for (std::size_t i = 0; i < given; ++i) {
        keys[i].path = arena.string(in);
        keys[i].type = in.uint(4);
        keys[i].flags = in.uint(4);
        keys[i].default_value = arena.string(in);
        keys[i].description = arena.string(in);
    }
    d.config_keys = present & 64 ? keys : nullptr;

    if (present & 4)
        d.intake = intake(in, arena);
    if (present & 8) {
        redress_compensation_api t{};
        t.struct_size = struct_size(in, sizeof t, sizeof t);
        t.propose = in.uint(1) ? fake_propose : nullptr;
        d.compensation = arena.table(t, t.struct_size);
    }
    if (present & 16) {
        redress_catalog_api t{};
        t.struct_size = struct_size(in, sizeof t, sizeof t);
        t.lookup = in.uint(1) ? fake_lookup : nullptr;
        d.catalog = arena.table(t, t.struct_size);
    }
    if (present & 32) {
        redress_reporter_api t{};
        t.struct_size = struct_size(in, sizeof t, sizeof t);
        t.render = in.uint(1) ? fake_render : nullptr;
        t.format = arena.string(in);
        t.content_type = arena.string(in);
        d.reporter = arena.table(t, t.struct_size);
    }

    // The first eight bytes (size and version) are always there.
    const auto* declared = arena.table(d, d.struct_size, 8);
    try {
        DescriptorInfo info = check_descriptor(*declared);
        check_accepted(*declared, info);
        redress::fuzz::note(target, "accepted: " + info.name + " " + info.version);
    } catch (const DescriptorError& e) {
        redress::fuzz::note(target, std::string("refused: ") + e.what());
        if (std::string(e.what()).empty())
            finding("a refusal without a reason");
    }
    return 0;
}
