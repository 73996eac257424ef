#include <boost/dll/shared_library_load_mode.hpp>
#include <dlfcn.h>
#include <redress/core/plugin/plugin_library.hpp>

namespace redress::core {

std::vector<std::string> family_names(std::uint32_t families) {
    std::vector<std::string> out;
    if (families & REDRESS_FAMILY_INTAKE)
        out.emplace_back("intake");
    if (families & REDRESS_FAMILY_COMPENSATION)
        out.emplace_back("compensation");
    if (families & REDRESS_FAMILY_CATALOG)
        out.emplace_back("catalog");
    if (families & REDRESS_FAMILY_REPORTER)
        out.emplace_back("reporter");
    return out;
}

PluginLibrary::PluginLibrary(const std::filesystem::path& file, boost::dll::shared_library library,
                             const redress_plugin_descriptor* descriptor, DescriptorInfo info)
    : file_(file)
    , library_(std::move(library))
    , descriptor_(descriptor)
    , info_(std::move(info)) {}

std::shared_ptr<PluginLibrary> PluginLibrary::load(const std::filesystem::path& file) {
    namespace dll = boost::dll;
    dll::shared_library library;
    boost::system::error_code ec;
    // rtld_local keeps each plugin's symbols to itself; rtld_now surfaces a
    // missing dependency here rather than at the first call.
    library.load(file.string(), dll::load_mode::rtld_now | dll::load_mode::rtld_local, ec);
    if (ec) {
        const char* detail = ::dlerror();
        throw PluginLoadError(file, "cannot load library: " +
                                        (detail ? std::string(detail) : ec.message()));
    }
    if (!library.has(REDRESS_PLUGIN_ENTRY_NAME))
        throw PluginLoadError(file, std::string("no entry point '") + REDRESS_PLUGIN_ENTRY_NAME +
                                        "' (is REDRESS_PLUGIN(...) in the plugin?)");
    auto entry = library.get<const redress_plugin_descriptor*()>(REDRESS_PLUGIN_ENTRY_NAME);
    const redress_plugin_descriptor* d = entry();
    if (!d)
        throw PluginLoadError(file, "the entry point returned no descriptor");

    // On refusal the library goes out of scope here and is unloaded again.
    DescriptorInfo info;
    try {
        info = check_descriptor(*d);
    } catch (const DescriptorError& e) {
        throw PluginLoadError(file, e.what());
    }
    return std::shared_ptr<PluginLibrary>(
        new PluginLibrary(file, std::move(library), d, std::move(info)));
}

} // namespace redress::core
