// mailhive engine: what a finished mailer call reports to the bindings (errCode, errDesc, sslError,
// the server's last reply). Built in one place from the MailError that ended the call, or success.
#pragma once
#include <exception>
#include <string>

#include "core/task.h"

namespace mailhive {

struct Outcome {
  int errCode = 0;
  std::string errDesc;
  int sslError = 0;
  int sslSpecificError = 0;
  std::string serverResponse;  // the error's reply if any (the client's lastReply is separate)
  bool ok() const { return errCode == 0; }
};

// Translates the error that ended a call. ArgumentError is NOT translated: it is rethrown, so that
// the bindings report bad arguments as TypeError/ValueError whatever throwExceptions says.
Outcome outcomeOf(std::exception_ptr error);

// Runs a call to the end on the blocking reactor (PHP, tools, tests).
inline Outcome runCall(Task<void> task) {
  std::exception_ptr err;
  try {
    runBlocking(std::move(task));
  } catch (...) {
    err = std::current_exception();
  }
  return outcomeOf(err);
}

}  // namespace mailhive
