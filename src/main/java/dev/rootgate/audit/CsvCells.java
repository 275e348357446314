package dev.rootgate.audit;

import java.nio.charset.StandardCharsets;

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
    private static final byte[] CRLF = { '\r', '\n' };

    private CsvCells() {
    }

    public static String cell(String value) {
        Utf8Buffer out = new Utf8Buffer(16);
        cell(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        return out.toString();
    }

    /** The cell of a value given as UTF-8 bytes: the characters that matter here are ASCII, and so is each byte of them. */
    static Utf8Buffer cell(Utf8Buffer out, byte[] value) {
        if (value == null || value.length == 0) {
            return out;
        }
        boolean quoted = false;
        for (byte b : value) {
            if (b == ',' || b == '"' || b == '\r' || b == '\n') {
                quoted = true;
                break;
            }
        }
        if (quoted) {
            out.append((byte) '"');
        }
        if (FORMULA_STARTS.indexOf(value[0]) >= 0) {
            out.append((byte) '\'');
        }
        if (!quoted) {
            return out.append(value);
        }
        int copied = 0;
        for (int i = 0; i < value.length; i++) {
            if (value[i] == '"') {
                out.append(value, copied, i + 1).append((byte) '"');
                copied = i + 1;
            }
        }
        return out.append(value, copied, value.length).append((byte) '"');
    }

    static Utf8Buffer row(Utf8Buffer out, StoredEvent event) {
        out.append(event.seq()).append((byte) ',');
        IsoInstant.append(out, event.occurredAt()).append((byte) ',');
        cell(out, event.actor()).append((byte) ',');
        cell(out, event.action()).append((byte) ',');
        if (event.requestId() != null) {
            out.append(event.requestId().longValue());
        }
        cell(out.append((byte) ','), event.accountId()).append((byte) ',');
        cell(out, event.taskPolicy()).append((byte) ',');
        cell(out, event.sourceIp()).append((byte) ',');
        cell(out, event.details()).append((byte) ',');
        cell(out, event.prevHash()).append((byte) ',');
        return cell(out, event.hash()).append(CRLF);
    }
}
