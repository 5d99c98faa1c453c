package com.youtubechat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordIdsTest {

  @Test
  void generate_hasXatasShape() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      String id = RecordIds.generate();
      assertTrue(RecordIds.SHAPE.matcher(id).matches(), id);
      ids.add(id);
    }
    assertEquals(1_000, ids.size());
  }

  @Test
  void generate_sortsByCreationSecond() {
    String earlier = RecordIds.generate(Instant.ofEpochSecond(1_700_000_000), new Random(1));
    String later = RecordIds.generate(Instant.ofEpochSecond(1_700_000_001), new Random(1));
    assertTrue(earlier.compareTo(later) < 0, earlier + " vs " + later);
    assertNotEquals(earlier.substring(4, 11), later.substring(4, 11));
  }

  @Test
  void base32hex_encodesTwelveBytesAsTwentyCharacters() {
    byte[] bytes = new byte[12];
    assertEquals("00000000000000000000", RecordIds.base32hex(bytes));
    java.util.Arrays.fill(bytes, (byte) 0xff);
    assertEquals("vvvvvvvvvvvvvvvvvvvg", RecordIds.base32hex(bytes)); // 96 one-bits, then 4 zero pad bits
  }
}
