// The "catalog" plugin: the service-commitment catalog read from a folder of
// TOML files, one per version (see README.md). It answers the host's queries
// (redress/catalog.hpp) from the version in force on the asked date, and
// re-reads the folder on `reload`: a folder with errors is refused whole and
// the catalog already loaded keeps answering.
#pragma once

#include "catalog_loader.hpp"

#include <memory>
#include <mutex>
#include <redress/plugin.hpp>
#include <string>

namespace redress::catalog_plugin {

class CatalogPlugin : public CommitmentCatalog {
public:
    static PluginInfo info();
    //! Throws Error(REDRESS_E_INVALID) listing every problem of the folder.
    CatalogPlugin(Host host, ConfigView config);

    //! Thread-safe; a reload never disturbs a lookup in flight.
    void lookup(const RecordView& query, RecordWriter& answer) override;

    std::shared_ptr<const Catalog> snapshot() const;

private:
    Catalog load() const;
    void answer_lookup(const Catalog& c, const RecordView& q, RecordWriter& a) const;
    void answer_entry(const Catalog& c, const RecordView& q, RecordWriter& a) const;
    void answer_list(const Catalog& c, const RecordView& q, RecordWriter& a) const;
    void answer_versions(const Catalog& c, const RecordView& q, RecordWriter& a) const;
    void answer_diff(const Catalog& c, const RecordView& q, RecordWriter& a) const;
    std::chrono::year_month_day day_of(const RecordView& q) const;
    const Version& version_at(const Catalog& c, const RecordView& q) const;
    void write_entry(RecordWriter w, const Version& v, const Entry& e) const;

    Host host_;
    std::string dir_;
    LoadOptions options_;
    double min_score_;
    std::size_t limit_;
    mutable std::mutex mutex_;
    std::shared_ptr<const Catalog> catalog_;
};

} // namespace redress::catalog_plugin
