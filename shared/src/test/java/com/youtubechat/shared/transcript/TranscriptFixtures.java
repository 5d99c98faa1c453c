package com.youtubechat.shared.transcript;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded, made-up transcripts for the chunker tests and the benchmark. */
public final class TranscriptFixtures {

  static final String[] ENGLISH = ("the a and to of in that it is you we was for on this with they be"
      + " have are not but what all were when there can an your which their if do will each about how up"
      + " out them then she many some so these would other into has more her two like him see time could"
      + " no make than first been its who now people my made over did down only way find use may water"
      + " long little very after words called just where most know get through back much before go good"
      + " new write our used me man too any day same right look think also around another came come work"
      + " three word must because does part even place well such here take why things help put years"
      + " different away again off went old number great tell men say small every found still between"
      + " name should home big give air line set own under read last never us left end along while might"
      + " next sound below saw something thought both few those always looked show large often together"
      + " asked house don't world going want school important until form food keep children feet land side"
      + " without boy once animals life enough took sometimes four head above kind began almost live page"
      + " got earth need far hand high year mother light parts country father let night following picture"
      + " being study second eyes soon times story boys since white days paper hard near sentence better"
      + " best across during today others however sure means knew it's try told young miles sun ways thing"
      + " whole hear example heard several change answer room sea against top turned learn point city play"
      + " toward five using himself usually okay actually basically embedding transformer Kubernetes"
      + " PostgreSQL 2024 3.5 100% e-mail co-op").split(" ");

  private TranscriptFixtures() {}

  /**
   * English speech as manual captions: sentences with punctuation, ~15 words and ~6 s per line, lines
   * that often overlap the next on screen, and now and then a pause of a few seconds.
   */
  public static List<CaptionSegment> speech(Random random, int segmentCount) {
    List<CaptionSegment> segments = new ArrayList<>(segmentCount);
    int millis = 0;
    int sentenceLeft = 0;
    for (int i = 0; i < segmentCount; i++) {
      int words = 10 + random.nextInt(11);
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < words; w++) {
        boolean sentenceStart = sentenceLeft == 0;
        if (sentenceStart) {
          sentenceLeft = 4 + random.nextInt(22);
        }
        String word = ENGLISH[random.nextInt(ENGLISH.length)];
        if (sentenceStart) {
          word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
        }
        sentenceLeft--;
        if (sentenceLeft == 0) {
          int end = random.nextInt(10);
          word += end < 7 ? "." : end < 9 ? "?" : "!";
        } else if (random.nextInt(12) == 0) {
          word += ",";
        }
        text.append(w == 0 ? "" : " ").append(word);
      }
      int duration = 4_000 + random.nextInt(4_000);
      segments.add(new CaptionSegment(text.toString(), millis / 1000.0, duration / 1000.0));
      millis += 5_000 + random.nextInt(2_000) + (random.nextInt(25) == 0 ? 1_500 + random.nextInt(3_000) : 0);
    }
    return segments;
  }

  /** The segments as srv3, one {@code <s>} per word, escaped twice the way YouTube does. */
  public static String srv3(List<CaptionSegment> segments) {
    StringBuilder xml = new StringBuilder(segments.size() * 200);
    xml.append("<?xml version=\"1.0\" encoding=\"utf-8\" ?><timedtext format=\"3\">\n<head>\n")
        .append("<ws id=\"0\"/>\n<wp id=\"0\"/>\n</head>\n<body>\n");
    for (CaptionSegment segment : segments) {
      xml.append("<p t=\"").append(Math.round(segment.start() * 1000)).append("\" d=\"")
          .append(Math.round(segment.duration() * 1000)).append("\" w=\"1\">");
      String[] words = segment.text().split(" ");
      for (int w = 0; w < words.length; w++) {
        xml.append(w == 0 ? "<s ac=\"0\">" : "<s t=\"" + w * 320 + "\" ac=\"0\"> ")
            .append(escapeXml(escapeHtml(words[w]))).append("</s>");
      }
      xml.append("</p>\n");
    }
    return xml.append("</body>\n</timedtext>\n").toString();
  }

  /** The segments as classic captions, escaped twice the way YouTube does. */
  static String classic(List<CaptionSegment> segments) {
    StringBuilder xml = new StringBuilder(segments.size() * 120);
    xml.append("<?xml version=\"1.0\" encoding=\"utf-8\" ?><transcript>");
    for (CaptionSegment segment : segments) {
      xml.append("<text start=\"").append(segment.start()).append("\" dur=\"").append(segment.duration())
          .append("\">").append(escapeXml(escapeHtml(segment.text()))).append("</text>");
    }
    return xml.append("</transcript>").toString();
  }

  private static String escapeHtml(String text) {
    return text.replace("&", "&amp;").replace("'", "&#39;").replace("\"", "&quot;")
        .replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String escapeXml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
