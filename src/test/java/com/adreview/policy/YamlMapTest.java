package com.adreview.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a pack file may not be, whatever its keys: a mapping with a key twice, or a bomb of aliases. */
class YamlMapTest {

    @Test
    void aKeyTwiceIsAProblemAtItsSecondLine() {
        List<PackProblem> problems = new ArrayList<>();
        assertThat(YamlMap.parse("rules/r.yaml", "rules: []\nname: a\nname: b\n", problems))
                .isPresent();
        assertThat(problems).containsExactly(new PackProblem("rules/r.yaml", 3, null, "duplicate key 'name'"));
    }

    @Test
    void aRequiredStringThatIsBlankIsAProblemAtItsValue() {
        List<PackProblem> problems = new ArrayList<>();
        YamlMap map =
                YamlMap.parse("pack.yaml", "name: a\nowner: \"  \"\n", problems).orElseThrow();
        assertThat(map.requiredString("name")).contains("a");
        assertThat(problems).isEmpty();
        assertThat(map.requiredString("owner")).isEmpty();
        assertThat(problems).containsExactly(new PackProblem("pack.yaml", 2, null, "'owner' must not be blank"));
    }

    @Test
    void tenAliasesOfACollectionAreReadAndElevenRefused() {
        StringBuilder ten = new StringBuilder("list: &l [1, 2]\n");
        for (int i = 0; i < 10; i++) {
            ten.append("k").append(i).append(": *l\n");
        }
        List<PackProblem> problems = new ArrayList<>();
        assertThat(YamlMap.parse("pack.yaml", ten.toString(), problems)).isPresent();
        assertThat(problems).isEmpty();
        String eleven = ten + "k10: *l\n";
        assertThat(YamlMap.parse("pack.yaml", eleven, problems)).isEmpty();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("pack.yaml");
            assertThat(p.reason()).startsWith("not valid YAML: ").contains("10");
        });
    }
}
