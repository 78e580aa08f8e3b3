/** @file
 *  @brief The domain error model: expected failures travel as values, never as HTTP codes.
 */
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace tracuu {

/// What kind of failure an operation met; `server/` maps each to an HTTP status.
enum class ErrorCode {
    InvalidArgument,  ///< the caller sent something malformed (a bad query, an unknown option)
    NotFound,         ///< the thing asked for does not exist
    Unsupported,      ///< a file format or feature tracuu does not handle
    Unavailable,      ///< the index is missing, locked or not ready
    Internal,         ///< a broken invariant; the message is for logs, not for users
};

/// An expected failure with a message a person can act on.
struct Error {
    ErrorCode code;
    std::string message;
};

/** A value or an Error, in the spirit of std::expected (C++23).
 *
 *  Construct from a T for success or from an Error for failure; check with ok() before value().
 */
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_state(std::move(value)) {}            // NOLINT(google-explicit-constructor)
    Result(Error error) : m_state(std::move(error)) {}        // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool ok() const { return std::holds_alternative<T>(m_state); }
    [[nodiscard]] const T& value() const& { return std::get<T>(m_state); }
    [[nodiscard]] T& value() & { return std::get<T>(m_state); }
    [[nodiscard]] T&& value() && { return std::get<T>(std::move(m_state)); }
    [[nodiscard]] const Error& error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

}  // namespace tracuu
