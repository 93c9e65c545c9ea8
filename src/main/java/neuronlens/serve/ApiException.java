package neuronlens.serve;

/**
 * A request the server refuses: the HTTP status and a one-line message, sent to the client as
 * {@code {"error": message}}. Never carries a stack trace to the client.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  ApiException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  static ApiException notFound() {
    return new ApiException(404, "not found");
  }
}
