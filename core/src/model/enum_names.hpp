// Internal: stable lower-case names of the model's enumerations, both ways.
#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace redress::core::enum_names {

template <class E, std::size_t N>
using Table = std::array<std::pair<E, std::string_view>, N>;

template <class E, std::size_t N>
std::optional<E> find(const Table<E, N>& names, std::string_view s) {
    for (const auto& [e, name] : names)
        if (name == s)
            return e;
    return std::nullopt;
}

template <class E, std::size_t N>
std::string_view name_of(const Table<E, N>& names, E e) {
    for (const auto& [x, name] : names)
        if (x == e)
            return name;
    return "unknown";
}

} // namespace redress::core::enum_names
