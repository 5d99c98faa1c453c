package com.youtubechat.shared.transcript;

import com.youtubechat.shared.error.YoutubeResponseUnparsableException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a YouTube timedtext answer into caption segments, in document order. Both shapes YouTube
 * serves are accepted:
 *
 * <ul>
 *   <li>classic: {@code <transcript><text start="1.23" dur="2.5">…</text></transcript>}, times in
 *       seconds, {@code dur} optional (0 when missing);
 *   <li>srv3: {@code <timedtext format="3"><body><p t="1230" d="2500">…<s>…</s></p></body></timedtext>},
 *       times in milliseconds, text possibly split into {@code <s>} word spans, {@code d} optional.
 * </ul>
 *
 * <p>Each line's text is HTML-unescaped <em>after</em> XML parsing (YouTube escapes twice:
 * {@code &amp;#39;}, {@code &amp;quot;}, {@code &lt;i&gt;}), then HTML tags are stripped, line breaks
 * and whitespace runs become single spaces, and lines left blank are skipped.
 *
 * <p>The parser is a streaming (StAX) one, so memory stays proportional to the segments, not to a
 * document tree. DTDs are refused and external entities disabled: a {@code <!DOCTYPE>} (which YouTube
 * never sends) is rejected before any of its declarations could be used. Anything that is not
 * well-formed XML of one of the two shapes raises {@link YoutubeResponseUnparsableException}.
 *
 * <p>An empty body is not a caption document: YouTube answers an empty 200 when the track needs a PO
 * token. Callers must check {@link #isEmptyBody} first and report that case themselves.
 */
public final class CaptionXmlParser {

  private static final int MAX_QUOTED_VALUE = 40;

  private CaptionXmlParser() {}

  /** Whether a timedtext answer is empty: YouTube's way of saying the track needs a PO token. */
  public static boolean isEmptyBody(String body) {
    return body == null || body.isBlank();
  }

  /**
   * The caption segments of a timedtext document.
   *
   * @throws IllegalArgumentException when {@code xml} is empty (see {@link #isEmptyBody})
   * @throws YoutubeResponseUnparsableException when it is not a caption document in either format
   */
  public static List<CaptionSegment> parse(String xml) {
    Objects.requireNonNull(xml, "xml");
    if (isEmptyBody(xml)) {
      throw new IllegalArgumentException("The caption body is empty: YouTube sends an empty answer when the"
          + " track needs a PO token. Check CaptionXmlParser.isEmptyBody before parsing.");
    }
    return parse(new StringReader(xml));
  }

  /**
   * The caption segments of a timedtext document read from {@code xml}, which is not closed.
   *
   * @throws YoutubeResponseUnparsableException when it is not a caption document in either format
   * @throws UncheckedIOException when reading fails
   */
  public static List<CaptionSegment> parse(Reader xml) {
    Objects.requireNonNull(xml, "xml");
    XMLStreamReader reader;
    try {
      reader = newFactory().createXMLStreamReader(skipLeadingWhitespace(xml));
    } catch (XMLStreamException e) {
      throw malformed(e);
    }
    try {
      return read(reader);
    } catch (XMLStreamException e) {
      if (e.getNestedException() instanceof IOException io) {
        throw new UncheckedIOException("Could not read the caption XML", io);
      }
      throw malformed(e);
    } finally {
      try {
        reader.close();
      } catch (XMLStreamException ignored) {
        // nothing was opened that needs releasing: the Reader belongs to the caller
      }
    }
  }

  private enum Format {
    CLASSIC("transcript", "text", "start", "dur", 1),
    SRV3("timedtext", "p", "t", "d", 1000);

    final String root;
    final String line;
    final String startAttribute;
    final String durationAttribute;
    final double unitsPerSecond;

    Format(String root, String line, String startAttribute, String durationAttribute, double unitsPerSecond) {
      this.root = root;
      this.line = line;
      this.startAttribute = startAttribute;
      this.durationAttribute = durationAttribute;
      this.unitsPerSecond = unitsPerSecond;
    }
  }

  private static List<CaptionSegment> read(XMLStreamReader reader) throws XMLStreamException {
    List<CaptionSegment> segments = new ArrayList<>();
    Format format = null;
    int lines = 0;
    while (reader.hasNext()) {
      int event = reader.next();
      if (event == XMLStreamConstants.DTD) {
        throw new YoutubeResponseUnparsableException("The caption XML declares a DOCTYPE, which YouTube never"
            + " sends; refusing it (DTDs and entities are not processed)");
      }
      if (event != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      String name = reader.getLocalName();
      if (format == null) {
        format = rootFormat(name);
      } else if (name.equals(format.line)) {
        lines++;
        CaptionSegment segment = readLine(reader, format, lines);
        if (segment != null) {
          segments.add(segment);
        }
      }
    }
    if (format == null) {
      throw new YoutubeResponseUnparsableException("The caption XML has no root element");
    }
    return segments;
  }

  private static Format rootFormat(String rootName) {
    for (Format format : Format.values()) {
      if (format.root.equals(rootName)) {
        return format;
      }
    }
    throw new YoutubeResponseUnparsableException("The caption XML's root element is <" + quoted(rootName)
        + ">, expected <transcript> (classic captions) or <timedtext> (srv3)");
  }

  /** Reads one caption line, the reader being on its start tag; null when its text is blank. */
  private static CaptionSegment readLine(XMLStreamReader reader, Format format, int ordinal)
      throws XMLStreamException {
    String rawStart = reader.getAttributeValue(null, format.startAttribute);
    String rawDuration = reader.getAttributeValue(null, format.durationAttribute);
    if (rawStart == null) {
      throw new YoutubeResponseUnparsableException("Caption line <" + format.line + "> #" + ordinal
          + " has no '" + format.startAttribute + "' attribute");
    }
    double start = time(rawStart, format, format.startAttribute, ordinal);
    double duration = rawDuration == null ? 0 : time(rawDuration, format, format.durationAttribute, ordinal);

    StringBuilder text = new StringBuilder();
    int depth = 1;
    while (depth > 0) {
      switch (reader.next()) {
        case XMLStreamConstants.START_ELEMENT -> {
          depth++;
          if (reader.getLocalName().equalsIgnoreCase("br")) {
            text.append(' ');
          }
        }
        case XMLStreamConstants.END_ELEMENT -> depth--;
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
            text.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
        default -> { }
      }
    }
    String cleaned = CaptionText.clean(text.toString());
    return cleaned.isEmpty() ? null : new CaptionSegment(cleaned, start, duration);
  }

  private static double time(String raw, Format format, String attribute, int ordinal) {
    String value = raw.strip();
    if (isDecimal(value)) {
      // dividing, not multiplying by 0.001, gives 1234 ms exactly the double nearest 1.234 s
      double parsed = Double.parseDouble(value) / format.unitsPerSecond;
      if (Double.isFinite(parsed)) {
        return parsed;
      }
    }
    throw new YoutubeResponseUnparsableException("Caption line <" + format.line + "> #" + ordinal + " has "
        + attribute + "=\"" + quoted(raw) + "\", expected a non-negative decimal number of "
        + (format == Format.CLASSIC ? "seconds" : "milliseconds"));
  }

  /** Digits with at most one decimal point: no sign, exponent, NaN, Infinity or hex. */
  private static boolean isDecimal(String value) {
    boolean digit = false;
    boolean point = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c == '.' && !point) {
        point = true;
      } else {
        return false;
      }
    }
    return digit;
  }

  private static XMLInputFactory newFactory() {
    // The JDK's own implementation, configured per call: factories are not documented as thread-safe.
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    return factory;
  }

  /** Drops a byte-order mark and whitespace before the XML declaration, which strict XML refuses. */
  private static Reader skipLeadingWhitespace(Reader xml) {
    BufferedReader buffered = new BufferedReader(xml);
    try {
      while (true) {
        buffered.mark(1);
        int c = buffered.read();
        if (c != '\uFEFF' && (c < 0 || !CaptionText.isWhitespace(c))) {
          buffered.reset();
          return buffered;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the caption XML", e);
    }
  }

  private static YoutubeResponseUnparsableException malformed(XMLStreamException e) {
    String detail = String.valueOf(e.getMessage());
    int message = detail.indexOf("Message: ");
    if (message >= 0) {
      detail = detail.substring(message + "Message: ".length());
    }
    String where = e.getLocation() == null ? ""
        : " at line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber();
    return new YoutubeResponseUnparsableException("The caption XML is malformed" + where + ": "
        + CaptionText.normalizeWhitespace(detail), e);
  }

  private static String quoted(String value) {
    String printable = CaptionText.normalizeWhitespace(value);
    return printable.length() <= MAX_QUOTED_VALUE ? printable : printable.substring(0, MAX_QUOTED_VALUE) + "…";
  }
}
