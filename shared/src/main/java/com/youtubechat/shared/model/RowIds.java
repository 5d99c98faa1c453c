package com.youtubechat.shared.model;

import com.youtubechat.shared.error.Echo;
import com.youtubechat.shared.error.InvalidInputException;

/**
 * What a {@code videos} row id can be: 1 to {@value #MAX_LENGTH} characters, none of them a control
 * character or a line separator (Xata's ids are {@code rec_} and 20 letters and digits). Anything
 * else is refused before the database is asked: PostgreSQL refuses a NUL in a parameter, a
 * megabyte of id is a megabyte per statement, log line and output, and no row can have such an id.
 */
public final class RowIds {

  public static final int MAX_LENGTH = 255;

  private RowIds() {}

  /** Returns {@code id}, or throws {@link InvalidInputException} with the id echoed bounded and escaped. */
  public static String require(String id) {
    if (id == null || id.isBlank()) {
      throw new InvalidInputException("The video id is missing or blank: the step needs the id of a videos row");
    }
    if (id.length() > MAX_LENGTH || Echo.hasControlCharacters(id)) {
      throw new InvalidInputException("The video id '" + Echo.of(id) + "' (" + id.length() + " characters) cannot"
          + " be a videos row id: one is at most " + MAX_LENGTH + " characters, with no control characters");
    }
    return id;
  }
}
