package io.promptsuite.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.promptsuite.stats.export.CsvCells;

/** CSV cells: RFC 4180 quoting and the formula guard, without a server. */
class ExportCsvTest {

    @Test
    void plainTextIsWrittenAsItIs() {
        assertEquals("support answer", CsvCells.text("support answer"));
        assertEquals("", CsvCells.text(null));
        assertEquals("", CsvCells.text(""));
    }

    @Test
    void commasQuotesAndLineBreaksAreQuotedWithQuotesDoubled() {
        assertEquals("\"a,b\"", CsvCells.text("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvCells.text("say \"hi\""));
        assertEquals("\"line1\nline2\"", CsvCells.text("line1\nline2"));
        assertEquals("\"cr\rhere\"", CsvCells.text("cr\rhere"));
        assertEquals("\"{\"\"k\"\":\"\"v\"\"}\"", CsvCells.text("{\"k\":\"v\"}"));
    }

    @Test
    void cellsAFormulaCouldStartWithGetALeadingQuote() {
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", CsvCells.text("=HYPERLINK(\"x\")"));
        assertEquals("'+1", CsvCells.text("+1"));
        assertEquals("'-2", CsvCells.text("-2"));
        assertEquals("'@SUM(A1)", CsvCells.text("@SUM(A1)"));
        assertEquals("'\tx", CsvCells.text("\tx"));
        assertEquals("\"'=1,2\"", CsvCells.text("=1,2"), "guarded first, then quoted");
        assertEquals("a=b", CsvCells.text("a=b"), "only the first character matters");
    }
}
