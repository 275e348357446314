import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Verifies a rootgate audit export in JSON Lines with nothing but a JDK (17 or newer):
 *
 * <pre>java tools/VerifyAuditExport.java export.jsonl [--last-hash HEX] [--filtered]
 *     [--checkpoint CHECKPOINT --public-key KEY]</pre>
 *
 * Every line must be exactly the canonical JSON that rootgate writes (keys sorted, no spaces), so that no byte of it
 * escapes the check; its hash must be SHA-256 of its previous hash followed by the canonical form of its hashed
 * fields; sequence numbers must follow each other and each line must name the hash of the line before it (the first
 * line of the chain, seq 1, names 64 zeros). With {@code --last-hash} the last line's hash must be that value (a
 * checkpoint kept elsewhere). {@code --filtered} is for exports narrowed by account, actor, action or request: their
 * sequence numbers may jump, and a line is then linked only to a line that directly precedes it in the chain.
 * With {@code --checkpoint} (a file, or the JSON itself, or a log line holding it; may be repeated) and
 * {@code --public-key} (rootgate's Ed25519 public key: base64 X.509, or a PEM file), every checkpoint's signature
 * must verify and the export's line with the checkpoint's seq must have the checkpoint's hash: a chain rewritten
 * and re-hashed from some row on still links, but no longer matches a checkpoint signed before the rewrite.
 *
 * Exit status: 0 the file verifies; 1 it does not (the first bad line and why); 2 wrong usage or an unreadable file.
 * This file depends on nothing of rootgate: the canonical form below is rootgate's HashChain, written again, and a
 * test of rootgate checks that both agree.
 */
public final class VerifyAuditExport {

    static final String GENESIS = "0".repeat(64);
    /** The fields the hash covers. */
    static final List<String> HASHED = List.of("accountId", "action", "actor", "details", "occurredAt", "requestId",
            "seq", "sourceIp", "taskPolicy");
    /** The fields of a line: the hashed ones, the previous hash and the hash. */
    static final List<String> LINE = List.of("accountId", "action", "actor", "details", "hash", "occurredAt",
            "prevHash", "requestId", "seq", "sourceIp", "taskPolicy");
    private static final List<String> NUMBERS = List.of("seq", "requestId");
    private static final List<String> REQUIRED = List.of("action", "actor", "details", "hash", "occurredAt", "prevHash",
            "seq");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final List<String> CHECKPOINT = List.of("hash", "seq", "signature", "signedAt");
    private static final String USAGE = "usage: java VerifyAuditExport.java EXPORT.jsonl [--last-hash 64-HEX-DIGITS]"
            + " [--filtered] [--checkpoint FILE-OR-JSON ... --public-key BASE64-OR-PEM-FILE]";
    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();

    private VerifyAuditExport() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Verifies as the command does, answering its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path file = null;
        String lastHash = null;
        boolean filtered = false;
        List<String> checkpointArgs = new ArrayList<>();
        String publicKeyArg = null;
        boolean usage = false;
        for (int i = 0; i < args.length && !usage; i++) {
            boolean valued = i + 1 < args.length;
            if (args[i].equals("--last-hash") && valued) {
                lastHash = args[++i].toLowerCase();
            } else if (args[i].equals("--checkpoint") && valued) {
                checkpointArgs.add(args[++i]);
            } else if (args[i].equals("--public-key") && valued) {
                publicKeyArg = args[++i];
            } else if (args[i].equals("--filtered")) {
                filtered = true;
            } else if (file == null && !args[i].startsWith("--")) {
                file = Path.of(args[i]);
            } else {
                usage = true;
            }
        }
        if (usage || file == null || (lastHash != null && !HASH.matcher(lastHash).matches())
                || checkpointArgs.isEmpty() != (publicKeyArg == null)) {
            err.println(USAGE);
            return 2;
        }
        Map<Long, Checkpoint> checkpoints = new TreeMap<>();
        try {
            PublicKey key = publicKeyArg == null ? null : publicKey(publicKeyArg);
            for (String given : checkpointArgs) {
                Checkpoint checkpoint = Checkpoint.parse(given);
                if (!checkpoint.signedBy(key)) {
                    err.println("checkpoint seq " + checkpoint.seq + " signed at " + checkpoint.signedAt
                            + ": the signature does not verify with the given public key");
                    err.println("FAILED: the checkpoint is not rootgate's");
                    return 1;
                }
                checkpoints.put(checkpoint.seq, checkpoint);
            }
        } catch (IllegalArgumentException | IOException e) {
            err.println("cannot read: " + e.getMessage());
            return 2;
        }
        try (InputStream in = Files.newInputStream(file)) {
            Chain chain = new Chain(filtered, checkpoints);
            Lines lines = new Lines(in);
            while (lines.next()) {
                chain.add(lines.number(), lines.bytes(), lines.length(), lines.terminated());
            }
            chain.finish(lastHash);
            out.println(chain.summary(file, lastHash));
            return 0;
        } catch (BadLine bad) {
            err.println(file + ": line " + bad.line + ": " + bad.getMessage());
            err.println("FAILED: the export does not verify");
            return 1;
        } catch (IOException e) {
            err.println(file + ": cannot read: " + e.getMessage());
            return 2;
        }
    }

    /** rootgate's public key: base64 of its X.509 form, or a file holding that or a PEM block. */
    static PublicKey publicKey(String given) throws IOException {
        String text = Files.isRegularFile(Path.of(given)) ? Files.readString(Path.of(given)) : given;
        String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the public key is not an Ed25519 key in X.509 form, base64 or PEM");
        }
    }

    /** A signed checkpoint of the chain's head: {"hash","seq","signature","signedAt"}. */
    record Checkpoint(long seq, String hash, String signedAt, String signature) {

        /** From a file or the text itself; anything around the JSON object (a log line's prefix) is ignored. */
        static Checkpoint parse(String given) throws IOException {
            String text = Files.isRegularFile(Path.of(given)) ? Files.readString(Path.of(given)) : given;
            int start = text.indexOf('{');
            int end = text.lastIndexOf('}');
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("no checkpoint JSON in " + given);
            }
            Map<String, Object> fields;
            try {
                fields = new FlatJson(0, text.substring(start, end + 1)).object();
            } catch (BadLine bad) {
                throw new IllegalArgumentException("checkpoint: " + bad.getMessage());
            }
            if (!new TreeSet<>(fields.keySet()).equals(new TreeSet<>(CHECKPOINT)) || !(fields.get("seq") instanceof Long)
                    || !(fields.get("hash") instanceof String hash) || !HASH.matcher(hash).matches()
                    || !(fields.get("signedAt") instanceof String) || !(fields.get("signature") instanceof String)) {
                throw new IllegalArgumentException("a checkpoint has exactly hash (64 hex digits), seq (a number),"
                        + " signature and signedAt (strings)");
            }
            return new Checkpoint((Long) fields.get("seq"), hash, (String) fields.get("signedAt"),
                    (String) fields.get("signature"));
        }

        /** The signature covers the canonical JSON of hash, seq and signedAt, in UTF-8. */
        boolean signedBy(PublicKey key) {
            Map<String, Object> signed = new TreeMap<>(Map.of("hash", hash, "seq", seq, "signedAt", signedAt));
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(key);
                verifier.update(canonical(signed).getBytes(StandardCharsets.UTF_8));
                return verifier.verify(Base64.getDecoder().decode(signature));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        }
    }

    /** A line that fails, and why. */
    static final class BadLine extends Exception {
        final long line;

        BadLine(long line, String why) {
            super(why, null, false, false);
            this.line = line;
        }
    }

    /** The lines checked so far, and what the next one must link to. */
    static final class Chain {
        private final boolean filtered;
        private final Map<Long, Checkpoint> checkpoints;
        private final List<Checkpoint> matched = new ArrayList<>();
        private final CanonicalLine canonical = new CanonicalLine();
        private final MessageDigest sha256 = sha256();
        private long count;
        private long lineNumber;
        private long firstSeq;
        private long lastSeq;
        private String lastHash;

        Chain(boolean filtered, Map<Long, Checkpoint> checkpoints) {
            this.filtered = filtered;
            this.checkpoints = checkpoints;
        }

        void add(long number, byte[] bytes, int length, boolean terminated) throws BadLine {
            lineNumber = number;
            if (!terminated) {
                throw new BadLine(number, "does not end with a line feed (the file is cut or was edited)");
            }
            Line line = canonical.read(bytes, length) ? canonical.line(sha256)
                    : general(number, Arrays.copyOf(bytes, length));
            if (!line.hashMatches()) {
                throw new BadLine(number, "hash mismatch: its hash is not SHA-256 of its prevHash and its contents");
            }
            link(number, line.seq(), line.prevHash());
            Checkpoint checkpoint = checkpoints.isEmpty() ? null : checkpoints.get(line.seq());
            if (checkpoint != null) {
                if (!checkpoint.hash.equals(line.hash())) {
                    throw new BadLine(number, "checkpoint mismatch: seq " + line.seq() + " has hash " + line.hash()
                            + ", but the checkpoint signed at " + checkpoint.signedAt + " says " + checkpoint.hash
                            + " (the chain was rewritten up to here)");
                }
                matched.add(checkpoint);
            }
            if (count == 0) {
                firstSeq = line.seq();
            }
            count++;
            lastSeq = line.seq();
            lastHash = line.hash();
        }

        /**
         * A line that is not exactly in the shape {@link CanonicalLine} reads: parsed as JSON, so that what is wrong
         * with it can be named, and held to the canonical form all the same.
         */
        private static Line general(long number, byte[] bytes) throws BadLine {
            String text = utf8(number, bytes);
            Map<String, Object> fields = new FlatJson(number, text).object();
            checkFields(number, fields);
            if (!canonical(fields).equals(text)) {
                throw new BadLine(number, "is not in the export's canonical form (keys sorted, no spaces, rootgate's"
                        + " escaping): it was edited or written by something else");
            }
            String prevHash = (String) fields.get("prevHash");
            String hash = (String) fields.get("hash");
            Map<String, Object> hashed = new TreeMap<>(fields);
            hashed.keySet().retainAll(HASHED);
            return new Line((Long) fields.get("seq"), prevHash, hash, sha256(prevHash + canonical(hashed)).equals(hash));
        }

        private void link(long number, long seq, String prevHash) throws BadLine {
            if (seq == 1 && !prevHash.equals(GENESIS)) {
                throw new BadLine(number, "prev_hash mismatch: the first event of the chain must name 64 zeros");
            }
            if (count == 0) {
                return;
            }
            if (seq == lastSeq + 1) {
                if (!prevHash.equals(lastHash)) {
                    throw new BadLine(number, "prev_hash mismatch: prevHash is not the hash of line " + (number - 1));
                }
            } else if (!filtered || seq <= lastSeq) {
                throw new BadLine(number, "gap: seq " + seq + " follows seq " + lastSeq
                        + (filtered ? "" : " (a filtered export needs --filtered)"));
            }
        }

        void finish(String expectedLastHash) throws BadLine {
            for (Checkpoint checkpoint : checkpoints.values()) {
                if (!matched.contains(checkpoint)) {
                    throw new BadLine(lineNumber, "checkpoint seq " + checkpoint.seq + " (signed at "
                            + checkpoint.signedAt + ") is not in this export: export a range that holds it");
                }
            }
            if (expectedLastHash != null && !expectedLastHash.equals(lastHash)) {
                throw new BadLine(lineNumber, count == 0 ? "the file holds no events, so no last hash to compare"
                        : "last hash " + lastHash + " is not the given " + expectedLastHash);
            }
        }

        String summary(Path file, String expectedLastHash) {
            if (count == 0) {
                return "OK: " + file + " holds no events";
            }
            return "OK: " + file + ": " + count + " events, seq " + firstSeq + " to " + lastSeq
                    + (filtered ? " (filtered)" : ", one unbroken chain") + "; last hash " + lastHash
                    + (expectedLastHash == null ? "" : " (as given)")
                    + (matched.isEmpty() ? "" : "; matches " + matched.size() + " signed checkpoint"
                            + (matched.size() == 1 ? "" : "s") + ", the last at seq " + matched.get(matched.size() - 1).seq);
        }

        private static void checkFields(long number, Map<String, Object> fields) throws BadLine {
            if (!new TreeMap<>(fields).keySet().equals(new TreeSet<>(LINE))) {
                throw new BadLine(number, "fields are " + new TreeMap<>(fields).keySet() + ", expected " + LINE);
            }
            for (String name : LINE) {
                Object value = fields.get(name);
                if (value == null && REQUIRED.contains(name)) {
                    throw new BadLine(number, name + " is missing");
                }
                if (value != null && NUMBERS.contains(name) != (value instanceof Long)) {
                    throw new BadLine(number, name + " has the wrong type");
                }
            }
            for (String name : List.of("prevHash", "hash")) {
                if (!HASH.matcher((String) fields.get(name)).matches()) {
                    throw new BadLine(number, name + " is not 64 lowercase hex digits");
                }
            }
        }
    }

    private static String utf8(long number, byte[] bytes) throws BadLine {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BadLine(number, "is not valid UTF-8");
        }
    }

    /** rootgate's canonical JSON: keys sorted, no spaces, strings escaped exactly as its JSON library does. */
    static String canonical(Map<String, Object> fields) {
        StringBuilder json = new StringBuilder(512).append('{');
        for (Map.Entry<String, Object> field : new TreeMap<>(fields).entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            string(json, field.getKey()).append(':');
            Object value = field.getValue();
            if (value == null) {
                json.append("null");
            } else if (value instanceof Long number) {
                json.append(number.longValue());
            } else {
                string(json, (String) value);
            }
        }
        return json.append('}').toString();
    }

    private static StringBuilder string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\b' -> json.append("\\b");
                case '\t' -> json.append("\\t");
                case '\n' -> json.append("\\n");
                case '\f' -> json.append("\\f");
                case '\r' -> json.append("\\r");
                default -> {
                    if (c < 0x20) {
                        json.append("\\u00").append(HEX_UPPER[c >> 4]).append(HEX_UPPER[c & 0xF]);
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }

    static String sha256(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A JSON object of strings, whole numbers and nulls, without spaces: all an export line may be. */
    static final class FlatJson {
        private final long number;
        private final String text;
        private int at;

        FlatJson(long number, String text) {
            this.number = number;
            this.text = text;
        }

        Map<String, Object> object() throws BadLine {
            Map<String, Object> fields = new LinkedHashMap<>();
            expect('{');
            while (true) {
                String key = string();
                expect(':');
                if (fields.containsKey(key)) {
                    throw bad("field " + key + " appears twice");
                }
                fields.put(key, value());
                if (peek() == '}') {
                    at++;
                    break;
                }
                expect(',');
            }
            if (at != text.length()) {
                throw bad("text after the object");
            }
            return fields;
        }

        private Object value() throws BadLine {
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (text.startsWith("null", at)) {
                at += 4;
                return null;
            }
            int start = at;
            if (c == '-') {
                at++;
            }
            while (at < text.length() && Character.isDigit(text.charAt(at)) && text.charAt(at) < 0x80) {
                at++;
            }
            try {
                return Long.parseLong(text.substring(start, at));
            } catch (NumberFormatException e) {
                at = start;
                throw bad("a value must be a string, a whole number or null");
            }
        }

        private String string() throws BadLine {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (true) {
                if (at >= text.length()) {
                    throw bad("unterminated string");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    return value.toString();
                }
                if (c < 0x20) {
                    throw bad("a raw control character in a string");
                }
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                char escape = at < text.length() ? text.charAt(at++) : ' ';
                switch (escape) {
                    case '"', '\\', '/' -> value.append(escape);
                    case 'b' -> value.append('\b');
                    case 't' -> value.append('\t');
                    case 'n' -> value.append('\n');
                    case 'f' -> value.append('\f');
                    case 'r' -> value.append('\r');
                    case 'u' -> value.append(unicodeEscape());
                    default -> throw bad("an unknown escape \\" + escape);
                }
            }
        }

        private char unicodeEscape() throws BadLine {
            if (at + 4 > text.length()) {
                throw bad("a cut \\u escape");
            }
            try {
                char c = (char) Integer.parseInt(text.substring(at, at + 4), 16);
                at += 4;
                return c;
            } catch (NumberFormatException e) {
                throw bad("a \\u escape without four hex digits");
            }
        }

        private char peek() throws BadLine {
            if (at >= text.length()) {
                throw bad("the line ends too early");
            }
            return text.charAt(at);
        }

        private void expect(char c) throws BadLine {
            if (peek() != c) {
                throw bad("expected '" + c + "'");
            }
            at++;
        }

        private BadLine bad(String why) {
            return new BadLine(number, "not an export line: " + why + " at column " + (at + 1));
        }
    }

    /** What a verified line contributes to the chain: its place, its links, and whether its hash is its own. */
    record Line(long seq, String prevHash, String hash, boolean hashMatches) {
    }

    /**
     * Reads a line that is exactly in the canonical form, byte by byte and without building anything: the fields in
     * their order, strings as rootgate escapes them (raw UTF-8 but for quote, backslash and control characters), hashes
     * of 64 lowercase hex digits, numbers without sign or leading zero. Whatever it does not recognise goes to the
     * general reader ({@link Chain#general}), which names what is wrong. The hashed form is the line without its
     * {@code hash} and {@code prevHash} fields, so the hash is taken over the line's own bytes.
     */
    static final class CanonicalLine {
        private static final byte[] ACCOUNT_ID = ascii("{\"accountId\":");
        private static final byte[] ACTION = ascii(",\"action\":");
        private static final byte[] ACTOR = ascii(",\"actor\":");
        private static final byte[] DETAILS = ascii(",\"details\":");
        private static final byte[] HASH_FIELD = ascii(",\"hash\":");
        private static final byte[] OCCURRED_AT = ascii(",\"occurredAt\":");
        private static final byte[] PREV_HASH_FIELD = ascii(",\"prevHash\":");
        private static final byte[] REQUEST_ID = ascii(",\"requestId\":");
        private static final byte[] SEQ = ascii(",\"seq\":");
        private static final byte[] SOURCE_IP = ascii(",\"sourceIp\":");
        private static final byte[] TASK_POLICY = ascii(",\"taskPolicy\":");
        private static final byte[] NULL = ascii("null");
        private static final byte[] END = ascii("}");
        /** Longer numbers are left to the general reader, which parses any long. */
        private static final int MAX_DIGITS = 18;
        private static final byte[] HEX_LOWER = ascii("0123456789abcdef");
        /** Bytes that stand for themselves in a string: printable ASCII but for quote and backslash. */
        private static final boolean[] PLAIN = new boolean[256];
        private static final boolean[] HEX_DIGIT = new boolean[256];

        static {
            for (int b = 0x20; b < 0x80; b++) {
                PLAIN[b] = b != '"' && b != '\\';
            }
            for (byte digit : HEX_LOWER) {
                HEX_DIGIT[digit] = true;
            }
        }

        private byte[] line;
        private int length;
        private int at;
        private long number;
        private long seq;
        private int hashField;
        private int hashFieldEnd;
        private int prevHashField;
        private int prevHashFieldEnd;

        boolean read(byte[] bytes, int size) {
            line = bytes;
            length = size;
            at = 0;
            if (!(expect(ACCOUNT_ID) && string(true) && expect(ACTION) && string(false) && expect(ACTOR)
                    && string(false) && expect(DETAILS) && string(false))) {
                return false;
            }
            hashField = at;
            if (!(expect(HASH_FIELD) && hex() && expect(OCCURRED_AT) && string(false))) {
                return false;
            }
            hashFieldEnd = hashField + HASH_FIELD.length + 66;
            prevHashField = at;
            if (!(expect(PREV_HASH_FIELD) && hex() && expect(REQUEST_ID) && (expect(NULL) || number()))) {
                return false;
            }
            prevHashFieldEnd = prevHashField + PREV_HASH_FIELD.length + 66;
            if (!(expect(SEQ) && number())) {
                return false;
            }
            seq = number;
            return expect(SOURCE_IP) && string(true) && expect(TASK_POLICY) && string(true) && expect(END)
                    && at == length;
        }

        /** The line just read, its hash recomputed over its hashed bytes. */
        Line line(MessageDigest sha256) {
            String prevHash = new String(line, prevHashFieldEnd - 65, 64, StandardCharsets.US_ASCII);
            String hash = new String(line, hashFieldEnd - 65, 64, StandardCharsets.US_ASCII);
            sha256.update(line, prevHashFieldEnd - 65, 64);
            sha256.update(line, 0, hashField);
            sha256.update(line, hashFieldEnd, prevHashField - hashFieldEnd);
            sha256.update(line, prevHashFieldEnd, length - prevHashFieldEnd);
            return new Line(seq, prevHash, hash, isHexOf(sha256.digest(), hashFieldEnd - 65));
        }

        /** Whether the 64 hex digits at {@code at} are {@code digest}'s. */
        private boolean isHexOf(byte[] digest, int at) {
            for (int i = 0; i < digest.length; i++) {
                if (line[at + 2 * i] != HEX_LOWER[(digest[i] >> 4) & 0xF] || line[at + 2 * i + 1] != HEX_LOWER[digest[i] & 0xF]) {
                    return false;
                }
            }
            return true;
        }

        private boolean expect(byte[] expected) {
            if (length - at < expected.length) {
                return false;
            }
            for (int i = 0; i < expected.length; i++) {
                if (line[at + i] != expected[i]) {
                    return false;
                }
            }
            at += expected.length;
            return true;
        }

        private boolean hex() {
            if (length - at < 66 || line[at] != '"' || line[at + 65] != '"') {
                return false;
            }
            for (int i = at + 1; i <= at + 64; i++) {
                if (!HEX_DIGIT[line[i] & 0xFF]) {
                    return false;
                }
            }
            at += 66;
            return true;
        }

        private boolean number() {
            int start = at;
            number = 0;
            while (at < length && line[at] >= '0' && line[at] <= '9' && at - start < MAX_DIGITS) {
                number = number * 10 + (line[at++] - '0');
            }
            boolean digits = at > start && !(line[start] == '0' && at - start > 1);
            return digits && (at == length || line[at] < '0' || line[at] > '9');
        }

        private boolean string(boolean nullable) {
            if (nullable && expect(NULL)) {
                return true;
            }
            if (at >= length || line[at] != '"') {
                return false;
            }
            at++;
            while (at < length) {
                int b = line[at] & 0xFF;
                if (PLAIN[b]) {
                    at++;
                    continue;
                }
                if (b == '"') {
                    at++;
                    return true;
                }
                int size = b == '\\' ? escape() : b < 0x80 ? 0 : utf8Sequence(b);
                if (size == 0) {
                    return false;
                }
                at += size;
            }
            return false;
        }

        /** The length of the escape at {@code at} if rootgate writes it so, else 0. */
        private int escape() {
            if (at + 1 >= length) {
                return 0;
            }
            return switch (line[at + 1]) {
                case '"', '\\', 'b', 't', 'n', 'f', 'r' -> 2;
                case 'u' -> controlEscape() ? 6 : 0;
                default -> 0;
            };
        }

        /** A six-character escape of a control character without a short escape: 00 and two upper-case hex digits. */
        private boolean controlEscape() {
            if (at + 6 > length || line[at + 2] != '0' || line[at + 3] != '0' || (line[at + 4] != '0' && line[at + 4] != '1')) {
                return false;
            }
            byte low = line[at + 5];
            int value = (line[at + 4] - '0') * 16 + (low >= '0' && low <= '9' ? low - '0' : low >= 'A' && low <= 'F' ? low - 'A' + 10 : -100);
            return value >= 0 && value != '\b' && value != '\t' && value != '\n' && value != '\f' && value != '\r';
        }

        /** The length of the well-formed UTF-8 sequence (RFC 3629: no overlong form, no surrogate) at {@code at}, else 0. */
        private int utf8Sequence(int lead) {
            int size;
            int secondMin = 0x80;
            int secondMax = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                size = 2;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                size = 3;
                secondMin = lead == 0xE0 ? 0xA0 : 0x80;
                secondMax = lead == 0xED ? 0x9F : 0xBF;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                size = 4;
                secondMin = lead == 0xF0 ? 0x90 : 0x80;
                secondMax = lead == 0xF4 ? 0x8F : 0xBF;
            } else {
                return 0;
            }
            if (at + size > length) {
                return 0;
            }
            int second = line[at + 1] & 0xFF;
            if (second < secondMin || second > secondMax) {
                return 0;
            }
            for (int i = 2; i < size; i++) {
                if ((line[at + i] & 0xC0) != 0x80) {
                    return 0;
                }
            }
            return size;
        }

        private static byte[] ascii(String text) {
            return text.getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** Lines of bytes split at LF, read in large blocks into one reused buffer; remembers whether a line had its LF. */
    static final class Lines {
        private final InputStream in;
        private final byte[] block = new byte[1 << 16];
        private int start;
        private int end;
        private byte[] line = new byte[1024];
        private int length;
        private long number;
        private boolean terminated;

        Lines(InputStream in) {
            this.in = in;
        }

        /** Reads the next line (without its LF) into {@link #bytes()}; false at the end of the input. */
        boolean next() throws IOException {
            length = 0;
            while (true) {
                for (int i = start; i < end; i++) {
                    if (block[i] == '\n') {
                        take(i);
                        start = i + 1;
                        number++;
                        terminated = true;
                        return true;
                    }
                }
                take(end);
                start = 0;
                end = Math.max(0, in.read(block));
                if (end == 0) {
                    if (length == 0) {
                        return false;
                    }
                    number++;
                    terminated = false;
                    return true;
                }
            }
        }

        /** The line's bytes: the first {@link #length()} of them, valid until the next call of {@link #next()}. */
        byte[] bytes() {
            return line;
        }

        int length() {
            return length;
        }

        long number() {
            return number;
        }

        boolean terminated() {
            return terminated;
        }

        private void take(int upTo) {
            int size = upTo - start;
            if (length + size > line.length) {
                line = Arrays.copyOf(line, Math.max(2 * line.length, length + size));
            }
            System.arraycopy(block, start, line, length, size);
            length += size;
        }
    }
}
