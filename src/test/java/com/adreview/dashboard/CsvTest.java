package com.adreview.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV cells: quoted as RFC 4180 says, and never read as a formula by a spreadsheet. */
class CsvTest {

    @Test
    void cellsAspreadsheetWouldRunAreDefused() {
        assertThat(Csv.cell("=1+2")).isEqualTo("'=1+2");
        assertThat(Csv.cell("+1")).isEqualTo("'+1");
        assertThat(Csv.cell("-1")).isEqualTo("'-1");
        assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.cell("\tcmd")).isEqualTo("'\tcmd");
        assertThat(Csv.cell("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(Csv.cell("=HYPERLINK(\"http://x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        // Only the first character matters, and counts stay numbers.
        assertThat(Csv.cell("a=b")).isEqualTo("a=b");
        assertThat(Csv.cell("p2p.guarantee-return")).isEqualTo("p2p.guarantee-return");
        assertThat(Csv.cell(-3)).isEqualTo("-3");
        assertThat(Csv.cell(null)).isEmpty();
    }

    @Test
    void quotesWhatWouldSplitACellOrARow() {
        assertThat(Csv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.cell("保本")).isEqualTo("保本");
        assertThat(Csv.of(new DashboardService.Table(
                        List.of("rule", "count"), List.of(List.of("r,1", 2), List.of("-r", 0)))))
                .isEqualTo("rule,count\r\n\"r,1\",2\r\n'-r,0\r\n");
    }
}
