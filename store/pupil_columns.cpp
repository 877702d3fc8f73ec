#include "store/pupil_columns.h"

#include "store/stored_word.h"

namespace ln::store {

PupilStatus pupil_status_column(std::string_view text) {
  return stored_word(pupil_status(text), "pupil status", text);
}
ConsentKind consent_kind_column(std::string_view text) {
  return stored_word(consent_kind(text), "consent kind", text);
}
ConsentMethod consent_method_column(std::string_view text) {
  return stored_word(consent_method(text), "consent method", text);
}
DataRequestKind data_request_kind_column(std::string_view text) {
  return stored_word(data_request_kind(text), "data request kind", text);
}
Requester requester_column(std::string_view text) {
  return stored_word(requester(text), "requested_by", text);
}
DataRequestStatus data_request_status_column(std::string_view text) {
  return stored_word(data_request_status(text), "data request status", text);
}

}  // namespace ln::store
