package dev.rootgate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** CSV cells follow RFC 4180, and a cell that a spreadsheet would run as a formula is neutralised with a leading '. */
class CsvCellsTest {

    private static final String[][] CELLS = {
            // given, written
            { "plain text", "plain text" },
            { "", "" },
            { "a,b", "\"a,b\"" },
            { "say \"hi\"", "\"say \"\"hi\"\"\"" },
            { "two\nlines", "\"two\nlines\"" },
            { "two\r\nlines", "\"two\r\nlines\"" },
            { "=1+1", "'=1+1" },
            { "+SUM(A1:A9)", "'+SUM(A1:A9)" },
            { "-2+3", "'-2+3" },
            { "@SUM(1,2)", "\"'@SUM(1,2)\"" },
            { "\tindented", "'\tindented" },
            { "\rreturn", "\"'\rreturn\"" },
            { "=HYPERLINK(\"http://evil.example\",\"x\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"" },
            { "=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0" },
            { "a=b", "a=b" },
            { " =1+1", " =1+1" },
            { "'already quoted", "'already quoted" },
            { "2026-11-29T06:00:00Z", "2026-11-29T06:00:00Z" },
            { "{\"a\":\"=1\"}", "\"{\"\"a\"\":\"\"=1\"\"}\"" },
    };

    @Test
    void cellsAreQuotedPerRfc4180AndFormulasNeutralised() {
        for (String[] cell : CELLS) {
            assertEquals(cell[1], CsvCells.cell(cell[0]), "cell for " + cell[0]);
        }
    }

    @Test
    void aMissingValueIsAnEmptyCell() {
        assertEquals("", CsvCells.cell(null));
    }
}
