package dev.rootgate.problem;

import java.util.Map;

/** Bad input: 400 naming the field. Nothing has been written when it is thrown, so nothing is audited. */
public class InvalidInput extends Problem {

    public InvalidInput(String field, String reason) {
        super(400, "invalid_input", field + ": " + reason, Map.of("field", field));
    }

    /** Free text may hold line breaks and tabs, never other control characters (NUL, escapes, bidi tricks aside). */
    public static String plainText(String field, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw new InvalidInput(field, "contains a control character (U+" + String.format("%04X", (int) c) + ")");
            }
        }
        return text;
    }
}
