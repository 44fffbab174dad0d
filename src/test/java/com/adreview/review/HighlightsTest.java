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
    void overlappingMarksGiveTheOverlapBothTopics() {
        List<Segment> s = Highlights.segments("abcdef", List.of(new Mark(0, 4, "A"), new Mark(2, 6, "B")));
        assertThat(s).extracting(Segment::text).containsExactly("ab", "cd", "ef");
        assertThat(s.get(1).topics()).isEqualTo(Set.of("A", "B"));
        assertThat(s.get(1).label()).isEqualTo("A, B");
    }

    @Test
    void offsetsOutsideTheTextAreIgnoredAndAdjacentPlainTextStaysOnePiece() {
        List<Segment> s =
                Highlights.segments("abc", List.of(new Mark(2, 9, "X"), new Mark(-1, 1, "Y"), new Mark(1, 1, "Z")));
        assertThat(s).containsExactly(new Segment("abc", Set.of()));
        assertThat(Highlights.segments("", List.of())).isEmpty();
    }
}
