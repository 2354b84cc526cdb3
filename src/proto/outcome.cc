#include "proto/outcome.h"

#include "core/error.h"

namespace mailhive {

Outcome outcomeOf(std::exception_ptr error) {
  Outcome o;
  if (!error) return o;
  try {
    std::rethrow_exception(error);
  } catch (const ArgumentError&) {
    throw;
  } catch (const MailError& e) {
    o.errCode = e.errCode;
    o.errDesc = e.what();
    o.sslError = e.sslError;
    o.sslSpecificError = e.sslSpecificError;
    o.serverResponse = e.serverResponse;
  } catch (const std::bad_alloc&) {
    o.errCode = kNetworkError;
    o.errDesc = "out of memory";
  } catch (const std::exception& e) {
    o.errCode = kProtocolError;
    o.errDesc = e.what();
  }
  return o;
}

}  // namespace mailhive
