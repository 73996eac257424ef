#include <algorithm>
#include <redress/core/plugin/plugin_registry.hpp>

namespace redress::core {

void PluginRegistry::load_directory(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        refuse(dir, "plugin folder does not exist or is not a folder");
        return;
    }
    std::vector<std::filesystem::path> files;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".so" && it->is_regular_file())
            files.push_back(it->path());
    if (ec) {
        refuse(dir, "cannot list plugin folder: " + ec.message());
        return;
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files)
        load_file(f);
}

std::shared_ptr<const PluginLibrary> PluginRegistry::load_file(const std::filesystem::path& file) {
    std::shared_ptr<const PluginLibrary> lib;
    try {
        lib = PluginLibrary::load(file);
    } catch (const PluginLoadError& e) {
        refuse(file, e.reason());
        return nullptr;
    } catch (const std::exception& e) {
        refuse(file, std::string("cannot load: ") + e.what());
        return nullptr;
    }
    if (auto other = find(lib->name())) {
        refuse(file, "duplicate plugin name '" + lib->name() + "' (already loaded from " +
                         other->file().string() + ")");
        return nullptr;
    }
    for (const auto& c : lib->channels())
        if (auto other = find_channel(c)) {
            refuse(file, "channel '" + c + "' is already provided by plugin '" + other->name() +
                             "' (" + other->file().string() + ")");
            return nullptr;
        }
    libraries_.push_back(lib);
    return lib;
}

void PluginRegistry::refuse(const std::filesystem::path& file, std::string reason) {
    refusals_.push_back({file, std::move(reason)});
}

std::shared_ptr<const PluginLibrary> PluginRegistry::find(std::string_view name) const {
    for (const auto& l : libraries_)
        if (l->name() == name)
            return l;
    return nullptr;
}

std::shared_ptr<const PluginLibrary> PluginRegistry::find_channel(std::string_view channel) const {
    for (const auto& l : libraries_)
        for (const auto& c : l->channels())
            if (c == channel)
                return l;
    return nullptr;
}

std::vector<std::string> PluginRegistry::channels() const {
    std::vector<std::string> out;
    for (const auto& l : libraries_)
        out.insert(out.end(), l->channels().begin(), l->channels().end());
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace redress::core
