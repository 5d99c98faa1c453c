package com.youtubechat.shared.youtube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.shared.error.Echo;
import com.youtubechat.shared.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VideoIdsTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
      "https://youtube.com/watch?v=dQw4w9WgXcQ",
      "http://m.youtube.com/watch?v=dQw4w9WgXcQ",
      "https://music.youtube.com/watch?v=dQw4w9WgXcQ&list=RDAMVM",
      "https://www.youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=42",
      "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
      "https://youtu.be/dQw4w9WgXcQ",
      "https://youtu.be/dQw4w9WgXcQ?si=Abc123xyz&t=10",
      "https://www.youtube.com/shorts/dQw4w9WgXcQ",
      "https://www.youtube.com/embed/dQw4w9WgXcQ?start=5",
      "https://www.youtube.com/live/dQw4w9WgXcQ?feature=share",
      "https://www.youtube.com/v/dQw4w9WgXcQ",
      "https://www.youtube.com/e/dQw4w9WgXcQ",
      "https://www.youtube.com/#!v=dQw4w9WgXcQ",
      "https://www.youtube.com/#/watch?v=dQw4w9WgXcQ",
      "www.youtube.com/watch?v=dQw4w9WgXcQ",
      "dQw4w9WgXcQ"})
  void everyUrlForm_yieldsTheId(String url) {
    assertEquals("dQw4w9WgXcQ", VideoIds.resolve(null, url));
  }

  @Test
  void youtubeIdGiven_winsOverUrl() {
    assertEquals("aaaaaaaaaaa", VideoIds.resolve("aaaaaaaaaaa", "https://youtu.be/dQw4w9WgXcQ"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dQw4w9WgXcQx", "dQw4w9WgXc", "dQw4w9/gXcQ", "dQw4w9?gXcQ", "dQw4w9 gXcQ", "dQw4w9WgXc\u00e9"})
  void malformedYoutubeId_isRefused(String id) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> VideoIds.resolve(id, null));
    assertTrue(e.getMessage().contains("11 characters"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://www.youtube.com/watch?v=dQw4w9WgXcQx",
      "https://www.youtube.com/watch?list=PL123",
      "https://www.youtube.com/embed/videoseries?list=PL123",
      "https://www.youtube.com/embed/live_stream?channel=UCuAXFkgsw1L7xaCfnd5JJOw",
      "https://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw",
      "https://vimeo.com/watch?v=dQw4w9WgXcQ",
      "https://notyoutube.com/watch?v=dQw4w9WgXcQ",
      "ftp://www.youtube.com/watch?v=dQw4w9WgXcQ",
      "https://youtu.be/",
      "https://www.you tube.com/watch?v=dQw4w9WgXcQ",
      "not a url at all",
      "https://youtu.be/dQw4w9WgXcQ/extra"})
  void urlThatIsNotAVideo_isRefused(String url) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> VideoIds.resolve(null, url));
    assertTrue(e.getMessage().contains("is not a YouTube video URL"), e.getMessage());
  }

  @Test
  void neitherIdNorUrl_isRefusedWithBothNames() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> VideoIds.resolve(" ", null));
    assertTrue(e.getMessage().contains("neither 'youtubeId' nor 'url'"), e.getMessage());
  }

  /** Java's \\p{Cntrl} is ASCII only: NEL and the Unicode separators also break log lines. */
  @ParameterizedTest
  @ValueSource(strings = {"dQw4w9\u0085gXcQ", "dQw4w9\u2028gXcQ", "dQw4w9\u2029gXcQ", "dQw4w9\u009bgXcQ"})
  void unicodeLineBreakInYoutubeIdOrUrl_isEscapedInTheMessage(String value) {
    for (InvalidInputException e : new InvalidInputException[] {
        assertThrows(InvalidInputException.class, () -> VideoIds.resolve(value, null)),
        assertThrows(InvalidInputException.class, () -> VideoIds.resolve(null, "https://youtu.be/" + value))}) {
      assertTrue(e.getMessage().contains(Echo.of(value)), e.getMessage());
      assertFalse(Echo.hasControlCharacters(e.getMessage()), e.getMessage());
    }
  }

  @Test
  void megabyteUrl_isEchoedShort() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> VideoIds.resolve(null, "https://youtu.be/" + "v".repeat(1 << 20)));
    assertTrue(e.getMessage().length() < 300, "message of " + e.getMessage().length());
  }
}
