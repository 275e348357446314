package dev.rootgate.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * hash = SHA-256(previous hash ‖ canonical form of the event). The canonical form is compact JSON with its keys
 * sorted, the details embedded as their stored canonical JSON text, so anyone can recompute it from an export.
 *
 * <p>The chain's canonical form has always been what Jackson writes for a sorted map of the fields. It is written here
 * field by field, in key order, with Jackson's escaping: the same bytes without a map and a serializer per event
 * ({@code HashChainTest} holds the two together, character by character).
 */
public final class HashChain {

    public static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final HexFormat HEX = HexFormat.of();
    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();
    private static final byte[] HEX_LOWER = ascii("0123456789abcdef");
    /**
     * For each ASCII byte, what follows the backslash of its escape in a JSON string (0: written as it is): the same
     * escapes as {@link #string(StringBuilder, String)}.
     */
    private static final byte[] ESCAPES = new byte[128];
    private static final byte[] ACCOUNT_ID = ascii("{\"accountId\":");
    private static final byte[] ACTION = ascii(",\"action\":");
    private static final byte[] ACTOR = ascii(",\"actor\":");
    private static final byte[] DETAILS = ascii(",\"details\":");
    private static final byte[] HASH = ascii(",\"hash\":");
    private static final byte[] OCCURRED_AT = ascii(",\"occurredAt\":\"");
    private static final byte[] PREV_HASH = ascii(",\"prevHash\":");
    private static final byte[] REQUEST_ID = ascii(",\"requestId\":");
    private static final byte[] SEQ = ascii(",\"seq\":");
    private static final byte[] SOURCE_IP = ascii(",\"sourceIp\":");
    private static final byte[] TASK_POLICY = ascii(",\"taskPolicy\":");
    private static final byte[] NULL = ascii("null");

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = 'u';
        }
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\f'] = 'f';
        ESCAPES['\r'] = 'r';
    }

    private HashChain() {
    }

    /** The event must have its place in the chain: its {@code seq} is part of what is hashed. */
    public static String hash(String previousHash, AuditEvent event) {
        return new Hasher().hash(previousHash, ChainEvent.of(event));
    }

    public static String canonicalForm(AuditEvent event) {
        return canonical(new StringBuilder(512), ChainEvent.of(event), false).toString();
    }

    /**
     * Hashes one event after another with one digest: for one thread at a time. The text to hash gets a buffer of its
     * own each time: a buffer that once held a character beyond Latin-1 stays twice as wide and slow for good.
     */
    public static final class Hasher {
        private final MessageDigest sha256 = sha256();
        private final Utf8Buffer bytes = new Utf8Buffer(1024);

        public String hash(String previousHash, ChainEvent event) {
            StringBuilder text = new StringBuilder(512 + event.details().length()).append(previousHash);
            canonical(text, event, false);
            return HEX.formatHex(sha256.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        }

        /** Whether the stored event's hash is the hash of its previous hash and its contents. */
        boolean hashes(StoredEvent event) {
            bytes.clear();
            canonical(bytes.append(event.prevHash()), event, false).digestInto(sha256);
            byte[] digest = sha256.digest();
            byte[] stored = event.hash();
            if (stored.length != 2 * digest.length) {
                return false;
            }
            for (int i = 0; i < digest.length; i++) {
                if (stored[2 * i] != HEX_LOWER[(digest[i] >> 4) & 0xF] || stored[2 * i + 1] != HEX_LOWER[digest[i] & 0xF]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** {@link #exportLine(Utf8Buffer, StoredEvent)} as text, without the LF. */
    public static String exportLine(AuditEvent event) {
        return canonical(new StringBuilder(640), ChainEvent.of(event), true).toString();
    }

    /**
     * One line of a JSON Lines export, appended with its LF: the canonical fields with {@code prevHash} and
     * {@code hash}, keys sorted and nothing else, so an offline verifier can insist that a line is exactly its own
     * canonical form (then no byte of it goes unchecked) and recompute its hash.
     */
    static Utf8Buffer exportLine(Utf8Buffer out, StoredEvent event) {
        return canonical(out, event, true).append((byte) '\n');
    }

    /** {@link #canonical(StringBuilder, ChainEvent, boolean)} in UTF-8, from a stored event's bytes. */
    private static Utf8Buffer canonical(Utf8Buffer json, StoredEvent event, boolean withLinks) {
        string(json.append(ACCOUNT_ID), event.accountId());
        string(json.append(ACTION), event.action());
        string(json.append(ACTOR), event.actor());
        string(json.append(DETAILS), event.details());
        if (withLinks) {
            string(json.append(HASH), event.hash());
        }
        IsoInstant.append(json.append(OCCURRED_AT), event.occurredAt()).append((byte) '"');
        if (withLinks) {
            string(json.append(PREV_HASH), event.prevHash());
        }
        json.append(REQUEST_ID);
        if (event.requestId() == null) {
            json.append(NULL);
        } else {
            json.append(event.requestId().longValue());
        }
        json.append(SEQ).append(event.seq());
        string(json.append(SOURCE_IP), event.sourceIp());
        string(json.append(TASK_POLICY), event.taskPolicy());
        return json.append((byte) '}');
    }

    /** {@link #string(StringBuilder, String)} over UTF-8 bytes (bytes of multi-byte characters are never escaped). */
    private static void string(Utf8Buffer json, byte[] text) {
        if (text == null) {
            json.append(NULL);
            return;
        }
        json.append((byte) '"');
        int unescaped = 0;
        for (int i = 0; i < text.length; i++) {
            byte b = text[i];
            if (b < 0 || ESCAPES[b] == 0) {
                continue;
            }
            json.append(text, unescaped, i).append((byte) '\\').append(ESCAPES[b]);
            if (ESCAPES[b] == 'u') {
                json.append((byte) '0').append((byte) '0').append((byte) HEX_UPPER[b >> 4]).append((byte) HEX_UPPER[b & 0xF]);
            }
            unescaped = i + 1;
        }
        json.append(text, unescaped, text.length).append((byte) '"');
    }

    private static StringBuilder canonical(StringBuilder json, ChainEvent event, boolean withLinks) {
        string(json.append("{\"accountId\":"), event.accountId());
        string(json.append(",\"action\":"), event.action());
        string(json.append(",\"actor\":"), event.actor());
        string(json.append(",\"details\":"), event.details());
        if (withLinks) {
            string(json.append(",\"hash\":"), event.hash());
        }
        IsoInstant.append(json.append(",\"occurredAt\":\""), event.occurredAt()).append('"');
        if (withLinks) {
            string(json.append(",\"prevHash\":"), event.prevHash());
        }
        json.append(",\"requestId\":");
        if (event.requestId() == null) {
            json.append("null");
        } else {
            json.append(event.requestId().longValue());
        }
        json.append(",\"seq\":").append(event.seq());
        string(json.append(",\"sourceIp\":"), event.sourceIp());
        string(json.append(",\"taskPolicy\":"), event.taskPolicy());
        return json.append('}');
    }

    /** A JSON string as Jackson writes it: quote, backslash and control characters escaped, nothing else. */
    private static void string(StringBuilder json, String text) {
        if (text == null) {
            json.append("null");
            return;
        }
        json.append('"');
        int unescaped = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            json.append(text, unescaped, i).append('\\');
            switch (c) {
                case '"', '\\' -> json.append(c);
                case '\b' -> json.append('b');
                case '\t' -> json.append('t');
                case '\n' -> json.append('n');
                case '\f' -> json.append('f');
                case '\r' -> json.append('r');
                default -> json.append("u00").append(HEX_UPPER[c >> 4]).append(HEX_UPPER[c & 0xF]);
            }
            unescaped = i + 1;
        }
        json.append(text, unescaped, text.length()).append('"');
    }

    /** Details in canonical JSON: keys sorted at every level. */
    public static String canonicalDetails(Map<String, ?> details) {
        return json(new TreeMap<>(details));
    }

    static String json(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details must be plain JSON values", e);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
