package io.promptsuite.stats.export;

/**
 * One CSV cell as RFC 4180 wants it, made safe to open in a spreadsheet. A text cell that begins with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return would be taken for a formula by Excel, LibreOffice and
 * Google Sheets (CSV injection), so it gets a leading {@code '}, which they show as text. Numbers and timestamps are
 * written as they are; only text the caller sent (prompt, label, model, provider, error code, user id, metadata) is
 * guarded. A cell holding a comma, a double quote, CR or LF is quoted, its quotes doubled.
 */
public final class CsvCells {

    private CsvCells() {
    }

    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        String guarded = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
        return quote(guarded);
    }

    static String quote(String value) {
        boolean needs = false;
        for (int i = 0; i < value.length() && !needs; i++) {
            char c = value.charAt(i);
            needs = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return needs ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
