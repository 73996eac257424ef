// Exports the e-mail channel as the plugin "email".
#include "email_channel.hpp"

REDRESS_PLUGIN(redress::email::EmailChannel)
