package dev.rootgate.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Exports and verification work on the stored UTF-8 bytes of an event's text, never decoding it. Their output must be
 * byte for byte what the text's forms were: the JSON Lines line and the hash as {@link HashChain} writes them from
 * text (itself held to Jackson's output by {@code HashChainTest}), and the CSV row as it was written from text before.
 */
class StreamedBytesAreTheTextsBytesTest {

    private static List<String> awkwardTexts() {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x800; c++) {
            every.append(c);
        }
        List<String> texts = new ArrayList<>(List.of(every.toString(),
                "🔑 שלום café 日本語 \"quoted\" back\\slash \u2028\u2029\uFEFF\u007F", "lone \uD83D surrogate",
                "\uDC00 low first", "", "null", "plain", "a,b", "say \"hi\"", "two\r\nlines", "=1+1", "+SUM(A1:A9)",
                "-2+3", "@SUM(1,2)", "\tindented", "\rreturn", "=HYPERLINK(\"http://evil.example\",\"x\")",
                "{\"a\":\"=1\",\"b\":[1,2]}", "é=starts with a two-byte character", "\"", ",", "\n"));
        for (char c = 0; c < 0x80; c++) {
            texts.add(c + "x" + c);
        }
        return texts;
    }

    private static AuditEvent event(String text, int variant) {
        AuditEvent event = new AuditEvent();
        event.seq = 1_000_000_007L + variant;
        event.occurredAt = Instant.ofEpochSecond(1_795_000_000L + variant, variant % 3 == 0 ? 0 : 123_456_000);
        event.actor = text;
        event.action = "request.created" + text;
        event.requestId = variant % 2 == 0 ? null : 42L + variant;
        event.accountId = variant % 3 == 0 ? null : text;
        event.taskPolicy = variant % 4 == 0 ? null : "IAMAuditRootUserCredentials" + text;
        event.sourceIp = variant % 5 == 0 ? null : text + "10.0.0.1";
        event.details = text;
        event.prevHash = HashChain.GENESIS;
        event.hash = HashChain.hash(event.prevHash, event);
        return event;
    }

    private static StoredEvent stored(AuditEvent event) {
        return new StoredEvent(event.seq, event.occurredAt, utf8(event.actor), utf8(event.action), event.requestId,
                utf8(event.accountId), utf8(event.taskPolicy), utf8(event.sourceIp), utf8(event.details),
                utf8(event.prevHash), utf8(event.hash));
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Utf8Buffer buffer) {
        return buffer.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aJsonLinesLineIsItsCanonicalTextInUtf8() {
        List<String> texts = awkwardTexts();
        for (int i = 0; i < texts.size(); i++) {
            AuditEvent event = event(texts.get(i), i);
            byte[] expected = utf8(HashChain.exportLine(event) + "\n");
            Utf8Buffer line = HashChain.exportLine(new Utf8Buffer(8), stored(event));
            assertArrayEquals(expected, bytes(line), "line for text #" + i);
        }
    }

    @Test
    void aStoredEventVerifiesExactlyWhenItsTextHashes() {
        HashChain.Hasher hasher = new HashChain.Hasher();
        List<String> texts = awkwardTexts();
        for (int i = 0; i < texts.size(); i++) {
            AuditEvent event = event(texts.get(i), i);
            assertTrue(hasher.hashes(stored(event)), "hash of text #" + i);
            AuditEvent edited = event(texts.get(i), i);
            edited.details = edited.details + " ";
            assertFalse(hasher.hashes(stored(edited)), "details edited, text #" + i);
            edited = event(texts.get(i), i);
            edited.hash = edited.hash.toUpperCase();
            assertFalse(hasher.hashes(stored(edited)), "the stored hash must be the lowercase hex, text #" + i);
            edited = event(texts.get(i), i);
            edited.prevHash = "1".repeat(64);
            assertFalse(hasher.hashes(stored(edited)), "previous hash changed, text #" + i);
        }
    }

    @Test
    void aCsvRowIsWhatTheTextsCellsWereInUtf8() {
        List<String> texts = awkwardTexts();
        for (int i = 0; i < texts.size(); i++) {
            AuditEvent event = event(texts.get(i), i);
            Utf8Buffer row = CsvCells.row(new Utf8Buffer(8), stored(event));
            assertArrayEquals(utf8(csvRowFromText(event)), bytes(row), "row for text #" + i);
        }
    }

    /** The CSV row as it was written from the event's text before exports took bytes (the same rules, on chars). */
    private static String csvRowFromText(AuditEvent event) {
        StringBuilder out = new StringBuilder();
        out.append(event.seq).append(',');
        textCell(out, event.occurredAt.toString()).append(',');
        textCell(out, event.actor).append(',');
        textCell(out, event.action).append(',');
        if (event.requestId != null) {
            out.append(event.requestId.longValue());
        }
        textCell(out.append(','), event.accountId).append(',');
        textCell(out, event.taskPolicy).append(',');
        textCell(out, event.sourceIp).append(',');
        textCell(out, event.details).append(',');
        textCell(out, event.prevHash).append(',');
        return textCell(out, event.hash).append("\r\n").toString();
    }

    private static StringBuilder textCell(StringBuilder out, String value) {
        if (value == null || value.isEmpty()) {
            return out;
        }
        boolean quoted = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\r') >= 0
                || value.indexOf('\n') >= 0;
        if (quoted) {
            out.append('"');
        }
        if ("=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
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
}
