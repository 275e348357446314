package dev.rootgate.web.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;

/**
 * A JSON body must be UTF-8 exactly (RFC 8259), checked before Jackson reads it: Jackson decodes an overlong form
 * ({@code C0 AF} for "/") as the character it spells and skips a byte order mark, so a proxy that checks the bytes
 * and rootgate would read different text. Java's decoder refuses overlong forms, encoded surrogates and stray bytes.
 */
public final class StrictUtf8 extends InputDecorator {

    private static final long serialVersionUID = 1L;

    /** What is wrong with a body's bytes, said in the problem's message as it is. */
    public static final class NotUtf8 extends JsonParseException {
        private static final long serialVersionUID = 1L;

        NotUtf8(String message) {
            super(null, message);
        }
    }

    @Override
    public InputStream decorate(IOContext context, InputStream in) throws IOException {
        byte[] body = in.readAllBytes();
        check(body, 0, body.length);
        return new ByteArrayInputStream(body);
    }

    @Override
    public InputStream decorate(IOContext context, byte[] src, int offset, int length) throws IOException {
        check(src, offset, length);
        return null;
    }

    @Override
    public Reader decorate(IOContext context, Reader reader) {
        return reader;
    }

    private static void check(byte[] body, int offset, int length) throws NotUtf8 {
        if (length >= 3 && (body[offset] & 0xFF) == 0xEF && (body[offset + 1] & 0xFF) == 0xBB
                && (body[offset + 2] & 0xFF) == 0xBF) {
            throw new NotUtf8("starts with a byte order mark; send UTF-8 without one");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(body, offset, length);
        try {
            decoder.decode(bytes);
        } catch (CharacterCodingException e) {
            throw new NotUtf8("not valid UTF-8 (at byte " + firstBad(body, offset, length) + ")");
        }
    }

    /** The offset of the first byte that starts no well-formed character, for the message. */
    private static int firstBad(byte[] body, int offset, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(body, offset, length);
        CharBuffer chars = CharBuffer.allocate(length);
        decoder.decode(bytes, chars, true);
        return bytes.position() - offset;
    }
}
