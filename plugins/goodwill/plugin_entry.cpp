// The library's one export: the goodwill compensation policy.
#include "goodwill_policy.hpp"

REDRESS_PLUGIN(redress::goodwill::GoodwillPolicy)
