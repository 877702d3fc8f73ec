#pragma once
// The plaintext of a pupil's identity record before it is sealed (base/crypto.h), shared by
// both backends. It is what the database has always kept, encrypted, so existing records open:
//   {"birth_date": "2014-03-02", "class_id": "cls_…", "real_name": "…"}   (real_name optional)
#include <string>
#include <string_view>

#include "consult/records.h"

namespace ln::store {

std::string identity_text(const Identity& identity);
Identity identity_of(std::string_view text);

}  // namespace ln::store
