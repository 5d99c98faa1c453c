package com.youtubechat.shared.youtube;

import com.youtubechat.shared.error.NoTranscriptException;
import com.youtubechat.shared.error.PoTokenRequiredException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Chooses the caption track for the wanted languages ({@code TRANSCRIPT_LANGUAGES}, in order): for
 * each language a manual track, then a generated one (an exact language code first, then a regional
 * variant such as en-GB for en); failing all of them, YouTube's translation into the first language,
 * from the track YouTube's player translates from (its default translation source), else a track in
 * the spoken language (that of the generated track, which is speech recognition), else any
 * translatable one, manual first. A track whose URL is gated behind a PO token ({@code exp=xpe}) is
 * skipped while a clean candidate remains; when every candidate is gated the result is a
 * {@link PoTokenRequiredException}, when there is none a {@link NoTranscriptException} that lists what
 * the video has.
 *
 * @param track the track to fetch
 * @param language the language of the text that will be fetched
 * @param translateTo the {@code tlang} to ask for, when translating
 */
public record TrackChoice(CaptionTrack track, String language, TranscriptSource source, Optional<String> translateTo) {

  public static TrackChoice choose(String videoId, CaptionTrack.TrackList list, List<String> languages) {
    List<TrackChoice> candidates = candidates(list, languages);
    if (candidates.isEmpty()) {
      String first = languages.get(0);
      throw new NoTranscriptException("YouTube video " + videoId + " has no captions in " + languages
          + " and none that YouTube can translate into '" + first + "'. It has: " + describe(list)
          + ". Add one of these languages to TRANSCRIPT_LANGUAGES to use it");
    }
    return candidates.stream().filter(choice -> !choice.track().gated()).findFirst()
        .orElseThrow(() -> CaptionClient.poToken(videoId, "every caption track it could use ("
            + String.join(", ", candidates.stream().map(TrackChoice::describe).toList())
            + ") has a URL marked exp=xpe"));
  }

  /** Every acceptable choice, best first, gated or not. */
  static List<TrackChoice> candidates(CaptionTrack.TrackList list, List<String> languages) {
    Set<CaptionTrack> seen = new LinkedHashSet<>();
    List<TrackChoice> out = new ArrayList<>();
    for (String wanted : languages) {
      for (boolean generated : new boolean[] {false, true}) {
        List<CaptionTrack> hits = new ArrayList<>(
            find(list, generated, t -> t.languageCode().equalsIgnoreCase(wanted)));
        hits.addAll(find(list, generated, t -> base(t.languageCode()).equals(base(wanted))));
        for (CaptionTrack hit : hits) {
          if (seen.add(hit)) {
            out.add(new TrackChoice(hit, hit.languageCode(),
                generated ? TranscriptSource.GENERATED : TranscriptSource.MANUAL, Optional.empty()));
          }
        }
      }
    }
    String first = languages.get(0);
    if (list.translationLanguages().stream().anyMatch(code -> code.equalsIgnoreCase(first))) {
      Optional<String> spoken = list.tracks().stream().filter(CaptionTrack::generated)
          .map(t -> base(t.languageCode())).findFirst();
      List<CaptionTrack> sources = new ArrayList<>();
      list.defaultTranslationSource().ifPresent(sources::add);
      spoken.ifPresent(language -> {
        sources.addAll(find(list, false, t -> base(t.languageCode()).equals(language)));
        sources.addAll(find(list, true, t -> base(t.languageCode()).equals(language)));
      });
      sources.addAll(find(list, false, t -> true));
      sources.addAll(find(list, true, t -> true));
      Set<CaptionTrack> sourcesSeen = new LinkedHashSet<>();
      for (CaptionTrack source : sources) {
        // Translating a track into its own language gives damaged text; such a track is a direct hit anyway.
        if (source.translatable() && !base(source.languageCode()).equals(base(first)) && sourcesSeen.add(source)) {
          out.add(new TrackChoice(source, first, TranscriptSource.TRANSLATED, Optional.of(first)));
        }
      }
    }
    return out;
  }

  private String describe() {
    return track.languageCode() + (track.generated() ? " generated" : " manual")
        + translateTo.map(tlang -> " translated into " + tlang).orElse("");
  }

  private static List<CaptionTrack> find(CaptionTrack.TrackList list, boolean generated, Predicate<CaptionTrack> test) {
    return list.tracks().stream().filter(t -> t.generated() == generated).filter(test).toList();
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
