package dev.rootgate.problem;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Bad input: 400 naming the field. Nothing has been written when it is thrown, so nothing is audited. */
public class InvalidInput extends Problem {

    private static final int ZERO_WIDTH_NON_JOINER = 0x200C;
    private static final int ZERO_WIDTH_JOINER = 0x200D;

    private final List<FieldError> errors;

    /** One field's fault: the name the API uses and what is wrong, to be said beside the field on a page. */
    public record FieldError(String field, String reason) {
    }

    public InvalidInput(String field, String reason) {
        super(400, "invalid_input", field + ": " + reason, Map.of("field", field));
        this.errors = List.of(new FieldError(field, reason));
    }

    /** Several fields at once; {@code field} names the first, {@code errors} all, so a form can mark each one. */
    private InvalidInput(List<FieldError> errors) {
        super(400, "invalid_input", errors.stream().map(e -> e.field() + ": " + e.reason())
                .collect(Collectors.joining("; ")), Map.of("field", errors.get(0).field(), "errors", errors));
        this.errors = List.copyOf(errors);
    }

    /** Every field that is wrong; one for most refusals. */
    public List<FieldError> errors() {
        return errors;
    }

    /** Throws what was found wrong, all of it in one refusal; nothing when nothing was. */
    public static void throwAll(List<InvalidInput> found) {
        if (found.size() == 1) {
            throw found.get(0);
        }
        if (!found.isEmpty()) {
            throw new InvalidInput(found.stream().flatMap(e -> e.errors().stream()).toList());
        }
    }

    /**
     * Free text shown to the people who decide: line breaks and tabs, never other control characters, never
     * format characters (bidi embeddings, overrides and isolates, directional marks, zero-width spaces, word
     * joiners, BOMs) that make what an approver reads differ from what was written, and never only invisible
     * characters. The two joiners stay: scripts and emoji sequences need them, and they reorder nothing.
     */
    public static String plainText(String field, String text) {
        boolean visible = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw new InvalidInput(field, "contains a control character (" + codePoint(c) + ")");
            }
            if (Character.getType(c) == Character.SURROGATE) {
                throw new InvalidInput(field, "is not valid Unicode (an unpaired surrogate, " + codePoint(c) + ")");
            }
            if (Character.getType(c) == Character.FORMAT && c != ZERO_WIDTH_NON_JOINER && c != ZERO_WIDTH_JOINER) {
                throw new InvalidInput(field, "contains an invisible formatting character (" + codePoint(c)
                        + "): bidi controls and zero-width characters are refused");
            }
            visible |= !invisible(c);
        }
        if (!text.isEmpty() && !visible) {
            throw new InvalidInput(field, "has no visible character");
        }
        return text;
    }

    /** Spaces of every kind, controls, joiners, and the blank letters (Hangul fillers, braille blank). */
    private static boolean invisible(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                || c == ZERO_WIDTH_NON_JOINER || c == ZERO_WIDTH_JOINER
                || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 || c == 0x2800
                || Character.getType(c) == Character.NON_SPACING_MARK
                || Character.getType(c) == Character.ENCLOSING_MARK;
    }

    private static String codePoint(int c) {
        return String.format("U+%04X", c);
    }
}
