package dev.rootgate.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * UTF-8 text built as bytes. Exports and verification take a row's text columns as the UTF-8 bytes the database sent
 * and write them here as they are (escaped where the format wants it): decoding each value into a String and encoding
 * it back cost more than everything else done with the row. The escapes only ever concern ASCII characters, and no
 * byte of a multi-byte UTF-8 character is ASCII, so escaping bytes gives the same bytes as escaping the text.
 */
final class Utf8Buffer {

    private byte[] bytes;
    private int length;

    Utf8Buffer(int capacity) {
        bytes = new byte[capacity];
    }

    int length() {
        return length;
    }

    void clear() {
        length = 0;
    }

    Utf8Buffer append(byte b) {
        if (length == bytes.length) {
            grow(1);
        }
        bytes[length++] = b;
        return this;
    }

    Utf8Buffer append(byte[] text) {
        return append(text, 0, text.length);
    }

    Utf8Buffer append(byte[] text, int from, int to) {
        int count = to - from;
        if (length + count > bytes.length) {
            grow(count);
        }
        System.arraycopy(text, from, bytes, length, count);
        length += count;
        return this;
    }

    /** A whole number in decimal, as {@link Long#toString(long)} writes it. */
    Utf8Buffer append(long number) {
        if (number < 0) {
            return append(Long.toString(number).getBytes(StandardCharsets.US_ASCII));
        }
        int digits = 1;
        for (long rest = number / 10; rest > 0; rest /= 10) {
            digits++;
        }
        if (length + digits > bytes.length) {
            grow(digits);
        }
        for (int at = length + digits - 1; at >= length; at--) {
            bytes[at] = (byte) ('0' + number % 10);
            number /= 10;
        }
        length += digits;
        return this;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    void digestInto(MessageDigest digest) {
        digest.update(bytes, 0, length);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private void grow(int needed) {
        byte[] wider = new byte[Math.max(bytes.length * 2, length + needed)];
        System.arraycopy(bytes, 0, wider, 0, length);
        bytes = wider;
    }
}
