// The library's one export: the web intake channel.
#include "web_plugin.hpp"

REDRESS_PLUGIN(redress::web::WebPlugin)
