package com.youtubechat.shared.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class CaptionTextTest {

  @Test
  void namedEntities_coverLatin1GreekAndTypography() {
    assertEquals("\u00A0 ¡ ÿ × ÷ Α Ω α ς ω — ‘’ “” … € ™ ' \" & < >", CaptionText.unescapeHtml(
        "&nbsp; &iexcl; &yuml; &times; &divide; &Alpha; &Omega; &alpha; &sigmaf; &omega; &mdash; &lsquo;&rsquo;"
            + " &ldquo;&rdquo; &hellip; &euro; &trade; &apos; &quot; &amp; &lt; &gt;"));
  }

  @Test
  void unknownOrUnterminatedNames_areKeptAsWritten() {
    assertEquals("AT&T &bogus; &amp &; & x", CaptionText.unescapeHtml("AT&T &bogus; &amp &; & x"));
  }

  @Test
  void numericReferences_followHtml5() {
    assertEquals("'", CaptionText.unescapeHtml("&#39;"));
    assertEquals("'", CaptionText.unescapeHtml("&#x27;"));
    assertEquals("'s", CaptionText.unescapeHtml("&#39s"));
    assertEquals("😀", CaptionText.unescapeHtml("&#128512;"));
    assertEquals("€–", CaptionText.unescapeHtml("&#128;&#150;"), "C1 range read as Windows-1252");
    assertEquals("\uFFFD\uFFFD\uFFFD", CaptionText.unescapeHtml("&#0;&#xD800;&#99999999999999;"));
    assertEquals("ab", CaptionText.unescapeHtml("a&#1;b"), "control characters dropped");
    assertEquals("&#x;&#;", CaptionText.unescapeHtml("&#x;&#;"));
  }

  @Test
  void unescapeRunsOnce_soTripleEscapingLeavesOneLevel() {
    assertEquals("&#39;", CaptionText.unescapeHtml("&amp;#39;"));
  }

  @Test
  void stripTags_removesTagsButNotComparisons() {
    assertEquals("x < 3 and y > 2, <3", CaptionText.stripTags("x < 3 and y > 2, <3"));
    assertEquals("a b c", CaptionText.stripTags("<i>a</i> <font color=\"#fff\">b</font> <c-x/>c"));
    assertEquals("one two", CaptionText.stripTags("one<BR>two"));
  }

  @Test
  void normalizeWhitespace_collapsesUnicodeSpaces() {
    assertEquals("a b c d e", CaptionText.normalizeWhitespace(" \u3000a\u00A0\u00A0b\r\n\tc\u2009d\u202Fe\n"));
    assertEquals("", CaptionText.normalizeWhitespace(" \n\t "));
    String clean = "already clean";
    assertEquals(clean, CaptionText.normalizeWhitespace(clean));
    String noSpace = "nospace";
    assertSame(noSpace, CaptionText.normalizeWhitespace(noSpace));
  }
}
