package com.youtubechat.shared.youtube;

import com.youtubechat.shared.error.NoTranscriptException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Chooses the caption track for the wanted languages ({@code TRANSCRIPT_LANGUAGES}, in order): for
 * each language a manual track, then a generated one (an exact language code first, then a regional
 * variant such as en-GB for en); failing all of them, YouTube's translation of a translatable track
 * (manual preferred) into the first language; otherwise a {@link NoTranscriptException} that lists
 * what the video has.
 *
 * @param track the track to fetch
 * @param language the language of the text that will be fetched
 * @param translateTo the {@code tlang} to ask for, when translating
 */
public record TrackChoice(CaptionTrack track, String language, TranscriptSource source, Optional<String> translateTo) {

  public static TrackChoice choose(String videoId, CaptionTrack.TrackList list, List<String> languages) {
    for (String wanted : languages) {
      for (boolean generated : new boolean[] {false, true}) {
        Optional<CaptionTrack> hit = find(list, generated, t -> t.languageCode().equalsIgnoreCase(wanted))
            .or(() -> find(list, generated, t -> base(t.languageCode()).equals(base(wanted))));
        if (hit.isPresent()) {
          return new TrackChoice(hit.get(), hit.get().languageCode(),
              generated ? TranscriptSource.GENERATED : TranscriptSource.MANUAL, Optional.empty());
        }
      }
    }
    String first = languages.get(0);
    boolean translatable = list.translationLanguages().stream().anyMatch(code -> code.equalsIgnoreCase(first));
    if (translatable) {
      Optional<CaptionTrack> source = find(list, false, CaptionTrack::translatable)
          .or(() -> find(list, true, CaptionTrack::translatable));
      if (source.isPresent()) {
        return new TrackChoice(source.get(), first, TranscriptSource.TRANSLATED, Optional.of(first));
      }
    }
    throw new NoTranscriptException("YouTube video " + videoId + " has no captions in " + languages
        + " and none that YouTube can translate into '" + first + "'. It has: " + describe(list)
        + ". Add one of these languages to TRANSCRIPT_LANGUAGES to use it");
  }

  private static Optional<CaptionTrack> find(CaptionTrack.TrackList list, boolean generated, Predicate<CaptionTrack> test) {
    return list.tracks().stream().filter(t -> t.generated() == generated).filter(test).findFirst();
  }

  private static String base(String code) {
    int dash = code.indexOf('-');
    return (dash > 0 ? code.substring(0, dash) : code).toLowerCase(Locale.ROOT);
  }

  static String describe(CaptionTrack.TrackList list) {
    List<String> manual = new ArrayList<>();
    List<String> generated = new ArrayList<>();
    for (CaptionTrack track : list.tracks()) {
      (track.generated() ? generated : manual).add(track.languageCode() + " (" + track.name() + ")");
    }
    return "manual " + (manual.isEmpty() ? "none" : String.join(", ", manual))
        + "; generated " + (generated.isEmpty() ? "none" : String.join(", ", generated))
        + (list.translationLanguages().isEmpty() ? "" : "; translatable into "
            + String.join(", ", list.translationLanguages().stream().limit(20).toList())
            + (list.translationLanguages().size() > 20 ? ", ..." : ""));
  }
}
