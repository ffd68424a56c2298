// System errors (errno) in French: the C library's strerror() speaks the
// process locale, which is English (C) for a program started by a script.
#pragma once
#include <string>
#include <system_error>

namespace trame {

// "plus de place sur le disque" for ENOSPC, "permission refusée" for EACCES...;
// an errno without a French wording gets strerror()'s text.
std::string system_message(int err);
inline std::string system_message(const std::error_code& ec) {
  return ec.category() == std::generic_category() || ec.category() == std::system_category() ? system_message(ec.value())
                                                                                             : ec.message();
}

}  // namespace trame
