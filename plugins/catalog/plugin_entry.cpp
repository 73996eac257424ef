// The library's one export: the service-commitment catalog.
#include "catalog_plugin.hpp"

REDRESS_PLUGIN(redress::catalog_plugin::CatalogPlugin)
