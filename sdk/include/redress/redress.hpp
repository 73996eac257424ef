// redress/redress.hpp — the whole C++ SDK in one include.
#pragma once

#include <redress/abi.h>
#include <redress/catalog.hpp>
#include <redress/compensation.hpp>
#include <redress/complaint.hpp>
#include <redress/config.hpp>
#include <redress/error.hpp>
#include <redress/host.hpp>
#include <redress/http.hpp>
#include <redress/io.hpp>
#include <redress/money.hpp>
#include <redress/plugin.hpp>
#include <redress/record.hpp>
#include <redress/report.hpp>
#include <redress/services.hpp>
