package com.youtubechat.shared.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JacksonException;
import com.youtubechat.shared.error.InvalidInputException;
import com.youtubechat.shared.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A stream handler that reads its input and writes its output with the project's Jackson mapper
 * (not the runtime's built-in serializer), so records, unknown fields and nulls behave the same in
 * Lambda, in {@code sam local invoke} and in tests. Subclasses stay thin: parse, delegate, return.
 */
public abstract class JsonStreamHandler<I, O> implements RequestStreamHandler {

  private final Class<I> inputType;
  /** Held so the runtime, which keeps hooks weakly, does not lose them; null outside Lambda. */
  @SuppressWarnings("unused")
  private Priming priming;

  protected JsonStreamHandler(Class<I> inputType) {
    this.inputType = inputType;
  }

  /**
   * Registers the SnapStart hooks for this handler's service. Called by the no-arg constructor Lambda
   * uses; the constructors for tests and local runs leave it out, so no hook runs there.
   */
  protected final void registerPriming(ContainerService<?> service) {
    this.priming = Priming.register(service::prime, service::reset);
  }

  protected abstract O handle(I input, Context context);

  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    I parsed;
    try {
      parsed = Json.MAPPER.readValue(input, inputType);
    } catch (JacksonException e) {
      throw new InvalidInputException("The input is not a JSON " + inputType.getSimpleName() + ": "
          + e.getOriginalMessage(), e);
    }
    if (parsed == null) {
      throw new InvalidInputException("The input is empty: expected a JSON " + inputType.getSimpleName());
    }
    Json.MAPPER.writeValue(output, handle(parsed, context));
  }
}
