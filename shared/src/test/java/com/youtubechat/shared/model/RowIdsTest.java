package com.youtubechat.shared.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.shared.error.Echo;
import com.youtubechat.shared.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RowIdsTest {

  @ParameterizedTest
  @ValueSource(strings = {"rec_cu5q2pd0h8v1k9e7g3ma", "rec_2", "3f2b8c1e-7d4a-4f5e-9b6c-2a1d0e9f8c7b",
      "rec_😀", "' OR '1'='1", "<script>"})
  void idWithoutControls_isAccepted(String id) {
    assertEquals(id, RowIds.require(id));
  }

  @Test
  void longestId_isAccepted() {
    String id = "r".repeat(RowIds.MAX_LENGTH);
    assertEquals(id, RowIds.require(id));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rec_1\u0000", "\u0000", "rec_1\nforged", "rec_1\r", "rec_1\u2028", "rec_1\u0085",
      "\u001b[2Jrec", "rec\u007f"})
  void idWithAControlCharacter_isRefusedWithAnEscapedEcho(String id) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> RowIds.require(id));

    assertTrue(e.getMessage().contains("'" + Echo.of(id) + "'"), e.getMessage());
    assertFalse(Echo.hasControlCharacters(e.getMessage()), e.getMessage());
  }

  @Test
  void megabyteId_isRefusedWithAShortEcho() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> RowIds.require("a".repeat(1 << 20)));

    assertTrue(e.getMessage().contains("(1048576 characters)"), e.getMessage());
    assertTrue(e.getMessage().length() < 300, "message of " + e.getMessage().length());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void blankId_isRefused(String id) {
    assertThrows(InvalidInputException.class, () -> RowIds.require(id));
    assertThrows(InvalidInputException.class, () -> RowIds.require(null));
  }
}
