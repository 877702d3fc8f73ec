#pragma once
// Which network a client address stands for when guesses and writes are counted. An IPv4
// address is one client. An IPv6 client is handed a whole /64 (2^64 addresses, one network
// interface's share), so counting each IPv6 address on its own would give one household an
// endless supply of fresh "addresses": every limit per address counts the /64 instead. An
// IPv4 address written as IPv6 (::ffff:192.0.2.1) is that IPv4 address; two spellings of one
// IPv6 address are one network. Anything that is not an IP address is counted as written.
#include <string>

namespace ln {

std::string client_network(const std::string& address);

}  // namespace ln
