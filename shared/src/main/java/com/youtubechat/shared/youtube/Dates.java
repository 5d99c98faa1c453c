package com.youtubechat.shared.youtube;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** YouTube writes dates as full ISO-8601 timestamps with an offset, or (older pages) as plain dates. */
final class Dates {

  private Dates() {}

  static Optional<OffsetDateTime> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text.strip()));
    } catch (DateTimeParseException notATimestamp) {
      try {
        return Optional.of(LocalDate.parse(text.strip()).atStartOfDay().atOffset(ZoneOffset.UTC));
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }
}
