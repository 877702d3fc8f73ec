#pragma once
// A pupil's, a consent's and a data request's words (status, kind, method, who asked), read back
// from the text both backends keep; the column format is the one written before these were typed.
// A word no version wrote is a std::runtime_error (the database is not what this code wrote).
#include <string_view>

#include "consult/data_request_states.h"
#include "consult/pupil_states.h"

namespace ln::store {

PupilStatus pupil_status_column(std::string_view text);
ConsentKind consent_kind_column(std::string_view text);
ConsentMethod consent_method_column(std::string_view text);
DataRequestKind data_request_kind_column(std::string_view text);
Requester requester_column(std::string_view text);
DataRequestStatus data_request_status_column(std::string_view text);

}  // namespace ln::store
