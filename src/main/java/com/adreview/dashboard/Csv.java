package com.adreview.dashboard;

import java.util.List;

/**
 * A panel's numbers as CSV (RFC 4180: comma-separated, CRLF, quoted where a cell holds a comma, a quote or a
 * line break). Topic, rule and category names come from policy packs and advertisers, so a text cell that a
 * spreadsheet would take for a formula (starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a
 * carriage return) is prefixed with {@code '} (OWASP's advice against CSV injection); counts are numbers.
 */
final class Csv {

    private Csv() {}

    static String of(DashboardService.Table table) {
        StringBuilder out = new StringBuilder();
        line(out, List.copyOf(table.header()));
        table.rows().forEach(row -> line(out, row));
        return out.toString();
    }

    private static void line(StringBuilder out, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        String s = value.toString();
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            s = '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
