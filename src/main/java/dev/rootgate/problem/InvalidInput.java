package dev.rootgate.problem;

import java.util.Map;

/** Bad input: 400 naming the field. Nothing has been written when it is thrown, so nothing is audited. */
public class InvalidInput extends Problem {

    public InvalidInput(String field, String reason) {
        super(400, "invalid_input", field + ": " + reason, Map.of("field", field));
    }
}
