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
        return cell(new StringBuilder(), value).toString();
    }

    static StringBuilder cell(StringBuilder out, String value) {
        if (value == null || value.isEmpty()) {
            return out;
        }
        boolean quoted = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\r') >= 0
                || value.indexOf('\n') >= 0;
        if (quoted) {
            out.append('"');
        }
        if (FORMULA_STARTS.indexOf(value.charAt(0)) >= 0) {
            out.append('\'');
        }
        if (!quoted) {
            return out.append(value);
        }
        int copied = 0;
        for (int quote = value.indexOf('"'); quote >= 0; quote = value.indexOf('"', quote + 1)) {
            out.append(value, copied, quote + 1).append('"');
            copied = quote + 1;
        }
        return out.append(value, copied, value.length()).append('"');
    }

    static StringBuilder row(StringBuilder out, ChainEvent event) {
        out.append(event.seq()).append(',');
        cell(out, IsoInstant.format(event.occurredAt())).append(',');
        cell(out, event.actor()).append(',');
        cell(out, event.action()).append(',');
        if (event.requestId() != null) {
            out.append(event.requestId().longValue());
        }
        cell(out.append(','), event.accountId()).append(',');
        cell(out, event.taskPolicy()).append(',');
        cell(out, event.sourceIp()).append(',');
        cell(out, event.details()).append(',');
        cell(out, event.prevHash()).append(',');
        return cell(out, event.hash()).append("\r\n");
    }
}
