#include "base/client_network.h"

#include <arpa/inet.h>

#include <cstring>

namespace ln {

std::string client_network(const std::string& address) {
  in6_addr v6{};
  if (inet_pton(AF_INET6, address.c_str(), &v6) != 1) {
    in_addr v4{};
    char text[INET_ADDRSTRLEN];
    if (inet_pton(AF_INET, address.c_str(), &v4) == 1 && inet_ntop(AF_INET, &v4, text, sizeof text))
      return text;
    return address;
  }
  if (IN6_IS_ADDR_V4MAPPED(&v6)) {
    in_addr v4{};
    std::memcpy(&v4, &v6.s6_addr[12], 4);
    char text[INET_ADDRSTRLEN];
    return inet_ntop(AF_INET, &v4, text, sizeof text) ? text : address;
  }
  std::memset(&v6.s6_addr[8], 0, 8);
  char text[INET6_ADDRSTRLEN];
  if (!inet_ntop(AF_INET6, &v6, text, sizeof text)) return address;
  return std::string(text) + "/64";
}

}  // namespace ln
