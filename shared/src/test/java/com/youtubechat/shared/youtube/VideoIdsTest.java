package com.youtubechat.shared.youtube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
