package io.stratum.app.api;

/** A request body arrived in a format the API does not read (it reads JSON in UTF-8 only). */
public final class UnsupportedMediaTypeException extends RuntimeException {
  public UnsupportedMediaTypeException(String message) {
    super("Content-Type: " + message);
  }
}
