package com.youtubechat.shared.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.shared.error.PermanentException;
import com.youtubechat.shared.error.YoutubeResponseUnparsableException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptionXmlParserTest {

  private static List<String> texts(List<CaptionSegment> segments) {
    return segments.stream().map(CaptionSegment::text).toList();
  }

  // --- classic <transcript><text start dur> ---

  @Test
  void classicTranscript_readsTextsAndTimesInSeconds() {
    List<CaptionSegment> segments = CaptionXmlParser.parse("""
        <?xml version="1.0" encoding="utf-8" ?><transcript>\
        <text start="0" dur="1.54">Hey, this is a test</text>\
        <text start="1.54" dur="4.16">of the caption parser</text>\
        </transcript>""");

    assertEquals(List.of(
        new CaptionSegment("Hey, this is a test", 0, 1.54),
        new CaptionSegment("of the caption parser", 1.54, 4.16)), segments);
  }

  @Test
  void classicWithoutDur_durationIsZero() {
    List<CaptionSegment> segments = CaptionXmlParser.parse(
        "<transcript><text start=\"12.5\">no duration here</text></transcript>");

    assertEquals(List.of(new CaptionSegment("no duration here", 12.5, 0)), segments);
  }

  @Test
  void classicDoubleEscapedEntities_areUnescapedOnceMore() {
    List<CaptionSegment> segments = CaptionXmlParser.parse("""
        <transcript>\
        <text start="0" dur="1">it&amp;#39;s &amp;quot;quoted&amp;quot; &amp;amp; fine</text>\
        <text start="1" dur="1">caf&amp;eacute; &amp;#x2014; na&amp;iuml;ve&amp;hellip;</text>\
        <text start="2" dur="1">Tom &amp; Jerry &lt;3 a &lt; b</text>\
        </transcript>""");

    assertEquals(List.of("it's \"quoted\" & fine", "café — naïve…", "Tom & Jerry <3 a < b"), texts(segments));
  }

  @Test
  void classicEscapedTags_areStripped() {
    List<CaptionSegment> segments = CaptionXmlParser.parse("""
        <transcript>\
        <text start="0" dur="1">&lt;i&gt;whispering&lt;/i&gt; now</text>\
        <text start="1" dur="1">&amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt; &lt;font color="#E5E5E5"&gt;grey&lt;/font&gt;</text>\
        <text start="2" dur="1">one&lt;br/&gt;two</text>\
        </transcript>""");

    assertEquals(List.of("whispering now", "bold grey", "one two"), texts(segments));
  }

  @Test
  void classicLineBreaksAndSpaceRuns_collapseToSingleSpaces() {
    List<CaptionSegment> segments = CaptionXmlParser.parse(
        "<transcript><text start=\"0\" dur=\"1\">  first line\nsecond&#10;line \t third&amp;nbsp;&amp;nbsp;word  "
            + "</text></transcript>");

    assertEquals(List.of("first line second line third word"), texts(segments));
  }

  @Test
  void classicBlankAndTagOnlyLines_areSkippedInDocumentOrder() {
    List<CaptionSegment> segments = CaptionXmlParser.parse("""
        <transcript>\
        <text start="5" dur="1">five</text>\
        <text start="6" dur="1"></text>\
        <text start="7" dur="1"/>\
        <text start="8" dur="1">  &#10; </text>\
        <text start="9" dur="1">&lt;i&gt;&lt;/i&gt;</text>\
        <text start="2" dur="1">two, out of order but kept in place</text>\
        </transcript>""");

    assertEquals(List.of(new CaptionSegment("five", 5, 1),
        new CaptionSegment("two, out of order but kept in place", 2, 1)), segments);
  }

  @Test
  void classicEmptyTranscript_hasNoSegments() {
    assertEquals(List.of(), CaptionXmlParser.parse("<?xml version=\"1.0\"?><transcript></transcript>"));
  }

  // --- srv3 <timedtext format="3"><body><p t d> ---

  @Test
  void srv3WithSpans_joinsSpanText() {
    List<CaptionSegment> segments = CaptionXmlParser.parse("""
        <?xml version="1.0" encoding="utf-8" ?><timedtext format="3">
        <head><ws id="0"/><wp id="0"/></head>
        <body>
        <w t="0" id="1" wp="0" ws="0"/>
        <p t="1230" d="2500" w="1"><s ac="0">so</s><s t="480" ac="0"> today</s><s t="960" ac="0"> we&amp;#39;re</s></p>
        <p t="3730" d="1270" w="1" a="1">
        </p>
        <p t="5000" d="800">plain &lt;i&gt;text&lt;/i&gt;</p>
        </body>
        </timedtext>""");

    assertEquals(List.of(
        new CaptionSegment("so today we're", 1.23, 2.5),
        new CaptionSegment("plain text", 5.0, 0.8)), segments);
  }

  @Test
  void srv3EmptyParagraphs_areSkipped() {
    List<CaptionSegment> segments = CaptionXmlParser.parse("""
        <timedtext format="3"><body><p t="0" d="100"/><p t="100" d="100"></p>\
        <p t="200" d="100"><s></s><s> </s></p><p t="300">last</p></body></timedtext>""");

    assertEquals(List.of(new CaptionSegment("last", 0.3, 0)), segments);
  }

  @Test
  void srv3LineBreaks_becomeSpaces() {
    List<CaptionSegment> segments = CaptionXmlParser.parse(
        "<timedtext format=\"3\"><body><p t=\"10\" d=\"20\">top row\nbottom<br/>row</p></body></timedtext>");

    assertEquals(List.of(new CaptionSegment("top row bottom row", 0.01, 0.02)), segments);
  }

  @Test
  void srv3CdataAndNonLatinText_arePreserved() {
    List<CaptionSegment> segments = CaptionXmlParser.parse(
        "<timedtext format=\"3\"><body><p t=\"0\" d=\"1000\"><![CDATA[日本語の字幕]]> 🎵 مرحبا</p></body></timedtext>");

    assertEquals(List.of("日本語の字幕 🎵 مرحبا"), texts(segments));
  }

  @Test
  void srv3Milliseconds_convertToTheNearestSeconds() {
    List<CaptionSegment> segments = CaptionXmlParser.parse(
        "<timedtext format=\"3\"><body><p t=\"1234\" d=\"1001\">x</p></body></timedtext>");

    assertEquals(List.of(new CaptionSegment("x", 1.234, 1.001)), segments);
  }

  @Test
  void tenHourTranscriptInBothFormats_roundTripsEverySegment() {
    List<CaptionSegment> segments = TranscriptFixtures.speech(new Random(3), 6_000);

    assertEquals(segments, CaptionXmlParser.parse(TranscriptFixtures.srv3(segments)));
    assertEquals(segments, CaptionXmlParser.parse(TranscriptFixtures.classic(segments)));
    assertTrue(TranscriptFixtures.srv3(segments).contains("&amp;#39;"), "fixture double-escapes apostrophes");
  }

  // --- tolerated framing ---

  @Test
  void byteOrderMarkAndLeadingWhitespace_areTolerated() {
    List<CaptionSegment> segments = CaptionXmlParser.parse(
        "\uFEFF\n  <?xml version=\"1.0\"?><transcript><text start=\"1\">ok</text></transcript>");

    assertEquals(List.of("ok"), texts(segments));
  }

  @Test
  void readerInput_parsesLikeString() {
    String xml = "<transcript><text start=\"1\" dur=\"2\">from a reader</text></transcript>";

    assertEquals(CaptionXmlParser.parse(xml), CaptionXmlParser.parse(new StringReader(xml)));
  }

  // --- refusals ---

  @Test
  void emptyBody_isTheCallersCaseAndNotParsed() {
    assertTrue(CaptionXmlParser.isEmptyBody(""));
    assertTrue(CaptionXmlParser.isEmptyBody(" \n"));
    assertTrue(CaptionXmlParser.isEmptyBody(null));
    assertFalse(CaptionXmlParser.isEmptyBody("<transcript/>"));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CaptionXmlParser.parse(""));
    assertTrue(e.getMessage().contains("PO token"), e.getMessage());
  }

  @Test
  void truncatedXml_throwsUnparsableWithLocation() {
    YoutubeResponseUnparsableException e = assertThrows(YoutubeResponseUnparsableException.class,
        () -> CaptionXmlParser.parse("<transcript><text start=\"1\" dur=\"2\">cut off"));

    assertTrue(e.getMessage().startsWith("The caption XML is malformed at line 1"), e.getMessage());
    assertFalse(e.retryable());
  }

  @Test
  void mismatchedTags_throwUnparsable() {
    assertThrows(YoutubeResponseUnparsableException.class,
        () -> CaptionXmlParser.parse("<transcript><text start=\"1\">a</txet></transcript>"));
  }

  @Test
  void htmlErrorPage_throwsUnparsable() {
    YoutubeResponseUnparsableException e = assertThrows(YoutubeResponseUnparsableException.class,
        () -> CaptionXmlParser.parse("<html><body><p>Sorry…</p></body></html>"));

    assertTrue(e.getMessage().contains("root element is <html>"), e.getMessage());
  }

  @Test
  void nonXmlText_throwsUnparsable() {
    assertThrows(YoutubeResponseUnparsableException.class, () -> CaptionXmlParser.parse("{\"events\": []}"));
  }

  @Test
  void unknownXmlEntity_throwsUnparsable() {
    assertThrows(YoutubeResponseUnparsableException.class,
        () -> CaptionXmlParser.parse("<transcript><text start=\"1\">&eacute;</text></transcript>"));
  }

  @Test
  void badStartAttribute_throwsUnparsableNamingTheLine() {
    for (String start : List.of("abc", "-1", "NaN", "Infinity", "1e400", "0x10", "")) {
      YoutubeResponseUnparsableException e = assertThrows(YoutubeResponseUnparsableException.class,
          () -> CaptionXmlParser.parse("<transcript><text start=\"0\">ok</text><text start=\"" + start
              + "\">x</text></transcript>"), start);
      assertTrue(e.getMessage().contains("<text> #2"), e.getMessage());
    }
  }

  @Test
  void missingStartAttribute_throwsUnparsable() {
    YoutubeResponseUnparsableException e = assertThrows(YoutubeResponseUnparsableException.class,
        () -> CaptionXmlParser.parse("<timedtext format=\"3\"><body><p d=\"5\">x</p></body></timedtext>"));

    assertTrue(e.getMessage().contains("no 't' attribute"), e.getMessage());
  }

  @Test
  void unparsable_isAPermanentYoutubeError() {
    assertTrue(PermanentException.class.isAssignableFrom(YoutubeResponseUnparsableException.class));
  }

  // --- attacks ---

  @Test
  void externalEntityDoctype_isRefusedWithoutReadingTheFile(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET");
    String xml = "<?xml version=\"1.0\"?><!DOCTYPE transcript [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
        + "<transcript><text start=\"0\">&xxe;</text></transcript>";

    YoutubeResponseUnparsableException e =
        assertThrows(YoutubeResponseUnparsableException.class, () -> CaptionXmlParser.parse(xml));

    assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    assertFalse(e.getMessage().contains("TOP-SECRET"), e.getMessage());
  }

  @Test
  void entityExpansionBomb_isRefusedBeforeExpansion() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE transcript [<!ENTITY lol0 \"lol\">");
    for (int i = 1; i < 10; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"");
      dtd.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
    }
    String xml = dtd.append("]><transcript><text start=\"0\">&lol9;</text></transcript>").toString();

    // Refused for declaring a DOCTYPE, i.e. before any of the 10^9 entities is expanded.
    YoutubeResponseUnparsableException e =
        assertThrows(YoutubeResponseUnparsableException.class, () -> CaptionXmlParser.parse(xml));
    assertTrue(e.getMessage().contains("declares a DOCTYPE"), e.getMessage());
  }

  @Test
  void doctypeWithoutEntities_isStillRefused() {
    assertThrows(YoutubeResponseUnparsableException.class,
        () -> CaptionXmlParser.parse("<!DOCTYPE transcript><transcript><text start=\"0\">hi</text></transcript>"));
  }
}
