package com.youtubechat.shared.transcript;

import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text clean-up shared by the caption parser, the chunker and the token estimator, so all three
 * agree on what a word and a space are.
 */
final class CaptionText {

  /** Tags as HTML writes them: a letter right after {@code <} or {@code </}, so "a < b" and "<3" survive. */
  private static final Pattern TAG = Pattern.compile("</?([A-Za-z][A-Za-z0-9-]*)(?:\\s[^<>]*)?/?>");
  private static final Map<String, String> ENTITIES = entities();
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  private static final int LONGEST_ENTITY_NAME = 32;

  private CaptionText() {}

  /** Java whitespace plus the Unicode space separators (no-break, ideographic and thin spaces). */
  static boolean isWhitespace(int codePoint) {
    return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
  }

  /**
   * HTML-unescapes, strips tags and normalises whitespace: what a caption line says, as plain text.
   * Runs on text the XML parser has already decoded once, because YouTube escapes twice.
   */
  static String clean(String decodedXmlText) {
    String text = decodedXmlText;
    if (text.indexOf('&') >= 0) {
      text = unescapeHtml(text);
    }
    if (text.indexOf('<') >= 0) {
      text = stripTags(text);
    }
    return normalizeWhitespace(text);
  }

  /**
   * Replaces character references ({@code &#39;}, {@code &#x27;}, with or without the {@code ;}) and
   * the common named entities (HTML 4's Latin-1, Greek and typographic sets, plus {@code &apos;}).
   * Unknown names are kept as written. As in HTML5, references to NUL, surrogates or beyond U+10FFFF
   * become U+FFFD, 0x80-0x9F are read as Windows-1252, and other control characters are dropped.
   */
  static String unescapeHtml(String text) {
    int amp = text.indexOf('&');
    if (amp < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    while (amp >= 0) {
      int after = amp + 1;
      int end = -1;
      String replacement = null;
      if (after < text.length() && text.charAt(after) == '#') {
        boolean hex = after + 1 < text.length() && (text.charAt(after + 1) | 0x20) == 'x';
        int digitsFrom = after + (hex ? 2 : 1);
        int i = digitsFrom;
        long value = 0;
        while (i < text.length() && Character.digit(text.charAt(i), hex ? 16 : 10) >= 0) {
          value = Math.min(value * (hex ? 16 : 10) + Character.digit(text.charAt(i), hex ? 16 : 10),
              Integer.MAX_VALUE);
          i++;
        }
        if (i > digitsFrom) {
          end = i < text.length() && text.charAt(i) == ';' ? i + 1 : i;
          replacement = fromCodePoint((int) value);
        }
      } else {
        int i = after;
        while (i < text.length() && i - after <= LONGEST_ENTITY_NAME && isAsciiLetterOrDigit(text.charAt(i))) {
          i++;
        }
        if (i > after && i < text.length() && text.charAt(i) == ';') {
          replacement = ENTITIES.get(text.substring(after, i));
          end = i + 1;
        }
      }
      if (replacement != null) {
        out.append(text, copied, amp).append(replacement);
        copied = end;
      }
      amp = text.indexOf('&', replacement != null ? end : after);
    }
    return out.append(text, copied, text.length()).toString();
  }

  /** Removes HTML tags; {@code <br>} becomes a space so the words on either side stay apart. */
  static String stripTags(String text) {
    Matcher m = TAG.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    do {
      m.appendReplacement(out, m.group(1).equalsIgnoreCase("br") ? " " : "");
    } while (m.find());
    return m.appendTail(out).toString();
  }

  /** Every run of whitespace becomes one ASCII space; leading and trailing whitespace is removed. */
  static String normalizeWhitespace(String text) {
    StringBuilder out = null;
    int length = text.length();
    boolean pendingSpace = false;
    for (int i = 0; i < length; ) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (isWhitespace(cp)) {
        if (out == null) {
          out = new StringBuilder(length).append(text, 0, i);
        }
        pendingSpace = out.length() > 0;
      } else if (out != null) {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.appendCodePoint(cp);
      }
      i = next;
    }
    return out == null ? text : out.toString();
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static String fromCodePoint(int cp) {
    if (cp == 0 || cp > Character.MAX_CODE_POINT || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
      return "\uFFFD";
    }
    if (cp >= 0x80 && cp <= 0x9F) {
      return new String(new byte[] {(byte) cp}, WINDOWS_1252);
    }
    if (Character.isISOControl(cp) && !isWhitespace(cp)) {
      return "";
    }
    return Character.toString(cp);
  }

  private static Map<String, String> entities() {
    Map<String, String> map = new HashMap<>();
    String[] latin1 = ("nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg"
        + " plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest"
        + " Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc"
        + " Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute"
        + " THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave"
        + " iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc"
        + " uuml yacute thorn yuml").split(" ");
    for (int i = 0; i < latin1.length; i++) {
      map.put(latin1[i], Character.toString(0xA0 + i));
    }
    String[] greek = ("Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho"
        + " - Sigma Tau Upsilon Phi Chi Psi Omega").split(" ");
    for (int i = 0; i < greek.length; i++) {
      if (!greek[i].equals("-")) {
        map.put(greek[i], Character.toString(0x391 + i));
        map.put(greek[i].toLowerCase(java.util.Locale.ROOT), Character.toString(0x3B1 + i));
      }
    }
    map.put("sigmaf", "\u03C2");
    Object[] others = {
      "quot", 34, "amp", 38, "apos", 39, "lt", 60, "gt", 62, "OElig", 338, "oelig", 339, "Scaron", 352,
      "scaron", 353, "Yuml", 376, "fnof", 402, "circ", 710, "tilde", 732, "ensp", 8194, "emsp", 8195,
      "thinsp", 8201, "zwnj", 8204, "zwj", 8205, "lrm", 8206, "rlm", 8207, "ndash", 8211, "mdash", 8212,
      "lsquo", 8216, "rsquo", 8217, "sbquo", 8218, "ldquo", 8220, "rdquo", 8221, "bdquo", 8222,
      "dagger", 8224, "Dagger", 8225, "bull", 8226, "hellip", 8230, "permil", 8240, "prime", 8242,
      "Prime", 8243, "lsaquo", 8249, "rsaquo", 8250, "oline", 8254, "frasl", 8260, "euro", 8364,
      "trade", 8482, "larr", 8592, "uarr", 8593, "rarr", 8594, "darr", 8595, "harr", 8596, "minus", 8722,
      "infin", 8734, "ne", 8800, "le", 8804, "ge", 8805, "spades", 9824, "clubs", 9827, "hearts", 9829,
      "diams", 9830,
    };
    for (int i = 0; i < others.length; i += 2) {
      map.put((String) others[i], Character.toString((Integer) others[i + 1]));
    }
    return Map.copyOf(map);
  }
}
