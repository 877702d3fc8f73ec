#include "store/pupil_columns.h"

#include <optional>
#include <stdexcept>
#include <string>

namespace ln::store {
namespace {

template <typename Enum>
Enum stored(std::optional<Enum> value, const char* column, std::string_view text) {
  if (!value)
    throw std::runtime_error(std::string("Unknown ") + column + " '" + std::string(text) + "'.");
  return *value;
}

}  // namespace

PupilStatus pupil_status_column(std::string_view text) {
  return stored(pupil_status(text), "pupil status", text);
}
ConsentKind consent_kind_column(std::string_view text) {
  return stored(consent_kind(text), "consent kind", text);
}
ConsentMethod consent_method_column(std::string_view text) {
  return stored(consent_method(text), "consent method", text);
}
DataRequestKind data_request_kind_column(std::string_view text) {
  return stored(data_request_kind(text), "data request kind", text);
}
Requester requester_column(std::string_view text) {
  return stored(requester(text), "requested_by", text);
}
DataRequestStatus data_request_status_column(std::string_view text) {
  return stored(data_request_status(text), "data request status", text);
}

}  // namespace ln::store
