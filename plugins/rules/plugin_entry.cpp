// The library's one export: the rules compensation policy.
#include "rules_policy.hpp"

REDRESS_PLUGIN(redress::rules::RulesPolicy)
