package dev.rootgate.audit;

/**
 * CSV for people, per RFC 4180: a cell holding a comma, a double quote, CR or LF is quoted, its quotes doubled;
 * records end with CRLF. A cell that a spreadsheet would run as a formula (starting with {@code =}, {@code +},
 * {@code -}, {@code @}, tab or CR) gets a leading {@code '}: this changes the cell, so CSV is for reading, and the
 * JSON Lines export is the one that verifies.
 */
public final class CsvCells {

    static final String HEADER = "seq,occurred_at,actor,action,request_id,account_id,task_policy,source_ip,details,"
            + "prev_hash,hash\r\n";
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private CsvCells() {
    }

    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quoted = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\r') >= 0
                || text.indexOf('\n') >= 0;
        return quoted ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    static String row(AuditEvent event) {
        return String.join(",", Long.toString(event.seq), cell(event.occurredAt.toString()), cell(event.actor),
                cell(event.action), event.requestId == null ? "" : Long.toString(event.requestId), cell(event.accountId),
                cell(event.taskPolicy), cell(event.sourceIp), cell(event.details), cell(event.prevHash),
                cell(event.hash)) + "\r\n";
    }
}
