package com.youtubechat.shared.error;

/** The model's vectors do not have the dimension of the embeddings column (vector(1024)). */
public class EmbeddingDimensionMismatchException extends PermanentException {

  public EmbeddingDimensionMismatchException(String message) {
    super(message);
  }

  public EmbeddingDimensionMismatchException(String message, Throwable cause) {
    super(message, cause);
  }
}
