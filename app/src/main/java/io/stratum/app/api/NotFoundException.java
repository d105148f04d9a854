package io.stratum.app.api;

/** Nothing at that id (a conversation, a document, a token), or nothing the caller may see. */
public final class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }
}
