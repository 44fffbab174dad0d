package com.adreview.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.review.Highlights.Mark;
import com.adreview.review.Highlights.Segment;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HighlightsTest {

    @Test
    void cutsTheTextAtEveryMarkAndKeepsItWhole() {
        String text = "稳赚不赔，加V领取";
        List<Segment> s = Highlights.segments(
                text, List.of(new Mark(0, 4, "GUARANTEED_RETURN"), new Mark(5, 7, "OFF_PLATFORM_CONTACT")));
        assertThat(s).extracting(Segment::text).containsExactly("稳赚不赔", "，", "加V", "领取");
        assertThat(s).extracting(Segment::marked).containsExactly(true, false, true, false);
        assertThat(String.join("", s.stream().map(Segment::text).toList())).isEqualTo(text);
    }

    @Test
    void overlappingMarksAreOneHighlightWithEveryTopic() {
        List<Segment> s = Highlights.segments("abcdefg", List.of(new Mark(0, 4, "A"), new Mark(2, 6, "B")));
        assertThat(s).extracting(Segment::text).containsExactly("abcdef", "g");
        assertThat(s.get(0).topics()).isEqualTo(Set.of("A", "B"));
        assertThat(s.get(0).label()).isEqualTo("A, B");
    }

    @Test
    void evidenceInsideOtherEvidenceIsNotRepeated() {
        // 仅剩最后 and 仅剩 (one rule's phrase inside another's): one highlight, not 仅剩 then 最后.
        String text = "名额仅剩最后3个";
        List<Segment> s = Highlights.segments(
                text, List.of(new Mark(2, 6, "PRESSURE_TACTICS"), new Mark(2, 4, "PRESSURE_TACTICS")));
        assertThat(s).extracting(Segment::text).containsExactly("名额", "仅剩最后", "3个");
        assertThat(s).filteredOn(Segment::marked).hasSize(1);
        assertThat(Highlights.merged(List.of(new int[] {2, 6}, new int[] {2, 4}, new int[] {7, 8})))
                .extracting(r -> r[0] + "-" + r[1])
                .containsExactly("2-6", "7-8");
    }

    @Test
    void offsetsOutsideTheTextAreIgnoredAndAdjacentPlainTextStaysOnePiece() {
        List<Segment> s =
                Highlights.segments("abc", List.of(new Mark(2, 9, "X"), new Mark(-1, 1, "Y"), new Mark(1, 1, "Z")));
        assertThat(s).containsExactly(new Segment("abc", Set.of()));
        assertThat(Highlights.segments("", List.of())).isEmpty();
    }
}
